"""The TypeScript declarations of the dataset: generated from the committed JSON Schemas, current, and compiling
under `tsc --strict`, with the developers' page example checked against them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

from calculators.collections import COLLECTIONS

from conftest import ROOT

TYPES = ROOT / "dataset" / "types"
TSC = ROOT / "node_modules" / ".bin" / "tsc"
TSCONFIG = {"compilerOptions": {"strict": True, "noEmit": True, "target": "ES2022", "module": "ES2022",
                                "moduleResolution": "bundler", "lib": ["ES2022", "DOM"], "skipLibCheck": False},
            "include": ["*.ts", "types/*.d.ts"]}


def _tsc(folder) -> subprocess.CompletedProcess:
    (folder / "tsconfig.json").write_text(json.dumps(TSCONFIG), encoding="utf-8")
    return subprocess.run([str(TSC), "-p", str(folder)], capture_output=True, text=True, timeout=300)


def _example() -> str:
    page = (ROOT / "docs" / "developers.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```ts\n(.*?)```", page, re.S)
    return block


def test_declarations_are_current(tmp_path):
    done = subprocess.run(["node", str(ROOT / "scripts" / "build_types.mjs"), str(tmp_path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    generated = {path.name: path.read_text(encoding="utf-8") for path in tmp_path.glob("*.d.ts")}
    committed = {path.name: path.read_text(encoding="utf-8") for path in TYPES.glob("*.d.ts")}
    assert generated.keys() == committed.keys() == {f"{c}.d.ts" for c in COLLECTIONS} | {"index.d.ts"}
    for name, text in generated.items():
        assert committed[name] == text, f"dataset/types/{name} is stale: run scripts/export_schemas.py"


def test_declarations_and_the_developers_example_compile_under_strict(tmp_path):
    shutil.copytree(TYPES, tmp_path / "types")
    (tmp_path / "example.ts").write_text(_example(), encoding="utf-8")
    done = _tsc(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


WRONG = [  # each line is an error the declarations must catch, with its TypeScript code
    ("const n: number = offences.records[0].infringement_penalty.individual;", "TS2533"),  # possibly null
    ("const x: string = offences.records[0].in_force.from;", "TS2322"),  # null when not stated
    ("offences.records[0].nonsense;", "TS2339"),  # no such field
    ('const wrong = await load("not-a-collection");', "TS2345"),  # no such collection
]


def test_strict_compilation_refuses_what_the_schemas_forbid(tmp_path):
    shutil.copytree(TYPES, tmp_path / "types")
    example = _example()
    (tmp_path / "example.ts").write_text(example + "".join(code + "\n" for code, _ in WRONG), encoding="utf-8")
    done = _tsc(tmp_path)
    first = example.count("\n") + 1
    assert done.returncode != 0
    for line, (code, error) in enumerate(WRONG, start=first):
        assert re.search(rf"example\.ts\({line},\d+\): error {error}", done.stdout), (code, done.stdout)
