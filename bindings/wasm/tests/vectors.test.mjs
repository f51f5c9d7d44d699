// Every shared test vector (tests/vectors/*.json, the one truth that Rust and Python run too)
// through the package's Node entry: the same findings, with the byte spans of the vectors
// converted to UTF-16, exactly.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, describe, test } from "node:test";

import { importPackage, repoRoot } from "./helpers.mjs";

const { Analyzer } = await importPackage();

const vectorsDir = path.join(repoRoot, "tests/vectors");
const files = fs
  .readdirSync(vectorsDir)
  .filter((f) => f.endsWith(".json"))
  .sort();

/** The vector options (snake_case, as in tests/README.md) as `new Analyzer()` options. */
const OPTION_NAMES = {
  languages: "languages",
  jargon: "jargon",
  disabled_rules: "disabledRules",
  min_severity: "minSeverity",
  skip_quoted: "skipQuoted",
  sla_hours: "slaHours",
  opener_similarity: "openerSimilarity",
  absence_rules: "absenceRules",
};
function jsOptions(options) {
  const js = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    assert.ok(key in OPTION_NAMES, `vector option \`${key}\` has no JavaScript counterpart in this test`);
    js[OPTION_NAMES[key]] = value;
  }
  return js;
}

// Building an analyzer compiles its automaton; vectors with the same options share one.
const analyzers = new Map();
function analyzerFor(options) {
  const key = JSON.stringify(options);
  if (!analyzers.has(key)) analyzers.set(key, new Analyzer(options));
  return analyzers.get(key);
}
after(() => {
  for (const analyzer of analyzers.values()) analyzer.free();
});

/** The UTF-16 index of a UTF-8 byte offset into `text` (which must fall between characters). */
function utf16Index(text, byteOffset, what) {
  const bytes = Buffer.from(text, "utf8");
  assert.ok(byteOffset <= bytes.length, `${what}: byte offset ${byteOffset} is past the end`);
  const prefix = bytes.subarray(0, byteOffset).toString("utf8");
  assert.equal(Buffer.byteLength(prefix), byteOffset, `${what}: byte offset ${byteOffset} splits a character`);
  return prefix.length;
}

let total = 0;
let ran = 0;
const names = new Set();

for (const file of files) {
  const { vectors } = JSON.parse(fs.readFileSync(path.join(vectorsDir, file), "utf8"));
  assert.ok(Array.isArray(vectors) && vectors.length > 0, `${file} has no vectors`);
  total += vectors.length;

  describe(file, () => {
    for (const vector of vectors) {
      test(vector.name, () => {
        assert.ok(!names.has(vector.name), `vector name ${vector.name} is not unique`);
        names.add(vector.name);
        const { text } = vector;
        const expected = vector.findings.map((f, i) => ({
          ruleId: f.rule_id,
          category: f.category,
          text: f.text,
          start: utf16Index(text, f.start, `finding ${i} start`),
          end: utf16Index(text, f.end, `finding ${i} end`),
        }));

        const report = analyzerFor(jsOptions(vector.options)).analyze(text);
        const actual = report.findings.map(({ ruleId, category, text, start, end }) => ({
          ruleId,
          category,
          text,
          start,
          end,
        }));
        assert.deepEqual(actual, expected);
        for (const f of report.findings) assert.equal(text.slice(f.start, f.end), f.text);
        const counted = Object.values(report.counts).reduce((a, b) => a + b, 0);
        assert.equal(counted, report.findings.length, "counts add up to the findings");
        ran++;
      });
    }
  });
}

test("every vector of every file ran", () => {
  assert.ok(files.length >= 7, `only ${files.length} vector files in ${vectorsDir}`);
  assert.ok(total >= 400, `only ${total} vectors`);
  assert.equal(ran, total, `${total - ran} of ${total} vectors did not run or failed`);
  console.log(`ran ${ran} vectors from ${files.length} files (${files.join(", ")})`);
});
