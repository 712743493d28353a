#!/bin/sh
# Waits until the database DB_URL names accepts connections (at most DB_WAIT seconds, default 120), then
# runs the given command: a node started beside its database (Compose, a pod) would otherwise deploy
# against a database that is not listening yet and stay unready. Without DB_URL it runs the command at once.
#
#   wait-for-database.sh COMMAND [ARGUMENTS...]
set -eu
if [ -n "${DB_URL:-}" ]; then
    # in the background, so that a stop while it waits is not ignored (this shell is the container's first process)
    python3 - "$DB_URL" "${DB_WAIT:-120}" <<'PYTHON' &
import socket, sys, time, urllib.parse

url = sys.argv[1]
try:
    wait = float(sys.argv[2])
except ValueError:
    sys.exit(f"DB_WAIT must be a number of seconds, not {sys.argv[2]!r}")
address = urllib.parse.urlsplit(url[len("jdbc:"):] if url.startswith("jdbc:") else url)
port = address.port or {"mariadb": 3306, "mysql": 3306, "postgresql": 5432}.get(address.scheme, 0)
if not address.hostname or not port:
    sys.exit("DB_URL names no host and port: jdbc:mariadb://host:3306/db or jdbc:postgresql://host:5432/db")
deadline = time.monotonic() + wait
while True:
    try:
        socket.create_connection((address.hostname, port), timeout=2).close()
        break
    except OSError as e:
        if time.monotonic() >= deadline:
            sys.exit(f"The database at {address.hostname}:{port} did not answer within {wait:g} s ({e}).")
        print(f"Waiting for the database at {address.hostname}:{port} ({e})", flush=True)
        time.sleep(2)
PYTHON
    waiting=$!
    trap 'kill "$waiting" 2>/dev/null; exit 143' TERM INT
    wait "$waiting"
    trap - TERM INT
fi
exec "$@"
