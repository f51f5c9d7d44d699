// Types of the Node entry for `import` (node.mjs): the API of the CommonJS entry it wraps,
// already initialised, and no-op init functions for code shared with browsers. No DOM types
// are needed.
export { Analyzer, detectLanguage } from "./replylint_node.cjs";
export type { AnalyzerOptions, Category, Commitment, Finding, JargonTerm, Report, Severity } from "./replylint_node.cjs";

/**
 * The WebAssembly is loaded when the module is: this resolves at once. It is here so that
 * code written for browsers (`await init()`) runs unchanged in Node.
 */
export default function init(options?: unknown): Promise<void>;

/** Like {@link init}: nothing to do in Node. */
export function initSync(options?: unknown): void;
