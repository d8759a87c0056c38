#!/usr/bin/env bash
# Runs the alert push benchmark: for each N, fresh Release server(s) with demo users, N clients from
# load.js, one alert; prints load.js's JSON line plus each server's memory (VmRSS now, VmHWM peak).
#   bash bench/alerts-load/run.sh 1000 10000            # one server, SQLite
#   SERVERS=2 PG="Host=...;Database=..." bash bench/alerts-load/run.sh 20000   # two servers on one PostgreSQL
# A server process holds one socket per client: N is bounded by `ulimit -n` per server process.
set -euo pipefail
cd "$(dirname "$0")/../.."
ulimit -n "$(ulimit -Hn)" || true
SERVERS="${SERVERS:-1}"
[ -d bench/alerts-load/node_modules/@microsoft/signalr ] || (cd bench/alerts-load && npm install --no-audit --no-fund >/dev/null)
dotnet build src/Api -c Release -nologo -v q >/dev/null
for N in "${@:-1000 10000}"; do
  DATA=$(mktemp -d); PIDS=(); URLS=()
  for S in $(seq 1 "$SERVERS"); do
    PORT=$((5079 + S))
    STORAGE=(--Storage:DataDirectory="$DATA")
    [ -n "${PG:-}" ] && STORAGE=(--Storage:Provider=PostgreSql --Storage:ConnectionString="$PG")
    dotnet src/Api/bin/Release/net10.0/CityMatrix.Api.dll --urls "http://127.0.0.1:$PORT" "${STORAGE[@]}" \
      --Auth:DemoUsers=true --Logging:LogLevel:Default=Warning >"$DATA/server$S.log" 2>&1 &
    PIDS+=($!); URLS+=("http://127.0.0.1:$PORT")
    until curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; do sleep 0.5; done
  done
  RESULT=$(node bench/alerts-load/load.js --url "$(IFS=,; echo "${URLS[*]}")" --clients "$N" --workers "${WORKERS:-2}")
  MEM=""
  for P in "${PIDS[@]}"; do
    MEM="$MEM$(awk '/VmRSS/ {r=$2} /VmHWM/ {h=$2} END {printf "%d/%d", r/1024, h/1024}' /proc/$P/status) "
  done
  echo "$RESULT serverMB(rss/peak): $MEM"
  for P in "${PIDS[@]}"; do kill "$P"; wait "$P" 2>/dev/null || true; done
  rm -rf "$DATA"
done
