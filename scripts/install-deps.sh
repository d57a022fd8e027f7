#!/usr/bin/env bash
# Installs the Debian 12 packages that ungegaranti needs, but only those that are missing. Uses
# sudo when not run as root.
#   scripts/install-deps.sh          to build and run (and to build the tests)
#   scripts/install-deps.sh --test   also what the tests use: openpyxl to read workbooks back,
#                                    headless Chromium and poppler-utils for the HTML report,
#                                    LibreOffice Calc (headless) to recalculate the live workbook,
#                                    python-docx and LibreOffice Writer to read and print the Word
#                                    appendix, with Liberation Sans (Arial's metrics) to print it in
#   scripts/install-deps.sh --dev    also clang-format, for scripts/check-format.sh, and clang with
#                                    libFuzzer (libclang-rt-14-dev), for fuzz/run.sh
set -euo pipefail

packages=(cmake g++ make pkg-config libcli11-dev libyaml-cpp-dev libfmt-dev libeigen3-dev
          nlohmann-json3-dev doctest-dev libxlsxwriter-dev zlib1g-dev libxlsxwriter4
          libzip-dev librsvg2-dev libcairo2-dev)
case "${1:-}" in
  --test) packages+=(python3-openpyxl chromium poppler-utils libreoffice-calc-nogui
                     python3-docx libreoffice-writer-nogui fonts-liberation2) ;;
  --dev) packages+=(clang-format clang libclang-rt-14-dev) ;;
  "") ;;
  *)
    echo "usage: scripts/install-deps.sh [--test|--dev]" >&2
    exit 2
    ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
