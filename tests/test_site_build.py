"""The project's own build steps (scripts/site_build.py), which both generators use: what `prepare` writes and
what the guard refuses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from calculators import dataset

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import site_build  # noqa: E402


def test_prepare_leaves_no_placeholder_and_marks_calculator_pages(tmp_path):
    config_path = site_build.prepare(tmp_path)
    docs = tmp_path / "docs"
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert not site_build.PLACEHOLDER.search(text), f"{page.relative_to(docs)} keeps a placeholder"
    penalty = (docs / "calculators" / "penalty.md").read_text(encoding="utf-8")
    assert penalty.startswith("---\ncalculator: true\n---\n") and 'class="vot-calculator"' in penalty
    embed = (docs / "embed" / "penalty.md").read_text(encoding="utf-8")
    assert embed.startswith("---\ncalculator: true\ntemplate: embed.html\n")  # added to the page's own front matter
    assert "calculator: true" not in (docs / "guides" / "counting-time.md").read_text(encoding="utf-8")
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    assert "hooks" not in config and config["docs_dir"] == "docs"
    assert config["copyright"].startswith(f"Dataset {dataset.RELEASE_VERSION} · law as at ")
    assert config["extra"]["dataset_version"] == dataset.RELEASE_VERSION
    assert Path(config["theme"]["custom_dir"]) == ROOT / "overrides"


def test_the_guard_names_every_gap(tmp_path):
    site = tmp_path
    (site / "calculators" / "penalty").mkdir(parents=True)
    (site / "calculators" / "penalty" / "index.html").write_text("<p>[[form penalty]]</p>", encoding="utf-8")
    (site / "service-worker.js").write_text("const VERSION = '__CACHE_VERSION__';", encoding="utf-8")
    (site / "index.html").write_text('<footer>Dataset ?</footer><script src="assets/javascripts/gone.1234abcd.min.js">'
                                     "</script>", encoding="utf-8")
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / "calculators.js").write_text('import "./form-patterns.js";', encoding="utf-8")
    problems = "\n".join(site_build.check(site))
    assert "calculators/penalty/index.html: '[[form ' left unfilled" in problems
    assert "service-worker.js: '__CACHE_VERSION__' left unfilled" in problems
    assert "runtime/manifest.json is missing" in problems
    assert "assets/vendor/accessible-autocomplete/accessible-autocomplete.min.js is missing" in problems
    assert f"dataset/latest/dataset-{dataset.RELEASE_VERSION}.zip is missing" in problems
    assert "dataset/1.0.0/SHA256SUMS is missing" in problems and "dataset/v1/changes.json is missing" in problems
    assert "calculators/deadline/index.html: no calculator form" in problems
    assert "index.html: the footer does not name the dataset release" in problems
    assert "index.html: assets/javascripts/gone.1234abcd.min.js is missing" in problems
    assert "assets/javascripts/calculators.js: assets/javascripts/form-patterns.js is missing" in problems
    assert "assets/javascripts/calculators.js is not named by its content" in problems


def test_build_sh_builds_the_whole_site_with_mkdocs(tmp_path):
    """scripts/build.sh mkdocs OUT: the generator-neutral path (prepare, render, finish, check) gives a whole site."""
    site = tmp_path / "site"
    done = subprocess.run([str(ROOT / "scripts" / "build.sh"), "mkdocs", str(site)], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, f"{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    assert site_build.check(site) == []
    assert 'class="vot-calculator"' in (site / "embed" / "penalty" / "index.html").read_text(encoding="utf-8")


def test_build_sh_refuses_an_unknown_generator(tmp_path):
    done = subprocess.run([str(ROOT / "scripts" / "build.sh"), "hugo", str(tmp_path / "site")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and "usage: scripts/build.sh [mkdocs|zensical]" in done.stderr
