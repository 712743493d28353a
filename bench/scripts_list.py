#!/usr/bin/env python3
"""Measures how fast the scripts list opens with many scripts stored.

Starts the packaged Micro WAR on Payara Micro (build it first:
`mvn -DskipTests package`) with a fresh root directory and a free port,
creates N scripts through the REST API, then times, side by side in one run:

  api-page     GET /api/scripts?limit=50           (JSON, bearer token)
  list-page    GET /  as a logged-in browser       (the whole HTML page of the dashboard)
  list-filter  the page loaded, then filtered by a name (the table's AJAX request)
  static-file  GET a static CSS resource            (the floor: HTTP + servlet, no database)

Usage: python3 bench/scripts_list.py [--scripts 10000] [--repeat 30]
Prints a Markdown table of medians and 90th percentiles, in milliseconds.
"""
import argparse
import concurrent.futures
import http.cookiejar
import json
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from server import add_database_option, admin_password, request, server_for, stop_server, token


SEED_TAG = "bench-seed"


def seed(base, bearer, count, clients=4):
    headers = {"Content-Type": "application/json", "Authorization": "Bearer " + bearer}
    # the seeded scripts have a tag of their own: a server seeded before (or with scripts of its own) gets the rest
    existing = json.loads(request(base + "api/scripts?limit=1&tag=" + SEED_TAG, headers=headers))["total"]

    def create(i):
        script = {"name": "bench-%05d" % i, "description": "benchmark script %d" % i, "tags": [SEED_TAG],
                  "mainCode": "def main(data):\n    data['n'] = data.get('n', 0) + 1\n",
                  "schedule": {"kind": "cron", "cron": "0 %d %d * * *" % (i % 60, i % 24)}, "active": i % 7 != 0}
        request(base + "api/scripts", json.dumps(script).encode(), headers)

    with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(create, range(existing, count)))


def browser_session(base):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = request(base + "login.xhtml", opener=opener)
    state = re.search(r'name="jakarta.faces.ViewState" id="[^"]*" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"login": "login", "login:username": "admin", "login:password": admin_password(),
                                   "login:submit": "", "jakarta.faces.ViewState": state}).encode()
    request(base + "login.xhtml", form, {"Content-Type": "application/x-www-form-urlencoded"}, opener=opener)
    return opener


def ajax_filter(base, opener, name):
    page = request(base + "index.xhtml", opener=opener)
    state = re.search(r'name="jakarta.faces.ViewState" id="[^"]*" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({
        "jakarta.faces.partial.ajax": "true", "jakarta.faces.source": "list:scripts",
        "jakarta.faces.partial.execute": "list:scripts", "jakarta.faces.partial.render": "list:scripts",
        "list:scripts": "list:scripts", "list:scripts_filtering": "true", "list:scripts_encodeFeature": "true",
        "list:scripts:name:filter": name, "list": "list", "jakarta.faces.ViewState": state}).encode()
    return request(base + "index.xhtml", form, {"Content-Type": "application/x-www-form-urlencoded",
                                                "Faces-Request": "partial/ajax"}, opener=opener)


def timed(action, repeat, warm_up=5):
    for _ in range(warm_up):
        action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scripts", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=30)
    add_database_option(parser)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="ses-bench-")
    process, base = server_for(home, database=args.database)
    try:
        bearer = token(base)
        started = time.time()
        seed(base, bearer, args.scripts)
        print("seeded %d scripts in %.0f s" % (args.scripts, time.time() - started), file=sys.stderr)
        api_headers = {"Authorization": "Bearer " + bearer}
        opener = browser_session(base)
        page = request(base + "index.xhtml", opener=opener)
        assert "Scripts" in page and "bench-" in page, "the list page did not show the scripts"
        wanted = "bench-%05d" % (args.scripts // 2)
        filtered = ajax_filter(base, opener, wanted)
        assert wanted in filtered and "bench-00000" not in filtered, "the filter did not narrow the list"
        rows = [
            ("static-file", lambda: request(base + "jakarta.faces.resource/css/app.css.xhtml", opener=opener)),
            ("api-page", lambda: request(base + "api/scripts?limit=50", headers=api_headers)),
            ("list-page", lambda: request(base + "index.xhtml", opener=opener)),
            ("list-filter", lambda: ajax_filter(base, opener, wanted)),
        ]
        print("| measurement (%d scripts, %d repeats) | median ms | p90 ms |" % (args.scripts, args.repeat))
        print("|---|---|---|")
        for name, action in rows:
            median, p90 = timed(action, args.repeat)
            print("| %s | %.1f | %.1f |" % (name, median, p90))
    finally:
        stop_server(process, home)


if __name__ == "__main__":
    main()
