// Calculator pages: read the form (field names are the command-line flags), ask the Python worker,
// render the JSON result. No law here: the figures, the working and the citations all come from Python.
const datasetBase = new URL("../../dataset/latest/", import.meta.url);
const siteRoot = new URL("../../", import.meta.url);
const EMBED_OPTIONS = ["embed", "lock", "hide-answer"];

// The query string: the calculator's inputs, plus any embed options the page was opened with.
function urlWith(pairs) {
  const current = new URLSearchParams(location.search);
  const query = new URLSearchParams(EMBED_OPTIONS.filter((name) => current.has(name)).map((name) => [name, current.get(name)]));
  pairs.forEach(([name, value]) => query.append(name, value));
  return new URL(`${location.pathname}?${query}${location.hash}`, location.href).href;
}

function writeQuery(pairs) {
  history.replaceState(null, "", urlWith(pairs));
  document.dispatchEvent(new CustomEvent("vot:inputs", { detail: pairs }));
}

const embedded = () => document.querySelector(".vot-embed-page") !== null || new URLSearchParams(location.search).get("embed") === "1";
let worker = null; // a promise of the Pyodide worker, once started
let ready = false;
let failure = null; // why the worker could not start, once known
let nextId = 0;
const pending = new Map();
const statusListeners = new Set();

function receive(data) {
  if (data.type === "progress") statusListeners.forEach((show) => show(`${data.stage}… (step ${data.step} of ${data.steps})`));
  if (data.type === "ready") {
    ready = true;
    window.votCalculatorReady = true; // offline.js then fills the offline cache, without competing with start-up
    document.documentElement.dataset.votPython = data.from; // "boot" or "snapshot": how Python started
    document.dispatchEvent(new Event("vot:calculator-ready"));
    statusListeners.forEach((show) => show("Ready."));
  }
  if (data.type === "failed") fail(`The calculator could not start: ${data.message}`);
  if (data.type === "result") {
    pending.get(data.id)(data.response);
    pending.delete(data.id);
  }
}

function fail(message) {
  failure = message;
  statusListeners.forEach((show) => show(message, true));
}

const cannotStart = () => fail("The calculator could not start in this browser. The rules are listed below.");

// Take over a worker: one the page's head started early (overrides/main.html, with the messages it has
// received so far), or a new one.
function adopt(started) {
  started.onmessage = ({ data }) => receive(data);
  started.onerror = cannotStart;
  (started.early || []).forEach(receive);
  if (started.failedEarly) cannotStart();
  return started;
}

function startWorker() {
  worker ||= new Promise((resolve) => {
    resolve(adopt(window.votWorker || new Worker(new URL("./pyodide-worker.js", import.meta.url), { type: "module" })));
  }).catch((error) => {
    cannotStart();
    throw error;
  });
  return worker;
}

// Ask Python; the worker queues questions that come before Python is ready.
async function call(argv) {
  const running = await startWorker();
  return new Promise((resolve) => {
    const id = ++nextId;
    pending.set(id, resolve);
    running.postMessage({ id, argv });
  });
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child != null));
  return node;
}

// ---- presentation of results -------------------------------------------------------------------
const money = (value) => Number(value).toLocaleString("en-AU", { style: "currency", currency: "AUD", minimumFractionDigits: Number.isInteger(Number(value)) ? 0 : 2 });

function when(value) {
  if (!value) return "—";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Date(`${value}T00:00:00Z`).toLocaleDateString("en-AU", { timeZone: "UTC", dateStyle: "full" });
  }
  return new Date(value).toLocaleString("en-AU", { timeZone: "Australia/Melbourne", dateStyle: "full", timeStyle: "short" }) + " (Melbourne time)";
}

const FIGURES = {
  penalty: (r) => r.unit_value_recorded === false
    ? [`${money(r.rounded)} (estimate)`, `Estimate at the ${r.value_year} value: ${r.units} penalty units × ${money(r.unit_value)} = ${money(r.amount)}. The ${r.financial_year} value is not recorded.`]
    : [money(r.rounded), `Exact amount ${money(r.amount)}: ${r.units} penalty units × ${money(r.unit_value)} (${r.value_year}).`],
  deadline: (r) => [when(r.due), r.convention],
  notify: (r) => [r.due ? when(r.due) : r.no_due_reason, [
    `${r.name}. Responsible: ${r.responsibility}`,
    r.concluded_due ? ` Both times: the Table 1 row's, ${when(r.row_due)}; 24 hours after the event concluded, ${when(r.concluded_due)}.` : "",
  ].join("")],
  obligations: (r) => [r.obligations.length ? `${r.obligations.length} obligation${r.obligations.length > 1 ? "s" : ""}` : "No due date computed", r.name],
  check: (r) => [r.label || "Not yet decided", r.summary || ""],
  retention: (r) => [when(r.earliest_destruction), "The earliest day the record may be destroyed."],
};

function renderResult(section, command, result, permalink) {
  const [figure, caption] = FIGURES[command](result);
  section.replaceChildren(
    el("h2", { text: "Result", tabindex: "-1" }),
    el("div", { class: "vot-answer" }, el("p", { class: "vot-figure", text: figure }), el("p", { text: caption }),
      result.unit_value_notice ? el("p", { class: "vot-notice", role: "note" }, el("strong", { text: "Not the official amount. " }), result.unit_value_notice) : null),
  );
  if (result.protections?.length) section.append(el("h3", { text: "Protections and exemptions" }), el("ul", { class: "vot-protections" }, ...result.protections.map((p) => el("li", {}, `${p.text} `, el("cite", { text: p.citation })))));
  if (command === "obligations") {
    section.append(el("ul", {}, ...result.obligations.map((o) => el("li", {}, el("strong", { text: `${o.date_label}: ${when(o.due)}` }), ` (${o.period} after ${o.after}). ${o.title}. ${o.applies_when} `, el("cite", { text: o.citation })))));
  }
  if (result.next_steps?.length) section.append(el("h3", { text: "What to do next" }), el("ul", {}, ...result.next_steps.map((step) => el("li", { text: step }))));
  if (result.time_limits?.length) {
    section.append(
      el("h3", { text: "Time limits, the shortest first" }),
      el("ul", { class: "vot-time-limits" }, ...result.time_limits.map((t) => el("li", {}, el("strong", { text: `${t.period} after ${t.after}` }), `. ${t.title}. ${t.applies_when} `, el("cite", { text: t.citation })))),
      el("p", {}, el("a", { href: `../obligations/?event=${encodeURIComponent(result.event)}`, text: "Work out these dates in the provider obligations calculator" })),
    );
  }
  if (result.record_keeping?.length) section.append(el("h3", { text: "What you must record" }), el("ul", {}, ...result.record_keeping.map((item) => el("li", {}, `${item.text} `, el("cite", { text: item.citation })))));
  section.append(
    el("h3", { text: "How this was worked out" }),
    el("ol", { class: "vot-working" }, ...result.explanation.map((step) => el("li", {}, step.text, step.citation ? el("cite", { text: ` (${step.citation})` }) : null))),
  );
  const warnings = result.warnings.filter((warning) => warning !== result.unit_value_notice);
  if (warnings.length) {
    section.append(el("div", { class: "admonition warning" }, el("p", { class: "admonition-title", text: "Check" }), ...warnings.map((warning) => el("p", { text: warning }))));
  }
  const copy = el("button", { type: "button", class: "md-button", text: "Copy link to this result" });
  copy.addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(permalink); copy.textContent = "Link copied"; } catch { copy.textContent = permalink; }
  });
  section.append(
    el("p", { class: "vot-meta", text: `Dataset ${result.dataset_version}; law as at ${result.as_at}. Not legal advice.` }),
    el("p", { class: "vot-print-only", text: `Permalink: ${permalink}` }),
    el("p", {}, copy),
  );
  section.hidden = false;
}

function showErrors(form, summary, error) {
  clearErrors(form, summary);
  const field = error.field && form.querySelector(`[name="${CSS.escape(error.field)}"]`);
  const text = error.message;
  const item = field ? el("a", { href: `#${field.id}`, text }) : el("span", { text });
  if (field) item.addEventListener("click", (event) => { event.preventDefault(); event.stopPropagation(); field.focus(); }); // else instant navigation reloads the page
  summary.querySelector("ul").replaceChildren(el("li", {}, item));
  summary.hidden = false;
  if (field) {
    field.setAttribute("aria-invalid", "true");
    const message = form.querySelector(`#${CSS.escape(field.id)}-error`);
    if (message) { message.textContent = `Error: ${text}`; message.hidden = false; }
  }
  summary.focus();
}

function clearErrors(form, summary) {
  summary.hidden = true;
  form.querySelectorAll("[aria-invalid]").forEach((field) => field.removeAttribute("aria-invalid"));
  form.querySelectorAll(".vot-field-error").forEach((message) => { message.hidden = true; });
}

// ---- forms whose fields are flags --------------------------------------------------------------
function visible(input) {
  const conditional = input.closest("[data-show-when]");
  if (!conditional) return true;
  const chosen = conditional.closest("form").querySelector(`[name="${conditional.dataset.showWhen}"]:checked`);
  return chosen?.value === conditional.dataset.value;
}

function syncConditionals(form) {
  form.querySelectorAll("[data-show-when]").forEach((block) => { block.hidden = !visible(block.querySelector("[data-flag]")); });
}

function flags(form) {
  const values = [];
  form.querySelectorAll("[data-flag]").forEach((input) => {
    if (!visible(input) || (input.type === "radio" && !input.checked)) return;
    const value = input.value.trim();
    if (value) values.push([input.name, value]);
  });
  return values;
}

function prefill(form, params) {
  form.querySelectorAll("[data-flag]").forEach((input) => {
    if (!params.has(input.name)) return;
    if (input.type === "radio") input.checked = input.value === params.get(input.name);
    else input.value = params.get(input.name);
    const conditional = input.closest("[data-show-when]");
    if (conditional) {
      const control = form.querySelector(`[name="${conditional.dataset.showWhen}"][value="${conditional.dataset.value}"]`);
      if (control) control.checked = true;
    }
  });
  syncConditionals(form);
}

function initFlagForm(root) {
  const form = root.querySelector("form");
  const command = root.dataset.command;
  const summary = root.querySelector(".vot-error-summary");
  const section = root.querySelector(".vot-result");
  form.addEventListener("change", () => syncConditionals(form));
  const compute = async () => {
    const values = flags(form);
    const response = await call([command, ...values.flatMap(([name, value]) => [`--${name}`, value])]);
    if (response.ok) {
      clearErrors(form, summary);
      renderResult(section, command, response.result, urlWith(values));
      if (!hideAnswer(section)) section.querySelector("h2").focus();
    }
    else { section.hidden = true; showErrors(form, summary, response.error); }
    writeQuery(values); // the address becomes this result's permalink once the answer shows
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); compute(); });
  const params = new URLSearchParams(location.search);
  prefill(form, params);
  if ([...form.querySelectorAll("[data-flag]")].some((input) => params.has(input.name))) compute();
}

// ---- checklists: one question at a time -------------------------------------------------------
async function lookupOptions(collection) {
  const data = await (await fetch(new URL(`${collection}.json`, datasetBase))).json();
  return data.records.map((record) => [record.id, record.name || record.title || record.id]);
}

async function questionFieldset(question) {
  const fieldset = el("fieldset", { class: "vot-question" }, el("legend", { text: question.text }));
  if (question.hint) fieldset.append(el("p", { class: "vot-hint", text: question.hint }));
  fieldset.append(el("p", { class: "vot-field-error", id: `${question.key}-error`, hidden: true }));
  if (question.kind === "yes-no" || question.kind === "choice") {
    question.allowed.forEach((value, index) => {
      const id = index === 0 ? question.key : `${question.key}-${value}`;
      fieldset.append(el("div", { class: "vot-radio" }, el("input", { type: "radio", id, name: question.key, value }), el("label", { for: id, text: question.allowed_labels[index] })));
    });
  } else if (question.kind === "lookup") {
    const select = el("select", { id: question.key, name: question.key }, el("option", { value: "", text: "Choose…" }));
    (await lookupOptions(question.lookup)).forEach(([id, name]) => select.append(el("option", { value: id, text: name })));
    fieldset.append(el("label", { for: question.key, class: "vot-visually-hidden", text: question.text }), select);
  } else {
    fieldset.append(el("label", { for: question.key, class: "vot-visually-hidden", text: question.text }), el("input", { id: question.key, name: question.key, type: "text", inputmode: "decimal" }));
  }
  fieldset.append(el("p", { class: "vot-cite" }, el("cite", { text: question.citation })));
  return fieldset;
}

function initChecklist(root) {
  const form = root.querySelector("form");
  const summary = root.querySelector(".vot-error-summary");
  const section = root.querySelector(".vot-result");
  const select = form.querySelector("[name=checklist]");
  const area = root.querySelector(".vot-questions");
  const params = new URLSearchParams(location.search);
  let answers = params.getAll("answer").map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]);
  if (params.has("checklist")) select.value = params.get("checklist");

  const run = async () => {
    writeQuery([["checklist", select.value], ...answers.map(([key, value]) => ["answer", `${key}=${value}`])]);
    const response = await call(["check", select.value, ...answers.flatMap(([key, value]) => ["--answer", `${key}=${value}`])]);
    if (!response.ok) { showErrors(form, summary, response.error); return; }
    clearErrors(form, summary);
    const result = response.result;
    area.replaceChildren(el("h2", { text: result.title }));
    if (result.answers.length) {
      area.append(el("dl", { class: "vot-answers" }, ...result.answers.flatMap((answered, index) => {
        const change = el("button", { type: "button", class: "vot-link", text: "Change" });
        change.addEventListener("click", () => { answers = answers.filter(([key]) => !result.answers.slice(index).some((a) => a.key === key)); run(); });
        return [el("dt", { text: answered.question }), el("dd", {}, `${answered.answer_label} `, change)];
      })));
    }
    if (result.outcome === "incomplete") {
      section.hidden = true;
      area.append(await questionFieldset(result.next_question), el("button", { type: "submit", class: "md-button md-button--primary", text: "Continue" }));
    } else {
      renderResult(section, "check", result, location.href);
      hideAnswer(section);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = area.querySelector(".vot-question");
    if (question) {
      const key = question.querySelector("[name]").name;
      const chosen = question.querySelector(`[name="${CSS.escape(key)}"]:checked`) || question.querySelector(`select[name="${CSS.escape(key)}"], input[type=text][name="${CSS.escape(key)}"]`);
      const value = chosen ? chosen.value.trim() : "";
      if (!value) { showErrors(form, summary, { field: key, message: "Answer this question to continue." }); return; }
      answers = [...answers.filter(([k]) => k !== key), [key, value]];
    }
    run();
  });
  select.addEventListener("change", () => { answers = []; run(); });
  if (params.has("checklist")) run();
}

// ---- embedding ------------------------------------------------------------------------------------
// `?hide-answer=1`: the result stays hidden until the learner presses "Show answer".
function hideAnswer(section) {
  if (new URLSearchParams(location.search).get("hide-answer") !== "1" || section.dataset.revealed) return false;
  section.hidden = true;
  let button = section.parentElement.querySelector(".vot-show-answer");
  if (!button) {
    button = el("button", { type: "button", class: "md-button vot-show-answer", text: "Show answer" });
    button.addEventListener("click", () => {
      section.dataset.revealed = "true";
      section.hidden = false;
      button.remove();
      section.querySelector("h2")?.focus();
    });
    section.before(button);
  }
  return true;
}

// `?lock=units,on`: those inputs are shown but cannot be changed (for exercises).
function lockInputs(root) {
  const locked = (new URLSearchParams(location.search).get("lock") || "").split(",").filter(Boolean);
  locked.forEach((name) => root.querySelectorAll(`[name="${CSS.escape(name)}"]`).forEach((input) => {
    if (input.tagName === "INPUT" && input.type !== "radio" && input.type !== "checkbox") input.readOnly = true;
    else input.disabled = true;
    input.setAttribute("aria-readonly", "true");
  }));
}

// Tell the page embedding us how tall the calculator is (measured on the calculator itself, so the frame
// can shrink as well as grow). The message carries the height only, never an input.
function postHeight(root) {
  if (window.parent === window) return;
  const send = () => {
    const height = Math.ceil(root.getBoundingClientRect().bottom + window.scrollY + 24);
    window.parent.postMessage({ type: "vot-embed-height", height }, "*");
  };
  new ResizeObserver(send).observe(root);
  send();
}

// The "Embed this calculator" panel: an <iframe> snippet built from the current inputs and options.
function embedBuilder(root) {
  const command = root.dataset.command;
  const fields = [...new Set([...root.querySelectorAll("[data-flag], [name=checklist]")].map((input) => input.name))];
  const locks = fields.map((name) => el("div", { class: "vot-radio" },
    el("input", { type: "checkbox", id: `lock-${name}`, value: name }), el("label", { for: `lock-${name}`, text: `Lock “${name}”` })));
  const hide = el("input", { type: "checkbox", id: "embed-hide-answer" });
  const code = el("textarea", { id: "embed-code", rows: "4", readonly: true, class: "vot-embed-code" });
  const copy = el("button", { type: "button", class: "md-button", text: "Copy the code" });
  const preview = el("iframe", { title: "Preview of the embedded calculator", class: "vot-embed-preview", loading: "lazy" });
  const panel = el("details", { class: "vot-embed-builder" },
    el("summary", { text: "Embed this calculator" }),
    el("p", { text: "Paste this code into a course page or slide deck to show this calculator, filled in with the inputs above." }),
    el("fieldset", { class: "vot-field" }, el("legend", { text: "Options" }), ...locks,
      el("div", { class: "vot-radio" }, hide, el("label", { for: "embed-hide-answer", text: "Hide the answer until the learner presses “Show answer”" }))),
    el("label", { for: "embed-code", text: "Code to paste" }), code, el("p", {}, copy), preview);
  let inputs = [];
  const update = () => {
    const query = new URLSearchParams(inputs);
    const lock = locks.map((div) => div.querySelector("input")).filter((box) => box.checked).map((box) => box.value);
    if (lock.length) query.set("lock", lock.join(","));
    if (hide.checked) query.set("hide-answer", "1");
    const src = new URL(`embed/${command}/?${query}`, siteRoot).href;
    const title = document.title.split(" - ")[0].replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    code.value = `<iframe src="${src}" title="${title}" style="width:100%;border:0;min-height:480px" loading="lazy"></iframe>\n`
      + `<script src="${new URL("assets/javascripts/embed-resize.js", siteRoot).href}" async></script>`;
    if (panel.open && preview.getAttribute("src") !== src) preview.setAttribute("src", src);
  };
  document.addEventListener("vot:inputs", (event) => { inputs = event.detail; update(); });
  panel.addEventListener("change", update);
  panel.addEventListener("toggle", update);
  copy.addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(code.value); copy.textContent = "Code copied"; } catch { code.select(); }
  });
  inputs = [...new URLSearchParams(location.search)].filter(([name]) => !EMBED_OPTIONS.includes(name));
  update();
  root.after(panel);
}

function init() {
  const roots = document.querySelectorAll(".vot-calculator");
  if (!roots.length) return;
  statusListeners.clear();
  startWorker().catch(() => {}); // a failure is shown in each calculator's status line
  roots.forEach((root) => {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    const status = root.querySelector(".vot-status");
    const show = (text, failed = false) => { status.textContent = text; status.classList.toggle("vot-failed", failed); };
    statusListeners.add(show);
    if (failure) show(failure, true);
    else show(ready ? "Ready." : "Starting the calculator in your browser…");
    root.hidden = false;
    if (embedded()) {
      document.documentElement.classList.add("vot-embedded");
      lockInputs(root);
      postHeight(root);
    } else {
      embedBuilder(root);
    }
    if (root.dataset.command === "check") initChecklist(root); else initFlagForm(root);
  });
}

if (window.document$) window.document$.subscribe(init);
else document.addEventListener("DOMContentLoaded", init);
