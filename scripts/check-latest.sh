#!/usr/bin/env bash
# Drift check, to run on a schedule: install the newest versions pyproject.toml's ranges allow
# (no constraints file) into a fresh virtual environment and run the whole suite there, so a new
# release that breaks us (a changed server flag, a reworded validation message in a re-ask) shows
# up here before a user meets it. Prints the packages whose versions differ from the pins.
#
#   scripts/check-latest.sh            # a temporary venv, removed afterwards
#   KEEP=1 scripts/check-latest.sh     # keep it (its path is printed) to investigate a failure
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
venv=$(mktemp -d -t summarize-latest.XXXXXX)
[[ -n "${KEEP:-}" ]] || trap 'rm -rf "$venv"' EXIT
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade -e '.[dev,ray]'
echo "newest allowed versions that differ from requirements/constraints.txt:" >&2
"$venv/bin/python" - <<'PY' >&2
import re
from importlib.metadata import distributions
from pathlib import Path

def key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()

pinned = {}
for line in Path("requirements/constraints.txt").read_text().splitlines():
    if m := re.match(r"^([A-Za-z0-9_.-]+)==([^ ;]+)", line):
        pinned.setdefault(key(m[1]), set()).add(m[2])
drift = sorted(
    f"  {d.metadata['Name']} {d.version} (pinned {', '.join(sorted(pinned[key(d.metadata['Name'])]))})"
    for d in distributions()
    if key(d.metadata["Name"]) in pinned and d.version not in pinned[key(d.metadata["Name"])]
)
print("\n".join(drift) or "  none")
PY
"$venv/bin/python" -m pytest -q -p no:cacheprovider
echo "the suite passes on the newest allowed versions (venv: $venv)" >&2
