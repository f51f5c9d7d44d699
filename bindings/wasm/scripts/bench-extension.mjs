#!/usr/bin/env node
// Times the example extension in headless Chromium, as its test runs it
// (bindings/wasm/tests/extension-browser.mjs), on the demo help desk with a 2,000-character
// reply (examples/extension/demo/reply-2000.txt), and measures its size. Uses the extension
// bindings/wasm/scripts/build-extension built (build/extension).
//
//   node bindings/wasm/scripts/bench-extension.mjs            # print the table
//   node bindings/wasm/scripts/bench-extension.mjs --write    # and write it into docs/extension.md
//
// Keystroke to underline: the reply minus its last character is put into the editor and
// analysed; then the last key is pressed, which completes a phrase ("…it's company policy").
// Measured in the page from the keydown event's timestamp to the moment the new underline is
// in the DOM, and to the next animation frame. Options: --runs N (per editor, default 15),
// --starts N (new extension pages that load replylint, as a restarting worker does; default 7).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { extensionDir, launch, saveHosts, waitForAnalysis } from "../tests/extension-browser.mjs";
import { buildDir, repoRoot, wasmDir } from "../tests/helpers.mjs";

const docPath = path.join(repoRoot, "docs/extension.md");
const REPLY = fs.readFileSync(path.join(wasmDir, "examples/extension/demo/reply-2000.txt"), "utf8");
const RULE = "en.company-policy"; // the phrase the last keystroke completes
const DEBOUNCE_MS = 120; // as in content.js

const { values: args } = parseArgs({
  options: {
    write: { type: "boolean", default: false },
    runs: { type: "string", default: "15" },
    starts: { type: "string", default: "7" },
  },
});
const runs = Number(args.runs);

if (REPLY.length !== 2000) throw new Error(`the reply is ${REPLY.length} UTF-16 units, not 2,000`);

const median = (xs) => {
  const s = xs.toSorted((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---- size ---------------------------------------------------------------------------------

const files = execFileSync("find", [extensionDir, "-type", "f", "-printf", "%s\\n"], { encoding: "utf8" })
  .trim()
  .split("\n")
  .map(Number);
const unpackedBytes = files.reduce((a, b) => a + b, 0);
const zipName = fs.readdirSync(path.join(buildDir, "extension")).find((f) => f.endsWith(".zip"));
if (!zipName) throw new Error("no zip in build/extension; run bindings/wasm/scripts/build-extension");
const zipBytes = fs.statSync(path.join(buildDir, "extension", zipName)).size;

// ---- keystroke to underline ---------------------------------------------------------------

/** One run in the editor: `{ domMs, frameMs, analysisMs, layoutMs }`. */
async function keystrokeToUnderline(page, selector, kind) {
  const editor = page.locator(selector);
  await editor.fill(REPLY.slice(0, -1));
  await waitForAnalysis(page, kind);
  const layer = `.clip[data-replylint-kind=${kind}]`;
  if (await page.locator(`replylint-overlay ${layer} [data-replylint-rule="${RULE}"]`).count()) {
    throw new Error(`${RULE} is underlined before its last letter`);
  }
  await page.evaluate(
    ([sel, layerSelector, rule]) => {
      const layer = document.querySelector("replylint-overlay").shadowRoot.querySelector(layerSelector);
      let keyAt = null;
      document.querySelector(sel).addEventListener("keydown", (e) => (keyAt = e.timeStamp), { once: true, capture: true });
      window.measured = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (keyAt === null || layer.dataset.replylintState !== "fresh") return;
          if (!layer.querySelector(`[data-replylint-rule="${rule}"]`)) return;
          const domAt = performance.now();
          observer.disconnect();
          requestAnimationFrame(() =>
            resolve({
              domMs: domAt - keyAt,
              frameMs: performance.now() - keyAt,
              analysisMs: Number(layer.dataset.replylintAnalysisMs),
              layoutMs: Number(layer.dataset.replylintLayoutMs),
            }),
          );
        });
        observer.observe(layer, { subtree: true, childList: true, attributes: true });
      });
    },
    [selector, layer, RULE],
  );
  await page.keyboard.press(REPLY.at(-1));
  const result = await page.evaluate(() => window.measured);
  // A contenteditable holds the lines as blocks: its text nodes are the reply's lines.
  const text = await editor.evaluate((el) => el.value ?? el.textContent);
  if (text !== (kind === "textarea" ? REPLY : REPLY.replaceAll("\n", ""))) throw new Error(`the ${kind} lost text`);
  return result;
}

// ---- a start: what a service worker does when it (re)starts ----------------------------

/**
 * In a new extension page: loading replylint.js and compiling the .wasm (`init`), then the
 * first `new Analyzer()`; the work background.js does each time Chrome starts its worker.
 */
async function startup(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    return await page.evaluate(async () => {
      const t0 = performance.now();
      const { default: init, Analyzer } = await import(chrome.runtime.getURL("replylint/replylint.js"));
      await init({ module_or_path: chrome.runtime.getURL("replylint/replylint_bg.wasm") });
      const t1 = performance.now();
      const analyzer = new Analyzer();
      const t2 = performance.now();
      return { initMs: t1 - t0, analyzerMs: t2 - t1, languages: analyzer.languages.length };
    });
  } finally {
    await page.close();
  }
}

const loadBefore = os.loadavg()[0];
const browser = await launch();
const perKind = {};
const starts = [];
try {
  const options = browser.optionsPage;
  const errors = await saveHosts(options, "127.0.0.1");
  if (errors.length) throw new Error(errors.join("; "));
  const page = await browser.context.newPage();
  await page.goto(browser.helpdesk("127.0.0.1"));
  await page.bringToFront();
  for (const [kind, selector] of [
    ["textarea", "#reply"],
    ["contenteditable", "#composer"],
  ]) {
    await page.click(selector);
    await keystrokeToUnderline(page, selector, kind); // warm-up: not counted
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await keystrokeToUnderline(page, selector, kind));
    perKind[kind] = Object.fromEntries(
      ["domMs", "frameMs", "analysisMs", "layoutMs"].map((key) => [key, median(results.map((r) => r[key]))]),
    );
    perKind[kind].range = [Math.min(...results.map((r) => r.domMs)), Math.max(...results.map((r) => r.domMs))];
  }
  for (let i = 0; i < Number(args.starts); i++) starts.push(await startup(browser.context, browser.optionsPage.url()));
} finally {
  await browser.close();
}

const loadAfter = os.loadavg()[0];

// ---- the table ----------------------------------------------------------------------------

// Debian's chromium wrapper script complains on stderr about --version; only stdout counts.
const chromiumVersion = execFileSync(process.env.REPLYLINT_CHROMIUM ?? "/usr/bin/chromium", ["--version"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "ignore"],
}).trim();
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const bytes = (n) => n.toLocaleString("en-US");
const { textarea: t, contenteditable: c } = perKind;
const table = [
  "| what | textarea | contenteditable |",
  "|---|---|---|",
  `| last keystroke → underline in the page's DOM (median) | ${ms(t.domMs)} ms | ${ms(c.domMs)} ms |`,
  `| … fastest and slowest run | ${ms(t.range[0])}–${ms(t.range[1])} ms | ${ms(c.range[0])}–${ms(c.range[1])} ms |`,
  `| last keystroke → the next frame after it (median) | ${ms(t.frameMs)} ms | ${ms(c.frameMs)} ms |`,
  `| of which the pause that ends typing (content.js) | ${DEBOUNCE_MS} ms | ${DEBOUNCE_MS} ms |`,
  `| of which \`analyze()\` in the service worker (median) | ${ms(t.analysisMs)} ms | ${ms(c.analysisMs)} ms |`,
  `| the page's main thread per update: reading the text, placing the underlines (median) | ${ms(t.layoutMs)} ms | ${ms(c.layoutMs)} ms |`,
  "",
  `| what | |`,
  "|---|---|",
  `| a (re)started service worker: load replylint.js, compile the .wasm (\`init\`) | ${ms(median(starts.map((x) => x.initMs)))} ms |`,
  `| … then the first \`new Analyzer()\`, ${starts[0].languages} languages | ${ms(median(starts.map((x) => x.analyzerMs)))} ms |`,
  `| the extension unpacked (\`build/extension/unpacked\`, ${files.length} files) | ${bytes(unpackedBytes)} B (${kib(unpackedBytes)}) |`,
  `| the zip (\`build/extension/${zipName}\`) | ${bytes(zipBytes)} B (${kib(zipBytes)}) |`,
  "",
  `A ${REPLY.length.toLocaleString("en-US")}-character reply in English and Russian (\`bindings/wasm/examples/extension/demo/reply-2000.txt\`), ` +
    `${runs} runs per editor after one warm-up, in one browser. ${chromiumVersion}, headless, on ` +
    `${os.cpus()[0]?.model?.trim() ?? "an unknown CPU"}, ${os.cpus().length} cores, load average ` +
    `${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after (other work on the machine slows every figure). ` +
    "Measured by `node bindings/wasm/scripts/bench-extension.mjs --write`.",
].join("\n");

console.log(table);

if (args.write) {
  const begin = "<!-- BEGIN generated: measurements -->";
  const end = "<!-- END generated: measurements -->";
  const doc = fs.readFileSync(docPath, "utf8");
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`docs/extension.md: no "${begin}" … "${end}" section`);
  fs.writeFileSync(docPath, `${doc.slice(0, i + begin.length)}\n${table}\n${doc.slice(j)}`);
  console.log(`\nwrote ${path.relative(repoRoot, docPath)}`);
}
