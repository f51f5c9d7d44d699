// Type-checked by package.test.mjs as a CommonJS module sees the package: the `node` +
// `require` conditions (replylint_node.d.cts).
import replylint = require("replylint");

const analyzer = new replylint.Analyzer({ languages: ["en"], minSeverity: "error" });
const report: replylint.Report = analyzer.analyze("It's company policy.");
const language: string | undefined = replylint.detectLanguage("x");
// @ts-expect-error the CommonJS entry has no init(): nothing to wait for
replylint.initSync;
export = { report, language };
