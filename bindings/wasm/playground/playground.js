// The replylint playground: analyses the textarea as the user types and highlights the
// findings in a mirror behind it. The user's text is never touched; the mirror holds a copy
// split at the findings' UTF-16 spans, so `text.slice(start, end)` is exactly what is marked.
import init, { Analyzer } from "./pkg/replylint.js";

const CATEGORIES = [
  ["jargon", "Jargon"],
  ["robotic_opener", "Robotic opener"],
  ["deflection", "Deflection"],
  ["policy_hiding", "Policy hiding"],
  ["argumentative", "Argumentative"],
  ["apathy", "Apathy"],
  ["false_promise", "False promise"],
  ["non_apology", "Non-apology"],
  ["empathy", "Empathy"],
  ["apology", "Apology"],
  ["ownership", "Ownership"],
  ["follow_up", "Follow-up"],
];
const LABELS = new Map(CATEGORIES);
const POSITIVE = new Set(["empathy", "apology", "ownership", "follow_up"]);
const DEBOUNCE_MS = 120;

const $ = (id) => document.getElementById(id);
const textarea = $("reply");
const mirror = $("mirror");
const editor = $("editor");
const card = $("card");
const status = $("status");

let analyzer = null;
let report = { findings: [], score: null, counts: {} };
let timer = 0;

function colour(category) {
  return `var(--${category})`;
}

function element(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "style") el.style.cssText = value;
    else if (key in el && key !== "dataset") el[key] = value;
    else el.setAttribute(key, value);
  }
  el.append(...children);
  return el;
}

// ---- the analyzer -------------------------------------------------------------------------

function options() {
  const languages = [...document.querySelectorAll("#languages input:checked")].map((i) => i.value);
  return {
    languages,
    minSeverity: $("min-severity").value,
    detectedLanguageOnly: $("detected-only").checked,
  };
}

function rebuild() {
  const started = performance.now();
  try {
    const next = new Analyzer(options());
    analyzer?.free();
    analyzer = next;
    status.classList.remove("error");
    status.textContent = `Analyzer ready (${analyzer.languages.join(", ") || "no languages"}), built in ${(
      performance.now() - started
    ).toFixed(0)} ms.`;
  } catch (err) {
    status.classList.add("error");
    status.textContent = `${err.name}: ${err.message}`;
  }
  analyze();
}

function analyze() {
  if (!analyzer) return;
  const text = textarea.value;
  const started = performance.now();
  report = analyzer.analyze(text);
  const ms = performance.now() - started;
  render(text);
  document.body.dataset.analyzed = String(Number(document.body.dataset.analyzed ?? 0) + 1);
  if (!status.classList.contains("error")) {
    const n = report.findings.length;
    status.textContent = `${n} finding${n === 1 ? "" : "s"} in ${text.length} characters, analysed in ${ms.toFixed(1)} ms.`;
  }
}

function scheduleAnalysis() {
  clearTimeout(timer);
  timer = setTimeout(analyze, DEBOUNCE_MS);
}

// ---- rendering ----------------------------------------------------------------------------

/**
 * Cuts the text at every finding boundary; each piece knows the findings that cover it.
 * `entries` are `{f, index}`: a finding and its index in the report.
 */
function segments(text, entries) {
  const cuts = new Set([0, text.length]);
  for (const { f } of entries) cuts.add(f.start).add(f.end);
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const covering = entries.filter(({ f }) => f.start <= start && end <= f.end);
    pieces.push({ start, end, covering });
  }
  return pieces;
}

/**
 * Draws the text into the mirror with a mark per finding. While the user types, the last
 * report's findings that still match the text (those before the caret, usually) stay marked
 * until the next analysis.
 */
function renderMirror(text) {
  const entries = report.findings
    .map((f, index) => ({ f, index }))
    .filter(({ f }) => text.slice(f.start, f.end) === f.text);
  const nodes = [];
  for (const { start, end, covering } of segments(text, entries)) {
    const piece = text.slice(start, end);
    if (covering.length === 0) {
      nodes.push(piece);
      continue;
    }
    // The narrowest finding is the most specific one; the others stay in data-findings.
    const { f, index } = covering.reduce((a, b) => (b.f.end - b.f.start < a.f.end - a.f.start ? b : a));
    nodes.push(
      element(
        "mark",
        {
          style: `--c: ${colour(f.category)}`,
          "data-rule": f.ruleId,
          "data-category": f.category,
          "data-finding": String(index),
          "data-findings": covering.map((c) => c.index).join(" "),
        },
        piece,
      ),
    );
  }
  // A trailing newline needs a character after it to take up its line, as in the textarea.
  nodes.push("\u200b");
  mirror.replaceChildren(...nodes);
}

function renderSummary() {
  const scoreBox = $("score-box");
  $("score").textContent = report.score ?? "–";
  scoreBox.classList.remove("good", "fair", "poor");
  if (report.score != null) scoreBox.classList.add(report.score >= 80 ? "good" : report.score >= 60 ? "fair" : "poor");
  $("legend").replaceChildren(
    ...CATEGORIES.map(([category, label]) => {
      const count = report.counts[category] ?? 0;
      return element(
        "li",
        {
          className: `${POSITIVE.has(category) ? "positive" : "problem"}${count ? " found" : ""}`,
          style: `--c: ${colour(category)}`,
          "data-category": category,
        },
        element("span", { className: "swatch" }),
        element("span", { className: "label" }, label),
        element("span", { className: "count" }, String(count)),
      );
    }),
  );
}

function renderList() {
  const items = report.findings.map((f, index) =>
    element(
      "li",
      { tabIndex: 0, style: `--c: ${colour(f.category)}`, "data-finding": String(index), "data-rule": f.ruleId },
      element(
        "div",
        { className: "head" },
        element("span", { className: "category" }, LABELS.get(f.category) ?? f.category),
        element("span", { className: "severity" }, POSITIVE.has(f.category) ? "good" : f.severity),
        element("code", {}, f.ruleId),
      ),
      element("q", { className: "quote" }, f.text),
      element("p", { className: "suggestion" }, f.suggestion),
    ),
  );
  if (items.length === 0) {
    items.push(element("li", { className: "empty" }, textarea.value.trim() ? "Nothing found. 👍" : "Nothing typed yet."));
  }
  $("findings").replaceChildren(...items);
}

function render(text) {
  renderMirror(text);
  renderSummary();
  renderList();
  hideCard();
}

function fitHeight() {
  textarea.style.height = "auto";
  textarea.style.height = `${textarea.scrollHeight}px`;
}

// ---- the hover card -----------------------------------------------------------------------

function showCard(index, anchor) {
  const f = report.findings[index];
  if (!f) return hideCard();
  card.style.setProperty("--c", colour(f.category));
  card.querySelector(".card-category").textContent = LABELS.get(f.category) ?? f.category;
  card.querySelector(".card-rule").textContent = f.ruleId;
  card.querySelector(".card-text").textContent = f.text;
  card.querySelector(".card-explanation").textContent = f.explanation;
  card.querySelector(".card-suggestion span").textContent = f.suggestion;
  card.dataset.finding = String(index);
  card.dataset.rule = f.ruleId;
  card.hidden = false;
  const margin = 8;
  const { width, height } = card.getBoundingClientRect();
  let left = Math.min(anchor.left, window.innerWidth - width - margin);
  let top = anchor.bottom + 6;
  if (top + height > window.innerHeight - margin) top = Math.max(margin, anchor.top - height - 6);
  card.style.left = `${Math.max(margin, left)}px`;
  card.style.top = `${top}px`;
  for (const mark of mirror.querySelectorAll("mark")) {
    mark.classList.toggle("active", mark.dataset.findings.split(" ").includes(String(index)));
  }
}

function hideCard() {
  card.hidden = true;
  delete card.dataset.finding;
  for (const mark of mirror.querySelectorAll("mark.active")) mark.classList.remove("active");
}

// The textarea lies over the mirror and keeps every mouse event (so the caret and selection
// work as usual); the mark under the pointer is found by position instead.
function markAt(x, y) {
  return document.elementsFromPoint(x, y).find((el) => el.matches?.("mark[data-finding]")) ?? null;
}

editor.addEventListener("mousemove", (event) => {
  const mark = markAt(event.clientX, event.clientY);
  if (!mark) return hideCard();
  if (card.dataset.finding !== mark.dataset.finding || card.hidden) {
    showCard(Number(mark.dataset.finding), mark.getBoundingClientRect());
  }
});
editor.addEventListener("mouseleave", hideCard);

$("findings").addEventListener("mouseover", (event) => {
  const item = event.target.closest("li[data-finding]");
  if (item) showCard(Number(item.dataset.finding), item.getBoundingClientRect());
});
$("findings").addEventListener("mouseleave", hideCard);
$("findings").addEventListener("click", (event) => {
  const item = event.target.closest("li[data-finding]");
  const f = item && report.findings[Number(item.dataset.finding)];
  if (!f) return;
  textarea.focus();
  textarea.setSelectionRange(f.start, f.end);
});

// ---- start --------------------------------------------------------------------------------

textarea.addEventListener("input", () => {
  fitHeight();
  renderMirror(textarea.value); // keep the old highlights aligned until the new analysis
  scheduleAnalysis();
});
window.addEventListener("resize", fitHeight);
for (const id of ["min-severity", "detected-only"]) $(id).addEventListener("change", rebuild);
$("languages").addEventListener("change", rebuild);

try {
  await init();
  const all = new Analyzer();
  const fieldset = $("languages");
  for (const code of all.languages) {
    fieldset.append(element("label", {}, element("input", { type: "checkbox", value: code, checked: true }), ` ${code}`));
  }
  analyzer = all;
  status.textContent = `Analyzer ready: ${all.languages.length} languages.`;
  renderSummary();
  analyze();
  document.body.dataset.ready = "true";
} catch (err) {
  status.classList.add("error");
  status.textContent = `Could not load replylint: ${err.message}`;
  throw err;
}
