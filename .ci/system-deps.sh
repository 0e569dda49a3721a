#!/usr/bin/env bash
# System packages the tests need (Debian): a browser for Playwright, poppler to render PDFs, LibreOffice,
# PostgreSQL for the database tests, python3-venv where the system Python lacks ensurepip.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
[ -d /usr/lib/postgresql ] || need+=(postgresql)
# LibreOffice headless: recomputes the Excel plan's formulas and renders Word documents in the tests.
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui libreoffice-writer-nogui)
python3 -c "import ensurepip" 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  echo "installation des paquets système : ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
