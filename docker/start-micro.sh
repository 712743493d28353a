#!/bin/sh
# Starts the Micro WAR on the data volume: on MariaDB or PostgreSQL when DB_URL
# is set (jdbc:mariadb://… or jdbc:postgresql://…, waited for: wait-for-database.sh),
# else on embedded H2 in /data.
# start-payara-micro.sh (config/payara/start-micro.sh) unpacks Payara Micro
# into /data/payara once, forgets the previous start's deployment so only this
# image's WAR boots, and keeps the JVM's ahead-of-time cache there (recorded by the
# first start, written when the container stops: give the first stop a minute).
# The JVM replaces this shell (it is the container's first process and gets its SIGTERM).
set -e
case "${DB_URL:-}" in
jdbc:mariadb:*)
    database="--addLibs /opt/lib/mariadb-java-client.jar --postbootcommandfile /opt/post-boot-mariadb.asadmin" ;;
jdbc:postgresql:*)
    database="--addLibs /opt/lib/postgresql.jar --postbootcommandfile /opt/post-boot-postgresql.asadmin" ;;
"")
    database="--postbootcommandfile /opt/post-boot-commands.asadmin" ;;
*)
    echo "DB_URL must start with jdbc:mariadb: or jdbc:postgresql: (or be unset for embedded H2)" >&2
    exit 2 ;;
esac
# shellcheck disable=SC2086
exec /opt/wait-for-database.sh /opt/start-payara-micro.sh /opt/payara-micro.jar /data/payara \
    --deploy /opt/script-executer.war --contextroot / --port 8080 \
    --prebootcommandfile /opt/pre-boot-commands.asadmin $database --nohazelcast
