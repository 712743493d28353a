#!/bin/sh
# Starts the Micro WAR on the data volume. Payara Micro remembers deployed
# applications in its root directory; forget them so only this image's WAR boots.
set -e
rm -rf /data/payara/config /data/payara/applications /data/payara/generated
exec java ${JAVA_OPTS:-} -jar /opt/payara-micro.jar \
    --deploy /opt/script-executer.war --contextroot / --port 8080 \
    --rootDir /data/payara --postbootcommandfile /opt/post-boot-commands.asadmin --nocluster
