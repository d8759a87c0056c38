#!/usr/bin/env bash
# Installs the Debian packages the server, the tests and the benchmarks need, when missing:
# PostgreSQL (tests), python3 (seed tools), chromium and CJK fonts (browser tests of the dashboards).
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
command -v python3 >/dev/null 2>&1 || need+=(python3)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then echo "please install: ${need[*]} (sudo apt-get install ${need[*]})" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"
