#!/usr/bin/env bash
# Records the class-data-sharing archive of the CLI's classes (the engine's, picocli's, the
# PostgreSQL driver's, SLF4J's, ...) for the image, in the image's own layout.
#
# Why in the image's layout: a JDK 17 dynamic archive is only accepted when the class path at run
# time names the same jars, at the same paths, with the same sizes and modification times as when
# it was recorded, and when its base archive (the jlink runtime's classes.jsa) is the same file. So
# the training run (dev.migrations.cli.CdsTraining, no server needed) runs in a root directory made
# of a staging image's layers, unpacked as a container runtime unpacks them (GNU tar keeps Jib's
# fixed modification times), with the image's own java, the entrypoint's class path and JVM flags,
# and -XX:ArchiveClassesAtExit. The final image is the same layers plus the archive's.
#
#
# The runtime's own archive (jlink's lib/server/classes.jsa) moves from ROOTFS_DIR into OUT_DIR too:
# JDK 17 writes a different archive from the same classes on every run, so the layer holding an
# archive gets a new digest with every build. With both archives in one layer of their own, the
# runtime's layer (38 MB, otherwise the same bytes build after build) keeps its digest, and a
# registry that has it is not sent it again.
#
# Usage: cds-archive.sh STAGING_TAR WORK_DIR OUT_DIR ARCHIVE_PATH ROOTFS_DIR
#   STAGING_TAR  the staging image (Jib buildTar, without the archive)
#   WORK_DIR     scratch directory (emptied): the unpacked tarball and the root directory
#   OUT_DIR      written (emptied) with ARCHIVE_PATH inside it, for Jib's extraDirectories
#   ARCHIVE_PATH where the archive lives in the image (absolute), as the final jvmFlags name it
#   ROOTFS_DIR   the runtime's extra directory (rootfs.sh's output) the staging image was built from
set -euo pipefail

staging=$1 work=$2 out=$3 archive=$4 rootfs=$5
jdk_archive=/opt/java/openjdk/lib/server/classes.jsa

fail() {
  echo "cds-archive.sh: $*" >&2
  exit 1
}

[ "$(uname -s)" = Linux ] || fail "recording the image's archive runs the image's Linux runtime; build on Linux"
unshare=$(command -v unshare) || fail "util-linux 'unshare' is missing (Debian: apt-get install util-linux)"

rm -rf "$work" "$out"
mkdir -p "$work/tarball" "$work/root"
work=$(cd "$work" && pwd)
tar -xf "$staging" -C "$work/tarball"

# The layers in the manifest's order (bottom first), each unpacked over the ones below, as a runtime
# stacks them. Jib writes its JSON on one line; jq is not assumed on the build machine.
manifest=$(cat "$work/tarball/manifest.json")
layers=$(printf '%s' "$manifest" | grep -o '"Layers":\[[^]]*\]' | grep -o '"[^"]*\.tar\.gz"' | tr -d '"') \
  || fail "no layers in $staging's manifest.json"
for layer in $layers; do
  tar --warning=no-unknown-keyword -xpzf "$work/tarball/$layer" -C "$work/root"
done

# The entrypoint as Jib wrote it: java, the jvmFlags, -cp @/app/jib-classpath-file and the main
# class, which the training run replaces (same jar, so the same class path).
config=$(printf '%s' "$manifest" | grep -o '"Config":"[^"]*"' | cut -d'"' -f4)
entrypoint=$(grep -o '"Entrypoint":\[[^]]*\]' "$work/tarball/$config") \
  || fail "no Entrypoint in $staging's config"
mapfile -t command < <(printf '%s' "${entrypoint#*:}" | grep -o '"[^"]*"' | tr -d '"')
[ "${#command[@]}" -ge 4 ] && [ "${command[0]}" = java ] \
  || fail "unexpected entrypoint $entrypoint (expected java <flags> -cp <class path> <main class>)"
unset 'command[${#command[@]}-1]'
for flag in "${command[@]}"; do
  case "$flag" in
    -XX:SharedArchiveFile=*) fail "the staging image's entrypoint already names an archive ($flag)" ;;
  esac
done
image_path=$(printf '%s' "$(cat "$work/tarball/$config")" | grep -o '"PATH=[^"]*"' | tr -d '"')
mkdir -p "$work/root/proc" "$work/root$(dirname "$archive")"

# A root of our own, a fresh /proc (the JVM reads its limits there) in a PID namespace of its own.
# Not root on the build machine: a user namespace maps the builder to root in there.
isolate=(--mount --pid --fork --mount-proc)
if [ "$(id -u)" != 0 ]; then
  isolate=(--user --map-root-user "${isolate[@]}")
fi
log=$work/training.log
set +e
env -i "$image_path" LANG=C.UTF-8 "$unshare" "${isolate[@]}" --root="$work/root" --wd=/workspace \
  "${command[@]}" "-XX:ArchiveClassesAtExit=$archive" dev.migrations.cli.CdsTraining >"$log" 2>&1
status=$?
set -e
# CDS lists every class it leaves out (JFR's event classes, ...): in the log, not the build's.
if [ "$status" -ne 0 ] || [ ! -s "$work/root$archive" ]; then
  tail -n 40 "$log" >&2
  fail "the training run exited $status without writing $archive (log: $log)"
fi
mkdir -p "$out$(dirname "$archive")"
cp "$work/root$archive" "$out$archive"
# The base archive the new one was recorded on, byte for byte: the staging image's copy.
[ -f "$rootfs$jdk_archive" ] || fail "no $jdk_archive in $rootfs (rootfs.sh makes it with jlink)"
cmp -s "$rootfs$jdk_archive" "$work/root$jdk_archive" || fail "$rootfs$jdk_archive is not the staging image's"
mkdir -p "$out$(dirname "$jdk_archive")"
mv "$rootfs$jdk_archive" "$out$jdk_archive"
echo "cds-archive.sh: $archive recorded ($(stat -c %s "$out$archive") bytes; log: $log); $jdk_archive moved to its layer"
