"""The documentation site builds with no warning (mkdocs --strict)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_site_builds_strictly(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (tmp_path / "site" / "index.html").is_file()
    assert "calculators.penalties.penalty" in (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
