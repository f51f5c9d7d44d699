// Type-checked by package.test.mjs as a Node ES module sees the package: the `node` +
// `import` conditions (node.d.ts), where init() resolves to nothing.
import init, { Analyzer, detectLanguage, initSync, type Report } from "replylint";

const nothing: void = await init();
initSync();
const report: Report = new Analyzer({ languages: ["en"] }).analyze("It's company policy.");
const language: string | undefined = detectLanguage("It's company policy.");
// @ts-expect-error init() returns nothing in Node (the browser entry returns the wasm exports)
const memory: object = (await init()).memory;
export { nothing, report, language, memory };
