#!/usr/bin/env bash
# Serves the site at http://127.0.0.1:8000/ after setting up what is missing.
#   scripts/serve.sh [mkdocs] [flags]   MkDocs' live-reloading server (the hook runs the project's build steps)
#   scripts/serve.sh zensical [PORT]    the whole site built with Zensical (scripts/build.sh), served as static files
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
case "${1:-mkdocs}" in
  zensical)
    scripts/build.sh zensical build/serve-zensical
    exec .venv/bin/python -m http.server --bind 127.0.0.1 --directory build/serve-zensical "${2:-8000}" ;;
  mkdocs)
    [ $# -gt 0 ] && shift
    exec .venv/bin/mkdocs serve "$@" ;;
  *)
    exec .venv/bin/mkdocs serve "$@" ;;
esac
