#!/usr/bin/env bash
# Installs what the tests need beyond npm: Debian's Chromium (browser tests; never
# a downloaded browser build), curl (the exporters are checked against the real
# binary), dash/zsh when available (shell round trips) and PostgreSQL 15 (the
# Postgres adapter's tests start a throwaway cluster from its binaries; pg_trgm
# ships in the same package). Needs root or sudo.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v dash >/dev/null 2>&1 || need+=(dash)
command -v zsh >/dev/null 2>&1 || need+=(zsh)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
if [ ${#need[@]} -eq 0 ]; then
  echo "system deps present: chromium, curl, dash, zsh, postgresql 15"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing: ${need[*]}"
$SUDO apt-get update -qq
# zsh is a nice-to-have; chromium and curl are required.
$SUDO apt-get install -y -qq "${need[@]}" >/dev/null || $SUDO apt-get install -y -qq chromium curl dash $([ -x /usr/lib/postgresql/15/bin/initdb ] || echo postgresql-15) >/dev/null
