#!/usr/bin/env bash
# Prepares everything the site and the tests need, idempotently: the virtual environment with the
# package and its dev extras (re-installed only when pyproject.toml changes), the pinned Pyodide, fflate,
# accessible-autocomplete, axe-core, json-schema-to-typescript, typescript, esbuild and lighthouse from npm, and
# Debian's chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PYTHON" -m venv .venv
fi

stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "setup: installing the package and its dev extras" >&2
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[dev]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# The Pyodide runtime the site self-hosts and fflate (package.json pins both). Re-installs only when
# node_modules/pyodide is missing or package-lock.json has changed.
if ! command -v npm >/dev/null; then
  echo "setup: npm not found: install Node.js 20+ and npm; the browser runtime and its parity test need them" >&2
elif [ ! -f package-lock.json ] || [ ! -f node_modules/pyodide/package.json ] \
    || [ ! -f "node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)" ]; then
  echo "setup: installing the pinned npm packages (Pyodide, fflate, accessible-autocomplete, axe-core, json-schema-to-typescript, typescript, esbuild, lighthouse)" >&2
  if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  else
    npm install --no-audit --no-fund --loglevel=error
  fi
  rm -f node_modules/.installed-*
  touch "node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
fi

# The browser the end-to-end tests drive (tests/test_browser.py): Debian's Chromium, never a test
# tool's own browser download. Installs only when /usr/bin/chromium is missing.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian's chromium for the browser tests" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium not found and not root: run 'sudo apt-get install chromium';" \
         "the browser tests (tests/test_browser.py) fail until it is installed" >&2
  fi
fi
