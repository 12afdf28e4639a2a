#!/usr/bin/env bash
# Builds the whole site with either generator: scripts/build.sh [mkdocs|zensical] [OUT_DIR] (default: mkdocs, site/).
# The project's own steps (scripts/site_build.py) run before and after the generator, which only renders:
# prepare (generated pages and configuration in build/site-src/), render, finish (runtime, dataset, service
# worker) and check (nothing left unfilled, nothing missing).
set -euo pipefail
cd "$(dirname "$0")/.."
generator="${1:-mkdocs}"
out="$(realpath -m "${2:-site}")"
scripts/setup.sh
source_dir="build/site-src-$generator"
config="$(.venv/bin/python scripts/site_build.py prepare "$source_dir" "$generator")"
case "$generator" in
  mkdocs)
    NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict --config-file "$config" --site-dir "$out" ;;
  zensical)
    # Zensical writes to the configuration's site_dir, which must lie beside the configuration.
    rm -rf "$source_dir/site" "$out"
    .venv/bin/zensical build --strict --clean --config-file "$config"
    mkdir -p "$(dirname "$out")"
    mv "$source_dir/site" "$out" ;;
  *)
    echo "usage: scripts/build.sh [mkdocs|zensical] [OUT_DIR]" >&2; exit 2 ;;
esac
.venv/bin/python scripts/site_build.py finish "$out"
echo "built $out with $generator"
