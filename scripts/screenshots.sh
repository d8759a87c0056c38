#!/usr/bin/env bash
# Retakes the README's screenshots (docs/screenshots/*.png) from the real pages: runs the browser test
# that replays the demo posts into a fresh server and opens the workbench, writing its picture there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/build-dashboards.sh
dotnet build tests/EndToEnd.Tests -c Release -nologo -v q
CITYMATRIX_README_SCREENSHOTS="$PWD/docs/screenshots" dotnet test tests/EndToEnd.Tests -c Release --no-build --filter "FullyQualifiedName~DemoWorkbenchTests"
ls -l docs/screenshots
