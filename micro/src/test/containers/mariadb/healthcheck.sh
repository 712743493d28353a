#!/bin/sh
# The official image's healthcheck.sh, as far as compose.yaml uses it (--connect --innodb_initialized):
# the server answers on its socket, which it opens once InnoDB is up.
exec mariadb-admin --socket=/run/mysqld/mysqld.sock ping >/dev/null
