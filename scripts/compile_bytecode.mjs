// Compile the Python modules in zips (wheels, the standard library's zip) to bytecode with Pyodide's own Python:
// the bytecode must match its version, which the venv's CPython cannot produce. For each ZIP, writes
// OUT_DIR/<zip file>.pyc.zip holding `<module path>.pyc` for every `.py` module in it (not in .dist-info or
// .data). scripts/build_runtime.py puts them in place of the sources, as Pyodide's own packages are built.
//
//   node scripts/compile_bytecode.mjs PYODIDE_DIR OUT_DIR ZIP... [--empty-docstrings ZIP...]
//
// The ZIPs after --empty-docstrings have every docstring (of a module, class or function) emptied first, on
// the syntax tree of the Python that compiles them, so nothing else changes. The bytecode carries line numbers
// but no column positions (PYTHONNODEBUGRANGES): they only place the carets under a traceback's line, and they
// were about a fifth of the compressed bytes.
import path from "node:path";
import { mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideDir, outDir, ...rest] = process.argv.slice(2);
const split = rest.includes("--empty-docstrings") ? rest.indexOf("--empty-docstrings") : rest.length;
const jobs = [...rest.slice(0, split).map((zip) => [zip, false]), ...rest.slice(split + 1).map((zip) => [zip, true])];
if (!pyodideDir || !outDir || !jobs.length) {
  process.stderr.write("usage: node scripts/compile_bytecode.mjs PYODIDE_DIR OUT_DIR ZIP... [--empty-docstrings ZIP...]\n");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const COMPILE = `
import ast, importlib.util, marshal, zipfile

if next(compile("x", "", "eval").co_positions())[2:] != (None, None):
    raise SystemExit("compile_bytecode: PYTHONNODEBUGRANGES was not honoured: column positions would be compiled in")

DEFINITIONS = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def without_docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, DEFINITIONS) and node.body and isinstance(node.body[0], ast.Expr) \\
                and isinstance(node.body[0].value, ast.Constant) and isinstance(node.body[0].value.value, str):
            node.body[0].value.value = ""
    return tree


def compile_modules(source, target, empty_docstrings):
    with zipfile.ZipFile(source) as modules, zipfile.ZipFile(target, "w") as out:
        for name in sorted(modules.namelist()):
            if not name.endswith(".py") or ".dist-info/" in name or ".data/" in name:
                continue
            try:
                tree = ast.parse(modules.read(name), name)
                code = compile(without_docstrings(tree) if empty_docstrings else tree, name, "exec", dont_inherit=True)
            except SyntaxError:
                continue  # not a module this Python can import: the source stays
            header = importlib.util.MAGIC_NUMBER + bytes(12)  # flags 0, no source date or size: sourceless
            out.writestr(zipfile.ZipInfo(name + "c", date_time=(1980, 1, 1, 0, 0, 0)), header + marshal.dumps(code))
`;

const { loadPyodide } = await import(pathToFileURL(path.join(path.resolve(pyodideDir), "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + path.sep, env: { PYTHONNODEBUGRANGES: "1" } });
const { NODEFS } = pyodide.FS.filesystems;
pyodide.FS.mkdirTree("/out");
pyodide.FS.mount(NODEFS, { root: path.resolve(outDir) }, "/out");
pyodide.runPython(COMPILE);
const compileModules = pyodide.globals.get("compile_modules");
const mounted = new Map(); // host folder -> where it is mounted
for (const [zip, emptyDocstrings] of jobs.map(([file, empty]) => [path.resolve(file), empty])) {
  const folder = path.dirname(zip);
  if (!mounted.has(folder)) {
    mounted.set(folder, `/in/${mounted.size}`);
    pyodide.FS.mkdirTree(mounted.get(folder));
    pyodide.FS.mount(NODEFS, { root: folder }, mounted.get(folder));
  }
  compileModules(`${mounted.get(folder)}/${path.basename(zip)}`, `/out/${path.basename(zip)}.pyc.zip`, emptyDocstrings);
}
