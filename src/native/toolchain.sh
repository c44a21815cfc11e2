#!/usr/bin/env bash
# Assembles a GraalVM-like home for native builds out of parts that resolve on machines without a GraalVM
# or Mandrel distribution (see src/native/README.md):
#   - a copy of the JDK 25 this project builds with (hard links when possible),
#   - the JDK's static libraries (lib/static/linux-amd64/glibc/*.a) from Debian's openjdk-25-jvmci-jdk,
#   - the SubstrateVM builder jars from Maven (src/native/builder/pom.xml),
#   - SubstrateVM's C helper libraries and headers, compiled from src/native/c,
#   - bin/native-image, a small driver (src/native/driver/NativeImage.java).
# The result lives in ~/.m2/native-toolchain/<svm>-jdk-<jdk>/ and is reused while its inputs are unchanged.
# Prints the toolchain's path on stdout (everything else goes to stderr).
#
# Environment: JAVA_HOME (a JDK 25; default: what ./mvnw picks), NATIVE_TOOLCHAIN_ROOT (default
# ~/.m2/native-toolchain), DEBIAN_JDK_PACKAGE / DEBIAN_JDK_SUITE / DEBIAN_JDK_VERSION / DEBIAN_JDK_SHA256 (default
# openjdk-25-jvmci-jdk from trixie-security, pinned to one version and the SHA-256 of its .deb).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/../.." && pwd)
svm_version=$(sed -n 's:.*<svm.version>\(.*\)</svm.version>.*:\1:p' "$here/builder/pom.xml")
package=${DEBIAN_JDK_PACKAGE:-openjdk-25-jvmci-jdk}
suite=${DEBIAN_JDK_SUITE:-trixie-security}
# Pinned: the static libraries go into every image, so they are exactly these bytes or the build stops. A newer
# package (a security update) is taken by changing both lines, after reading what changed.
deb_version=${DEBIAN_JDK_VERSION-25.0.2+10-1~deb13u2}
deb_sha256=${DEBIAN_JDK_SHA256-665b17a3fc2b6ae4723467652bc43dc3b45350e07a5071dd562f7f052b50dafc}

log() { echo "toolchain: $*" >&2; }

if [ -z "$deb_version" ] || [ -z "$deb_sha256" ]; then
  log "$package is not pinned: set DEBIAN_JDK_VERSION and DEBIAN_JDK_SHA256 (its version and the SHA-256 of its .deb)"
  exit 1
fi

# The JDK: the one ./mvnw would use (it knows how to find a JDK 25 on this machine).
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ]; then
  JAVA_HOME=$("$project/mvnw" -q -v 2>/dev/null | sed -n 's/^Java home: //p' | head -1)
  [ -n "$JAVA_HOME" ] || JAVA_HOME=$("$project/mvnw" -v 2>/dev/null | sed -n 's/^Java home: //p' | head -1)
fi
[ -x "$JAVA_HOME/bin/javac" ] || { log "no JDK found; set JAVA_HOME to a JDK 25"; exit 1; }
jdk_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release")

root=${NATIVE_TOOLCHAIN_ROOT:-$HOME/.m2/native-toolchain}
home="$root/$svm_version-jdk-$jdk_version"

# One build at a time: a second one waits here rather than assembling over the first (rm -rf "$home" below).
mkdir -p "$root"
exec 9>"$root/.lock"
if ! flock -n 9; then
  log "another build is assembling or checking the toolchain; waiting for it"
  flock 9
fi

# Fast path: the toolchain exists and was made from the same inputs (C sources, driver, this script, and the Debian
# package by name, version and hash).
stamp=$( { cat "$0" "$here"/builder/pom.xml "$here"/c/*.c "$here"/c/include/*.h "$here"/driver/*.java;
           echo "$package=$deb_version sha256:$deb_sha256 from $suite"; } | sha256sum | cut -c1-16)
if [ -f "$home/.complete" ] && [ "$(cat "$home/.complete")" = "$stamp" ]; then
  echo "$home"
  exit 0
fi
log "assembling $home (SubstrateVM $svm_version on JDK $jdk_version)"
work="$root/.work-$svm_version"
rm -rf "$home"
mkdir -p "$root" "$work"

# 1. The JDK, hard-linked (instant, no space) or copied. A copy, not symlinks: java.home is derived from
#    the real path of libjvm.so, and the builder looks for lib/static and lib/svm under java.home.
cp -al "$JAVA_HOME" "$home" 2>/dev/null || { rm -rf "$home"; cp -a "$JAVA_HOME" "$home"; }

# 2. The JDK's static libraries. Debian builds them for its JVMCI JDK; the package cannot be installed
#    here (it needs glibc 2.38), so it is only downloaded and unpacked, under an apt configuration of its
#    own that points at the machine's own Debian mirror with the suite name swapped.
static="$home/lib/static/linux-amd64/glibc"
mkdir -p "$static"
deb_file="$work/deb/${package}_${deb_version//:/%3a}_amd64.deb"
if [ ! -f "$deb_file" ]; then
  rm -f "$work"/deb/*.deb
  mirror=$( { cat /etc/apt/sources.list 2>/dev/null | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }';
              cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ { print $2 }'; } | grep -- '-security' | head -1 || true)
  [ -n "$mirror" ] || { log "no Debian security mirror in the apt sources; cannot fetch $package"; exit 1; }
  mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/deb"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" > "$work/apt/sources.list"
  apt_opts=(-o Dir::Etc::SourceList="$work/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
            -o Dir::State::Lists="$work/apt/lists" -o Dir::Cache="$work/apt/cache" -o Dir::State::status=/dev/null)
  log "fetching $package=$deb_version from $suite"
  apt-get "${apt_opts[@]}" -qq update >&2
  (cd "$work/deb" && apt-get "${apt_opts[@]}" -qq download "$package=$deb_version" >&2) || {
    log "$package=$deb_version is not served by $suite any more (a security update replaced it): review the new"
    log "version, then set DEBIAN_JDK_VERSION and DEBIAN_JDK_SHA256 in this script to it"; exit 1; }
  [ -f "$deb_file" ] || { log "apt-get download wrote no $deb_file"; exit 1; }
fi
got=$(sha256sum "$deb_file" | cut -d' ' -f1)
if [ "$got" != "$deb_sha256" ]; then
  log "$deb_file has SHA-256 $got, not the pinned $deb_sha256: refusing it"
  rm -f "$deb_file"
  exit 1
fi
log "$package=$deb_version, SHA-256 $deb_sha256 as pinned"
rm -rf "$work/debroot" && mkdir -p "$work/debroot"
dpkg-deb --fsys-tarfile "$deb_file" | tar -x -C "$work/debroot" --wildcards '*/lib/*.a'
# glibc 2.38 renamed the C23 variants of scanf/strtol (__isoc23_*); glibc 2.36 has the same functions under
# their C99 names. The only difference is C23's 0b binary prefix, which the JDK never parses.
for lib in "$work"/debroot/usr/lib/jvm/*/lib/*.a; do
  objcopy --redefine-sym __isoc23_sscanf=__isoc99_sscanf --redefine-sym __isoc23_fscanf=__isoc99_fscanf \
          --redefine-sym __isoc23_vsscanf=__isoc99_vsscanf --redefine-sym __isoc23_strtol=strtol \
          --redefine-sym __isoc23_strtoul=strtoul --redefine-sym __isoc23_strtoll=strtoll \
          --redefine-sym __isoc23_strtoull=strtoull "$lib" "$static/$(basename "$lib")"
done
log "$(ls "$static" | wc -l) static JDK libraries from $(ls "$work"/deb/)"

# 3. The builder jars, resolved through the configured Maven repository.
builder="$home/lib/svm/builder"
mkdir -p "$builder"
"$project/mvnw" -q -B -f "$here/builder/pom.xml" dependency:copy-dependencies -DoutputDirectory="$builder" \
  -Dmdep.stripVersion=true >&2
echo "$svm_version" > "$home/lib/svm/VERSION"

# The C headers below mirror @CStruct layouts in svm.jar: refuse a jar whose CPUFeatures fields differ.
want=$(sed -n 's/^  char \(f[A-Za-z0-9_]*\);/\1/p' "$here/c/include/amd64cpufeatures.h" | tr '\n' ' ')
have=$("$home/bin/javap" -cp "$builder/svm.jar" 'com.oracle.svm.core.amd64.AMD64LibCHelper$CPUFeatures' \
       | sed -n 's/.*boolean \(f[A-Za-z0-9_]*\)();/\1/p' | tr '\n' ' ')
[ "$want" = "$have" ] || { log "svm $svm_version's CPUFeatures differ from c/include/amd64cpufeatures.h: $have"; exit 1; }

# 4. SubstrateVM's C libraries, where the builder looks for them (-H:CLibraryPath, as a GraalVM lays them out).
clib="$home/lib/svm/clibraries/linux-amd64"
mkdir -p "$clib/glibc" "$clib/include" "$builder/lib"
cp "$here"/c/include/*.h "$clib/include/"
# The builder resolves the CPUFeatures struct of every architecture, even when building for amd64:
# the aarch64 and riscv64 headers only need the field names, generated here from the jar.
for arch in aarch64:AArch64 riscv64:RISCV64; do
  { echo "/* Generated by toolchain.sh from svm.jar: only the layout matters, nothing fills it on amd64. */"
    echo "typedef struct {"
    "$home/bin/javap" -cp "$builder/svm.jar" "com.oracle.svm.core.${arch%%:*}.${arch#*:}LibCHelper\$CPUFeatures" \
      | sed -n 's/.*boolean \(f[A-Za-z0-9_]*\)();/  char \1;/p'
    echo "} CPUFeatures;"; } > "$clib/include/${arch%%:*}cpufeatures.h"
done
cflags=(-O2 -fPIC -Wall -I "$here/c/include" -I "$home/include" -I "$home/include/linux")
objs="$work/obj" && rm -rf "$objs" && mkdir -p "$objs"
for src in libchelper locale cpufeatures container jvm jdk; do
  gcc "${cflags[@]}" -c "$here/c/$src.c" -o "$objs/$src.o"
done
ar rcs "$clib/glibc/liblibchelper.a" "$objs/libchelper.o" "$objs/locale.o" "$objs/cpufeatures.o"
ar rcs "$clib/glibc/libsvm_container.a" "$objs/container.o"
# The JVM_* functions the JDK libraries name but neither they nor jvm.c define: one stub object each, so
# the linker pulls in only those an image really references, and a call says which one it was.
mkdir -p "$objs/stubs"
comm -23 <(nm -u "$static"/*.a 2>/dev/null | awk '{ print $2 }' | grep '^JVM_' | sort -u) \
         <( { nm --defined-only "$static"/*.a "$objs/jvm.o" 2>/dev/null | awk 'NF == 3 { print $3 }'; } | sort -u) \
  | while read -r name; do
  printf '#include <stdio.h>\n#include <stdlib.h>\nvoid %s(void) {\n  fputs("%s: not provided by the native toolchain (src/native/c/jvm.c)\\n", stderr);\n  abort();\n}\n' \
    "$name" "$name" > "$objs/stubs/unsupported-$name.c"
done
(cd "$objs/stubs" && gcc -O2 -fPIC -c unsupported-*.c)
ar rcs "$clib/glibc/libjvm.a" "$objs/jvm.o" "$objs/jdk.o" "$objs"/stubs/*.o
# Every JNI function the JDK's own shared libraries export must be in the static ones or in c/jdk.c: the
# static libraries are Debian's build of a possibly older update, and the link would fail on the difference.
missing=$(for lib in "$static"/lib*.a; do
  so="$JAVA_HOME/lib/$(basename "$lib" .a).so"
  [ -f "$so" ] || continue
  comm -23 <(nm -D --defined-only "$so" | awk '{ print $3 }' | grep '^Java_' | sort) \
           <(nm --defined-only "$lib" "$objs/jdk.o" 2>/dev/null | awk 'NF == 3 { print $3 }' | grep '^Java_' | sort)
done)
[ -z "$missing" ] || { log "JDK natives missing from Debian's static libraries and c/jdk.c: $missing"; exit 1; }
log "libjvm.a: $(ls "$objs"/stubs/*.o | wc -l) generated stubs for JVM_* functions jvm.c does not implement"
gcc "${cflags[@]}" -shared "$here/c/reporterchelper.c" -o "$builder/lib/libreporterchelper.so"

# 5. The builder JVM may read every JDK package (the real driver passes the same list): generated from
#    this JDK's modules, for the builder's own modules.
builder_modules=$(for jar in "$builder"/*.jar; do "$home/bin/jar" --describe-module --file "$jar" | awk 'NR == 1 { print $1 }'; done \
                  | grep -v '^No module' | paste -sd, -)
"$home/bin/java" --list-modules | sed 's/@.*//' | while read -r module; do
  "$home/bin/java" --describe-module "$module" | awk -v m="$module" -v to="$builder_modules,ALL-UNNAMED" \
    '$1 == "contains" || $1 == "exports" || $1 == "qualified" { p = ($1 == "qualified") ? $3 : $2; print "--add-exports=" m "/" p "=" to; print "--add-opens=" m "/" p "=" to }'
done | sort -u > "$home/lib/svm/builder-jvm.args"

# 6. The driver.
mkdir -p "$home/lib/svm/driver"
"$home/bin/javac" -d "$home/lib/svm/driver" "$here/driver/NativeImage.java" >&2
cat > "$home/bin/native-image" <<'EOF'
#!/usr/bin/env bash
# native-image for this assembled toolchain: the driver (src/native/driver/NativeImage.java) starts the builder.
home=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
exec "$home/bin/java" -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$home/lib/svm/driver" NativeImage "$@"
EOF
chmod +x "$home/bin/native-image"

echo "$stamp" > "$home/.complete"
log "ready"
echo "$home"
