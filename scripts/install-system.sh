#!/usr/bin/env bash
# System packages balju needs (Debian): Korean fonts for PDF reports and charts, poppler for
# PDF checks (pdffonts, pdftoppm in the tests). With --test, also what the tests use: a
# PostgreSQL server (a throwaway cluster per test session) and Chromium for the browser tests
# (Playwright drives /usr/bin/chromium; `playwright install` cannot download here).
# Installs only what is missing.
set -euo pipefail
packages=(fonts-nanum poppler-utils)
if [ "${1:-}" = "--test" ]; then
  packages+=(postgresql chromium)
fi
need=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "다음 패키지를 설치해야 합니다 (install as root): ${need[*]}" >&2; exit 1; fi
else SUDO=""; fi
echo "시스템 패키지 설치 (installing): ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
