#!/usr/bin/env bash
# Fails the -Pnative-local build unless the native bootstrap in the zip runs on Lambda's provided.al2023 as built:
#   - no glibc symbol version newer than 2.34 (Amazon Linux 2023 ships glibc 2.34), read with objdump -T;
#   - no shared library beyond libc, libm, libz, libdl, libpthread and librt (and the dynamic loader).
# The build host's glibc leaks into the binary through the C stand-ins and the JDK's static libraries (with glibc
# 2.38 headers, strtol under _GNU_SOURCE becomes __isoc23_strtol), so this is checked on the output, not assumed.
# Writes what it found to target/native-bootstrap-check.txt.
set -euo pipefail

zip=${1:?usage: check-bootstrap.sh <function.zip> [report]}
report=${2:-$(dirname "$zip")/native-bootstrap-check.txt}
max_glibc=2.34
allowed_libs="libc.so.6 libm.so.6 libz.so.1 libdl.so.2 libpthread.so.0 librt.so.1 ld-linux-x86-64.so.2"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q -o "$zip" bootstrap -d "$work" || { echo "check-bootstrap: $zip holds no bootstrap" >&2; exit 1; }
bin="$work/bootstrap"

versions=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -u -V)
newest=$(printf '%s\n' $versions | tail -1)
needed=$(objdump -p "$bin" | awk '$1 == "NEEDED" { print $2 }' | sort -u)
isoc23=$(objdump -T "$bin" | grep -c '__isoc23_' || true)

{
  echo "bootstrap: $(stat -c %s "$bin") bytes, $(sha256sum "$bin" | cut -c1-16)"
  echo "glibc symbol versions: $(echo $versions)"
  echo "newest: GLIBC_$newest (at most GLIBC_$max_glibc allowed)"
  echo "shared libraries: $(echo $needed)"
  echo "__isoc23_* symbols: $isoc23"
} | tee "$report"

fail=0
if [ "$(printf '%s\n%s\n' "$newest" "$max_glibc" | sort -V | tail -1)" != "$max_glibc" ]; then
  echo "check-bootstrap: the bootstrap needs GLIBC_$newest, newer than the $max_glibc of provided.al2023:" >&2
  objdump -T "$bin" | grep -E "GLIBC_($(printf '%s\n' $versions | awk -v m="$max_glibc" 'BEGIN{split(m,b,".")} {split($1,a,"."); if (a[1]>b[1] || (a[1]==b[1] && a[2]>b[2])) print $1}' | paste -sd'|'))\b" >&2 || true
  fail=1
fi
for lib in $needed; do
  case " $allowed_libs " in
    *" $lib "*) ;;
    *) echo "check-bootstrap: the bootstrap links $lib, which provided.al2023 may not have" >&2; fail=1 ;;
  esac
done
[ "$isoc23" -eq 0 ] || { echo "check-bootstrap: $isoc23 __isoc23_* symbols (glibc 2.38 names)" >&2; fail=1; }
[ "$fail" -eq 0 ] && echo "check-bootstrap: the bootstrap runs on glibc $max_glibc with the allowed libraries"
exit "$fail"
