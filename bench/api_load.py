#!/usr/bin/env python3
"""P5: API latency under load with many scripts stored, next to a static file as the floor.

Starts the packaged Micro WAR on Payara Micro (build it first:
`mvn -DskipTests package`) with a fresh root directory and a free port,
creates N scripts through the REST API, then runs wrk (Debian: apt-get
install wrk) with C connections for D seconds against, one after the other:

  static-file  a static CSS file (HTTP and servlet, no security, no database): the floor
  api-page     GET /api/scripts?limit=50      (bearer token; one page of summaries and the count)
  api-read     GET /api/scripts/{id}          (bearer token; one script with its code and data)

Usage: python3 bench/api_load.py [--scripts 10000] [--connections 50] [--seconds 20]
Prints a Markdown table: p50, p99 (ms) and requests per second, with the p50 ratio to the floor.
"""
import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time

from scripts_list import SEED_TAG, seed
from server import add_database_option, request, server_for, stop_server, token


def wrk(url, connections, seconds, headers=()):
    command = ["wrk", "-t2", "-c%d" % connections, "-d%ds" % seconds, "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)\s*$", output, re.MULTILINE))
    if len(latency) != 2:
        sys.exit("wrk's output has no latency distribution:\n" + output)
    per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        sys.exit("wrk saw %s failed responses from %s:\n%s" % (errors.group(1), url, output))
    return millis(latency["50"]), millis(latency["99"]), per_second


def millis(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scripts", type=int, default=10000)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20)
    add_database_option(parser)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    home = tempfile.mkdtemp(prefix="ses-bench-")
    process, base = server_for(home, database=args.database)
    try:
        bearer = token(base)
        started = time.time()
        seed(base, bearer, args.scripts, clients=8)
        print("seeded %d scripts in %.0f s" % (args.scripts, time.time() - started), file=sys.stderr)
        auth = "Authorization: Bearer " + bearer
        some = json.loads(request(base + "api/scripts?limit=1&tag=%s&offset=%d" % (SEED_TAG, args.scripts // 2),
                                  headers={"Authorization": "Bearer " + bearer}))["items"][0]["id"]
        rows = [("static-file", base + "jakarta.faces.resource/css/app.css.xhtml", ()),
                ("api-page", base + "api/scripts?limit=50", (auth,)),
                ("api-read", base + "api/scripts/" + some, (auth,))]
        for _, url, headers in rows:
            wrk(url, args.connections, max(2, args.seconds // 4), headers)  # warm-up: the JIT compiles the paths
        results = [(name,) + wrk(url, args.connections, args.seconds, headers) for name, url, headers in rows]
        floor = results[0][1]
        print("| P5 (%d scripts, %d connections, %d s each) | p50 ms | p99 ms | requests/s | p50 / floor |"
              % (args.scripts, args.connections, args.seconds))
        print("|---|---|---|---|---|")
        for name, p50, p99, per_second in results:
            print("| %s | %.1f | %.1f | %.0f | %.1f |" % (name, p50, p99, per_second, p50 / floor))
    finally:
        stop_server(process, home)


if __name__ == "__main__":
    main()
