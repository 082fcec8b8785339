#!/usr/bin/env bash
# Pin the test environment: requirements/constraints.txt holds one exact version of every package
# `pip install -e '.[dev,ray]'` installs, for every Python the project supports (uv's universal
# resolution). pyproject.toml keeps ranges, so the library installs beside other packages; the
# README's install command and .ci/run install through these pins, so a fresh machine next month
# gets the versions CI was green on. Run this after changing a dependency, then run the tests
# (scripts/check-latest.sh tries the newest versions the ranges allow).
set -euo pipefail
cd "$(dirname "$0")/.."
uv=${UV:-uv}
command -v "$uv" >/dev/null || uv="${PYTHON:-python} -m uv"
$uv pip compile pyproject.toml --extra dev --extra ray --universal --python-version 3.10 \
  --no-header --output-file requirements/constraints.txt
echo "wrote requirements/constraints.txt ($(grep -c '==' requirements/constraints.txt) pins)" >&2
