#!/usr/bin/env bash
# Fails if any C++ file of the repository is not formatted as .clang-format says.
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror
echo "check-format: $(git ls-files '*.cpp' '*.hpp' | wc -l) files formatted"
