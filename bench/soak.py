#!/usr/bin/env python3
"""A long run of scheduled runs: does the node stay flat once retention applies?

Starts the packaged Micro WAR on embedded H2 (build it first: `mvn -DskipTests package`) with a fresh
home, makes --scripts trivial scripts due every second (warm mode, overlap skip), and keeps them going
until the node has ended --runs runs. Retention keeps --keep-runs runs per script and purges every
--purge-every, so the history stops growing after the first few minutes. Every --sample seconds it
prints one row:

  runs ended    the node's ses_runs_total (all outcomes; OVERLAPPED occurrences end too)
  history       the runs the database holds for the scripts (each script's run list, its total)
  job rows      the batch job repository's executions (ses_job_repository_executions)
  database      the H2 files' size on disk
  heap live     the heap used right after a full collection (jcmd GC.run, then GC.heap_info)
  RSS           the server's resident memory

  python3 bench/soak.py [--runs 100000] [--scripts 50] [--keep-runs 100] [--sample 60]
Prints a Markdown table as it goes, and a summary line at the end.
"""
import argparse
import datetime
import glob
import os
import re
import subprocess
import tempfile
import time

from load import Api, rss_kib
from server import free_port, request, start_server, stop_server

METRIC = re.compile(r"^(ses_runs_total|ses_job_repository_executions)(\{[^}]*\})? ([0-9.eE+-]+)$", re.M)


def metrics(api):
    """Runs ended on the node (all outcomes, and SUCCEEDED), and the job repository's executions."""
    text = request(api.base + "metrics", headers={"Authorization": api.headers["Authorization"]})
    ended, succeeded, job_rows = 0, 0, None
    for name, labels, value in METRIC.findall(text):
        if name == "ses_runs_total":
            ended += int(float(value))
            succeeded += int(float(value)) if '"SUCCEEDED"' in labels else 0
        else:
            job_rows = int(float(value))
    return ended, succeeded, job_rows


def database_bytes(home):
    return sum(os.path.getsize(f) for f in glob.glob(os.path.join(home, "**", "*.db"), recursive=True))


def live_heap_kib(pid):
    """Heap in use right after a full collection: what the server keeps, not what it has yet to collect."""
    jcmd = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "jcmd")
    subprocess.run([jcmd, str(pid), "GC.run"], check=True, capture_output=True)
    info = subprocess.run([jcmd, str(pid), "GC.heap_info"], check=True, capture_output=True, text=True).stdout
    # G1: "garbage-first heap   total 123K, used 45K"; Serial: "def new generation total ..., used ..." and
    # "tenured generation total ..., used ..." (metaspace lines are not heap)
    used = [int(k) for line in info.splitlines() if "Metaspace" not in line and "class space" not in line
            for k in re.findall(r"used (\d+)K", line)]
    if "garbage-first heap" in info:
        return used[0]
    return sum(used)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100_000, help="stop once the node has ended this many runs")
    parser.add_argument("--scripts", type=int, default=50, help="scripts due every second")
    parser.add_argument("--keep-runs", type=int, default=100, help="ses.retention.keep-runs")
    parser.add_argument("--purge-every", default="PT30S", help="ses.retention.interval")
    parser.add_argument("--sample", type=float, default=60, help="seconds between rows")
    parser.add_argument("--mode", default="warm", help="the scripts' run mode: warm or spawn")
    parser.add_argument("--java-opts", default="", help="extra JVM options for the server")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="ses-bench-soak-")
    settings = ["-Dses.retention.keep-runs=%d" % args.keep_runs, "-Dses.retention.interval=" + args.purge_every,
                *args.java_opts.split()]
    process, base = start_server(home, free_port(), settings)
    try:
        api = Api(base)
        start_at = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=5)).replace(microsecond=0)
        schedule = {"kind": "interval", "every": "PT1S", "startAt": start_at.strftime("%Y-%m-%dT%H:%M:%SZ")}
        scripts = [api.create("soak-%d" % i, args.mode, schedule, overlap="skip") for i in range(args.scripts)]
        began = time.time()
        print("| minute | runs ended | of them SUCCEEDED | history | job rows | database MiB | heap live MiB | RSS MiB |")
        print("|---|---|---|---|---|---|---|---|", flush=True)
        rows = []
        while True:
            time.sleep(args.sample)
            ended, succeeded, job_rows = metrics(api)
            history = sum(api.call("api/scripts/%s/runs?limit=1" % script)["total"] for script in scripts)
            row = ((time.time() - began) / 60, ended, succeeded, history, "—" if job_rows is None else job_rows,
                   database_bytes(home) / 2 ** 20, live_heap_kib(process.pid) / 1024, rss_kib(process.pid) / 1024)
            rows.append(row)
            print("| %.0f | %d | %d | %d | %s | %.1f | %.0f | %.0f |" % row, flush=True)
            if ended >= args.runs:
                break
        for script in scripts:
            api.call("api/scripts/" + script, {"active": False}, method="PATCH")
        minutes = rows[-1][0]
        print()
        print("%d runs ended in %.0f min (%.1f a second), %d scripts due every second, keeping %d runs each"
              % (rows[-1][1], minutes, rows[-1][1] / minutes / 60, args.scripts, args.keep_runs))
    finally:
        stop_server(process, home)


if __name__ == "__main__":
    main()
