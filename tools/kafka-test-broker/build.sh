#!/usr/bin/env bash
# Builds the librdkafka mock-cluster test broker into ./build/.
# Rebuilds only when the C source (or this script) is newer than the binary,
# so test setup can call it unconditionally.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/kafka-test-broker.c"
out_dir="$here/build"
out="$out_dir/kafka-test-broker"

if [[ ! -f /usr/include/librdkafka/rdkafka_mock.h ]]; then
  echo "librdkafka-dev is missing: apt-get install -y librdkafka-dev" >&2
  exit 1
fi

if [[ -x "$out" && "$out" -nt "$src" && "$out" -nt "${BASH_SOURCE[0]}" ]]; then
  exit 0
fi

cflags=()
libs=(-lrdkafka)
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists rdkafka; then
  read -r -a cflags <<<"$(pkg-config --cflags rdkafka)"
  read -r -a libs <<<"$(pkg-config --libs rdkafka)"
fi

mkdir -p "$out_dir"
# Link to a temp name and rename, so a failed or concurrent build never
# leaves a truncated binary that looks up to date.
tmp="$(mktemp "$out_dir/.kafka-test-broker.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
gcc -std=c11 -O2 -g -Wall -Wextra -Werror ${cflags[@]+"${cflags[@]}"} \
  -o "$tmp" "$src" "${libs[@]}"
chmod 755 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
echo "built $out" >&2
