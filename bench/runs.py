#!/usr/bin/env python3
"""Measures what a run costs, always next to the bare-Python floor in the same run.

Starts the packaged Micro WAR on Payara Micro (build it first:
`mvn -DskipTests package`) with a fresh root directory and a free port, then:

  P1  latency of one forced no-op run through the REST API, from the POST
      (with ?wait, so the answer comes when the run is FINISHED) to the answer,
      once spawned and once forked by a warm worker, against spawning the bare
      harness (python3 -u -I harness.py DIR on a prepared run directory) from
      this process, and against a bare warm worker (worker.py without the
      server or the sandbox) forking it (the warm floor); they alternate,
      one of each per repetition.
  P2  Windmill's task: 40 sequential runs of a fibo(10) script, total wall
      time, spawned and warm, against 40 sequential bare-harness spawns.

With --poll the API measurements poll GET /api/runs/{id} every 2 ms instead
of waiting (how the first figures in BENCHMARKS.md were taken). With
--against DIR a second server, started from another build's micro/target
(say, an older commit's), runs beside this one, and its runs alternate with
this one's within each repetition: a before/after comparison in one run.

Usage: python3 bench/runs.py [--repeat 30] [--sandbox auto|off] [--poll] [--against DIR [--label before]]
Prints Markdown tables (milliseconds) with the ratio to the floor.
"""
import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from server import add_database_option, ROOT, free_port, request, server_for, start_server, stop_server, summary, token

HARNESS = os.path.join(ROOT, "ejb", "src", "main", "resources", "dev", "scriptexecuter", "python", "boundary",
                       "harness.py")
WORKER = os.path.join(os.path.dirname(HARNESS), "worker.py")
NO_OP = "def main(data):\n    pass\n"
FIBO = ("def fibo(n):\n    return n if n < 2 else fibo(n - 1) + fibo(n - 2)\n\n"
        "def main(data):\n    data['result'] = fibo(10)\n")


class Server:
    def __init__(self, base, poll):
        self.base = base
        self.poll = poll
        self.headers = {"Content-Type": "application/json", "Authorization": "Bearer " + token(base)}

    def create(self, name, code, mode):
        # a server that was running (SES_BENCH_URL) may have this benchmark's scripts from an earlier try
        script = {"name": name + ("-%d" % os.getpid() if os.environ.get("SES_BENCH_URL") else ""), "mainCode": code}
        if mode != "default":
            script["policy"] = {"runMode": mode}
        body = json.dumps(script).encode()
        return json.loads(request(self.base + "api/scripts", body, self.headers))["id"]

    def run_and_wait(self, script_id):
        wait = "" if self.poll else "?wait=60s"
        state = json.loads(request(self.base + "api/scripts/%s/runs%s" % (script_id, wait), b'{"force": true}',
                                   self.headers))
        while state["status"] != "FINISHED":
            time.sleep(0.002)
            state = json.loads(request(self.base + "api/runs/" + state["id"], headers=self.headers))
        if state["outcome"] != "SUCCEEDED":
            sys.exit("a benchmark run ended %s: %s" % (state["outcome"], state.get("error")))
        return state


def prepare_run(code, work):
    """A run directory as the server prepares one: main.py and input.json."""
    run_dir = tempfile.mkdtemp(dir=work)
    with open(os.path.join(run_dir, "main.py"), "w") as main:
        main.write(code)
    with open(os.path.join(run_dir, "input.json"), "w") as source:
        json.dump({"data": {}, "force": True}, source)
    return run_dir


def finish_run(run_dir, floor):
    with open(os.path.join(run_dir, "output.json")) as output:
        outcome = json.load(output)["outcome"]
    shutil.rmtree(run_dir)
    if outcome != "SUCCEEDED":
        sys.exit("the %s ended %s" % (floor, outcome))


def bare_harness(code, work):
    """One spawn of the harness as the server would start it, minus the server (no sandbox, no limits)."""
    run_dir = prepare_run(code, work)
    subprocess.run([sys.executable, "-u", "-I", HARNESS, run_dir], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.STDOUT)
    finish_run(run_dir, "bare harness")


class BareWorker:
    """A warm worker as the server starts one (worker.py, the harness loaded once, a child forked per run),
    minus the server: no sandbox, no limits, driven from this process. The warm floor."""

    def __init__(self):
        self.process = subprocess.Popen([sys.executable, "-u", "-I", WORKER, HARNESS], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE)
        if "ready" not in self.reply():
            sys.exit("the bare warm worker did not start")

    def reply(self):
        return json.loads(self.process.stdout.readline())

    def run(self, code, work):
        run_dir = prepare_run(code, work)
        fifo = os.path.join(run_dir, "output.fifo")
        request = {"op": "run", "dir": run_dir, "output": fifo, "env": {}}
        self.process.stdin.write((json.dumps(request) + "\n").encode())
        self.process.stdin.flush()
        self.reply()  # {"started": pid}
        with open(fifo, "rb") as log:  # the run's log, read to its end as the server does
            log.read()
        if self.reply().get("exit") != 0:
            sys.exit("a bare warm run failed")
        finish_run(run_dir, "bare warm worker")

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def millis(action):
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def side_by_side(servers, work, name, code, repeat, runs, warmups, modes):
    """Runs in each mode on each server and bare spawns of the same code, alternating; `runs` in a row per
    sample. `servers` maps a label ("" for this build's) to a Server; a kind is a mode and that label."""
    scripts = {kind_name(mode, label): (server, server.create(name + "-" + mode, code, mode))
               for label, server in servers.items() for mode in modes}
    worker = BareWorker()
    for _ in range(warmups):
        for server, script in scripts.values():
            server.run_and_wait(script)
        bare_harness(code, work)
        worker.run(code, work)
    samples = {kind: [] for kind in list(scripts) + ["bare", "bare-warm"]}
    phases = {kind: ([], []) for kind in scripts}

    def api_runs(kind, server, script):
        for _ in range(runs):
            run = server.run_and_wait(script)
            phases[kind][0].append(between(run["queuedAt"], run["startedAt"]))
            phases[kind][1].append(between(run["startedAt"], run["finishedAt"]))

    for _ in range(repeat):
        for kind, (server, script) in scripts.items():
            samples[kind].append(millis(lambda: api_runs(kind, server, script)))
        samples["bare"].append(millis(lambda: [bare_harness(code, work) for _ in range(runs)]))
        samples["bare-warm"].append(millis(lambda: [worker.run(code, work) for _ in range(runs)]))
    worker.close()
    figures = {kind: summary(values) for kind, values in samples.items()}
    figures["phases"] = {kind: (statistics.median(queued), statistics.median(started))
                         for kind, (queued, started) in phases.items()}
    return figures


def kind_name(mode, label):
    return mode if not label else "%s (%s)" % (mode, label)


def between(earlier, later):
    """Milliseconds between two of a run's ISO-8601 times, as the server recorded them."""
    parse = lambda text: datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (parse(later) - parse(earlier)).total_seconds() * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30, help="P1 repetitions (P2 does a fifth of them, at least 1)")
    parser.add_argument("--sandbox", default="auto", help="the server's ses.sandbox")
    parser.add_argument("--poll", action="store_true", help="poll for the end of a run instead of ?wait")
    parser.add_argument("--warmup", type=int, default=100,
                        help="P1 runs of each kind before measuring, so the server's JIT has compiled the run path")
    parser.add_argument("--modes", default="spawn,warm",
                        help="process modes to measure; \"default\" sets none (for a server without warm workers)")
    parser.add_argument("--against", help="micro/target folder of another build to run beside this one")
    parser.add_argument("--label", default="before", help="what the tables call the --against build")
    add_database_option(parser)
    args = parser.parse_args()
    modes = args.modes.split(",")
    if args.against and args.database != "h2":
        sys.exit("--against needs the embedded database: each server keeps its own")
    home = tempfile.mkdtemp(prefix="ses-bench-")
    work = tempfile.mkdtemp(prefix="ses-bench-bare-")
    other_home = tempfile.mkdtemp(prefix="ses-bench-against-") if args.against else None
    settings = ["-Dses.sandbox=" + args.sandbox]
    process, base = server_for(home, settings, database=args.database)
    other = start_server(other_home, free_port(), settings, target=args.against) if args.against else None
    try:
        servers = {"": Server(base, args.poll)}
        if other:
            servers[args.label] = Server(other[1], args.poll)
        p1 = side_by_side(servers, work, "bench-noop", NO_OP, args.repeat, 1, args.warmup, modes)
        p2 = side_by_side(servers, work, "bench-fibo", FIBO, max(1, args.repeat // 5), 40, 1, modes)
        print("| measurement | median ms | p90 ms | median / floor |")
        print("|---|---|---|---|")
        for label, figures in (("P1 no-op run: %s", p1), ("P2 40 sequential fibo(10) runs: %s", p2)):
            floor = figures["bare"][0]
            names = {"bare": "bare harness spawn (floor)", "bare-warm": "bare warm worker fork (warm floor)",
                     "spawn": "spawned, through the API",
                     "warm": "warm, through the API", "default": "the server's default, through the API"}
            for measured in ["bare"] + [k for k in figures if k not in ("bare", "phases")]:
                mode, _, tag = measured.partition(" ")
                median, p90 = figures[measured]
                print("| %s | %.1f | %.1f | %.2f |" % (label % (names[mode] + (" " + tag if tag else "")), median,
                                                       p90, median / floor))
        print()
        print("Where a P1 run's time goes, as the server recorded it (medians, ms):")
        print()
        print("| mode | queued until started | started until finished |")
        print("|---|---|---|")
        for measured, phase in p1["phases"].items():
            print("| %s | %.1f | %.1f |" % ((measured,) + phase))
    finally:
        stop_server(process, home, work)
        if other:
            stop_server(other[0], other_home)


if __name__ == "__main__":
    main()
