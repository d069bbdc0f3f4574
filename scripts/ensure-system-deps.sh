#!/usr/bin/env bash
# Installs what the tests need beyond npm: Debian's Chromium (browser tests; never
# a downloaded browser build), curl (the exporters are checked against the real
# binary) and dash/zsh when available (shell round trips). Needs root or sudo.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v dash >/dev/null 2>&1 || need+=(dash)
command -v zsh >/dev/null 2>&1 || need+=(zsh)
if [ ${#need[@]} -eq 0 ]; then
  echo "system deps present: chromium, curl, dash, zsh"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing: ${need[*]}"
$SUDO apt-get update -qq
# zsh is a nice-to-have; chromium and curl are required.
$SUDO apt-get install -y -qq "${need[@]}" >/dev/null || $SUDO apt-get install -y -qq chromium curl dash >/dev/null
