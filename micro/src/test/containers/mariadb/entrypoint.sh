#!/bin/sh
# On an empty data directory: make the database and the user the environment names (root keeps Debian's
# socket-only login), then start the server with the given options, as the official image does.
set -eu
if [ "${1#-}" != "$1" ]; then
    set -- mariadbd "$@"
fi
if [ "$1" != mariadbd ]; then
    exec "$@"
fi
mkdir -p /run/mysqld
chown mysql:mysql /run/mysqld /var/lib/mysql
if [ ! -f /var/lib/mysql/.set-up ]; then
    : "${MARIADB_DATABASE:?}" "${MARIADB_USER:?}" "${MARIADB_PASSWORD:?}"
    # (a set-up that failed half-way is done again from the start)
    find /var/lib/mysql -mindepth 1 -delete
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db >/dev/null
    mariadbd --user=mysql --skip-networking --socket=/run/mysqld/init.sock &
    init=$!
    until mariadb-admin --socket=/run/mysqld/init.sock ping >/dev/null 2>&1; do sleep 0.2; done
    password=$(printf '%s' "$MARIADB_PASSWORD" | sed -e 's/\\/\\\\/g' -e "s/'/''/g")
    mariadb --socket=/run/mysqld/init.sock <<SQL
CREATE DATABASE \`$MARIADB_DATABASE\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER '$MARIADB_USER'@'%' IDENTIFIED BY '$password';
GRANT ALL ON \`$MARIADB_DATABASE\`.* TO '$MARIADB_USER'@'%';
SQL
    kill "$init"
    wait "$init" || true
    touch /var/lib/mysql/.set-up
fi
shift
exec mariadbd --user=mysql "$@"
