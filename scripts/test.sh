#!/usr/bin/env bash
# The one test command (README, .ci/run): system services, Python dependencies, the suite.
set -euo pipefail
cd "$(dirname "$0")/.."

# PostgreSQL and Chromium from Debian's packages; the last line is the server's URL.
pg_url=$(bash scripts/setup-system.sh | tail -n 1)
export RELOKANT_TEST_PG_URL="$pg_url"

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

.venv/bin/ruff check src tests
.venv/bin/mypy
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
