#!/usr/bin/env bash
# The one command that runs every test: installs what is missing, starts a local PostgreSQL
# on 127.0.0.1, builds and runs all test projects, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash scripts/ensure-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/build-dashboards.sh || { echo "dashboards build failed"; echo "0 passed, 1 failed"; exit 1; }
CITYMATRIX_TEST_PG="$(bash scripts/pg-test-server.sh start)" || { echo "could not start PostgreSQL"; echo "0 passed, 1 failed"; exit 1; }
export CITYMATRIX_TEST_PG

log=$(mktemp)
teardown_log="${TMPDIR:-/tmp}/citymatrix-teardown-errors.log" # written by tests/Silo.Tests/Infrastructure/Teardown.cs
rm -f "$teardown_log"
dotnet build CityMatrix.sln -c Release -nologo -v q 2>&1 | tail -20
build=${PIPESTATUS[0]}
if [ "$build" -ne 0 ]; then echo "build failed"; echo "0 passed, 1 failed"; exit 1; fi

# The end-to-end tests (kill -9 of real server processes, a real browser) run after the others, not beside them:
# their servers must not share the 2 cores with three other test assemblies.
rc=0
for project in tests/Nlp.Tests tests/Silo.Tests tests/Api.Tests tests/EndToEnd.Tests; do
  one=$(mktemp)
  dotnet test "$project" -c Release --no-build -nologo -v q --logger "console;verbosity=normal" 2>&1 | tee "$one" | grep -E '^\s*(Failed |Passed!|Failed!|Error Message|Total tests)|error|[Aa]borted|host process crashed|exited with|Cleanup Failure|Catastrophic|\[FAIL\]' | grep -v '^\s*Passed ' | head -400
  status=${PIPESTATUS[0]}
  cat "$one" >> "$log"
  if [ "$status" -ne 0 ]; then
    # A run can fail with every test passed: a test host crashed, or xunit reported an error outside a test (a fixture
    # whose disposal threw). Name the project and show what xunit and vstest said, not the servers' logs.
    rc=1
    echo "$project: dotnet test exited with $status; what the runner said:"
    grep -E '^\[xUnit\.net|^\s+(at |System\.|Microsoft\.|Npgsql)|Test Run|[Ee]rror' "$one" | grep -vE 'Discover|Starting:|Finished:|VSTest Adapter|^\s*Passed ' | head -60
  fi
  rm -f "$one"
done

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
rm -f "$log"
if [ -s "$teardown_log" ]; then
  echo "errors while disposing shared fixtures after their tests (not counted as failures):"
  cut -c1-400 "$teardown_log" | head -40
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
