// The packed package, installed as a user installs it: `npm install <tarball>` into a scratch
// project (build/npm-scratch), then used through `import` and `require`, the browser entry
// with bytes, the README's example, and the TypeScript types (tsc --noEmit).
//
// scripts/test-wasm packs the tarball first (`npm pack` in build/npm/replylint) and passes
// its path in REPLYLINT_TARBALL.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { before, describe, test } from "node:test";

import { buildDir, wasmDir } from "./helpers.mjs";

const tarball = process.env.REPLYLINT_TARBALL;
const scratch = path.join(buildDir, "npm-scratch");
const installed = path.join(scratch, "node_modules/replylint");
const REPLY = "As I already said, it's company policy. Это не ко мне.";

function node(file) {
  return execFileSync(process.execPath, [file], { cwd: scratch, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function write(name, source) {
  fs.writeFileSync(path.join(scratch, name), source);
  return name;
}

before(() => {
  assert.ok(tarball && fs.existsSync(tarball), `REPLYLINT_TARBALL (${tarball}) names no tarball; run scripts/test-wasm`);
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  write("package.json", `${JSON.stringify({ name: "replylint-scratch", private: true }, null, 2)}\n`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", path.resolve(tarball)], {
    cwd: scratch,
    stdio: ["ignore", "ignore", "inherit"],
  });
});

describe("the installed package", () => {
  test("holds the files that package.json lists, and nothing else", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
    assert.equal(pkg.name, "replylint");
    assert.equal(pkg.license, "MIT OR Apache-2.0");
    assert.equal(pkg.sideEffects, false);
    const files = fs.readdirSync(installed).sort();
    assert.deepEqual(files, [...pkg.files, "README.md", "package.json"].sort());
    assert.ok(fs.readFileSync(path.join(installed, "README.md"), "utf8").includes("wasm-unsafe-eval"));
  });

  test("works with import (no init needed in Node)", () => {
    const file = write(
      "esm.mjs",
      `import { Analyzer, detectLanguage } from "replylint";
const report = new Analyzer({ languages: ["en", "ru"] }).analyze(${JSON.stringify(REPLY)});
console.log(JSON.stringify({ rules: report.findings.map((f) => f.ruleId), score: report.score, language: detectLanguage("Это не ко мне, извините.") }));
`,
    );
    assert.deepEqual(JSON.parse(node(file)), {
      rules: ["en.as-i-said", "en.company-policy", "ru.not-my-department"],
      score: 66,
      language: "ru",
    });
  });

  test("works with require", () => {
    const file = write(
      "cjs.cjs",
      `const { Analyzer } = require("replylint");
const analyzer = new Analyzer({ languages: ["ru"] });
const report = analyzer.analyze(${JSON.stringify(REPLY)});
analyzer.free();
console.log(JSON.stringify(report.findings.map((f) => [f.ruleId, f.start, f.end])));
`,
    );
    assert.deepEqual(JSON.parse(node(file)), [["ru.not-my-department", 40, 53]]);
  });

  test("import and require share one module instance", () => {
    const file = write(
      "both.mjs",
      `import { createRequire } from "node:module";
import init, { Analyzer } from "replylint";
await init();
const required = createRequire(import.meta.url)("replylint");
console.log(JSON.stringify([required.Analyzer === Analyzer, new required.Analyzer({ languages: ["en"] }) instanceof Analyzer]));
`,
    );
    assert.deepEqual(JSON.parse(node(file)), [true, true]);
  });

  test("the browser entry (replylint.js) runs with the .wasm given as bytes, in both init forms", () => {
    const file = write(
      "web.mjs",
      `import fs from "node:fs";
import init, { initSync, Analyzer } from "./node_modules/replylint/replylint.js";
const bytes = fs.readFileSync(new URL("./node_modules/replylint/replylint_bg.wasm", import.meta.url));
const exports = await init({ module_or_path: bytes });
initSync({ module: bytes }); // already initialised: a no-op
const report = new Analyzer({ languages: ["en"] }).analyze("😀 It's company policy.");
console.log(JSON.stringify([exports.memory instanceof WebAssembly.Memory, report.findings.map((f) => [f.text, f.start])]));
`,
    );
    assert.deepEqual(JSON.parse(node(file)), [true, [["It's company policy", 3]]]);
  });

  test("the README's first example runs as written", () => {
    const readme = fs.readFileSync(path.join(installed, "README.md"), "utf8");
    const example = readme.match(/```js\n([\s\S]*?)```/)[1];
    assert.match(example, /from "replylint"/);
    const output = node(write("readme.mjs", example));
    const lines = output.trim().split("\n");
    assert.deepEqual(
      lines.slice(0, 3).map((l) => l.split(" ")[0]),
      ["en.as-i-said", "en.company-policy", "ru.not-my-department"],
    );
    assert.equal(lines.at(-1), "66 1", "the score and count the README states");
  });

  test("TypeScript: the types are precise for bundlers, Node ESM and CommonJS (tsc --noEmit)", () => {
    const tsc = path.join(wasmDir, "node_modules/typescript/bin/tsc");
    for (const name of fs.readdirSync(path.join(wasmDir, "tests/types"))) {
      fs.copyFileSync(path.join(wasmDir, "tests/types", name), path.join(scratch, name));
    }
    for (const project of ["tsconfig.bundler.json", "tsconfig.node.json"]) {
      try {
        execFileSync(process.execPath, [tsc, "-p", project], { cwd: scratch, encoding: "utf8", stdio: "pipe" });
      } catch (err) {
        assert.fail(`tsc -p ${project}:\n${err.stdout}${err.stderr}`);
      }
    }
  });
});
