#!/usr/bin/env python3
"""Measures what a run costs, always next to the bare-Python floor in the same run.

Starts the packaged Micro WAR on Payara Micro (build it first:
`mvn -DskipTests package`) with a fresh root directory and a free port, then:

  P1  latency of one forced no-op run through the REST API, from the POST until
      GET /api/runs/{id} says FINISHED, against spawning the bare harness
      (python3 -u -I harness.py DIR on a prepared run directory) from this
      process; the two alternate, one of each per repetition.
  P2  Windmill's task: 40 sequential runs of a fibo(10) script, total wall
      time, against 40 sequential bare-harness spawns of the same script.

Usage: python3 bench/runs.py [--repeat 30] [--sandbox auto|off]
Prints Markdown tables (milliseconds) with the ratio to the floor.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from server import ROOT, free_port, request, start_server, summary, token

HARNESS = os.path.join(ROOT, "ejb", "src", "main", "resources", "dev", "scriptexecuter", "python", "control",
                       "harness.py")
NO_OP = "def main(data):\n    pass\n"
FIBO = ("def fibo(n):\n    return n if n < 2 else fibo(n - 1) + fibo(n - 2)\n\n"
        "def main(data):\n    data['result'] = fibo(10)\n")


class Server:
    def __init__(self, base):
        self.base = base
        self.headers = {"Content-Type": "application/json", "Authorization": "Bearer " + token(base)}

    def create(self, name, code):
        body = json.dumps({"name": name, "mainCode": code}).encode()
        return json.loads(request(self.base + "api/scripts", body, self.headers))["id"]

    def run_and_wait(self, script_id):
        run = json.loads(request(self.base + "api/scripts/%s/runs" % script_id, b'{"force": true}', self.headers))
        while True:
            state = json.loads(request(self.base + "api/runs/" + run["id"], headers=self.headers))
            if state["status"] == "FINISHED":
                if state["outcome"] != "SUCCEEDED":
                    sys.exit("a benchmark run ended %s: %s" % (state["outcome"], state.get("error")))
                return state
            time.sleep(0.002)


def bare_harness(code, work):
    """One spawn of the harness as the server would start it, minus the server (no sandbox, no limits)."""
    run_dir = tempfile.mkdtemp(dir=work)
    with open(os.path.join(run_dir, "main.py"), "w") as main:
        main.write(code)
    with open(os.path.join(run_dir, "input.json"), "w") as source:
        json.dump({"data": {}, "force": True}, source)
    subprocess.run([sys.executable, "-u", "-I", HARNESS, run_dir], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.STDOUT)
    with open(os.path.join(run_dir, "output.json")) as output:
        outcome = json.load(output)["outcome"]
    shutil.rmtree(run_dir)
    if outcome != "SUCCEEDED":
        sys.exit("the bare harness ended " + outcome)


def millis(action):
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def p1(server, work, repeat):
    script = server.create("bench-noop", NO_OP)
    for _ in range(3):
        server.run_and_wait(script)
        bare_harness(NO_OP, work)
    api, bare = [], []
    for _ in range(repeat):
        api.append(millis(lambda: server.run_and_wait(script)))
        bare.append(millis(lambda: bare_harness(NO_OP, work)))
    return summary(api), summary(bare)


def p2(server, work, repeat):
    script = server.create("bench-fibo", FIBO)
    server.run_and_wait(script)
    api, bare = [], []
    for _ in range(repeat):
        api.append(millis(lambda: [server.run_and_wait(script) for _ in range(40)]))
        bare.append(millis(lambda: [bare_harness(FIBO, work) for _ in range(40)]))
    return summary(api), summary(bare)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30, help="P1 repetitions (P2 does a fifth of them, at least 1)")
    parser.add_argument("--sandbox", default="auto", help="the server's ses.sandbox")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="ses-bench-")
    work = tempfile.mkdtemp(prefix="ses-bench-bare-")
    process, base = start_server(home, free_port(), ["-Dses.sandbox=" + args.sandbox])
    try:
        server = Server(base)
        (api1, bare1) = p1(server, work, args.repeat)
        (api2, bare2) = p2(server, work, max(1, args.repeat // 5))
        print("| measurement | median ms | p90 ms | median / floor |")
        print("|---|---|---|---|")
        print("| P1 bare harness spawn (floor) | %.1f | %.1f | 1.0 |" % bare1)
        print("| P1 forced no-op run through the API | %.1f | %.1f | %.1f |" % (api1[0], api1[1], api1[0] / bare1[0]))
        print("| P2 40 bare fibo(10) spawns (floor) | %.0f | %.0f | 1.0 |" % bare2)
        print("| P2 40 sequential fibo(10) runs through the API | %.0f | %.0f | %.1f |"
              % (api2[0], api2[1], api2[0] / bare2[0]))
    finally:
        process.terminate()
        process.wait(60)
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
