#!/usr/bin/env bash
# Writes a Java runtime base image as a "docker save" tarball, without a Docker daemon and without a
# container registry: a runtime jlink'ed from the JDK that runs the build, the shared libraries it
# links against copied from this machine (Debian's glibc, libstdc++, zlib), a non-root user, and the
# layout and environment of the eclipse-temurin images (JAVA_HOME=/opt/java/openjdk, java on PATH),
# so that an image built on it runs the same entrypoint as one built on eclipse-temurin:17-jre.
#
# usage: jre-image.sh <java home> <output directory>
# The same JDK and libraries give the same bytes: files are sorted, owned by 0:0, dated 1970-01-01.
set -euo pipefail

java_home=$1
out=$2
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,\
java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,\
jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
runtime=opt/java/openjdk
epoch='1970-01-01 00:00:00Z'

for tool in ldd tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "jre-image.sh: $tool not found (expected on a Debian build machine)" >&2; exit 1; }
done
if [ ! -x "$java_home/bin/jlink" ] || [ ! -d "$java_home/jmods" ]; then
  echo "jre-image.sh: no jlink and jmods in $java_home (expected: a full JDK, such as Debian's openjdk-17-jdk-headless)" >&2
  exit 1
fi

rm -rf "$out"
root=$out/root
mkdir -p "$root"
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/$runtime"

# java.desktop is here for java.beans, which libraries reflect with; its native graphics, sound and
# font libraries would pull in X11, ALSA and FreeType, which a server never loads: they are left out.
rm -f "$root/$runtime"/lib/lib{awt_xawt,splashscreen,jsound,fontmanager,lcms,javajpeg,mlib_image,jawt,awt_headless,awt}.so

# The libraries the runtime's executables and libraries need, from this machine, at their own paths
# (symbolic links resolved, so the layer holds plain files).
find "$root/$runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 | sort -z |
  xargs -0 -n 1 sh -c 'ldd "$0" 2>/dev/null || true' |
  awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/lib/ && $2 ~ /^\(/ { print $1 }' |
  grep -v "^$root" | sort -u |
  while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
# glibc finds the loader at /lib64 and the rest through its default directories
mkdir -p "$root/lib64" "$root/lib/x86_64-linux-gnu" "$root/usr/lib/x86_64-linux-gnu"
chmod 755 "$root"/lib64/* "$root"/lib/x86_64-linux-gnu/*

mkdir -p "$root/etc" "$root/tmp" "$root/home/nonroot"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
chmod 1777 "$root/tmp"
chmod 755 "$root/home/nonroot"

reproducible=(--sort=name --mtime="$epoch" --owner=0 --group=0 --numeric-owner --format=gnu)
tar "${reproducible[@]}" -C "$root" -cf "$out/layer.tar" .
diff_id=$(sha256sum "$out/layer.tar" | cut -d' ' -f1)

cat >"$out/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",\
"config":{"User":"65532:65532","Env":["PATH=/$runtime/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",\
"JAVA_HOME=/$runtime","LANG=C.UTF-8"],"WorkingDir":"/"},\
"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},\
"history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/images/jre/jre-image.sh: $modules"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["courier/jre:17"],"Layers":["layer.tar"]}]\n' >"$out/manifest.json"
tar "${reproducible[@]}" -C "$out" -cf "$out/courier-jre.tar" manifest.json config.json layer.tar
rm -f "$out/layer.tar"
echo "jre-image.sh: $out/courier-jre.tar ($(du -h "$out/courier-jre.tar" | cut -f1), layer sha256:$diff_id)"
