// Calculator pages: read the form (field names are the command-line flags), ask the Python worker,
// render the JSON result. No law here: the figures, the working and the citations all come from Python.
import { buildDateInputs, el, enhanceAutocompletes, readDate, selectValue, showOffsetChoices, syncTimeFields, writeDate } from "./form-patterns.js";

const datasetBase = new URL("../../dataset/latest/", import.meta.url);
const siteRoot = new URL("../../", import.meta.url);
const EMBED_OPTIONS = ["embed", "lock", "hide-answer"];

// What a person types stays on the device: the calculator's inputs live in the address's fragment
// (#units=6&on=2024-09-01), which a browser never sends to the host. An address with them in its query string (an
// old permalink, a trainer's embed) is read the same, and rewritten to the fragment as the page starts.
const isState = (fragment) => fragment.includes("=");
function addressState() {
  const fragment = location.hash.slice(1);
  return new URLSearchParams(isState(fragment) ? fragment : location.search);
}

function moveQueryToFragment() {
  if (!location.search) return;
  history.replaceState(history.state, "", `${location.pathname}#${addressState()}`);
}

// An address whose fragment is another answer's (pasted, or an embed preview given new inputs): answer it.
addEventListener("hashchange", (event) => {
  if (document.querySelector(".vot-calculator") && isState(new URL(event.newURL).hash.slice(1))) location.reload();
});

// The address of an answer: the calculator's inputs, plus any embed options the page was opened with.
function urlWith(pairs) {
  const current = addressState();
  const state = new URLSearchParams(EMBED_OPTIONS.filter((name) => current.has(name)).map((name) => [name, current.get(name)]));
  pairs.forEach(([name, value]) => state.append(name, value));
  return new URL(`${location.pathname}#${state}`, location.href).href;
}

// The command line Python is asked, from [flag, value] pairs: each value joined to its flag (--on=2024-09-01), so no
// value typed or given in the address (-h, --list, --) is read as a flag; positional arguments last, after "--".
const commandLine = (command, pairs, positional = []) =>
  [command, ...pairs.map(([name, value]) => `--${name}=${value}`), ...(positional.length ? ["--", ...positional] : [])];

// The address becomes the answer's permalink just after the answer is shown (the next frame, or within
// ADDRESS_WITHIN_MS where frames are not drawn, as in a frame scrolled out of sight), not before it: in Chromium
// each history.replaceState is a same-document navigation that cost more than working out the answer (and the
// browser fetches the page's icon again after it). An address not yet written gives way to a newer one.
const ADDRESS_WITHIN_MS = 100;
let addressToWrite = null;

function writeAddress() {
  if (addressToWrite !== null) history.replaceState(null, "", addressToWrite);
  addressToWrite = null;
}
addEventListener("pagehide", writeAddress); // a reader leaving at once still finds the answer's address on Back

function writeInputs(pairs) {
  const scheduled = addressToWrite !== null;
  addressToWrite = urlWith(pairs);
  if (!scheduled) {
    requestAnimationFrame(() => setTimeout(writeAddress, 0));
    setTimeout(writeAddress, ADDRESS_WITHIN_MS);
  }
  document.dispatchEvent(new CustomEvent("vot:inputs", { detail: pairs }));
}

const embedded = () => document.querySelector(".vot-embed-page") !== null || addressState().get("embed") === "1";
// One Python for every calculator: a SharedWorker where the browser has one (the page's calculators, this site's
// other frames on a course page and its other tabs share it), else a dedicated worker for this page. Its name is
// this release's (scripts/finish_site.py writes it in, here and in overrides/main.html), so a page never talks to
// another release's Python.
const WORKER_NAME = "__PYTHON_WORKER__";
let worker = null; // a promise of the Pyodide worker, once started
let ready = false;
let failure = null; // why the worker could not start, once known
let progressNow = null; // the worker's last progress report: { stage, step, steps }
let nextId = 0;
const pending = new Map();
const statusListeners = new Set();

function receive(data) {
  if (data.type === "progress") progressNow = data;
  if (data.type === "progress") statusListeners.forEach((show) => show(`${data.stage}… (step ${data.step} of ${data.steps})`));
  if (data.type === "ready") {
    ready = true;
    document.documentElement.dataset.votPython = data.from; // "boot" or "snapshot": how Python started
    document.documentElement.dataset.votWorker = data.worker; // the same in every page that shares the Python
    statusListeners.forEach((show) => show(readyText(data)));
    answered().then(() => {
      window.votCalculatorReady = true; // offline.js then fills the offline cache, without competing with start-up
      document.dispatchEvent(new Event("vot:calculator-ready"));
    });
  }
  if (data.type === "failed") fail(`The calculator could not start: ${data.message}`);
  if (data.type === "log") console[data.level === "error" ? "error" : "warn"](data.message);
  if (data.type === "result" && pending.has(data.id)) {
    pending.get(data.id).resolve(data.response);
    pending.delete(data.id);
    if (pending.size === 0) setTimeout(() => whenAnswered.splice(0).forEach((resolve) => resolve()), 0);
  }
}

// Resolves once every question asked so far has its answer shown (the page's first answers, at the start).
const whenAnswered = [];
const answered = () => new Promise((resolve) => (pending.size ? whenAnswered.push(resolve) : resolve()));

function fail(message) {
  failure = message;
  statusListeners.forEach((show) => show(message, true));
}

const cannotStart = () => fail("The calculator could not start in this browser. The rules are listed below.");
const workerFailed = () => fail("The calculator could not start: its script did not load. Reload the page to try again; the rules are listed below.");
// Where the browser keeps nothing for this site (a frame on another site with third-party storage blocked, a
// private window), the worker says so: every visit then starts Python afresh, and nothing works offline.
const readyText = (data) => (data.kept === false
  ? "Ready. This browser keeps no copy of the calculator here, so each visit starts it afresh and it does not work offline."
  : "Ready.");

// A failed start's way to try again: the page (or the embedded frame alone) loaded again.
function tryAgainButton() {
  const button = el("button", { type: "button", class: "md-button", text: "Try again" });
  button.addEventListener("click", () => location.reload());
  return button;
}

function newWorker(shared = typeof SharedWorker === "function") {
  const url = new URL("./pyodide-worker.js", import.meta.url);
  const options = { type: "module", name: WORKER_NAME };
  return shared ? new SharedWorker(url, options) : new Worker(url, options);
}

// Take over a worker: one the page's head started early (overrides/main.html, with the messages it has
// received so far), or a new one. Questions go to `port`: a SharedWorker's port, or the worker. A SharedWorker
// that fails before saying anything (refused where storage is blocked) gives way to a dedicated worker, which
// is asked the questions again. A worker that says nothing for WORKER_SILENT_MS (its script never came) has
// failed. A failure is acknowledged: the worker stops once every page has heard why.
const WORKER_SILENT_MS = 20_000;
let port = null;
function adopt(started) {
  port = started.port || started;
  let heard = false;
  const silence = setTimeout(workerFailed, WORKER_SILENT_MS);
  const hear = (data) => {
    heard = true;
    clearTimeout(silence);
    if (data.type === "failed") port.postMessage({ type: "failure-heard" });
    receive(data);
  };
  port.onmessage = ({ data }) => hear(data);
  const failed = () => {
    clearTimeout(silence);
    if (heard || !started.port) return workerFailed();
    adopt(newWorker(false));
    pending.forEach(({ argv }, id) => port.postMessage({ id, argv }));
  };
  started.onerror = failed;
  (started.early || []).forEach(hear);
  if (started.failedEarly) failed();
}

function startWorker() {
  worker ||= new Promise((resolve) => {
    resolve(adopt(window.votWorker || newWorker()));
  }).catch((error) => {
    cannotStart();
    throw error;
  });
  return worker;
}

// Ask Python; the worker queues questions that come before Python is ready.
async function call(argv) {
  await startWorker();
  return new Promise((resolve) => {
    const id = ++nextId;
    pending.set(id, { resolve, argv });
    port.postMessage({ id, argv });
  });
}

// ---- presentation of results -------------------------------------------------------------------
const money = (value) => Number(value).toLocaleString("en-AU", { style: "currency", currency: "AUD", minimumFractionDigits: Number.isInteger(Number(value)) ? 0 : 2 });

// Every date and time the page shows, in Melbourne whatever the device's zone (the one place they are formatted): a
// date as it is; an instant with its offset as Melbourne's clocks showed it; a time typed without an offset as typed,
// for it is Melbourne's clock time already (read as the device's, it would move by the device's offset).
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
function inMelbourne(value, options) {
  const asTyped = DATE.test(value) || CLOCK_TIME.test(value);
  const instant = DATE.test(value) ? `${value}T00:00:00Z` : asTyped ? `${value}Z` : value;
  return new Date(instant).toLocaleString("en-AU", { ...options, timeZone: asTyped ? "UTC" : "Australia/Melbourne" });
}

function when(value) {
  if (!value) return "—";
  if (DATE.test(value)) return inMelbourne(value, { dateStyle: "full" });
  return `${inMelbourne(value, { dateStyle: "full", timeStyle: "short" })} (Melbourne time)`;
}

// The line under the answer: the figures behind it, from the result.
const DETAILS = {
  penalty: (r) => r.unit_value_recorded === false
    ? `Estimate at the ${r.value_year} value: ${r.units} penalty units × ${money(r.unit_value)} = ${money(r.amount)}. The ${r.financial_year} value is not recorded.`
    : `Exact amount ${money(r.amount)}: ${r.units} penalty units × ${money(r.unit_value)} (${r.value_year}).`,
  deadline: (r) => r.title ? `Due ${when(r.due)}.` : null,
  notify: (r) => [
    `${r.name}. Who must do it: ${r.responsibility}`,
    r.concluded_due ? ` Both times: the Table 1 row's, ${when(r.row_due)}; 24 hours after the event concluded, ${when(r.concluded_due)}.` : "",
  ].join(""),
  obligations: (r) => r.name,
  check: (r) => r.summary || "",
  retention: (r) => `The earliest day the record may be destroyed is ${when(r.earliest_destruction)}.`,
};

// A download of the answer's due dates as an iCalendar file (made by Python), with its own link text.
function calendarLink(command, page) {
  if (!page?.calendar) return null;
  const file = new Blob([page.calendar], { type: "text/calendar;charset=utf-8" });
  const count = page.events.length;
  const name = `${command}-${(page.events[0].due || "").slice(0, 10)}.ics`;
  return el("p", { class: "vot-calendar" }, el("a", { href: URL.createObjectURL(file), download: name, class: "md-button",
    text: count > 1 ? `Add these ${count} dates to your calendar (.ics)` : "Add to your calendar (.ics)" }));
}


// One step of the working: its words, its citation linked to the official publication (a link out is navigation,
// never a request the page makes) and, on request, the provision's own words as the dataset quotes them.
function workingStep(step) {
  const item = el("li", {}, step.text);
  if (!step.citation) return item;
  const source = step.url ? el("a", { href: step.url, rel: "external noopener noreferrer", text: step.citation }) : step.citation;
  item.append(" (", el("cite", {}, source), ")");
  if (step.words) {
    item.append(el("details", { class: "vot-words" }, el("summary", { text: "The words of the provision" }),
      el("blockquote", { text: step.words })));
  }
  return item;
}

function renderResult(section, command, response, permalink, entered) {
  const { result, page } = response;
  const detail = DETAILS[command](result);
  section.replaceChildren(
    el("h2", { text: "Answer", tabindex: "-1" }),
    el("div", { class: "vot-answer" }, el("p", { class: "vot-figure", text: page?.headline || "" }), detail ? el("p", { text: detail }) : null,
      result.unit_value_notice ? el("p", { class: "vot-notice", role: "note" }, el("strong", { text: "Not the official amount. " }), result.unit_value_notice) : null),
  );
  const warnings = result.warnings.filter((warning) => warning !== result.unit_value_notice);
  if (warnings.length) {
    section.append(el("div", { class: "admonition warning" }, el("p", { class: "admonition-title", text: "Check" }), ...warnings.map((warning) => el("p", { text: warning }))));
  }
  section.append(calendarLink(command, page) || "");
  if (result.protections?.length) section.append(el("h3", { text: "Protections and exemptions" }), el("ul", { class: "vot-protections" }, ...result.protections.map((p) => el("li", {}, `${p.text} `, el("cite", { text: p.citation })))));
  if (command === "obligations") {
    if (page?.screening) {
      const link = el("a", { href: new URL(`calculators/check/#checklist=${encodeURIComponent(page.screening.checklist)}`, siteRoot).href, text: page.screening.title });
      section.append(el("p", { class: "vot-screening" }, "Not sure which of these applies? Answer the questions: ", link));
    }
    const unsure = result.obligations.some((o) => o.applies === "may");
    section.append(el("h3", { text: unsure ? "Every deadline that may apply" : "The deadlines that apply" }),
      el("ul", {}, ...result.obligations.map((o) => el("li", {}, el("strong", { text: `${o.date_label}: ${when(o.due)}. ` }),
        `${o.title} (${o.period} after ${o.after}). ${o.applies === "may" ? "May apply: " : ""}${o.applies_when} `, el("cite", { text: o.citation })))));
  }
  if (result.next_steps?.length) section.append(el("h3", { text: "What to do next" }), el("ul", {}, ...result.next_steps.map((step) => el("li", { text: step }))));
  if (result.time_limits?.length) {
    section.append(
      el("h3", { text: "Time limits, the shortest first" }),
      el("ul", { class: "vot-time-limits" }, ...result.time_limits.map((t) => el("li", {}, el("strong", { text: `${t.period} after ${t.after}` }), `. ${t.title}. ${t.applies_when} `, el("cite", { text: t.citation })))),
      el("p", {}, el("a", { href: new URL(`calculators/obligations/#event=${encodeURIComponent(result.event)}`, siteRoot).href, text: "Work out these dates in the provider obligations calculator" })),
    );
  }
  if (result.record_keeping?.length) section.append(el("h3", { text: "What you must record" }), el("ul", {}, ...result.record_keeping.map((item) => el("li", {}, `${item.text} `, el("cite", { text: item.citation })))));
  if (entered.length) {
    section.append(el("h3", { text: "What you entered" }), el("dl", { class: "vot-entered" }, ...entered.flatMap(([label, value]) => [el("dt", { text: label }), el("dd", { text: value })])));
  }
  section.append(
    el("h3", { text: "How this was worked out" }),
    el("ol", { class: "vot-working" }, ...result.explanation.map(workingStep)),
  );
  if (result.convention) section.append(el("p", { class: "vot-meta", text: `Counted as: ${result.convention}.` }));
  const copy = el("button", { type: "button", class: "md-button", text: "Copy link to this answer" });
  copy.addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(permalink); copy.textContent = "Link copied"; } catch { copy.textContent = permalink; }
  });
  section.append(
    el("p", { class: "vot-meta", text: `Dataset ${result.dataset_version}; law as at ${result.as_at}. Not legal advice.` }),
    el("p", { class: "vot-print-only", text: `Link to this answer: ${permalink}` }),
    el("p", {}, copy),
  );
  section.hidden = false;
  document.documentElement.classList.add("vot-has-answer");
}

// ---- errors: a summary of every problem, each linked to its field --------------------------------------------
const pageTitle = () => document.title.replace(/^Error: /, "");

// The element to focus and mark for a field name: a date's day (or the part at fault), a combobox's text box,
// a radio group's first radio, or the field itself.
function fieldParts(form, name, part) {
  const date = form.querySelector(`fieldset[data-date="${CSS.escape(name)}"]`);
  if (date) {
    const parts = [...date.querySelectorAll("[data-part]")].filter((input) => !input.closest("[hidden]"));
    return { focus: date.querySelector(`[data-part="${part || "day"}"]`) || parts[0], mark: part ? parts.filter((input) => input.dataset.part === part) : parts };
  }
  const select = form.querySelector(`select[name="${CSS.escape(name)}"][data-enhanced]`);
  const combobox = select && document.getElementById(select.id.replace(/-select$/, ""));
  if (combobox) return { focus: combobox, mark: [combobox] };
  const field = form.querySelector(`[name="${CSS.escape(name)}"]`);
  if (!field || field.closest("[hidden]")) return null;
  return { focus: field, mark: field.type === "radio" ? [] : [field] };
}

function showErrors(form, summary, errors, moveFocus = true) {
  clearErrors(form, summary);
  const items = errors.map(({ field, message, part }) => {
    const parts = field ? fieldParts(form, field, part) : null;
    if (!parts) return el("li", {}, el("span", { text: message }));
    const link = el("a", { href: `#${parts.focus.id}`, text: message });
    link.addEventListener("click", (event) => { event.preventDefault(); event.stopPropagation(); parts.focus.focus(); }); // else instant navigation reloads the page
    parts.mark.forEach((input) => input.setAttribute("aria-invalid", "true"));
    const note = form.querySelector(`#${CSS.escape(field)}-error`);
    if (note) {
      note.replaceChildren(el("span", { class: "vot-visually-hidden", text: "Error: " }), message);
      note.hidden = false;
      note.closest(".vot-field")?.classList.add("vot-field--error");
    }
    return el("li", {}, link);
  });
  summary.querySelector("ul").replaceChildren(...items);
  summary.hidden = false;
  document.title = `Error: ${pageTitle()}`;
  if (moveFocus) summary.focus();
}

function clearErrors(form, summary) {
  summary.hidden = true;
  document.title = pageTitle();
  form.querySelectorAll("[aria-invalid]").forEach((field) => field.removeAttribute("aria-invalid"));
  form.querySelectorAll(".vot-field-error").forEach((message) => { message.hidden = true; });
  form.querySelectorAll(".vot-field--error").forEach((field) => field.classList.remove("vot-field--error"));
}

// The problems the form itself can see, all at once: a question not answered, a date that is not a real date,
// a list entry typed but not chosen. Python then checks the rest.
function formProblems(form) {
  const problems = [];
  form.querySelectorAll("fieldset[data-date]").forEach((fieldset) => {
    if (fieldset.closest("[hidden]")) return;
    const { value, error, part } = readDate(fieldset);
    if (error) problems.push({ field: fieldset.dataset.date, message: error, part });
    else if (!value && fieldset.dataset.required) problems.push({ field: fieldset.dataset.date, message: fieldset.dataset.required });
  });
  form.querySelectorAll("[data-required]:not(fieldset[data-date])").forEach((node) => {
    if (node.closest("[hidden]") || node.hidden) return;
    if (node.tagName === "FIELDSET") {
      const radios = [...node.querySelectorAll("input[type=radio]")].filter((radio) => radio.closest("fieldset") === node || !radio.closest("[data-show-when]"));
      if (radios.length && !radios.some((radio) => radio.checked)) problems.push({ field: radios[0].name, message: node.dataset.required });
    } else if (node.tagName === "SELECT") {
      const value = selectValue(node);
      if (!value) problems.push({ field: node.name, message: node.dataset.required });
      else if (value === "?") problems.push({ field: node.name, message: `${node.dataset.required} from the list` });
    } else if (!node.value.trim()) {
      problems.push({ field: node.name, message: node.dataset.required });
    }
  });
  const order = [...form.querySelectorAll("[name], fieldset[data-date]")].map((node) => node.dataset?.date || node.name);
  return problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

// ---- forms whose fields are flags --------------------------------------------------------------------------
function visible(input) {
  if (input.closest("[data-kinds-for]")?.hidden) return false;
  const conditional = input.closest("[data-show-when]");
  if (!conditional) return true;
  const chosen = conditional.closest("form").querySelector(`[name="${conditional.dataset.showWhen}"]:checked`);
  return chosen?.value === conditional.dataset.value && visible(conditional.parentElement);
}

function syncConditionals(form) {
  form.querySelectorAll("[data-show-when]").forEach((block) => {
    const chosen = form.querySelector(`[name="${block.dataset.showWhen}"]:checked`);
    block.hidden = chosen?.value !== block.dataset.value;
  });
  form.querySelectorAll("[data-hide-when]").forEach((block) => {
    const [name, value] = block.dataset.hideWhen.split("=");
    block.hidden = form.querySelector(`[name="${name}"]:checked`)?.value === value;
  });
  // "Which penalty?" is asked only for an offence that has both an infringement and a maximum penalty.
  form.querySelectorAll("[data-kinds-for]").forEach((block) => {
    const select = form.querySelector(`select[name="${block.dataset.kindsFor}"]`);
    const option = select && [...select.options].find((item) => item.value === selectValue(select));
    block.hidden = (option?.dataset.kinds || "").split(" ").filter(Boolean).length < 2;
  });
  syncTimeFields(form);
}

// The inputs as [flag, value] pairs: only fields on show; dates as ISO values (empty when not real: the form's
// own check reports them).
function flags(form) {
  const values = [];
  form.querySelectorAll("[data-flag]").forEach((input) => {
    if (input.closest("[hidden]") || !visible(input) || (input.type === "radio" && !input.checked)) return;
    const date = input.closest("fieldset[data-date]");
    const value = date ? readDate(date).value || "" : input.tagName === "SELECT" ? selectValue(input) : input.value.trim();
    if (value && value !== "?") values.push([input.name, value]);
  });
  return values;
}

// A checklist id from the address that the list does not offer is added to it as given, so that Python, not the
// page, says what is wrong with it, beside its field.
function offer(select, value) {
  if (![...select.options].some((option) => option.value === value)) select.append(el("option", { value, text: value }));
}

// What the form asked and what was answered, as the page words them: for "What you entered".
function fieldLabel(form, name) {
  const date = form.querySelector(`fieldset[data-date="${CSS.escape(name)}"]`);
  if (date) return date.querySelector("legend").textContent;
  const field = form.querySelector(`[name="${CSS.escape(name)}"]`);
  if (!field) return name;
  if (field.type === "radio" || field.type === "checkbox") return field.closest("fieldset")?.querySelector("legend")?.textContent || name;
  return form.querySelector(`label[for="${CSS.escape(field.id.replace(/-select$/, ""))}"]`)?.textContent || name;
}

// A time entered with the offset chosen for it, as Melbourne's clocks showed it, zone named: "… at 2:30 am AEDT".
function withZone(value) {
  return `${inMelbourne(value, { dateStyle: "full" })} at ${inMelbourne(value, { hour: "numeric", minute: "2-digit", timeZoneName: "short" })}`;
}

function entered(form, values) {
  return values.map(([name, value]) => {
    const field = form.querySelector(`[name="${CSS.escape(name)}"]`);
    let shown = value;
    if (field?.tagName === "SELECT") shown = [...field.options].find((option) => option.value === value)?.textContent || value;
    else if (field?.type === "radio") shown = form.querySelector(`label[for="${CSS.escape(form.querySelector(`[name="${CSS.escape(name)}"][value="${CSS.escape(value)}"]`)?.id || "")}"]`)?.textContent || value;
    else if (/[+-]\d{2}:\d{2}$/.test(value)) shown = withZone(value);
    else if (field?.closest("fieldset[data-date]")) shown = when(value).replace(" (Melbourne time)", ", Melbourne time");
    return [fieldLabel(form, name), shown];
  });
}

function prefill(form, params) {
  form.querySelectorAll("[data-flag]").forEach((input) => {
    if (!params.has(input.name)) return;
    const value = params.get(input.name);
    const date = input.closest("fieldset[data-date]");
    if (input.type === "radio") { if (input.value !== value) return; input.checked = true; }
    else if (date) writeDate(date, value);
    else input.value = value;
    let conditional = input.closest("[data-show-when]");
    while (conditional) {
      const control = form.querySelector(`[name="${conditional.dataset.showWhen}"][value="${conditional.dataset.value}"]`);
      if (control) control.checked = true;
      conditional = conditional.parentElement.closest("[data-show-when]");
    }
  });
  syncConditionals(form);
}

// Pressing Calculate shows that it was heard: at once while Python starts (the status says how far it has got),
// and once Python is ready only if the answer takes longer than BUSY_AFTER_MS. A ready Python answers in a few
// milliseconds: the answer itself shows the press was heard, and a "Working out your answer" flashed before it would
// cost the answer a repaint and be read out by screen readers (the status is a live region) for nothing.
const BUSY_AFTER_MS = 100;

function waiting(root, on) {
  clearTimeout(root.votBusyLater);
  if (on && ready) root.votBusyLater = setTimeout(() => showWaiting(root, true), BUSY_AFTER_MS);
  else if (on || root.dataset.waiting) showWaiting(root, on);
}

function showWaiting(root, on) {
  root.dataset.waiting = on ? "true" : "";
  root.querySelector(".vot-result").setAttribute("aria-busy", on ? "true" : "false");
  root.querySelector("button[type=submit]")?.classList.toggle("vot-busy", on);
  root.votShowStatus?.();
}

// The questions that decide which of an event's rules apply (obligations): asked one at a time, like a
// checklist's, under the form; "Your answers" with Change, and Back. Returns the question shown, if any.
async function renderScreening(area, result, onBack, onChange) {
  area.replaceChildren();
  if (result.answers.length && result.next_question) {
    const back = el("button", { type: "button", class: "vot-link vot-back", text: "Back" });
    back.addEventListener("click", onBack);
    area.append(back);
  }
  if (result.next_question) {
    area.append(await questionFieldset(result.next_question),
      el("button", { type: "submit", class: "md-button md-button--primary", "data-continue": true, text: "Continue" }));
  }
  if (result.answers.length) {
    area.append(el("h3", { text: result.next_question ? "Your answers so far" : "Your answers" }), el("dl", { class: "vot-answers" }, ...result.answers.flatMap((answered, index) => {
      const change = el("button", { type: "button", class: "vot-link", text: "Change" }, el("span", { class: "vot-visually-hidden", text: ` your answer to: ${answered.question}` }));
      change.addEventListener("click", () => onChange(index));
      return [el("dt", { text: answered.question }), el("dd", {}, `${answered.answer_label} `, change)];
    })));
  }
  return area.querySelector(".vot-question");
}

function initFlagForm(root) {
  const form = root.querySelector("form");
  const command = root.dataset.command;
  const summary = root.querySelector(".vot-error-summary");
  const section = root.querySelector(".vot-result");
  const area = root.querySelector(".vot-questions"); // screening questions (obligations), one at a time
  const announce = () => document.dispatchEvent(new CustomEvent("vot:inputs", { detail: flags(form) }));
  // [key, value] answers to the screening questions, in the order given; a new event asks its own questions.
  let answers = area ? addressState().getAll("answer").map((pair) => [pair.split("=")[0], pair.slice(pair.indexOf("=") + 1)]) : [];
  form.addEventListener("change", (event) => {
    if (area && event.target.name === "event") { answers = []; area.replaceChildren(); }
    if (event.target.closest?.(".vot-questions")) return;
    syncConditionals(form);
    announce();
  });
  form.addEventListener("input", announce);
  const compute = async (byUser) => {
    const problems = formProblems(form);
    if (problems.length) { section.hidden = true; showErrors(form, summary, problems, byUser); return; }
    const values = flags(form);
    const pairs = [...values, ...answers.map(([key, value]) => ["answer", `${key}=${value}`])];
    waiting(root, true);
    const response = await call(commandLine(command, pairs));
    waiting(root, false);
    if (response.ok && area) {
      const shown = await renderScreening(area, response.result,
        () => { answers = answers.slice(0, -1); compute(true); },
        (index) => { const keys = response.result.answers.slice(index).map((a) => a.key); answers = answers.filter(([key]) => !keys.includes(key)); compute(true); });
      if (shown) {
        clearErrors(form, summary);
        section.hidden = true;
        if (byUser) shown.querySelector(".vot-question-heading").focus();
        writeInputs(pairs);
        return;
      }
    }
    if (response.ok) {
      clearErrors(form, summary);
      const screened = (response.result.answers || []).map((given) => [given.question, given.answer_label]);
      renderResult(section, command, response, urlWith(pairs), [...entered(form, values), ...screened]);
      if (!hideAnswer(section) && byUser) section.querySelector("h2").focus();
    } else {
      section.hidden = true;
      const { field, message, part, offsets } = response.error.plain || response.error;
      const date = field && form.querySelector(`fieldset[data-date="${CSS.escape(field)}"]`);
      if (offsets && date) showOffsetChoices(date, offsets, message);
      showErrors(form, summary, [{ field, message, part }], byUser);
    }
    writeInputs(pairs); // the address becomes this answer's permalink once the answer shows
  };
  // An answer's address may give a time Melbourne saw twice with the offset chosen for it: ask Python about the
  // time alone, so the follow-up question shows again with that choice made.
  const restoreOffsets = async () => {
    for (const date of form.querySelectorAll("fieldset[data-date][data-offset]")) {
      const values = flags(form).map(([name, value]) => [name, name === date.dataset.date ? value.slice(0, 16) : value]);
      const response = await call(commandLine(command, values));
      const plain = response.ok ? null : response.error.plain;
      if (plain?.offsets && plain.field === date.dataset.date) showOffsetChoices(date, plain.offsets, plain.message, date.dataset.offset);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = area?.querySelector(".vot-question");
    if (question && event.submitter?.dataset.continue !== undefined) {
      const key = question.dataset.key;
      const value = question.querySelector(`input[name="${CSS.escape(key)}"]:checked`)?.value;
      if (!value) { showErrors(form, summary, [{ field: key, message: "Answer this question to continue" }]); return; }
      answers = [...answers.filter(([k]) => k !== key), [key, value]];
    }
    compute(true);
  });
  const params = addressState();
  prefill(form, params);
  enhanceAutocompletes(root);
  if ([...form.querySelectorAll("[data-flag]")].some((input) => params.has(input.name))) restoreOffsets().then(() => compute(false));
}

// ---- checklists: one question per screen ----------------------------------------------------------------------
async function lookupOptions(collection) {
  const data = await (await fetch(new URL(`${collection}.json`, datasetBase))).json();
  const latest = new Map(data.records.map((record) => [record.id, record.name || record.title || record.id]));
  return [...latest].sort((a, b) => a[1].localeCompare(b[1], "en"));
}

async function questionFieldset(question) {
  const heading = el("h2", { class: "vot-question-heading", tabindex: "-1", text: question.text });
  const fieldset = el("fieldset", { class: "vot-question", "data-key": question.key }, el("legend", {}, heading));
  if (question.hint) fieldset.append(el("p", { class: "vot-hint", id: `${question.key}-hint`, text: question.hint }));
  fieldset.append(el("p", { class: "vot-field-error", id: `${question.key}-error`, hidden: true }));
  if (question.multiple) {
    // "Any of the following": checkboxes, with "None of these" apart and exclusive (GOV.UK's "or" checkbox).
    fieldset.querySelector(".vot-hint")?.append(" Select all that apply.");
    if (!question.hint) fieldset.append(el("p", { class: "vot-hint", text: "Select all that apply." }));
    const boxes = question.allowed.map((value, index) => {
      const id = index === 0 ? question.key : `${question.key}-${value}`;
      const box = el("input", { type: "checkbox", id, name: question.key, value });
      const row = el("div", { class: "vot-radio vot-checkbox" }, box, el("label", { for: id, text: question.allowed_labels[index] }));
      if (value === "none") fieldset.append(el("p", { class: "vot-or", text: "or" }));
      fieldset.append(row);
      return box;
    });
    fieldset.addEventListener("change", (event) => {
      if (event.target.type !== "checkbox" || !event.target.checked) return;
      boxes.filter((box) => (event.target.value === "none") !== (box.value === "none")).forEach((box) => { box.checked = false; });
    });
  } else if (question.kind === "yes-no" || question.kind === "choice") {
    question.allowed.forEach((value, index) => {
      const id = index === 0 ? question.key : `${question.key}-${value}`;
      fieldset.append(el("div", { class: "vot-radio" }, el("input", { type: "radio", id, name: question.key, value }), el("label", { for: id, text: question.allowed_labels[index] })));
    });
  } else if (question.kind === "lookup") {
    const select = el("select", { id: question.key, name: question.key, "data-autocomplete": true, "data-required": "Choose one from the list", "aria-describedby": question.hint ? `${question.key}-hint` : null },
      el("option", { value: "", text: "Choose…" }));
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
  const given = el("div", { class: "vot-answers-given" }); // at an outcome, the answers follow it (GOV.UK: the answer first)
  section.after(given);
  const params = addressState();
  // [key, value] each; an answer from the address without "=" is kept whole (value null) for Python to refuse.
  const split = (pair) => (pair.includes("=") ? [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)] : [pair, null]);
  const written = ([key, value]) => (value === null ? key : `${key}=${value}`);
  let answers = params.getAll("answer").map(split);
  if (params.has("checklist")) { offer(select, params.get("checklist")); select.value = params.get("checklist"); }

  const run = async (byUser) => {
    const pairs = [["checklist", select.value], ...answers.map((answer) => ["answer", written(answer)])];
    writeInputs(pairs);
    waiting(root, true);
    const response = await call(commandLine("check", answers.map((answer) => ["answer", written(answer)]), [select.value]));
    waiting(root, false);
    if (!response.ok) { showErrors(form, summary, [response.error.plain || response.error], byUser); return; }
    clearErrors(form, summary);
    const result = response.result;
    area.replaceChildren(el("p", { class: "vot-checklist-title", text: result.title }));
    given.replaceChildren();
    if (answers.length) {
      const back = el("button", { type: "button", class: "vot-link vot-back", text: "Back" });
      back.addEventListener("click", () => { answers = answers.slice(0, -1); run(true); });
      area.append(back);
    }
    if (result.outcome === "incomplete") {
      section.hidden = true;
      area.append(await questionFieldset(result.next_question), el("button", { type: "submit", class: "md-button md-button--primary", text: "Continue" }));
      enhanceAutocompletes(area);
    } else {
      renderResult(section, "check", response, urlWith(pairs), []);
    }
    if (result.answers.length) {
      const decided = result.outcome !== "incomplete";
      (decided ? given : area).append(el("h3", { text: decided ? "Your answers" : "Your answers so far" }), el("dl", { class: "vot-answers" }, ...result.answers.flatMap((answered, index) => {
        const change = el("button", { type: "button", class: "vot-link", text: "Change" }, el("span", { class: "vot-visually-hidden", text: ` your answer to: ${answered.question}` }));
        change.addEventListener("click", () => { answers = answers.filter(([key]) => !result.answers.slice(index).some((a) => a.key === key)); run(true); });
        return [el("dt", { text: answered.question }), el("dd", {}, `${answered.answer_label} `, change)];
      })));
    }
    // Focus moves once the screen is whole, so nothing added after it pushes what it shows out of view.
    const heading = result.outcome === "incomplete" ? area.querySelector(".vot-question-heading") : hideAnswer(section) ? null : section.querySelector("h2");
    if (byUser) heading?.focus();
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = area.querySelector(".vot-question");
    if (question) {
      const key = question.dataset.key;
      const chosen = [...question.querySelectorAll(`input[name="${CSS.escape(key)}"]:checked`)].map((box) => box.value).join(",");
      const input = question.querySelector(`select[name="${CSS.escape(key)}"], input[type=text][name="${CSS.escape(key)}"]`);
      const value = chosen || (input ? (input.tagName === "SELECT" ? selectValue(input) : input.value.trim()) : "");
      if (!value || value === "?") {
        showErrors(form, summary, [{ field: key, message: value === "?" ? "Choose one from the list" : "Answer this question to continue" }]);
        return;
      }
      answers = [...answers.filter(([k]) => k !== key), [key, value]];
    }
    run(true);
  });
  select.addEventListener("change", () => { answers = []; run(true); });
  if (params.has("checklist")) run(false);
}

// ---- embedding ------------------------------------------------------------------------------------
// `?hide-answer=1`: the answer stays hidden until the learner presses "Show answer".
function hideAnswer(section) {
  if (addressState().get("hide-answer") !== "1" || section.dataset.revealed) return false;
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

// `?lock=units,on`: those inputs are shown but cannot be changed (for exercises), and look it.
function lockInputs(root) {
  const locked = (addressState().get("lock") || "").split(",").filter(Boolean);
  const form = root.querySelector("form");
  locked.forEach((name) => {
    const date = form.querySelector(`fieldset[data-date="${CSS.escape(name)}"]`);
    const select = form.querySelector(`select[name="${CSS.escape(name)}"]`);
    const combobox = select?.dataset.enhanced ? document.getElementById(select.id.replace(/-select$/, "")) : null;
    const inputs = date ? [...date.querySelectorAll("[data-part]")] : combobox ? [combobox, select] : [...form.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
    inputs.forEach((input) => {
      if (input.tagName === "INPUT" && input.type !== "radio" && input.type !== "checkbox") input.readOnly = true;
      else input.disabled = true;
      input.setAttribute("aria-readonly", "true");
    });
    const container = date || inputs[0]?.closest(".vot-field, fieldset");
    if (container && !container.classList.contains("vot-locked")) {
      container.classList.add("vot-locked");
      const label = date ? date.querySelector("legend") : container.querySelector("legend, label");
      label?.append(el("span", { class: "vot-lock-note", text: " (locked by your trainer)" }));
    }
  });
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

// The "Embed this calculator" panel: an <iframe> snippet built from the inputs as they are typed, and options.
function embedBuilder(root) {
  const command = root.dataset.command;
  const form = root.querySelector("form");
  const fields = [...new Set([...root.querySelectorAll("[data-flag], [name=checklist]")].map((input) => input.name))];
  const locks = fields.map((name) => el("div", { class: "vot-radio" },
    el("input", { type: "checkbox", id: `lock-${name}`, value: name }), el("label", { for: `lock-${name}`, text: `Lock “${fieldLabel(form, name).trim()}”` })));
  const hide = el("input", { type: "checkbox", id: "embed-hide-answer" });
  const code = el("textarea", { id: "embed-code", rows: "4", readonly: true, class: "vot-embed-code" });
  const copy = el("button", { type: "button", class: "md-button", text: "Copy the code" });
  const preview = el("iframe", { title: "Preview of the embedded calculator", class: "vot-embed-preview", loading: "lazy" });
  const panel = el("details", { class: "vot-embed-builder" },
    el("summary", { text: "Embed this calculator" }),
    el("p", { text: "Paste this code into a course page or slide deck to show this calculator, filled in with the answers above." }),
    el("fieldset", { class: "vot-field" }, el("legend", { text: "Options" }), ...locks,
      el("div", { class: "vot-radio" }, hide, el("label", { for: "embed-hide-answer", text: "Hide the answer until the learner presses “Show answer”" }))),
    el("label", { for: "embed-code", text: "Code to paste" }), code, el("p", {}, copy), preview);
  let inputs = [];
  const update = () => {
    const query = new URLSearchParams(inputs);
    const lock = locks.map((div) => div.querySelector("input")).filter((box) => box.checked).map((box) => box.value);
    if (lock.length) query.set("lock", lock.join(","));
    if (hide.checked) query.set("hide-answer", "1");
    const src = new URL(`embed/${command}/#${query}`, siteRoot).href;
    const title = document.title.replace(/^Error: /, "").split(" - ")[0].replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
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
  inputs = [...addressState()].filter(([name]) => !EMBED_OPTIONS.includes(name));
  update();
  root.after(panel);
}

// A wide table scrolls sideways on a phone: its scrolling box must take keyboard focus (WCAG 2.1.1), with a name.
function focusableTableScrolls() {
  document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach((wrap) => {
    let heading = wrap.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", `Table${heading ? `: ${heading.textContent.replace(/¶$/, "").trim()}` : ""}`);
  });
}

function init() {
  focusableTableScrolls();
  const roots = document.querySelectorAll(".vot-calculator");
  if (!roots.length) return;
  moveQueryToFragment();
  statusListeners.clear();
  startWorker().catch(() => {}); // a failure is shown in each calculator's status line
  roots.forEach((root) => {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    buildDateInputs(root);
    const status = root.querySelector(".vot-status");
    let latest = ["", false];
    const render = () => {
      const [text, failed] = latest;
      status.classList.toggle("vot-failed", failed);
      if (root.dataset.waiting && !failed) {
        status.classList.add("vot-working");
        const parts = [el("strong", { text: "Working out your answer. " })];
        if (!ready) {
          parts.push(`Python is starting in your browser${progressNow ? `: ${progressNow.stage.toLowerCase()} (step ${progressNow.step} of ${progressNow.steps})` : ""}. `,
            "The first visit can take up to a minute on a slow connection; later visits take a few seconds. The answer appears here by itself.");
          if (progressNow) parts.push(el("progress", { max: progressNow.steps, value: progressNow.step, "aria-hidden": "true" }));
        }
        status.replaceChildren(...parts);
      } else {
        status.classList.remove("vot-working");
        status.textContent = text;
        if (failed) status.append(" ", tryAgainButton());
      }
    };
    root.votShowStatus = render;
    statusListeners.add((text, failed = false) => { latest = [text, failed]; render(); });
    latest = failure ? [failure, true] : [ready ? "Ready." : "Starting the calculator in your browser…", false];
    render();
    root.hidden = false;
    const isEmbedded = embedded();
    if (isEmbedded) {
      document.documentElement.classList.add("vot-embedded");
      postHeight(root);
    } else {
      embedBuilder(root);
    }
    if (root.dataset.command === "check") initChecklist(root); else initFlagForm(root);
    if (isEmbedded) lockInputs(root);
  });
}

if (window.document$) window.document$.subscribe(init);
else document.addEventListener("DOMContentLoaded", init);
