// The JavaScript API of the package's Node entry: options, the report's shape, UTF-16 spans,
// languages, detectLanguage, free().
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { importPackage } from "./helpers.mjs";

const replylint = await importPackage();
const { Analyzer, detectLanguage } = replylint;

const CATEGORIES = [
  "jargon",
  "robotic_opener",
  "deflection",
  "policy_hiding",
  "argumentative",
  "apathy",
  "false_promise",
  "non_apology",
  "empathy",
  "apology",
  "ownership",
  "follow_up",
];
const FINDING_KEYS = ["ruleId", "category", "severity", "language", "text", "start", "end", "explanation", "suggestion"];

// One analyzer with two languages serves most tests (the default one, with every language,
// takes seconds to build).
const enRu = new Analyzer({ languages: ["en", "ru"] });
const REPLY = "As I already said, it's company policy. Это не ко мне.";

/** `[ruleId, text]` of every finding, and checks that each span slices to its text. */
function found(report, text) {
  for (const f of report.findings) assert.equal(text.slice(f.start, f.end), f.text, f.ruleId);
  return report.findings.map((f) => [f.ruleId, f.text]);
}

describe("analyze()", () => {
  test("finds sins in two languages, in text order", () => {
    const report = enRu.analyze(REPLY);
    assert.deepEqual(found(report, REPLY), [
      ["en.as-i-said", "As I already said"],
      ["en.company-policy", "it's company policy"],
      ["ru.not-my-department", "Это не ко мне"],
    ]);
    assert.deepEqual(
      report.findings.map((f) => [f.category, f.severity, f.language, f.start, f.end]),
      [
        ["argumentative", "warning", "en", 0, 17],
        ["policy_hiding", "warning", "en", 19, 38],
        ["deflection", "error", "ru", 40, 53],
      ],
    );
    assert.equal(report.score, 90 - 6 - 6 - 12);
  });

  test("returns plain objects with exactly the documented keys", () => {
    const report = enRu.analyze(REPLY);
    assert.equal(Object.getPrototypeOf(report), Object.prototype);
    assert.deepEqual(Object.keys(report), ["findings", "score", "counts", "commitments"]);
    assert.ok(Array.isArray(report.findings));
    for (const f of report.findings) {
      assert.equal(Object.getPrototypeOf(f), Object.prototype);
      assert.deepEqual(Object.keys(f), FINDING_KEYS);
      for (const key of ["ruleId", "category", "severity", "language", "text", "explanation", "suggestion"]) {
        assert.equal(typeof f[key], "string", key);
        assert.ok(f[key].length > 0, key);
      }
      assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end) && f.start < f.end);
    }
    assert.deepEqual(Object.keys(report.counts), CATEGORIES);
    assert.deepEqual(
      Object.entries(report.counts).filter(([, n]) => n > 0),
      [
        ["deflection", 1],
        ["policy_hiding", 1],
        ["argumentative", 1],
      ],
    );
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report, "survives JSON and structured clone");
    assert.deepEqual(structuredClone(report), report);
  });

  test("every report and finding is an object of its own, however often its rule is found", () => {
    // The rule's fields are made once per analyzer and copied: a change a caller makes to one
    // finding or count reaches no other, in this report or the next.
    const text = "It's company policy. It's company policy.";
    const first = enRu.analyze(text);
    assert.equal(first.findings.length, 2);
    const [a, b] = first.findings;
    assert.notEqual(a, b);
    a.explanation = "changed";
    a.text = "changed";
    first.counts.policy_hiding = 99;
    assert.notEqual(b.explanation, "changed");
    const second = enRu.analyze(text);
    assert.deepEqual(second.findings.map((f) => f.text), ["It's company policy", "It's company policy"]);
    assert.ok(second.findings.every((f) => f.explanation === b.explanation));
    assert.equal(second.counts.policy_hiding, 2);
    assert.equal(enRu.analyze("").counts.policy_hiding, 0);
  });

  test("spans are UTF-16 indices: emoji, combining marks and other scripts before a finding", () => {
    const prefixes = ["😀😀 ", "👩‍👩‍👧‍👦 ", "e\u0301e\u0301 ", "𝒜𝒷𝒸 ", "Спасибо! ", "\u{1F1FA}\u{1F1E6} ", ""];
    for (const prefix of prefixes) {
      const text = `${prefix}Sorry, it's company policy 🙏 and as I already said, that's not my department.`;
      const report = enRu.analyze(text);
      const rules = found(report, text).map(([rule]) => rule);
      assert.ok(rules.includes("en.company-policy"), `${JSON.stringify(prefix)}: ${rules}`);
      assert.ok(rules.includes("en.not-my-department"), `${JSON.stringify(prefix)}: ${rules}`);
      const policy = report.findings.find((f) => f.ruleId === "en.company-policy");
      assert.equal(policy.start, text.indexOf("it's company policy"));
    }
  });

  test("an empty string and a string without findings get a clean report", () => {
    for (const text of ["", "   ", "Your refund was sent today.", "👍"]) {
      const report = enRu.analyze(text);
      assert.deepEqual(report.findings, [], JSON.stringify(text));
      assert.equal(report.score, 90);
    }
  });

  test("a long text (over the core's 1 MiB chunk) keeps exact spans", () => {
    const line = "Hello 👋 Ana, as I already said, it's company policy.\n";
    const text = line.repeat(Math.ceil((1.5 * 1024 * 1024) / Buffer.byteLength(line)));
    const report = enRu.analyze(text);
    const policies = report.findings.filter((f) => f.ruleId === "en.company-policy");
    assert.equal(policies.length, text.split("\n").length - 1);
    for (const f of report.findings) assert.equal(text.slice(f.start, f.end), f.text);
    assert.equal(policies.at(-1).start, text.lastIndexOf("it's company policy"));
  });
});

describe("options", () => {
  test("no options: every built-in language", () => {
    const analyzer = new Analyzer();
    assert.ok(analyzer.languages.length >= 6, `${analyzer.languages}`);
    assert.equal(analyzer.languages[0], "en");
    for (const code of ["en", "ru", "fa", "ta", "tl", "hu"]) assert.ok(analyzer.languages.includes(code), code);
    assert.deepEqual(
      found(analyzer.analyze(REPLY), REPLY).map(([rule]) => rule),
      ["en.as-i-said", "en.company-policy", "ru.not-my-department"],
    );
    analyzer.free();
  });

  test("undefined and null mean the defaults, for the object and for each key", () => {
    const a = new Analyzer({ languages: ["en"], jargon: undefined, disabledRules: null, minSeverity: undefined });
    assert.deepEqual(a.languages, ["en"]);
    a.free();
  });

  test("languages: only those, in the order given", () => {
    const analyzer = new Analyzer({ languages: ["ru", "en"] });
    assert.deepEqual(analyzer.languages, ["ru", "en"]);
    analyzer.free();
    const en = new Analyzer({ languages: ["en"] });
    assert.deepEqual(en.languages, ["en"]);
    assert.deepEqual(
      found(en.analyze(REPLY), REPLY).map(([rule]) => rule),
      ["en.as-i-said", "en.company-policy"],
    );
    en.free();
  });

  test("jargon: a string, {term, replacement} and [term, replacement]", () => {
    const analyzer = new Analyzer({
      languages: [],
      jargon: ["L2 queue", { term: "RMA", replacement: "return label" }, ["SLA", "the time we promised"], { term: "TAT" }],
    });
    const text = "Your RMA is in the L2 queue; the SLA and TAT apply.";
    const report = analyzer.analyze(text);
    assert.deepEqual(found(report, text), [
      ["core.glossary", "RMA"],
      ["core.glossary", "L2 queue"],
      ["core.glossary", "SLA"],
      ["core.glossary", "TAT"],
    ]);
    const [rma, l2, sla, tat] = report.findings;
    assert.match(rma.suggestion, /return label/);
    assert.match(sla.suggestion, /the time we promised/);
    assert.match(l2.explanation, /L2 queue/);
    assert.equal(tat.category, "jargon");
    analyzer.free();
  });

  test("disabledRules turns rules off", () => {
    const analyzer = new Analyzer({ languages: ["en", "ru"], disabledRules: ["en.company-policy", "ru.not-my-department"] });
    assert.deepEqual(
      found(analyzer.analyze(REPLY), REPLY).map(([rule]) => rule),
      ["en.as-i-said"],
    );
    analyzer.free();
  });

  test("minSeverity drops the problems below it", () => {
    const analyzer = new Analyzer({ languages: ["en", "ru"], minSeverity: "error" });
    assert.deepEqual(
      found(analyzer.analyze(REPLY), REPLY).map(([rule]) => rule),
      ["ru.not-my-department"],
    );
    analyzer.free();
  });

  test("detectedLanguageOnly keeps the findings of the reply's own language (and English)", () => {
    const on = new Analyzer({ languages: ["ru", "uk"], detectedLanguageOnly: true });
    const off = new Analyzer({ languages: ["ru", "uk"] });
    // A Russian reply quoting a Ukrainian brush-off.
    const text = "Здравствуйте! Спасибо, что написали нам, мы уже проверяем ваш заказ. Це не до мене.";
    assert.equal(detectLanguage(text), "ru");
    assert.deepEqual(found(off.analyze(text), text), [["uk.not-my-department", "Це не до мене"]]);
    assert.deepEqual(found(on.analyze(text), text), []);
    on.free();
    off.free();
  });
});

describe("detectLanguage()", () => {
  test("names the dominant language, or undefined", () => {
    assert.equal(detectLanguage("Thank you for your patience, we are looking into it."), "en");
    assert.equal(detectLanguage("Спасибо за терпение, мы уже разбираемся."), "ru");
    assert.equal(detectLanguage("👍"), undefined);
    assert.equal(detectLanguage(""), undefined);
  });
});

describe("free()", () => {
  test("after free(), using the analyzer throws an Error, not a trap", () => {
    const analyzer = new Analyzer({ languages: ["en"] });
    analyzer.free();
    assert.throws(() => analyzer.analyze("It's company policy."), (err) => err instanceof Error && !(err instanceof WebAssembly.RuntimeError));
    assert.throws(() => analyzer.languages, Error);
    // The module still works.
    assert.equal(enRu.analyze(REPLY).findings.length, 3);
  });

  test("Symbol.dispose frees it too", { skip: !Symbol.dispose && "no Symbol.dispose in this Node" }, () => {
    const analyzer = new Analyzer({ languages: ["en"] });
    analyzer[Symbol.dispose]();
    assert.throws(() => analyzer.analyze("x"), Error);
  });

  test("many analyzers built and freed do not exhaust memory", () => {
    for (let i = 0; i < 200; i++) {
      const analyzer = new Analyzer({ languages: [], jargon: [`term${i}`] });
      assert.equal(analyzer.analyze(`about term${i}`).findings.length, 1);
      analyzer.free();
    }
  });
});

describe("the Node entry", () => {
  test("exports the API, and a no-op init() for code shared with browsers", async () => {
    assert.deepEqual(Object.keys(replylint).sort(), ["Analyzer", "default", "detectLanguage", "initSync"]);
    assert.equal(await replylint.default(), undefined);
    assert.equal(replylint.initSync(), undefined);
  });
});

describe("context (docs/context.md)", () => {
  const en = new Analyzer({ languages: ["en"], slaHours: 24, absenceRules: true });

  test("customer ranges are UTF-16 indices", () => {
    const prefix = "🙂 You wrote: ";
    const quoted = "rules are rules.";
    const text = `${prefix}${quoted} I've refunded you.`;
    assert.ok(found(en.analyze(text), text).some(([id]) => id === "en.company-policy"));
    const marked = en.analyze(text, [[prefix.length, prefix.length + quoted.length]]);
    assert.ok(!found(marked, text).some(([id]) => id === "en.company-policy"));
  });

  test("commitments have UTF-16 spans, and the SLA and absence options apply", () => {
    const text = "Hi 🙂. We'll ship it within 3 business days.";
    const report = en.analyze(text);
    assert.equal(report.commitments.length, 1);
    const [c] = report.commitments;
    assert.equal(text.slice(c.start, c.end), c.text);
    assert.deepEqual([c.deadline, c.deadlineHours, c.guaranteed], ["3 business days", 72, false]);
    assert.ok(found(report, text).some(([id]) => id === "core.over-sla"));
    assert.ok(found(report, text).some(([id]) => id === "core.no-offer-of-help"));
  });

  test("quote skipping and opener similarity turn off", () => {
    const quoted = "You wrote “it's company policy”.";
    assert.equal(new Analyzer({ languages: ["en"] }).analyze(quoted).findings.length, 0);
    assert.equal(new Analyzer({ languages: ["en"], skipQuoted: false }).analyze(quoted).findings.length, 1);
    const opener = "Thank you for contacting Globex. Your refund is on its way.";
    assert.equal(new Analyzer({ languages: ["en"], openerSimilarity: 0 }).analyze(opener).findings.length, 0);
  });
});
