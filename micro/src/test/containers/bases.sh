#!/bin/sh
# Makes local stand-ins for the public images the Dockerfiles and compose.yaml start from, for machines
# that reach Debian's package archive but no image registry (the containers test, ContainersIT):
#
#   bases.sh WORK_DIR JAVA_HOME
#
#   localhost/ses-test/debian:bookworm   debootstrap's minimal Debian 12
#   localhost/ses-test/temurin:25        for eclipse-temurin:25-jre: that, with JAVA_HOME at /opt/java/openjdk
#   localhost/ses-test/mariadb           for mariadb:11.4: Debian's MariaDB server (temurin/, mariadb/ here)
#   localhost/ses-test/caddy             for caddy:2: Debian's Caddy
#
# The stand-ins do not depend on this repository's code: one that exists is kept while what it is made from
# (the files here, the JDK) is the same (`podman rmi` makes one again). Runs podman as configured (CONTAINERS_CONF).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=${1:?work directory}
java_home=${2:?JAVA_HOME of a JDK 25}
debian=localhost/ses-test/debian:bookworm

if ! podman image exists "$debian"; then
    rm -rf "$work/rootfs"
    mkdir -p "$work"
    debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
        || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
    rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
    tar -C "$work/rootfs" -c . | podman import -q - "$debian" >/dev/null
    rm -rf "$work/rootfs"
fi
# A stand-in is made again when what it is made from changed (its folder here; for Java, the JDK's release file).
inputs() {
    cat "$@" | cksum | cut -d ' ' -f 1
}
current() {
    podman image inspect --format '{{index .Labels "ses.inputs"}}' "$1" 2>/dev/null || true
}
sum=$(inputs "$here/temurin/Containerfile" "$java_home/release")
[ "$(current localhost/ses-test/temurin:25)" = "$sum" ] \
    || podman build -q --label "ses.inputs=$sum" -f "$here/temurin/Containerfile" -t localhost/ses-test/temurin:25 \
        "$java_home" >/dev/null
for image in mariadb caddy; do
    sum=$(inputs "$here/$image"/*)
    [ "$(current "localhost/ses-test/$image")" = "$sum" ] \
        || podman build -q --network host --label "ses.inputs=$sum" -t "localhost/ses-test/$image" "$here/$image" >/dev/null
done
