#!/bin/sh
# Starts the Micro WAR on the data volume: on MariaDB when DB_URL is set, else
# on embedded H2 in /data. Payara Micro remembers deployed applications in its
# root directory; forget them so only this image's WAR boots.
set -e
rm -rf /data/payara/config /data/payara/applications /data/payara/generated
if [ -n "${DB_URL:-}" ]; then
    database="--addLibs /opt/lib/mariadb-java-client.jar --postbootcommandfile /opt/post-boot-mariadb.asadmin"
else
    database="--postbootcommandfile /opt/post-boot-commands.asadmin"
fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar /opt/payara-micro.jar \
    --deploy /opt/script-executer.war --contextroot / --port 8080 \
    --prebootcommandfile /opt/pre-boot-commands.asadmin \
    --rootDir /data/payara $database --nocluster
