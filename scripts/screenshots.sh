#!/usr/bin/env bash
# Retakes the README's screenshots (docs/screenshots/*.png) from the real pages: runs the browser tests
# that replay the demo posts into a fresh server and open the workbench (workbench.png) and the big screen
# at 1920×1080 while more posts arrive through the API (screen.png), writing their pictures there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/build-dashboards.sh
dotnet build tests/EndToEnd.Tests -c Release -nologo -v q
CITYMATRIX_README_SCREENSHOTS="$PWD/docs/screenshots" dotnet test tests/EndToEnd.Tests -c Release --no-build --filter "FullyQualifiedName~DemoWorkbenchTests|FullyQualifiedName~DemoScreenTests"
ls -l docs/screenshots
