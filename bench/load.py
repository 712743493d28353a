#!/usr/bin/env python3
"""Throughput, schedule lateness, start-up time and memory, next to the bare-Python floor.

Starts the packaged Micro WAR on Payara Micro (build it first:
`mvn -DskipTests package`) with a fresh root directory and a free port, then:

  P6  cold start: from starting the JVM until the login page answers; the
      server's resident memory (RSS) idle after start-up, and its largest
      RSS (and that of its Python processes) sampled during P3.
  P3  a burst of forced no-op runs: N runs from C clients at once (each one
      waits for its run with ?wait, then asks for the next), spread over C
      scripts, spawned and warm; against C threads spawning the bare
      harness N times in all (the floor), and against C bare warm workers
      (worker.py without the server) forking it N times in all (the warm
      floor: what forking alone costs on this machine). Runs per second.
  P4  schedule lateness: R scripts due every second (R = 10, 50, 100) for
      D seconds, spawned and warm; startedAt - scheduledFor of the runs that
      ran (p50, p99), the occurrences that did not run (OVERLAPPED,
      MISSED or never recorded), and the server's CPU time per run: the
      JVM's user + system CPU over the window (creating the scripts, the
      runs, pausing them, catching up) divided by the runs that ran. After
      the pause the harness waits (up to 120 s) until every occurrence of
      the window has its row and every row is final, so "not recorded"
      counts occurrences lost, not ones the node had not reached yet; an
      occurrence before its script was created is not expected.

--jfr FILE records a Java Flight Recording of the whole benchmark (profile
settings) into FILE, to see where the server's time goes.

Usage: python3 bench/load.py [--runs 200] [--clients 8] [--rates 10,50,100] [--seconds 20] [--java-opts="..."]
Prints Markdown tables.
"""
import argparse
import concurrent.futures
import datetime
import json
import os
import statistics
import sys
import tempfile
import threading
import time

from runs import NO_OP, BareWorker, bare_harness
from server import add_database_option, free_port, memory_kib, percentile, request, start_server, stop_server, token


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


class Api:
    def __init__(self, base):
        self.base = base
        self.headers = {"Content-Type": "application/json", "Authorization": "Bearer " + token(base)}

    def call(self, path, body=None, method=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        headers = dict(self.headers)
        if method == "PATCH":
            headers["Content-Type"] = "application/merge-patch+json"
        return json.loads(request(self.base + path, data, headers, method=method, timeout=timeout) or "null")

    def create(self, name, mode, schedule=None, overlap="allow"):
        policy = {"overlap": overlap}
        if mode != "default":
            policy["runMode"] = mode
        script = {"name": name, "mainCode": NO_OP, "policy": policy}
        if schedule:
            script["schedule"] = schedule
        return self.call("api/scripts", script)["id"]

    def run_and_wait(self, script_id):
        run = self.call("api/scripts/%s/runs?wait=120s" % script_id, {"force": True})
        while run["status"] != "FINISHED":  # a server without ?wait answers at once
            time.sleep(0.005)
            run = self.call("api/runs/" + run["id"])
        if run["outcome"] != "SUCCEEDED":
            sys.exit("a burst run ended %s: %s" % (run.get("outcome"), run.get("error")))

    def runs_of(self, script_id):
        items, offset = [], 0
        while True:
            page = self.call("api/scripts/%s/runs?limit=500&offset=%d" % (script_id, offset))
            items += page["items"]
            offset += len(page["items"])
            if offset >= page["total"] or not page["items"]:
                return items


def rss_kib(pid):
    return memory_kib(pid)[0]


def cpu_seconds(pid):
    """The process's user + system CPU time so far (not its children's)."""
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants(pid):
    """Every process below pid (the server's Python processes)."""
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        kids = []
        try:
            for task in os.listdir("/proc/%d/task" % parent):  # each thread lists the children it started
                with open("/proc/%d/task/%s/children" % (parent, task)) as children:
                    kids += [int(p) for p in children.read().split()]
        except OSError:
            pass
        found += kids
        frontier += kids
    return found


class MemorySampler(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.server_max = 0
        self.python_max = 0
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(0.2):
            self.server_max = max(self.server_max, rss_kib(self.pid))
            self.python_max = max(self.python_max, sum(rss_kib(p) for p in descendants(self.pid)))


def burst(api, work, mode, runs, clients):
    scripts = [api.create("burst-%s-%d" % (mode, i), mode) for i in range(clients)]
    for script in scripts:
        api.run_and_wait(script)  # warm-up: workers started, classes loaded
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(api.run_and_wait, [scripts[i % clients] for i in range(runs)]))
    return runs / (time.perf_counter() - start)


def bare_warm_burst(work, runs, clients):
    """The warm floor: C bare warm workers (no server, no sandbox), each forking its share of the runs."""
    workers = [BareWorker() for _ in range(clients)]
    try:
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(lambda i: [workers[i].run(NO_OP, work) for _ in range(runs // clients)], range(clients)))
        return (runs // clients * clients) / (time.perf_counter() - start)
    finally:
        for worker in workers:
            worker.close()


def bare_burst(work, runs, clients):
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(lambda _: bare_harness(NO_OP, work), range(runs)))
    return runs / (time.perf_counter() - start)


SETTLE_SECONDS = 120


def window_runs(api, scripts, start_at, end_at):
    """The scripts' scheduled runs due from start_at to before end_at."""
    runs = []
    for script in scripts:
        for run in api.runs_of(script):
            due = parse_time(run["scheduledFor"]) if run.get("scheduledFor") else None
            if due is not None and start_at <= due < end_at:
                runs.append(run)
    return runs


def lateness(api, pid, mode, rate, seconds, prefix="due"):
    cpu_before = cpu_seconds(pid)
    start_at = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=5)).replace(microsecond=0)
    schedule = {"kind": "interval", "every": "PT1S", "startAt": start_at.strftime("%Y-%m-%dT%H:%M:%SZ")}
    scripts = [api.create("%s-%s-%d-%d" % (prefix, mode, rate, i), mode, schedule, overlap="skip")
               for i in range(rate)]
    end_at = start_at + datetime.timedelta(seconds=seconds)
    time.sleep(max(0.0, (end_at - datetime.datetime.now(datetime.timezone.utc)).total_seconds()))
    for script in scripts:
        api.call("api/scripts/" + script, {"active": False}, method="PATCH")
    # a script created after start_at owes no row for the occurrences before it existed (creating a hundred
    # scripts on a loaded node can take longer than the 5 s head start)
    created = [parse_time(api.call("api/scripts/" + script)["createdAt"]) for script in scripts]
    expected = sum(sum(1 for i in range(seconds) if start_at + datetime.timedelta(seconds=i) > at) for at in created)
    # the node may still be catching up with occurrences that came due before the pause: wait until every one
    # has its row and every row is final (or SETTLE_SECONDS pass), so "not recorded" counts only what is lost
    deadline = time.time() + SETTLE_SECONDS
    while True:
        time.sleep(2)
        runs = window_runs(api, scripts, start_at, end_at)
        if (len(runs) >= expected and all(run.get("outcome") for run in runs)) or time.time() > deadline:
            break
    cpu = cpu_seconds(pid) - cpu_before
    late, outcomes = [], {}
    ran = 0
    for run in runs:
        outcome = run.get("outcome") or run["status"]
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if run.get("startedAt"):
            ran += 1
            late.append((parse_time(run["startedAt"]) - parse_time(run["scheduledFor"])).total_seconds() * 1000)
    recorded = sum(outcomes.values())
    not_run = expected - ran
    return (statistics.median(late) if late else float("nan"), percentile(late, 0.99) if late else float("nan"),
            not_run, expected, expected - recorded, cpu * 1000 / max(ran, 1), outcomes)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200, help="P3: forced runs in the burst")
    parser.add_argument("--clients", type=int, default=8, help="P3: runs going at once (ses.run.max-concurrent is 8)")
    parser.add_argument("--rates", default="10,50,100", help="P4: scripts due every second, comma-separated")
    parser.add_argument("--seconds", type=int, default=20, help="P4: how long each rate is kept up")
    parser.add_argument("--sandbox", default="auto", help="the server's ses.sandbox")
    parser.add_argument("--modes", default="spawn,warm",
                        help="process modes to measure; \"default\" sets none (for a server without warm workers)")
    parser.add_argument("--workers", type=int, help="the server's ses.worker.max (warm workers; default 16)")
    parser.add_argument("--jfr", help="record a Java Flight Recording (profile settings) into this file")
    parser.add_argument("--java-opts", default="", help="extra JVM options for the server (say, another collector)")
    add_database_option(parser)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="ses-bench-")
    work = tempfile.mkdtemp(prefix="ses-bench-bare-")
    started = time.perf_counter()
    settings = ["-Dses.sandbox=" + args.sandbox]
    if args.workers:
        settings.append("-Dses.worker.max=%d" % args.workers)
    settings += args.java_opts.split()
    if args.jfr:
        settings.append("-XX:StartFlightRecording=settings=profile,filename=" + os.path.abspath(args.jfr))
    process, base = start_server(home, free_port(), settings, database=args.database)
    cold_start = time.perf_counter() - started
    try:
        time.sleep(5)
        idle_rss = rss_kib(process.pid)
        api = Api(base)
        sampler = MemorySampler(process.pid)
        sampler.start()
        modes = args.modes.split(",")
        throughput = {mode: burst(api, work, mode, args.runs, args.clients) for mode in modes}
        sampler.stopped.set()
        bare = bare_burst(work, args.runs, args.clients)
        bare_warm = bare_warm_burst(work, args.runs, args.clients)
        rows = []
        for rate in [int(r) for r in args.rates.split(",")]:
            for mode in modes:
                rows.append((rate, mode) + lateness(api, process.pid, mode, rate, args.seconds))

        print("| P6 measurement | value |")
        print("|---|---|")
        print("| cold start until the login page answers | %.1f s |" % cold_start)
        print("| server RSS, idle after start-up | %d MiB |" % (idle_rss // 1024))
        print("| server RSS, largest during P3 | %d MiB |" % (sampler.server_max // 1024))
        print("| its Python processes' RSS, largest sum during P3 | %d MiB |" % (sampler.python_max // 1024))
        print()
        print("| P3 burst of %d no-op runs, %d at once | runs/s | / floor | / warm floor |" % (args.runs, args.clients))
        print("|---|---|---|---|")
        print("| bare harness spawns, %d threads (floor) | %.1f | 1.00 | %.2f |" % (args.clients, bare, bare / bare_warm))
        print("| bare warm workers forking the harness, %d threads (warm floor) | %.1f | %.2f | 1.00 |"
              % (args.clients, bare_warm, bare_warm / bare))
        for mode in modes:
            print("| %s, through the API (?wait) | %.1f | %.2f | %.2f |" % (
                mode, throughput[mode], throughput[mode] / bare, throughput[mode] / bare_warm))
        print()
        print("| P4 due per second | mode | lateness p50 ms | p99 ms | occurrences not run | not recorded"
              " | server CPU ms per run | outcomes |")
        print("|---|---|---|---|---|---|---|---|")
        for rate, mode, p50, p99, not_run, expected, unrecorded, cpu_ms, outcomes in rows:
            print("| %d | %s | %.0f | %.0f | %d of %d | %d | %.1f | %s |" % (
                rate, mode, p50, p99, not_run, expected, unrecorded, cpu_ms,
                json.dumps(outcomes, sort_keys=True)))
    finally:
        stop_server(process, home, work)


if __name__ == "__main__":
    main()
