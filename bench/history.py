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

Usage: python3 bench/history.py [--scripts 10000] [--runs 1000000] [--busy 100000] [--connections 50]
                                [--seconds 20] [--against OTHER/micro/target --label before]
Prints a Markdown table per build: p50, p99 (ms), requests per second, p50 / floor.
"""
import argparse
import json
import shutil
import sys
import tempfile
import time

from api_load import wrk
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
    process, base = start_server(home, free_port(), database="mariadb", target=target)
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
    finally:
        stop_server(process, home)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scripts", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=1000000)
    parser.add_argument("--busy", type=int, default=100000, help="runs of the one busy script")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--against", help="micro/target folder of another build to measure beside this one")
    parser.add_argument("--label", default="before", help="what the tables call the --against build")
    args = parser.parse_args()
    if shutil.which("wrk") is None or shutil.which("mysql") is None:
        sys.exit("wrk and the mysql client are needed (Debian: apt-get install wrk mariadb-client)")
    if args.against:
        measure(args.label, args.against, args)
    measure("this build", None, args)


if __name__ == "__main__":
    main()
