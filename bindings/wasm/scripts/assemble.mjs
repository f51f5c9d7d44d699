#!/usr/bin/env node
// Assembles the npm package `replylint` from wasm-bindgen's output, measures its size and
// writes the sizes into the package README and docs/wasm.md. Run by bindings/wasm/scripts/build
// (see there); not meant to be run alone.
//
//   node assemble.mjs --web DIR --node DIR --wasm FILE --out DIR --version X.Y.Z --toolchain TEXT
//
// --web and --node are wasm-bindgen's output for `--target web` and `--target nodejs` (whose
// .wasm files are identical); --wasm is the .wasm after wasm-opt.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
const wasmDir = path.resolve(here, "..");
const repoRoot = path.resolve(wasmDir, "../..");
const docPath = path.join(repoRoot, "docs/wasm.md");

const { values: args } = parseArgs({
  options: {
    web: { type: "string" },
    node: { type: "string" },
    wasm: { type: "string" },
    out: { type: "string" },
    version: { type: "string" },
    toolchain: { type: "string" },
  },
});
for (const key of ["web", "node", "wasm", "out", "version", "toolchain"]) {
  if (!args[key]) throw new Error(`assemble.mjs: --${key} is required`);
}

// The package's files, and what each is for (also the `files` list of package.json).
const FILES = {
  "replylint.js": "ES module for browsers and bundlers (wasm-bindgen --target web)",
  "replylint.d.ts": "types of replylint.js",
  "replylint_bg.wasm": "the WebAssembly, shared by every entry",
  "replylint_node.cjs": "Node entry for require() (wasm-bindgen --target nodejs)",
  "replylint_node.d.cts": "types of replylint_node.cjs",
  "node.mjs": "Node entry for import, over replylint_node.cjs",
  "node.d.ts": "types of node.mjs",
};

const OTHER_FILES = { "package.json": "entry points (`exports`)", "README.md": "the README for npm users" };

const out = path.resolve(args.out);
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const copy = (from, to, edit = (s) => s) =>
  fs.writeFileSync(path.join(out, to), edit(fs.readFileSync(from, "utf8")));

copy(path.join(args.web, "replylint.js"), "replylint.js");
copy(path.join(args.web, "replylint.d.ts"), "replylint.d.ts");
copy(path.join(args.node, "replylint.js"), "replylint_node.cjs", (s) =>
  s.replace('@ts-self-types="./replylint.d.ts"', '@ts-self-types="./replylint_node.d.cts"'),
);
copy(path.join(args.node, "replylint.d.ts"), "replylint_node.d.cts");
copy(path.join(wasmDir, "js/node.mjs"), "node.mjs");
copy(path.join(wasmDir, "js/node.d.ts"), "node.d.ts");
fs.copyFileSync(args.wasm, path.join(out, "replylint_bg.wasm"));

const packageJson = {
  name: "replylint",
  version: args.version,
  description:
    "Finds the phrases in customer-service replies that drive customers away (jargon, deflection, " +
    "policy-hiding, arguing…) and says what to write instead. Many languages; WebAssembly, for " +
    "browsers, extensions and Node.",
  keywords: ["customer-service", "linter", "support", "tone", "webassembly", "multilingual"],
  license: "MIT OR Apache-2.0",
  type: "module",
  main: "./replylint_node.cjs",
  module: "./replylint.js",
  types: "./replylint.d.ts",
  exports: {
    ".": {
      node: {
        import: { types: "./node.d.ts", default: "./node.mjs" },
        require: { types: "./replylint_node.d.cts", default: "./replylint_node.cjs" },
      },
      types: "./replylint.d.ts",
      import: "./replylint.js",
      default: "./replylint.js",
    },
    "./replylint_bg.wasm": "./replylint_bg.wasm",
    "./package.json": "./package.json",
  },
  files: Object.keys(FILES),
  sideEffects: false,
  engines: { node: ">=18" },
};
fs.writeFileSync(path.join(out, "package.json"), `${JSON.stringify(packageJson, null, 2)}\n`);

// ---- sizes --------------------------------------------------------------------------------

const wasmBytes = fs.readFileSync(path.join(out, "replylint_bg.wasm"));
const wasmRaw = wasmBytes.length;
const wasmGzip = zlib.gzipSync(wasmBytes, { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const bytes = (n) => `${n.toLocaleString("en-US")} B`;

/** `npm pack --dry-run` of the package as it is: the tarball's size and the unpacked size. */
function pack() {
  const json = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: out,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [info] = JSON.parse(json);
  return { tarball: info.size, unpacked: info.unpackedSize, filename: info.filename, files: info.files };
}

function readmeSizes(tarball) {
  return [
    "| | raw | gzip |",
    "|---|---|---|",
    `| \`replylint_bg.wasm\` (every built-in language) | ${kib(wasmRaw)} | ${kib(wasmGzip)} |`,
    `| the npm package | ${kib(tarball.unpacked)} unpacked | ${kib(tarball.tarball)} tarball |`,
    "",
    "Only `replylint.js` and the .wasm are loaded at run time. The gzip figure is what the .wasm",
    "costs to download when served compressed, and about what it adds to a zipped extension.",
  ].join("\n");
}

function replaceGenerated(text, name, body, file) {
  const begin = `<!-- BEGIN generated: ${name} -->`;
  const end = `<!-- END generated: ${name} -->`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${file}: no "${begin}" … "${end}" section`);
  return `${text.slice(0, i + begin.length)}\n${body}\n${text.slice(j)}`;
}

// The README states the package size, and is part of the package: fill it in until the
// figures it states are those of the package that contains it (two rounds at most, in
// practice).
const template = fs.readFileSync(path.join(wasmDir, "README.md"), "utf8");
let measured = pack();
for (let round = 0; ; round++) {
  const readme = replaceGenerated(template, "sizes", readmeSizes(measured), "bindings/wasm/README.md");
  fs.writeFileSync(path.join(out, "README.md"), readme);
  const again = pack();
  const stable = readmeSizes(again) === readmeSizes(measured);
  measured = again;
  if (stable) break;
  if (round === 5) throw new Error("the README's size figures do not settle");
}

const expected = new Set([...Object.keys(FILES), ...Object.keys(OTHER_FILES)]);
const packed = new Set(measured.files.map((f) => f.path));
if (packed.size !== expected.size || [...expected].some((f) => !packed.has(f))) {
  throw new Error(`the package holds ${[...packed].join(", ")}; expected ${[...expected].join(", ")}`);
}

const docSizes = [
  "| what | raw | gzip |",
  "|---|---|---|",
  `| \`replylint_bg.wasm\` after \`wasm-opt -Oz\` | ${bytes(wasmRaw)} (${kib(wasmRaw)}) | ${bytes(wasmGzip)} (${kib(wasmGzip)}) |`,
  `| npm package \`${measured.filename}\` | ${bytes(measured.unpacked)} unpacked (${kib(measured.unpacked)}) | ${bytes(measured.tarball)} tarball (${kib(measured.tarball)}) |`,
  "",
  `Built by \`scripts/test-wasm\` with ${args.toolchain}; gzip at level 9.`,
  "",
  "| file in the package | bytes | what |",
  "|---|---|---|",
  ...measured.files
    .toSorted((a, b) => a.path.localeCompare(b.path))
    .map((f) => `| \`${f.path}\` | ${f.size.toLocaleString("en-US")} | ${FILES[f.path] ?? OTHER_FILES[f.path]} |`),
].join("\n");
const doc = fs.readFileSync(docPath, "utf8");
const newDoc = replaceGenerated(doc, "sizes", docSizes, "docs/wasm.md");
if (newDoc !== doc) fs.writeFileSync(docPath, newDoc);

console.log(
  `built ${out}: replylint_bg.wasm ${kib(wasmRaw)} (gzip ${kib(wasmGzip)}), ` +
    `package ${kib(measured.unpacked)} unpacked, ${kib(measured.tarball)} tarball`,
);
