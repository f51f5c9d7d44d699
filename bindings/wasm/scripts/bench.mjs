#!/usr/bin/env node
// Times the npm package in Node: loading it, `new Analyzer()` and analysing a 200-byte reply,
// as medians of many runs. Uses the package scripts/test-wasm built (build/npm/replylint).
//
//   node bindings/wasm/scripts/bench.mjs            # print the table
//   node bindings/wasm/scripts/bench.mjs --write    # and write it into docs/wasm.md
//
// Options: --processes N (fresh Node processes for the start-up figures, default 15),
// --runs N (repetitions in one process, default 40).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../../..");
const packageDir = path.resolve(process.env.REPLYLINT_NPM_DIR ?? path.join(repoRoot, "build/npm/replylint"));
const entry = pathToFileURL(path.join(packageDir, "node.mjs")).href;
const docPath = path.join(repoRoot, "docs/wasm.md");

/** A 200-byte English reply with a few findings (argumentative, policy-hiding, follow-up…). */
export const REPLY_200 =
  "Hi Sam, thanks for waiting. As I already said, it's company policy: refunds take 5 days. " +
  "Please visit our website for details. I'll check the status tomorrow and write back to you. " +
  "Best regards, Alex.";

const { values: args } = parseArgs({
  options: {
    write: { type: "boolean", default: false },
    processes: { type: "string", default: "15" },
    runs: { type: "string", default: "40" },
    child: { type: "boolean", default: false },
  },
});

/** CPU time of this process so far (user + system, every thread), in milliseconds. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const median = (xs) => {
  const s = xs.toSorted((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---- the child: one fresh process, start-up only ------------------------------------------

if (args.child) {
  const sample = () => [performance.now(), cpuMs()];
  const s0 = sample();
  const { Analyzer } = await import(entry);
  const s1 = sample();
  const analyzer = new Analyzer();
  const s2 = sample();
  analyzer.analyze(REPLY_200);
  const s3 = sample();
  const diff = (a, b) => ({ wall: b[0] - a[0], cpu: b[1] - a[1] });
  console.log(JSON.stringify({ load: diff(s0, s1), firstAnalyzer: diff(s1, s2), firstAnalysis: diff(s2, s3) }));
  process.exit(0);
}

// ---- the parent ---------------------------------------------------------------------------

if (Buffer.byteLength(REPLY_200) !== 200) throw new Error(`the reply is ${Buffer.byteLength(REPLY_200)} bytes`);
if (!fs.existsSync(path.join(packageDir, "node.mjs"))) {
  console.error(`${packageDir} has no build; run scripts/test-wasm first`);
  process.exit(2);
}
const processes = Number(args.processes);
const runs = Number(args.runs);
const loadBefore = os.loadavg()[0];

const fresh = [];
for (let i = 0; i < processes; i++) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child"], { encoding: "utf8" });
  fresh.push(JSON.parse(out));
}

const { Analyzer } = await import(entry);
new Analyzer().free(); // the lexicons are parsed once per process; time the builds after it

/** Median wall-clock and CPU time of `fn()`, over `runs` runs, each divided by `per`. */
function time(fn, per = 1) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const [w, c] = [performance.now(), cpuMs()];
    fn();
    wall.push((performance.now() - w) / per);
    cpu.push((cpuMs() - c) / per);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

function timeBuilds(options) {
  return time(() => new Analyzer(options).free());
}
const buildAll = timeBuilds(undefined);
const buildEnRu = timeBuilds({ languages: ["en", "ru"] });

function timeAnalysis(analyzer, text) {
  const batch = 200;
  for (let i = 0; i < batch; i++) analyzer.analyze(text); // warm up
  return time(() => {
    for (let i = 0; i < batch; i++) analyzer.analyze(text);
  }, batch);
}
const all = new Analyzer();
const analyseAll = timeAnalysis(all, REPLY_200);
const enRu = new Analyzer({ languages: ["en", "ru"] });
const analyseEnRu = timeAnalysis(enRu, REPLY_200);
const findings = all.analyze(REPLY_200).findings.length;
const languages = all.languages.length;
const loadAfter = os.loadavg()[0];

const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const us = (x) => (x * 1000).toFixed(1);
const freshMedian = (key) => ({
  wall: median(fresh.map((r) => r[key].wall)),
  cpu: median(fresh.map((r) => r[key].cpu)),
});
const row = (what, t, unit = ms, suffix = "ms") => `| ${what} | ${unit(t.wall)} ${suffix} | ${unit(t.cpu)} ${suffix} |`;
const table = [
  "| what | median wall-clock time | median CPU time |",
  "|---|---|---|",
  row("loading the package: `import` reads, compiles and instantiates the .wasm (fresh process)", freshMedian("load")),
  row(
    `first \`new Analyzer()\`, ${languages} languages: reads the embedded lexicons, builds the automaton (fresh process)`,
    freshMedian("firstAnalyzer"),
  ),
  row("first `analyze()` of a 200-byte reply (fresh process)", freshMedian("firstAnalysis")),
  row(`later \`new Analyzer()\`, ${languages} languages`, buildAll),
  row('later `new Analyzer({ languages: ["en", "ru"] })`', buildEnRu),
  row(`\`analyze()\` of a 200-byte reply (${findings} findings), ${languages} languages`, analyseAll, us, "µs"),
  row('`analyze()` of the same reply, `languages: ["en", "ru"]`', analyseEnRu, us, "µs"),
  "",
  `Rows marked *fresh process*: medians over ${processes} new Node processes. The others: medians of ` +
    `${runs} runs in one process, after its first analyzer; each \`analyze()\` run is 200 calls, divided ` +
    `by 200. Node ${process.version} on ${os.cpus()[0]?.model?.trim() ?? "an unknown CPU"}, ` +
    `${os.cpus().length} cores, load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after ` +
    `(other work on the machine inflates wall-clock time; CPU time counts every thread of the process, V8 compiling the .wasm in the background included, so it can exceed wall-clock time). Measured by ` +
    `\`node bindings/wasm/scripts/bench.mjs --write\`.`,
].join("\n");

console.log(table);

if (args.write) {
  const begin = "<!-- BEGIN generated: timings -->";
  const end = "<!-- END generated: timings -->";
  const doc = fs.readFileSync(docPath, "utf8");
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`docs/wasm.md: no "${begin}" … "${end}" section`);
  fs.writeFileSync(docPath, `${doc.slice(0, i + begin.length)}\n${table}\n${doc.slice(j)}`);
  console.log(`\nwrote ${path.relative(repoRoot, docPath)}`);
}
