// Type-checked (never run) by package.test.mjs against the installed package, as a browser
// or bundler project sees it: the `types` and `import` conditions (replylint.d.ts).
import init, {
  Analyzer,
  detectLanguage,
  initSync,
  type AnalyzerOptions,
  type Category,
  type Finding,
  type InitOutput,
  type JargonTerm,
  type Report,
  type Severity,
} from "replylint";

export async function main(wasmUrl: URL, bytes: ArrayBuffer): Promise<number> {
  const exports: InitOutput = await init({ module_or_path: wasmUrl });
  exports.memory satisfies WebAssembly.Memory;
  initSync({ module: bytes });

  const jargon: JargonTerm[] = ["L2 queue", { term: "RMA", replacement: "return label" }, ["SLA", null]];
  const options: AnalyzerOptions = {
    languages: ["en", "ru"],
    jargon,
    disabledRules: ["core.shouting"],
    minSeverity: "warning",
    detectedLanguageOnly: false,
  };
  const analyzer = new Analyzer(options);
  new Analyzer();
  const languages: string[] = analyzer.languages;
  const report: Report = analyzer.analyze("As I already said, it's company policy.");
  const first: Finding | undefined = report.findings[0];
  if (first) {
    const category: Category = first.category;
    const severity: Severity = first.severity;
    const span: [number, number] = [first.start, first.end];
    const strings: string[] = [first.ruleId, first.language, first.text, first.explanation, first.suggestion];
    void [category, severity, span, strings];
  }
  const deflections: number = report.counts.deflection;
  const language: string | undefined = detectLanguage("Это не ко мне.");
  analyzer.free();
  {
    using scoped = new Analyzer({ languages: ["en"] });
    scoped.analyze("x");
  }

  // Each line below must be a type error; if the types were `any`, tsc would report the
  // directive as unused.
  // @ts-expect-error text must be a string
  analyzer.analyze(42);
  // @ts-expect-error no such option
  new Analyzer({ langauges: ["en"] });
  // @ts-expect-error not a severity
  new Analyzer({ minSeverity: "fatal" });
  // @ts-expect-error languages is an array
  new Analyzer({ languages: "en" });
  // @ts-expect-error a jargon pair has two items
  new Analyzer({ jargon: [["RMA", "label", "extra"]] });
  // @ts-expect-error not a category
  const wrong: Category = "rudeness";
  // @ts-expect-error languages is read-only
  analyzer.languages = [];
  // @ts-expect-error counts has only the categories
  report.counts.rudeness;
  void [languages, deflections, language, wrong];
  return report.score;
}
