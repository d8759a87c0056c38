#!/bin/bash
# Interleaved A/B of the ingest bench: a base revision's server (built from `git archive` into /tmp/cm-base) against
# this working tree's, both driven by this tree's load tool, in the order base, this, this, base, so drift of a shared machine falls on both sides.
#   bash bench/Ingest.Bench/interleaved-ab.sh <base-rev> <bench arguments…>
# e.g. bash bench/Ingest.Bench/interleaved-ab.sh ba6631f --provider sqlite --posts 20000 --warmup 1000 --concurrency 32
set -euo pipefail
base_rev=$1; shift
here=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf /tmp/cm-base && mkdir -p /tmp/cm-base
git -C "$here" archive "$base_rev" | tar -x -C /tmp/cm-base
for tree in /tmp/cm-base "$here"; do
  (cd "$tree" && dotnet build src/Api -c Release -v q >/dev/null && dotnet build bench/Ingest.Bench -c Release -v q >/dev/null)
done
# The same load tool on both sides (this tree's): only the server is compared. The bench finds the server of the tree
# it runs from (the directory holding CityMatrix.sln above its dll).
cp -r "$here"/bench/Ingest.Bench/bin/Release/net10.0/. /tmp/cm-base/bench/Ingest.Bench/bin/Release/net10.0/
out=$(mktemp)
for tree in /tmp/cm-base "$here" "$here" /tmp/cm-base; do
  echo "== $([ "$tree" = /tmp/cm-base ] && echo "base $base_rev" || echo this) load=$(cut -d' ' -f1 /proc/loadavg)"
  # The built dll, run directly (one process less than dotnet run); a run that prints no row shows why.
  (cd "$tree" && dotnet bench/Ingest.Bench/bin/Release/net10.0/CityMatrix.Ingest.Bench.dll "$@" >"$out" 2>&1) || true
  grep '^| sqlite\|^| postgres' "$out" || tail -5 "$out"
done
rm -f "$out"
