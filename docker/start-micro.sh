#!/bin/sh
# Starts the Micro WAR on the data volume: on MariaDB when DB_URL is set, else
# on embedded H2 in /data. start-payara-micro.sh (config/payara/start-micro.sh)
# unpacks Payara Micro into /data/payara once, forgets the previous start's
# deployment so only this image's WAR boots, and keeps the JVM's ahead-of-time
# cache there (recorded by the first start, written when the container stops).
set -e
if [ -n "${DB_URL:-}" ]; then
    database="--addLibs /opt/lib/mariadb-java-client.jar --postbootcommandfile /opt/post-boot-mariadb.asadmin"
else
    database="--postbootcommandfile /opt/post-boot-commands.asadmin"
fi
# shellcheck disable=SC2086
exec /opt/start-payara-micro.sh /opt/payara-micro.jar /data/payara \
    --deploy /opt/script-executer.war --contextroot / --port 8080 \
    --prebootcommandfile /opt/pre-boot-commands.asadmin $database --nocluster
