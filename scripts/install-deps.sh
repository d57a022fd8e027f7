#!/usr/bin/env bash
# Installs the Debian 12 packages that ungegaranti needs to build and test, but only those that are
# missing; with --dev also the developer tools (clang-format). Uses sudo when not run as root.
set -euo pipefail

packages=(cmake g++ make pkg-config libcli11-dev libyaml-cpp-dev libfmt-dev libeigen3-dev nlohmann-json3-dev
          doctest-dev libxlsxwriter-dev zlib1g-dev python3-openpyxl
          chromium poppler-utils)
if [[ "${1:-}" == "--dev" ]]; then
  packages+=(clang-format)
fi

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
