#!/usr/bin/env bash
# The main job: builds and starts the CityMatrix server on the embedded SQLite default
# (data in ./data, the Yinchuan matrix seeded on first start) and prints its URL.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PORT="${PORT:-5080}"
mkdir -p data
exec dotnet run --project src/Api -c Release -- --urls "http://127.0.0.1:$PORT" --Storage:DataDirectory="$PWD/data" --Auth:DemoUsers=true "$@"
