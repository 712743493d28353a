#!/usr/bin/env python3
"""P7: reading a long history: 10,000 scripts and 1,000,000 runs stored, on MariaDB.

For each build given (this checkout's, and with --against another build's
micro/target folder, side by side in one run), starts the packaged Micro WAR
on a fresh MariaDB database (at $SES_BENCH_MARIADB, default 127.0.0.1:3306, as
$SES_BENCH_MARIADB_USER, default root, with $SES_BENCH_MARIADB_PASSWORD, default
none), makes one script and one run through the REST API,
then copies them in bulk with SQL (MariaDB's seq_1_to_N tables): S scripts in
all, R runs in all, of which a tenth are FAILED and B belong to one busy script
(a script due every ten seconds for a fortnight), the rest spread over the
others. Then wrk (Debian: apt-get install wrk) with C connections for D
seconds, one after the other:

  static-file    a static CSS file: the floor
  api-page       GET /api/scripts?limit=50
  api-read       GET /api/scripts/{id}
  history-first  GET /api/scripts/{busy}/runs?outcome=FAILED&limit=50  (the first page, with its count)
  history-deep   the page half-way down the busy script's history: ?offset=B/2 on a build without
                 cursors, ?after=<the cursor there> on one with them

Then the retention purge beside a schedule: L scripts due every second (warm, overlap skip, as load.py's
P4) for P seconds, twice: first alone, then with an admin's purge (POST /api/retention/purge) started
a few seconds in, which deletes what the default retention (1,000 runs a script) no longer keeps: the
busy script's B - K oldest runs (--keep-runs K). Prints the purge's runs a second and the lateness of both windows.

Usage: python3 bench/history.py [--scripts 10000] [--runs 1000000] [--busy 100000] [--connections 50]
                                [--seconds 20] [--against OTHER/micro/target --label before]
                                [--due 10] [--purge-window 60] [--keep-runs 1000]
Prints Markdown tables per build: p50, p99 (ms), requests per second, p50 / floor; then the purge.
"""
import argparse
import json
import shutil
import sys
import tempfile
import threading
import time

from api_load import wrk
from load import Api, lateness
from server import MARIADB_DATABASE, free_port, mysql, request, start_server, stop_server, token


def sql(statement):
    return mysql("-N", "-B", MARIADB_DATABASE, "-e", statement, capture_output=True, text=True).stdout


def columns(table):
    return sql("SELECT column_name FROM information_schema.columns WHERE table_schema = '%s' AND table_name = '%s'"
               " ORDER BY ordinal_position" % (MARIADB_DATABASE, table)).split()


def copy_rows(table, template_id, source, overrides):
    """INSERT INTO table SELECT each column of the template row, or its override, FROM source."""
    names = columns(table)
    select = ", ".join(overrides.get(name, "t." + name) for name in names)
    sql("INSERT INTO %s (%s) SELECT %s FROM %s JOIN %s t ON t.id = '%s'"
        % (table, ", ".join(names), select, source, table, template_id))


def seed(base, bearer, scripts, runs, busy):
    headers = {"Authorization": "Bearer " + bearer, "Content-Type": "application/json"}
    script = json.loads(request(base + "api/scripts", json.dumps(
        {"name": "template", "mainCode": "def main(data):\n    pass\n"}).encode(), headers))["id"]
    run = json.loads(request(base + "api/scripts/%s/runs?wait=60s" % script, b'{"force": true}', headers))["id"]
    copy_rows("script", script, "seq_1_to_%d" % (scripts - 1),
              {"id": "UUID()", "name": "CONCAT('bulk-', LPAD(seq, 6, '0'))", "next_fire_at": "NULL"})
    sql("CREATE TABLE bulk_script AS SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS n FROM script;"
        " ALTER TABLE bulk_script ADD PRIMARY KEY (n)")
    spread = scripts
    copy_rows("run", run, "seq_1_to_%d s JOIN bulk_script b ON b.n = IF(s.seq <= %d, 0, s.seq %% %d)"
              % (runs - 1, busy - 1, spread),
              {"id": "UUID()", "script_id": "b.id",
               "queued_at": "t.queued_at - INTERVAL s.seq * 10 SECOND",
               "started_at": "t.started_at - INTERVAL s.seq * 10 SECOND",
               "finished_at": "t.finished_at - INTERVAL s.seq * 10 SECOND",
               "outcome": "IF(s.seq % 10 = 0, 'FAILED', t.outcome)"})
    busy_id = sql("SELECT id FROM bulk_script WHERE n = 0").strip()
    sql("DROP TABLE bulk_script; ANALYZE TABLE script, run")
    return busy_id


def measure(label, target, args):
    home = tempfile.mkdtemp(prefix="ses-bench-")
    process, base = start_server(home, free_port(), ["-Dses.retention.keep-runs=%d" % args.keep_runs],
                                 database="mariadb", target=target)
    try:
        bearer = token(base)
        started = time.time()
        busy = seed(base, bearer, args.scripts, args.runs, args.busy)
        stored = sql("SELECT (SELECT COUNT(*) FROM script), (SELECT COUNT(*) FROM run)").split()
        print("%s: %s scripts and %s runs stored in %.0f s" % (label, stored[0], stored[1], time.time() - started),
              file=sys.stderr)
        auth = {"Authorization": "Bearer " + bearer}
        some = json.loads(request(base + "api/scripts?limit=1&offset=%d" % (args.scripts // 2), headers=auth))
        history = base + "api/scripts/%s/runs?limit=50" % busy
        before_half = max(0, args.busy // 2 - 50)
        page = json.loads(request(history + "&offset=%d" % before_half, headers=auth))
        deep = history + "&offset=%d" % (before_half + 50)
        if "next" in page:
            deep = history + "&after=" + page["next"]
        rows = [("static-file", base + "jakarta.faces.resource/css/app.css.xhtml"),
                ("api-page", base + "api/scripts?limit=50"),
                ("api-read", base + "api/scripts/" + some["items"][0]["id"]),
                ("history-first", history + "&outcome=FAILED"),
                ("history-deep", deep)]
        header = ("Authorization: Bearer " + bearer,)
        for _, url in rows:
            wrk(url, args.connections, max(2, args.seconds // 4), header)  # warm-up: the JIT compiles the paths
        results = [(name,) + wrk(url, args.connections, args.seconds, header) for name, url in rows]
        floor = results[0][1]
        print("| P7 %s (%s scripts, %s runs, %d connections, %d s each) | p50 ms | p99 ms | requests/s | p50 / floor |"
              % (label, stored[0], stored[1], args.connections, args.seconds))
        print("|---|---|---|---|---|")
        for name, p50, p99, per_second in results:
            print("| %s | %.1f | %.1f | %.0f | %.1f |" % (name, p50, p99, per_second, p50 / floor))
        print()
        purge_beside_schedule(label, base, process.pid, args)
    finally:
        stop_server(process, home)


def purge_beside_schedule(label, base, pid, args):
    """Lateness of --due scripts due every second, without and then with a purge running; the purge's rate."""
    api = Api(base)
    quiet = lateness(api, pid, "warm", args.due, args.purge_window, prefix="alone")
    purged = {}

    def purge():
        time.sleep(5 + min(5, args.purge_window / 4))  # lateness() starts its schedule 5 s ahead
        began = time.perf_counter()
        result = api.call("api/retention/purge", {}, timeout=3600)
        purged.update(result, seconds=time.perf_counter() - began)

    worker = threading.Thread(target=purge)
    worker.start()
    busy = lateness(api, pid, "warm", args.due, args.purge_window, prefix="purging")
    worker.join()
    rate = purged["deletedRuns"] / purged["seconds"]
    print("| purge %s: %d runs deleted in %.1f s | runs/s | P4 %d due a second: lateness p50 ms | p99 ms"
          " | not run | outcomes |" % (label, purged["deletedRuns"], purged["seconds"], args.due))
    print("|---|---|---|---|---|---|")
    for name, row in (("schedule alone", quiet), ("schedule during the purge", busy)):
        print("| %s | %s | %.0f | %.0f | %d of %d | %s |" % (name, "%.0f" % rate if row is busy else "",
                                                           row[0], row[1], row[2], row[3], row[6]))
    print()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scripts", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=1000000)
    parser.add_argument("--busy", type=int, default=100000, help="runs of the one busy script")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--against", help="micro/target folder of another build to measure beside this one")
    parser.add_argument("--label", default="before", help="what the tables call the --against build")
    parser.add_argument("--due", type=int, default=10, help="scripts due every second beside the purge")
    parser.add_argument("--purge-window", type=int, default=60, help="seconds of schedule, with and without it")
    parser.add_argument("--keep-runs", type=int, default=1000, help="ses.retention.keep-runs (the default: 1000)")
    args = parser.parse_args()
    if shutil.which("wrk") is None or shutil.which("mysql") is None:
        sys.exit("wrk and the mysql client are needed (Debian: apt-get install wrk mariadb-client)")
    if args.against:
        measure(args.label, args.against, args)
    measure("this build", None, args)


if __name__ == "__main__":
    main()
