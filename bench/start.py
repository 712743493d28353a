#!/usr/bin/env python3
"""P6 start-up and memory, side by side: how long a restart takes until the login page answers, and the
server's resident memory once it is idle, for each way of starting the Micro WAR on embedded H2:

  jar       java -jar payara-micro.jar --rootDir ... (how the run command started it before
            config/payara/start-micro.sh: the runtime is unpacked at every start)
  launcher  config/payara/start-micro.sh with SES_AOT=off (the runtime unpacked once)
  aot       config/payara/start-micro.sh (unpacked once; the JVM's ahead-of-time cache, recorded by the
            first start and written when it stops)

Each kind gets a home of its own, started once before the measurement (it creates the database and, for
aot, records the cache; that first start and the stop that writes the cache are reported apart); then the
kinds take turns, --restarts times each. RSS is split into anonymous memory (heap, metaspace, code: what
the server itself uses) and file-backed pages (the jars and the cache mapped read-only, which the kernel
can drop and share). --java-opts adds JVM options to every kind, for trying memory settings.

--single-node and --env try other Payara Micro options and environment variables the same way.

  python3 bench/start.py [--restarts 5] [--idle 10] [--kinds jar,launcher,aot] [--java-opts="-Xms32m ..."]
                         [--single-node=--nocluster] [--env MALLOC_ARENA_MAX=2]
"""
import argparse
import shlex
import shutil
import statistics
import tempfile
import time

from server import SINGLE_NODE, free_port, memory_kib, start_server, stop_server

KINDS = {"jar": ("jar", {}), "launcher": ("script", {"SES_AOT": "off"}), "aot": ("script", {})}


OPTIONS = {"single_node": None, "environment": {}}


def start(kind, home, settings):
    launcher, environment = KINDS[kind]
    began = time.perf_counter()
    process, _ = start_server(home, free_port(), settings, launcher=launcher,
                              environment=dict(environment, **OPTIONS["environment"]),
                              single_node=OPTIONS["single_node"])
    return process, time.perf_counter() - began


def first_start(kind, home, settings):
    """Seconds to the login page of a new home's first start, and seconds its stop took (aot: writing the cache)."""
    process, seconds = start(kind, home, settings)
    began = time.perf_counter()
    stop_server(process)
    return seconds, time.perf_counter() - began


def restart(kind, home, settings, idle):
    """Seconds to the login page, and memory_kib once idle."""
    process, seconds = start(kind, home, settings)
    try:
        time.sleep(idle)
        return seconds, memory_kib(process.pid)
    finally:
        stop_server(process)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--restarts", type=int, default=5, help="measured restarts of each kind")
    parser.add_argument("--idle", type=float, default=10, help="seconds after start-up before RSS is read")
    parser.add_argument("--kinds", default="jar,launcher,aot", help="comma-separated: " + ", ".join(KINDS))
    parser.add_argument("--java-opts", default="", help="extra JVM options for every kind")
    parser.add_argument("--single-node", help="Payara Micro options keeping it to one node, instead of "
                        + " ".join(SINGLE_NODE) + " (say, --nocluster)")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server's environment")
    args = parser.parse_args()
    if args.single_node:
        OPTIONS["single_node"] = args.single_node.split()
    OPTIONS["environment"] = dict(pair.split("=", 1) for pair in args.env)
    kinds = args.kinds.split(",")
    settings = shlex.split(args.java_opts)
    homes = {kind: tempfile.mkdtemp(prefix="ses-bench-start-%s-" % kind) for kind in kinds}
    try:
        first = {kind: first_start(kind, homes[kind], settings) for kind in kinds}
        starts = {kind: [] for kind in kinds}
        memory = {kind: [] for kind in kinds}
        for _ in range(args.restarts):
            for kind in kinds:
                seconds, kib = restart(kind, homes[kind], settings, args.idle)
                starts[kind].append(seconds)
                memory[kind].append(kib)
        base = statistics.median(starts[kinds[0]])
        print("| P6 start kind | first start s | its stop s | restart s, median (min–max) | / %s"
              " | idle RSS MiB | anonymous | file-backed |" % kinds[0])
        print("|---|---|---|---|---|---|---|---|")
        for kind in kinds:
            median = statistics.median(starts[kind])
            rss, anonymous, files = (statistics.median(m[i] for m in memory[kind]) // 1024 for i in range(3))
            print("| %s | %.1f | %.1f | %.1f (%.1f–%.1f) | %.2f | %d | %d | %d |" % (
                kind, first[kind][0], first[kind][1], median, min(starts[kind]), max(starts[kind]),
                median / base, rss, anonymous, files))
        print()
        print("%d restarts of each kind, taking turns; RSS %g s after the login page answered; JVM options: %s;"
              " Payara Micro: %s; environment: %s" % (args.restarts, args.idle, args.java_opts or "none",
                                                      " ".join(OPTIONS["single_node"] or SINGLE_NODE),
                                                      " ".join(args.env) or "as is"))
    finally:
        for home in homes.values():
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
