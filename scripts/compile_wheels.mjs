// Compile the Python modules of wheels to bytecode with Pyodide's own Python: the bytecode must match its
// version, which the venv's CPython cannot produce. For each WHEEL, writes OUT_DIR/<wheel file>.pyc.zip
// holding `<module path>.pyc` for every `.py` module in it (not in .dist-info or .data). scripts/
// build_runtime.py puts them in the wheel in place of the sources, as Pyodide's own packages are built.
//
//   node scripts/compile_wheels.mjs PYODIDE_DIR OUT_DIR WHEEL...
import path from "node:path";
import { mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideDir, outDir, ...wheels] = process.argv.slice(2);
if (!pyodideDir || !outDir || !wheels.length) {
  process.stderr.write("usage: node scripts/compile_wheels.mjs PYODIDE_DIR OUT_DIR WHEEL...\n");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const COMPILE = `
import importlib.util, marshal, zipfile

def compile_modules(source, target):
    with zipfile.ZipFile(source) as wheel, zipfile.ZipFile(target, "w") as out:
        for name in sorted(wheel.namelist()):
            if not name.endswith(".py") or ".dist-info/" in name or ".data/" in name:
                continue
            try:
                code = compile(wheel.read(name), name, "exec", dont_inherit=True)
            except SyntaxError:
                continue  # not a module this Python can import: the source stays
            header = importlib.util.MAGIC_NUMBER + bytes(12)  # flags 0, no source date or size: sourceless
            out.writestr(zipfile.ZipInfo(name + "c", date_time=(1980, 1, 1, 0, 0, 0)), header + marshal.dumps(code))
`;

const { loadPyodide } = await import(pathToFileURL(path.join(path.resolve(pyodideDir), "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + path.sep });
const { NODEFS } = pyodide.FS.filesystems;
pyodide.FS.mkdirTree("/out");
pyodide.FS.mount(NODEFS, { root: path.resolve(outDir) }, "/out");
pyodide.runPython(COMPILE);
const compileModules = pyodide.globals.get("compile_modules");
const mounted = new Map(); // host folder -> where it is mounted
for (const wheel of wheels.map((file) => path.resolve(file))) {
  const folder = path.dirname(wheel);
  if (!mounted.has(folder)) {
    mounted.set(folder, `/in/${mounted.size}`);
    pyodide.FS.mkdirTree(mounted.get(folder));
    pyodide.FS.mount(NODEFS, { root: folder }, mounted.get(folder));
  }
  compileModules(`${mounted.get(folder)}/${path.basename(wheel)}`, `/out/${path.basename(wheel)}.pyc.zip`);
}
