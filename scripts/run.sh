#!/usr/bin/env bash
# The main job: builds the dashboards and starts the CityMatrix server on the embedded SQLite default
# (data in ./data, the Yinchuan matrix seeded on first start) and prints its URL.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PORT="${PORT:-5080}"
# The demo stream feeds the bundled Yinchuan sample posts in, so the dashboards move at once. DEMO_STREAM=false turns it off.
DEMO_STREAM="${DEMO_STREAM:-true}"
mkdir -p data
bash scripts/build-dashboards.sh # the pages at /, /workbench, /console, /citizen, /screen
exec dotnet run --project src/Api -c Release -- --urls "http://127.0.0.1:$PORT" --Storage:DataDirectory="$PWD/data" --Auth:DemoUsers=true --Demo:Stream="$DEMO_STREAM" "$@"
