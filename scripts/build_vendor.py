"""Copies the front-end libraries the pages load (pinned in package.json, installed by `npm ci`) into the built
site, so every page script and stylesheet comes from the site's own origin: no CDN.

Today one library: accessible-autocomplete (GOV.UK's combobox), which lets a reader choose an offence, rule or
event by typing its name or section number. Run by the MkDocs hook after the build; usable on its own:
`python scripts/build_vendor.py SITE_DIR`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = {
    "accessible-autocomplete": ["dist/accessible-autocomplete.min.js", "dist/accessible-autocomplete.min.css",
                                "LICENSE.txt"],
}
TARGET = Path("assets") / "vendor"
"""Where the files go in the site: assets/vendor/<package>/<file> (mkdocs.yml names them)."""


def vendor(site: Path, modules: Path = ROOT / "node_modules") -> list[Path]:
    """Copies each library's files into `site`; a missing one is an error naming the fix (never a page that
    silently falls back to a request elsewhere)."""
    copied = []
    for package, files in VENDOR.items():
        for name in files:
            source = modules / package / name
            if not source.is_file():
                raise FileNotFoundError(f"{source} is missing: run scripts/setup.sh (npm ci)")
            target = site / TARGET / package / Path(name).name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copied.append(target)
    return copied


if __name__ == "__main__":
    for path in vendor(Path(sys.argv[1])):
        print(path)
