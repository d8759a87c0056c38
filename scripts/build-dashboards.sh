#!/usr/bin/env bash
# Builds the dashboards (dashboards/ → dashboards/dist, served by src/Api) when something changed:
# `npm ci` when package-lock.json is newer than the installed modules, `vite build` when any source
# is newer than the last build. Run by scripts/run.sh and scripts/test.sh; quiet when up to date.
set -euo pipefail
cd "$(dirname "$0")/../dashboards"
command -v npm >/dev/null 2>&1 || { echo "npm (Node.js 20.19+) is needed to build the dashboards" >&2; exit 1; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "dashboards: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
stamp=dist/.built
if [ -f "$stamp" ] && [ -z "$(find . -path ./node_modules -prune -o -path ./dist -prune -o -type f -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
echo "dashboards: vite build"
npx --no-install vite build --logLevel warn
touch "$stamp"
