// The Node entry of `replylint` for `import`. It wraps the CommonJS entry
// (replylint_node.cjs, which loads replylint_bg.wasm synchronously), so `import` and
// `require` share one module instance and one WebAssembly memory.
import replylint from "./replylint_node.cjs";

export const { Analyzer, detectLanguage } = replylint;

/**
 * The WebAssembly is loaded when this module is: there is nothing left to do. `init()` is
 * here so that code written for browsers (`await init()`) runs unchanged in Node.
 */
export default async function init() {}

/** Like `init()`: nothing to do in Node. */
export function initSync() {}
