#!/usr/bin/env bash
# Writes the files the image adds beside the CLI's layers (Jib's extraDirectories) into OUT:
#   jlink: a Java runtime made with jlink from the build's JDK (only MODULES) in /opt/java/openjdk,
#          the shared libraries it loads (ldd's closure, the dynamic loader included), a passwd and
#          group naming the non-root user, /etc/hosts, /tmp and the scripts directory: everything a
#          'scratch' base lacks, so the image is built without pulling anything from a registry.
#   none:  only the scripts directory; the base image (-Dimage.from=...) brings Java and the rest.
# Usage: rootfs.sh OUT STATIC_DIR JAVA_HOME MODULES jlink|none CLASSES_DIR
set -euo pipefail

out=$1 static=$2 java_home=$3 modules=$4 runtime=$5 classes=$6

# The module has no classes of its own (the CLI comes in as a dependency), but Jib refuses to run
# without its output directory.
mkdir -p "$classes"
rm -rf "$out"
mkdir -p "$out/workspace/db/migrations"
# Absolute, so that the runtime's own libraries, which ldd names by absolute path, are recognised.
out=$(cd "$out" && pwd)

if [ "$runtime" = none ]; then
  exit 0
fi
if [ "$runtime" != jlink ]; then
  echo "rootfs.sh: runtime must be jlink or none, not '$runtime'" >&2
  exit 2
fi
if [ ! -d "$java_home/jmods" ]; then
  echo "rootfs.sh: $java_home has no jmods/ directory, which jlink needs (Debian: apt-get install" \
    "openjdk-17-jdk-headless; or build with -Dimage.from=<a base image with Java 17+>)" >&2
  exit 1
fi

cp -R "$static/." "$out/"
mkdir -p "$out/tmp" "$out/opt/java"
java=$out/opt/java/openjdk
# --generate-cds-archive: the runtime's own classes pre-parsed (class-data sharing), which a jlink
# image otherwise lacks; about 13% less CPU for a short command. Only the archive for compressed
# oops: the one for heaps over 32 GB (classes_nocoops.jsa) would add 11 MB no CLI run uses.
"$java_home/bin/jlink" --add-modules "$modules" --output "$java" \
  --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive
rm -f "$java/lib/server/classes_nocoops.jsa"
# java.desktop is there for java.beans (SnakeYAML); the headless CLI never loads its native
# graphics and sound libraries, which would pull X11, fonts and ALSA into the image.
rm -f "$java"/lib/lib{awt,awt_headless,awt_xawt,jawt,splashscreen,jsound,fontmanager,lcms,javajpeg,mlib_image}.so
# Debian's JDK links cacerts to the system's store, which jlink copies as a dangling link or not
# at all: the image gets the build machine's CA store as a file, for TLS to the database.
if [ -f /etc/ssl/certs/java/cacerts ]; then
  rm -f "$java/lib/security/cacerts"
  cp -L /etc/ssl/certs/java/cacerts "$java/lib/security/cacerts"
fi

# Every shared library the runtime's executables and libraries load that it does not ship itself,
# copied (links resolved) to the path ldd found it at, so the loader finds it there in the image.
libs=$(find "$java/bin" "$java/lib" -type f \( -perm -u+x -o -name '*.so' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '/=> \// { print $3 } /^\s*\/[^ ]+ \(0x/ { print $1 }' \
  | sort -u)
for lib in $libs; do
  case "$lib" in "$java"/*) continue ;; esac
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
