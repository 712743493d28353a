#!/bin/sh
# Starts Payara Micro on a root directory of its own, the way `mvn -Prun` and the container image do:
#
#   start-micro.sh PAYARA_MICRO_JAR ROOT_DIR [Payara Micro options: --deploy, --port, command files, ...]
#
# - The runtime is unpacked into ROOT_DIR once (Payara Micro's launcher, `--outputlauncher`), not at every
#   start; a different PAYARA_MICRO_JAR unpacks afresh.
# - Deployed applications and configuration are forgotten at every start (Payara Micro would otherwise boot
#   the previous build beside this one); the embedded database (ROOT_DIR/lib/databases) and logs stay.
# - On JDK 25 and later the JVM keeps an ahead-of-time cache of the runtime's classes in ROOT_DIR: the first
#   start records it and writes it when the server stops (that stop takes some 25 s more); later starts
#   load it.
#   SES_AOT=off starts without it.
# JAVA (default: $JAVA_HOME/bin/java, else java on the PATH) and JAVA_OPTS (extra JVM options) are read.
set -eu
micro_jar=$1
root=$2
shift 2
java=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}

stamp="$(basename "$micro_jar") $(wc -c < "$micro_jar")"
if [ ! -f "$root/launch-micro.jar" ] || [ "$(cat "$root/launcher.from" 2>/dev/null)" != "$stamp" ]; then
    echo "Unpacking $(basename "$micro_jar") into $root"
    # (lib/ holds the embedded database: it stays)
    rm -rf "$root/launch-micro.jar" "$root/runtime" "$root/config" "$root/config.unpacked" "$root"/*.aot
    mkdir -p "$root"
    "$java" -jar "$micro_jar" --rootdir "$root" --outputlauncher >/dev/null
    cp -R "$root/config" "$root/config.unpacked"
    echo "$stamp" > "$root/launcher.from"
fi
rm -rf "$root/config" "$root/applications" "$root/generated"
cp -R "$root/config.unpacked" "$root/config"

# The cache belongs to one JDK build (and to the unpacked runtime, which a new jar replaces along with it).
jdk=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.runtime\.version = //p')
feature=${jdk%%[.+-]*}
aot=""
if [ "${SES_AOT:-on}" != "off" ] && [ "${feature:-0}" -ge 25 ] 2>/dev/null; then
    cache="$root/jdk-$(echo "$jdk" | tr -c 'A-Za-z0-9.\n' '-').aot"
    if [ -f "$cache" ]; then
        aot="-XX:AOTCache=$cache"
    else
        echo "First start on this JDK: recording an ahead-of-time cache, written to $cache when the server stops"
        aot="-XX:AOTCacheOutput=$cache"
    fi
fi
# shellcheck disable=SC2086
exec "$java" ${JAVA_OPTS:-} $aot -jar "$root/launch-micro.jar" "$@"
