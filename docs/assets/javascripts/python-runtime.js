// The calculators' Python runtime, shared by the page's worker (pyodide-worker.js) and the Node parity
// runner (tests/parity/run_cases.mjs): installing the wheels, a memory snapshot, and the fallback from the cut
// runtime to the full one (`Calculators`).
//
// A memory snapshot of a booted Python (calculators imported), so that a returning reader's calculator
// starts in well under a second instead of booting Python and importing pydantic again (seconds in wasm).
//
// The snapshot is made in the reader's own browser, right after the calculators are imported and before
// any of the reader's input reaches Python, and it stays on their device (the worker keeps it in Cache
// Storage). It holds three things:
//   - Pyodide's memory snapshot (`makeMemorySnapshot`): the whole wasm heap;
//   - every file under site-packages (our wheel and its dependencies), written back before restoring;
//   - where each shared library (pydantic_core's .so) was loaded: Pyodide's own snapshots don't support
//     shared libraries, so before the heap is restored we load each one again at the same memory address
//     and table slots, checked, or the snapshot is refused (and the caller boots normally).
// The same code runs in Node (tests/parity/run_cases.mjs --snapshot) to prove a restored Python gives the
// same answers as a freshly booted one.

const MAGIC = 0x53544f56; // "VOTS"

/**
 * The environment Python starts with, in the browser and in the parity runner alike. pydantic's plugin
 * discovery is off: no plugin is installed, and the scan opened the standard library's zip, whose file handle
 * a restored snapshot no longer has (closing it printed a `ZipFile.__del__` traceback to the console).
 * zoneinfo looks for time zones in the tzdata wheel only (an empty PYTHONTZPATH): Pyodide has no system zone
 * files, and reading the default search path imported sysconfig and its build data (24 KB) at every start.
 */
export const PYTHON_ENV = { PYDANTIC_DISABLE_PLUGINS: "1", PYTHONTZPATH: "" };
const FORMAT = 1;
const GUARD = "_vot_cut_guard"; // in the cut standard library only (scripts/build_runtime.py)
const PAGE = 4096;

function writeFiles(FS, files) {
  const folders = new Set();
  for (const [path, data] of files) {
    const folder = path.slice(0, path.lastIndexOf("/"));
    if (!folders.has(folder)) FS.mkdirTree(folder);
    folders.add(folder);
    FS.writeFile(path, data);
  }
}

/**
 * Install wheels into site-packages. `wheels` are unpacked already, each a list of [path in the wheel, bytes]
 * (the worker unpacks them while Pyodide boots). Returns the files written, with their full paths.
 */
export function installWheels(pyodide, wheels) {
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  const files = wheels.flat().filter(([name]) => !name.endsWith("/")).map(([name, data]) => [`${sitePackages}/${name}`, data]);
  writeFiles(pyodide.FS, files);
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  return files;
}

const alignUp = (value, alignment) => Math.ceil(value / alignment) * alignment;

// The shared libraries loaded since boot, with the memory and table ranges the dynamic linker gave them
// (read from the handle the C side of dlopen allocated: Emscripten's `struct dso`).
function loadedLibraries(Module) {
  const libraries = [];
  for (const [handle, dso] of Object.entries(Module.LDSO.loadedLibsByHandle)) {
    const address = Number(handle);
    if (dso.name === "__main__" || !address) continue;
    libraries.push({
      name: dso.name, handle: address, global: dso.global,
      memoryBase: Module.HEAPU32[(address + 12) >> 2], memorySize: Module.HEAP32[(address + 16) >> 2],
      tableBase: Module.HEAPU32[(address + 20) >> 2], tableSize: Module.HEAP32[(address + 24) >> 2],
    });
  }
  const byName = new Set(libraries.map((library) => library.name));
  const unplaced = Object.keys(Module.LDSO.loadedLibsByName).filter((name) => name !== "__main__" && !byName.has(name));
  if (unplaced.length) throw new Error(`shared libraries loaded without dlopen cannot be snapshotted: ${unplaced}`);
  return libraries.sort((a, b) => a.tableBase - b.tableBase);
}

// The parts of Pyodide's memory snapshot that are not all zero, as [offset, length] runs of whole pages:
// about 40 % of the heap is zero pages, which need not be stored or read back.
function nonZeroRuns(memory) {
  const words = new Uint32Array(memory.buffer, memory.byteOffset, memory.length >> 2);
  const runs = [];
  for (let page = 0; page < memory.length; page += PAGE) {
    const end = Math.min(page + PAGE, memory.length);
    let zero = end % 4 === 0;
    for (let word = page >> 2; zero && word < end >> 2; word++) zero = words[word] === 0;
    if (zero) continue;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === page) last[1] += end - page;
    else runs.push([page, end - page]);
  }
  return runs;
}

/**
 * Snapshot a Pyodide booted with `_makeSnapshot: true`, with the files `installWheels` wrote and `notes` (any
 * JSON, returned by `bootFromSnapshot`). The heap is copied at once; `pack()` assembles the snapshot into one
 * Uint8Array, and can wait until later.
 */
export function captureSnapshot(pyodide, files, notes = null) {
  const Module = pyodide._module;
  const libraries = loadedLibraries(Module);
  const tableLength = Module.wasmTable.length;
  const memory = pyodide.makeMemorySnapshot();
  return {
    pack() {
      const runs = nonZeroRuns(memory);
      const header = new TextEncoder().encode(JSON.stringify({
        format: FORMAT, libraries, tableLength, notes,
        files: files.map(([path, data]) => [path, data.length]), memory: { length: memory.length, runs },
      }));
      const chunks = [...files.map(([, data]) => data), ...runs.map(([offset, length]) => memory.subarray(offset, offset + length))];
      const blob = new Uint8Array(8 + header.length + chunks.reduce((sum, chunk) => sum + chunk.length, 0));
      new DataView(blob.buffer).setUint32(0, MAGIC, true);
      new DataView(blob.buffer).setUint32(4, header.length, true);
      blob.set(header, 8);
      let at = 8 + header.length;
      for (const chunk of chunks) {
        blob.set(chunk, at);
        at += chunk.length;
      }
      return blob;
    },
  };
}

function readSnapshot(blob) {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (blob.length < 8 || view.getUint32(0, true) !== MAGIC) throw new Error("not a calculator snapshot");
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(blob.subarray(8, 8 + headerLength)));
  if (header.format !== FORMAT) throw new Error(`snapshot format ${header.format}, expected ${FORMAT}`);
  let at = 8 + headerLength;
  const take = (length) => blob.subarray(at, (at += length));
  const files = header.files.map(([path, length]) => [path, take(length)]);
  const memory = new Uint8Array(header.memory.length);
  for (const [offset, length] of header.memory.runs) memory.set(take(length), offset);
  if (at !== blob.length) throw new Error("snapshot is truncated or has extra bytes");
  return { header, files, memory };
}

// Load a shared library again exactly where it was: steer the allocator (calloc, which Emscripten's
// loader calls for the library's data) to return the recorded address, then let the loader do the rest.
function reloadLibrary(Module, library) {
  if (Module.wasmTable.length !== library.tableBase) {
    throw new Error(`${library.name}: table has ${Module.wasmTable.length} slots, expected ${library.tableBase}`);
  }
  const binary = Module.FS.readFile(library.name);
  const metadata = Module.getDylinkMetadata(binary);
  const alignment = 2 ** metadata.memoryAlign;
  const size = metadata.memorySize + alignment;
  // A filler allocation below the library's data moves the next allocation up to it; its size is adjusted
  // by the allocator's bookkeeping bytes until the next allocation lands exactly (fillers are overwritten
  // when the heap is restored).
  const placeAt = () => {
    const probe = Module._calloc(size, 1);
    Module._free(probe);
    return alignUp(probe, alignment);
  };
  let filler = library.memoryBase - placeAt();
  for (let attempt = 0; filler !== 0; attempt++) {
    if (filler < 0 || attempt === 8) throw new Error(`${library.name}: cannot be placed at ${library.memoryBase}`);
    const allocation = Module._malloc(filler);
    const miss = placeAt() - library.memoryBase;
    if (miss === 0) break;
    Module._free(allocation);
    filler -= miss;
  }
  Module.loadDynamicLibrary(library.name, { global: library.global, nodelete: true, loadAsync: false },
    library.global ? null : {}, library.handle);
  const placed = Module.HEAPU32[(library.handle + 12) >> 2];
  if (placed !== library.memoryBase) throw new Error(`${library.name}: placed at ${placed}, not ${library.memoryBase}`);
}

/**
 * A Pyodide restored from `captureSnapshot`'s output (or a promise of it: reading it overlaps compiling
 * Pyodide's wasm), and the snapshot's notes: `{ pyodide, notes }`. Throws if the snapshot does not fit
 * this runtime. `createModule` is Pyodide's module factory (the default export of pyodide.asm.mjs), or a
 * promise of it; by default it is imported from `indexURL`. `checkFiles(files)`, if given, is shown the
 * snapshot's files ([path, bytes] each) before anything is restored, and refuses the snapshot by throwing.
 */
export async function bootFromSnapshot(blob, { loadPyodide, indexURL, createModule, checkFiles = () => {}, ...options }) {
  let notes = null;
  createModule ??= import(`${indexURL}pyodide.asm.mjs`).then((script) => script.default);
  const pyodide = await loadPyodide({
    ...options,
    indexURL,
    // Tells loadPyodide to restore rather than run Python's start-up; the real heap is restored below.
    _loadSnapshot: new Uint8Array(16),
    createPyodideModule: async (settings) => {
      const [Module, { header, files, memory }] = await Promise.all([
        Promise.resolve(createModule).then((create) => create(settings)),
        Promise.resolve(blob).then(readSnapshot).then(async (read) => { await checkFiles(read.files); return read; })]);
      notes = header.notes;
      const restoreHeap = Module.API.restoreSnapshot;
      Module.API.restoreSnapshot = () => {
        writeFiles(Module.FS, files);
        header.libraries.forEach((library) => reloadLibrary(Module, library));
        if (Module.wasmTable.length !== header.tableLength) {
          throw new Error(`table has ${Module.wasmTable.length} slots after reloading, expected ${header.tableLength}`);
        }
        if (Module.HEAP8.length < memory.length && !Module.growMemory(memory.length)) {
          throw new Error("cannot grow memory to the snapshot's size");
        }
        return restoreHeap(memory);
      };
      return Module;
    },
  });
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  return { pyodide, notes };
}

/** Imports the guard the cut standard library carries, which notes imports of the modules the cuts left out. */
export function guardCutRuntime(pyodide) {
  pyodide.runPython(`import ${GUARD}`);
}

const guards = new WeakMap(); // each Python's guard (null on the full runtime), looked up once: asked after every answer

/** The left-out modules a Python on the cut runtime has imported so far (none on the full runtime). */
export function missedModules(pyodide) {
  if (!guards.has(pyodide)) guards.set(pyodide, pyodide.runPython(`__import__("sys").modules.get("${GUARD}")`) ?? null);
  const missed = guards.get(pyodide)?.missed();
  return missed ? missed.split(",") : [];
}

/**
 * The calculators' Python, started on the cut runtime (the standard library and wheels cut to what the
 * calculators import), falling back to the full runtime. `start(cut)` starts a Python (on the cut runtime when
 * `cut` is true) and resolves to `{ pyodide, ... }`, the calculators imported and the self-test answered;
 * `started(python, cut)` is told of each start that is kept; `warn(message)` says loudly that the cut runtime
 * lacked something; `isFileError(error)` picks out failures that no fallback can mend (a runtime file missing
 * or damaged), which are thrown as they are.
 *
 * A start on the cut runtime that fails or imports a left-out module is given up, and so is an answer that
 * imports one: Python starts again on the full runtime and the question is asked again there. An answer from a
 * Python that missed a module is never returned.
 */
export class Calculators {
  constructor({ start, started = () => {}, warn, isFileError = () => false, cut = true }) {
    Object.assign(this, { startPython: start, started, warn, isFileError });
    this.cut = cut;
    this.python = cut ? this.#start() : this.#startFull(); // `cut: false` when this browser already fell back
  }

  async #start() {
    try {
      const python = await this.startPython(true);
      const missed = missedModules(python.pyodide);
      if (!missed.length) {
        this.started(python, true);
        return Object.assign(python, { cut: true });
      }
      this.warn(`The cut Python runtime lacks ${missed.join(", ")}: it starts again with the full standard library.`);
    } catch (error) {
      if (this.isFileError(error)) throw error;
      const lines = String(error.message || error).trim().split("\n"); // a Python error's "...Error: ..." line names it
      const reason = lines.filter((line) => /^[\w.]+(Error|Exception): /.test(line)).pop() || lines[0];
      this.warn(`Python did not start on the cut runtime (${reason}): it starts again with the full standard library.`);
    }
    return this.#startFull();
  }

  async #startFull() {
    this.cut = false;
    const python = await this.startPython(false);
    this.started(python, false);
    return Object.assign(python, { cut: false });
  }

  /** The answer `question(pyodide)` gives (it asks Python synchronously), or the error it throws, from a Python
   * that missed nothing. */
  async ask(question) {
    const python = await this.python;
    let answer, failure = null;
    try {
      answer = question(python.pyodide);
    } catch (error) {
      failure = error;
    }
    const missed = python.cut ? missedModules(python.pyodide) : [];
    if (!missed.length) {
      if (failure) throw failure;
      return answer;
    }
    if (this.cut) { // the first question to miss a module starts the full runtime; the others wait for it
      this.warn(`The cut Python runtime lacks ${missed.join(", ")}: the answer is discarded and Python starts again with the full standard library.`);
      this.python = this.#startFull();
    }
    return this.ask(question);
  }
}
