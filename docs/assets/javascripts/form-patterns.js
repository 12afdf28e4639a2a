// GOV.UK form patterns for the calculator pages: the date input (Day, Month, Year, and a Time where one is
// needed), reading and checking what was typed, and choosing from a long list by typing (the self-hosted
// accessible-autocomplete). Form handling only: no law here; what an answer means comes from Python.

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const pad = (number) => String(number).padStart(2, "0");

// An element with its attributes (`text` sets its text; false or null leaves an attribute out) and children.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child != null));
  return node;
}

// ---- the date input ---------------------------------------------------------------------------------------
// <fieldset data-date="on" [data-time="always|if-needed"]> holding <input type=hidden name="on" data-flag>:
// the Day, Month, Year (and Time) fields are added here; the hidden field carries the ISO value the URL and
// Python use (2024-09-01, or 2025-04-05T10:00).
export function buildDateInputs(root) {
  root.querySelectorAll("fieldset[data-date]").forEach((fieldset) => {
    if (fieldset.querySelector(".vot-date-input")) return;
    const name = fieldset.dataset.date;
    const birth = name === "born";
    const item = (part, label, width, extra = {}) => el("div", { class: "vot-date-item" },
      el("label", { for: `${name}-${part}`, text: label }),
      el("input", { id: `${name}-${part}`, class: `vot-date-${part} vot-width-${width}`, type: "text", inputmode: part === "time" ? "text" : "numeric",
        autocomplete: birth && part !== "time" ? `bday-${part}` : "off", "data-part": part, ...extra }));
    const group = el("div", { class: "vot-date-input" }, item("day", "Day", 2), item("month", "Month", 2), item("year", "Year", 4));
    if (fieldset.dataset.time) {
      const time = item("time", "Time", 5, { "aria-describedby": `${name}-time-hint` });
      time.append(el("p", { class: "vot-hint vot-time-hint", id: `${name}-time-hint`, text: "For example, 9:30am or 21:30" }));
      group.append(time);
    }
    fieldset.append(group);
  });
}

// Which date fields need their time now: always, or when a choice marked data-needs-time is made (an hour
// period, or a rule counted in hours).
export function timeNeeded(fieldset) {
  const mode = fieldset.dataset.time;
  if (mode === "always") return true;
  if (mode !== "if-needed") return false;
  const form = fieldset.closest("form");
  return [...form.querySelectorAll("[data-needs-time]")].some((choice) => choice.tagName === "OPTION"
    ? choice.selected && !choice.closest("select").closest("[hidden]")
    : choice.checked);
}

export function syncTimeFields(form) {
  form.querySelectorAll("fieldset[data-date][data-time]").forEach((fieldset) => {
    const time = fieldset.querySelector(".vot-date-time")?.closest(".vot-date-item");
    if (time) time.hidden = !timeNeeded(fieldset);
    if (!timeNeeded(fieldset)) fieldset.querySelector(".vot-date-offset")?.remove();
  });
}

// ---- the hour that happens twice ------------------------------------------------------------------------------
// The night daylight saving ends, Melbourne's clocks show 2:00 to 2:59 am twice. Python says so when it is given
// such a time, with the question that settles which is meant (calculators.page.repeated_time): it is asked here,
// under the Time field, as radios whose values are the UTC offset to add. Nothing is picked for the reader, and
// the question goes as soon as the date or time it asks about changes.
export function showOffsetChoices(fieldset, offsets, required, chosen = "") {
  fieldset.querySelector(".vot-date-offset")?.remove();
  const name = `${fieldset.dataset.date}-offset`;
  const block = el("fieldset", { class: "vot-date-offset", "data-for": offsets.for, "data-required": required, "aria-describedby": `${name}-hint` },
    el("legend", { text: offsets.legend }), el("p", { class: "vot-hint", id: `${name}-hint`, text: offsets.hint }));
  offsets.choices.forEach((choice, index) => {
    const id = index === 0 ? name : `${name}-${index + 1}`;
    block.append(el("div", { class: "vot-radio" },
      el("input", { type: "radio", id, name, value: choice.value, "data-part": "offset", checked: choice.value === chosen }),
      el("label", { for: id, text: choice.label })));
  });
  fieldset.querySelector(".vot-date-input").after(block);
  delete fieldset.dataset.offset;
  delete fieldset.dataset.offsetFor;
}

// The offset to add to a local date and time, "" for none: the follow-up's choice while it asks about this time,
// or the one the address gave for it. A follow-up or an offset about another time is dropped.
function offsetFor(fieldset, local) {
  const block = fieldset.querySelector(".vot-date-offset");
  if (block && block.dataset.for !== local) block.remove();
  else if (block) return block.querySelector("input:checked")?.value ?? null;
  if (fieldset.dataset.offsetFor === local) return fieldset.dataset.offset;
  delete fieldset.dataset.offset;
  delete fieldset.dataset.offsetFor;
  return "";
}

// "9:30am", "9.30 pm", "21:30", "2130", "11pm", "noon", "midnight" → "HH:MM", or null when it is not a time.
export function parseTime(text) {
  const value = text.trim().toLowerCase().replace(/\s+/g, "").replace(/\./g, ":").replace(/(a|p):?m:?$/, "$1m");
  if (value === "noon" || value === "midday" || value === "12noon") return "12:00";
  if (value === "midnight" || value === "12midnight") return "00:00";
  const match = value.match(/^(\d{1,2})(?::?(\d{2}))?(am|pm)?$/);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] || 0);
  if (minute > 59) return null;
  if (match[3]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (match[3] === "pm" ? 12 : 0);
  } else if (hour > 23 || (match[2] === undefined && value.length > 2)) {
    return null;
  }
  return `${pad(hour)}:${pad(minute)}`;
}

function monthNumber(text) {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const index = MONTHS.indexOf(text.toLowerCase().slice(0, 3));
  return index >= 0 && /^[a-z]+$/i.test(text) ? index + 1 : NaN;
}

// What the reader typed, as an ISO value, or the first problem with it (GOV.UK's messages), naming the part to
// focus. Empty fields give an empty value: whether that is allowed is the form's business (data-required).
export function readDate(fieldset) {
  const part = (name) => fieldset.querySelector(`[data-part="${name}"]`);
  const text = (name) => (part(name)?.value || "").trim();
  const needsTime = timeNeeded(fieldset);
  const [day, month, year, time] = [text("day"), text("month"), text("year"), needsTime ? text("time") : ""];
  if (!day && !month && !year && !time) return { value: "" };
  const missing = [["day", day], ["month", month], ["year", year]].filter(([, value]) => !value).map(([name]) => name);
  if (missing.length === 3) return { error: "Enter the date", part: "day" };
  if (missing.length) return { error: `Date must include a ${missing.join(" and ")}`, part: missing[0] };
  const [d, m, y] = [/^\d{1,2}$/.test(day) ? Number(day) : NaN, monthNumber(month), /^\d+$/.test(year) ? Number(year) : NaN];
  if (/^\d+$/.test(year) && year.length !== 4) return { error: "Year must include 4 numbers", part: "year" };
  const real = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(real.getTime()) || real.getUTCFullYear() !== y || real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d) {
    return { error: "Date must be a real date", part: Number.isNaN(d) || d < 1 || d > 31 ? "day" : Number.isNaN(m) || m < 1 || m > 12 ? "month" : Number.isNaN(y) ? "year" : "day" };
  }
  let value = `${y}-${pad(m)}-${pad(d)}`;
  if (needsTime) {
    if (!time) return { error: "Enter the time", part: "time" };
    const clock = parseTime(time);
    if (!clock) return { error: "Time must be a real time, like 9:30am or 21:30", part: "time" };
    value += `T${clock}`;
    const offset = offsetFor(fieldset, value);
    if (offset === null) return { error: fieldset.querySelector(".vot-date-offset").dataset.required, part: "offset" };
    value += offset;
  }
  return { value };
}

// Fill the fields from an ISO value in the address (?on=2024-09-01, ?at=2025-04-05T10:00, or with the offset
// chosen for a time that happened twice: ?at=2026-04-05T02:30+11:00).
export function writeDate(fieldset, iso) {
  const match = String(iso).match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})([+-]\d{2}:\d{2})?)?/);
  if (!match) return;
  const set = (name, value) => { const input = fieldset.querySelector(`[data-part="${name}"]`); if (input) input.value = value; };
  set("day", String(Number(match[3])));
  set("month", String(Number(match[2])));
  set("year", match[1]);
  if (match[4]) set("time", `${match[4]}:${match[5]}`);
  if (match[6]) Object.assign(fieldset.dataset, { offset: match[6], offsetFor: `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}` });
}

// ---- choosing from a long list by typing --------------------------------------------------------------------
// Words people type for a provision, as the lists write them: "section 47(1)" finds "s 47(1)", "r 37" "reg 37".
function normalise(text) {
  return ` ${text.toLowerCase()} `.replace(/[‘’']/g, "'").replace(/\b(sections?|sect|ss?)\.?\s+(?=\d)/g, "s ")
    .replace(/\b(regulations?|regs?|r)\.?\s+(?=\d)/g, "reg ").replace(/\s+/g, " ");
}

// Options whose text holds the whole query come first, then those holding every word of it (a number must
// start where the list's number starts: "37" finds "reg 37", not "s 237").
export function matchOptions(labels, query) {
  const wanted = normalise(query).trim();
  if (!wanted) return labels;
  const starting = (text) => new RegExp(`(^|[^a-z0-9])${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
  const phrase = starting(wanted);
  const words = wanted.split(" ").map(starting);
  const whole = [];
  const some = [];
  labels.forEach((label) => {
    const text = normalise(label);
    if (phrase.test(text)) whole.push(label);
    else if (words.every((word) => word.test(text))) some.push(label);
  });
  return [...whole, ...some];
}

// A <select data-autocomplete> becomes a combobox: type to filter, arrows to move, Enter to choose. The
// select stays in the form (hidden) and carries the id the URL and Python use.
export function enhanceAutocompletes(root) {
  const library = window.accessibleAutocomplete;
  if (!library) return;
  root.querySelectorAll("select[data-autocomplete]").forEach((select) => {
    if (select.dataset.enhanced) return;
    select.dataset.enhanced = "true";
    const labels = [...select.options].filter((option) => option.value).map((option) => option.textContent);
    library.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      showAllValues: true,
      dropdownArrow: () => "",
      displayMenu: "overlay",
      minLength: 0,
      source: (query, populate) => populate(matchOptions(labels, query)),
      tNoResults: () => "No match: try other words, or a section or regulation number",
      onConfirm: (label) => {
        const chosen = [...select.options].find((option) => option.textContent === label);
        if (!chosen) return;
        select.value = chosen.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      },
    });
    const input = root.querySelector(`#${CSS.escape(select.id.replace(/-select$/, ""))}`);
    const hint = select.getAttribute("aria-describedby");
    if (input && hint) input.setAttribute("aria-describedby", `${hint} ${input.getAttribute("aria-describedby") || ""}`.trim());
  });
}

// The id chosen in a select, enhanced or not: for an enhanced one, only when the text in its box is the
// option's own (typing other words after choosing unchooses it). "?" when something unlisted was typed.
export function selectValue(select) {
  if (!select.dataset.enhanced) return select.value;
  const input = document.getElementById(select.id.replace(/-select$/, ""));
  const typed = (input?.value || "").trim();
  if (!typed) return "";
  const chosen = [...select.options].find((option) => option.value && option.textContent.trim() === typed);
  return chosen ? chosen.value : "?";
}
