#!/usr/bin/env bash
# Sets up what is missing, then serves the site at http://127.0.0.1:8000/ (pass other mkdocs flags through).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/mkdocs serve "$@"
