// The dataset browser: a searchable, sortable table built from a collection's own JSON file.
const base = new URL("../../dataset/latest/", import.meta.url);

function flatten(record, prefix = "", row = {}) {
  for (const [key, value] of Object.entries(record)) {
    const column = prefix + key;
    if (value && typeof value === "object" && !Array.isArray(value)) flatten(value, `${column}.`, row);
    else if (Array.isArray(value)) row[column] = value.map((item) => (typeof item === "object" ? JSON.stringify(item) : String(item))).join(" | ");
    else row[column] = value == null ? "" : String(value);
  }
  return row;
}

function cell(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  node.textContent = text;
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  return node;
}

function initBrowser(root) {
  const select = root.querySelector("#collection");
  const search = root.querySelector("#search");
  const status = root.querySelector(".vot-status");
  const wrap = root.querySelector(".vot-table-wrap");
  const downloads = root.querySelector(".vot-downloads");
  let rows = [];
  let columns = [];
  let sort = { column: null, ascending: true };
  let notice = ""; // said before the count: an address naming a collection there is none of

  const draw = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = rows.filter((row) => words.every((word) => columns.some((column) => (row[column] || "").toLowerCase().includes(word))));
    if (sort.column) {
      shown = [...shown].sort((a, b) => (a[sort.column] || "").localeCompare(b[sort.column] || "", "en", { numeric: true }) * (sort.ascending ? 1 : -1));
    }
    const table = document.createElement("table");
    table.append(cell("caption", `${select.value}: ${shown.length} of ${rows.length} records`));
    const head = table.createTHead().insertRow();
    columns.forEach((column) => {
      const th = cell("th", "", { scope: "col", "aria-sort": sort.column === column ? (sort.ascending ? "ascending" : "descending") : "none" });
      const button = cell("button", column, { type: "button", class: "vot-link" });
      button.addEventListener("click", () => {
        sort = { column, ascending: sort.column === column ? !sort.ascending : true };
        draw();
      });
      th.append(button);
      head.append(th);
    });
    const body = table.createTBody();
    shown.forEach((row) => {
      const tr = body.insertRow();
      columns.forEach((column) => tr.append(cell("td", row[column] || "")));
    });
    wrap.replaceChildren(table);
    status.textContent = `${notice}${shown.length} of ${rows.length} records shown.`;
  };

  const load = async () => {
    const name = select.value;
    history.replaceState(null, "", `${location.pathname}?collection=${encodeURIComponent(name)}${search.value ? `&search=${encodeURIComponent(search.value)}` : ""}`);
    status.textContent = `Loading ${name}…`;
    let data;
    try {
      const response = await fetch(new URL(`${name}.json`, base));
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      data = await response.json();
    } catch (error) {
      wrap.replaceChildren();
      status.textContent = `The collection ${name} could not be loaded (${error.message}). Reload the page to try again.`;
      return;
    }
    rows = data.records.map((record) => flatten(record));
    columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    sort = { column: null, ascending: true };
    downloads.replaceChildren("Download: ",
      ...[["JSON", `${name}.json`], ["CSV", `csv/${name}.csv`], ["JSON Schema", `schemas/${name}.schema.json`]].flatMap(([label, path], index) => {
        const link = cell("a", label, { href: new URL(path, base).href });
        return index ? [" · ", link] : [link];
      }),
      ` · version ${data.version}, law as at ${data.as_at}`);
    draw();
  };

  // What is typed stays on the device: kept in the address's fragment, never sent to the host (calculators.js does
  // the same); an address with it in the query string still works.
  const fragment = location.hash.slice(1);
  const params = new URLSearchParams(fragment.includes("=") ? fragment : location.search);
  const wanted = params.get("collection");
  if ([...select.options].some((option) => option.value === wanted)) select.value = wanted;
  else if (wanted !== null) notice = `There is no collection named “${wanted.slice(0, 60)}”, so ${select.value} is shown: choose another from the list. `;
  if (params.has("search")) search.value = params.get("search");
  select.addEventListener("change", () => { notice = ""; load(); });
  search.addEventListener("input", () => {
    draw();
    history.replaceState(null, "", `${location.pathname}#collection=${encodeURIComponent(select.value)}${search.value ? `&search=${encodeURIComponent(search.value)}` : ""}`);
  });
  root.hidden = false;
  load();
}

function init() {
  document.querySelectorAll(".vot-dataset").forEach((root) => {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    initBrowser(root);
  });
}

if (window.document$) window.document$.subscribe(init);
else document.addEventListener("DOMContentLoaded", init);
