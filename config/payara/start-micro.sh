#!/bin/sh
# Starts Payara Micro on a root directory of its own, the way `mvn -Prun` and the container image do:
#
#   start-micro.sh PAYARA_MICRO_JAR ROOT_DIR [Payara Micro options: --deploy, --port, command files, ...]
#
# - The runtime is unpacked into ROOT_DIR once (Payara Micro's launcher, `--outputlauncher`), not at every
#   start; a different PAYARA_MICRO_JAR, or other --addLibs, unpacks afresh.
# - Deployed applications and configuration are forgotten at every start (Payara Micro would otherwise boot
#   the previous build beside this one); the embedded database (ROOT_DIR/lib/databases) and logs stay.
# - On JDK 25 and later the JVM keeps an ahead-of-time cache of the runtime's classes in ROOT_DIR: the first
#   start records it and writes it when the server stops (that stop takes some 25 s more); later starts
#   load it.
#   SES_AOT=off starts without it. The cache belongs to one JDK and one set of JVM options (system properties
#   aside): other options record a cache of their own (and the previous one is deleted).
# - Unless JAVA_OPTS says otherwise, the JVM runs with a small footprint (BENCHMARKS.md, P6): the serial
#   collector (no collector option in JAVA_OPTS), an initial heap of 32 MiB (no -Xms), compact object headers
#   on JDK 25 and later (no ...CompactObjectHeaders), and at most two malloc arenas (MALLOC_ARENA_MAX unset).
# JAVA (default: $JAVA_HOME/bin/java, else java on the PATH) and JAVA_OPTS (extra JVM options) are read.
set -eu
micro_jar=$1
root=$2
shift 2
java=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}

# Libraries (--addLibs, e.g. a JDBC driver) are refused by the launcher: Payara Micro takes them when it writes
# the launcher (their paths join its class path). So they are taken out of the options here, and the launcher
# is written again when they change.
libs=""
count=$#
while [ "$count" -gt 0 ]; do
    option=$1
    shift
    count=$((count - 1))
    case $option in
    --addLibs | --addlibs)
        [ "$count" -gt 0 ] || { echo "--addLibs needs a path" >&2; exit 2; }
        libs="${libs:+$libs:}$1"
        shift
        count=$((count - 1)) ;;
    *) set -- "$@" "$option" ;;
    esac
done

stamp="$(basename "$micro_jar") $(wc -c < "$micro_jar") libraries: $libs"
if [ ! -f "$root/launch-micro.jar" ] || [ "$(cat "$root/launcher.from" 2>/dev/null)" != "$stamp" ]; then
    echo "Unpacking $(basename "$micro_jar") into $root${libs:+ with $libs}"
    # (lib/ holds the embedded database: it stays)
    rm -rf "$root/launch-micro.jar" "$root/runtime" "$root/config" "$root/config.unpacked" "$root"/*.aot
    mkdir -p "$root"
    "$java" -jar "$micro_jar" --rootdir "$root" ${libs:+--addLibs "$libs"} --outputlauncher >/dev/null
    cp -R "$root/config" "$root/config.unpacked"
    echo "$stamp" > "$root/launcher.from"
fi
rm -rf "$root/config" "$root/applications" "$root/generated"
cp -R "$root/config.unpacked" "$root/config"

jdk=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.runtime\.version = //p')
feature=${jdk%%[.+-]*}

# A small footprint unless JAVA_OPTS chooses: on 2 cores the serial collector kept ~400 MiB less resident than
# the default G1, and schedule lateness did not suffer (BENCHMARKS.md, P6).
opts=${JAVA_OPTS:-}
collector=no heap=no headers=no
set -f
for option in $opts; do
    case $option in
    -XX:+UseSerialGC | -XX:+UseParallelGC | -XX:+UseG1GC | -XX:+UseZGC | -XX:+UseShenandoahGC | -XX:+UseEpsilonGC)
        collector=yes ;;
    -Xms*) heap=yes ;;
    -XX:[+-]UseCompactObjectHeaders) headers=yes ;;
    esac
done
set +f
[ $collector = yes ] || opts="$opts -XX:+UseSerialGC"
[ $heap = yes ] || opts="$opts -Xms32m"
if [ $headers = no ] && [ "${feature:-0}" -ge 25 ] 2>/dev/null; then
    opts="$opts -XX:+UseCompactObjectHeaders"
fi
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

# The cache belongs to one JDK build and one set of JVM options (and to the unpacked runtime, which a new jar
# replaces along with it).
aot=""
if [ "${SES_AOT:-on}" != "off" ] && [ "${feature:-0}" -ge 25 ] 2>/dev/null; then
    # what the cache depends on: the JVM's options, not system properties (-D) nor how the cache is used (-XX:AOT...)
    key=""
    set -f
    for option in $opts; do
        case $option in -D* | -XX:AOT* | -XX:[+-]AOT*) ;; *) key="$key $option" ;; esac
    done
    set +f
    options=$(printf '%s' "$key" | cksum | cut -d ' ' -f 1)
    cache="$root/jdk-$(echo "$jdk" | tr -c 'A-Za-z0-9.\n' '-')-$options.aot"
    if [ -f "$cache" ]; then
        aot="-XX:AOTCache=$cache"
    else
        rm -f "$root"/*.aot
        echo "First start on this JDK with these options: recording an ahead-of-time cache, written to $cache when the server stops"
        aot="-XX:AOTCacheOutput=$cache"
    fi
fi
# shellcheck disable=SC2086
exec "$java" $opts $aot -jar "$root/launch-micro.jar" "$@"
