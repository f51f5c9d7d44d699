// Where the tests find things. The package under test is the one scripts/test-wasm built
// into build/npm/replylint (REPLYLINT_NPM_DIR overrides it).
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const wasmDir = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
export const repoRoot = path.resolve(wasmDir, "../..");
export const buildDir = path.join(repoRoot, "build");
export const packageDir = path.resolve(process.env.REPLYLINT_NPM_DIR ?? path.join(buildDir, "npm/replylint"));

/** The package's Node entry for `import` (node.mjs), as the tests use it. */
export function importPackage() {
  return import(pathToFileURL(path.join(packageDir, "node.mjs")).href);
}
