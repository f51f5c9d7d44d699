// Wrong types throw a TypeError that names the argument or option; a bad configuration throws
// an Error with the core's message; nothing traps (a trap would be a WebAssembly.RuntimeError
// and could leave the module unusable, so every test ends by using the module again).
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";

import { importPackage } from "./helpers.mjs";

const { Analyzer, detectLanguage } = await importPackage();
const analyzer = new Analyzer({ languages: ["en"] });

/** `fn()` throws exactly a `TypeError` whose message matches `message`. */
function throwsTypeError(fn, message) {
  assert.throws(fn, (err) => {
    assert.equal(err.constructor, TypeError, `${err.name}: ${err.message}`);
    assert.match(err.message, message);
    return true;
  });
}

/** `fn()` throws a plain `Error` (not a TypeError, not a trap) whose message matches `message`. */
function throwsConfigError(fn, message) {
  assert.throws(fn, (err) => {
    assert.equal(err.constructor, Error, `${err.constructor.name}: ${err.message}`);
    assert.match(err.message, message);
    return true;
  });
}

afterEach(() => {
  // Whatever was thrown, the module goes on working.
  const report = analyzer.analyze("It's company policy.");
  assert.deepEqual(
    report.findings.map((f) => f.ruleId),
    ["en.company-policy"],
  );
});

describe("wrong types throw a TypeError", () => {
  test("analyze() of a non-string", () => {
    const cases = [
      [42, /^analyzer\.analyze\(text\): expected a string, got number$/],
      [undefined, /got undefined$/],
      [null, /got null$/],
      [{}, /got object$/],
      [["It's company policy."], /got array$/],
      [new String("It's company policy."), /got object$/],
      [Symbol("x"), /got symbol$/],
      [10n, /got bigint$/],
      [() => "x", /got function$/],
      [true, /got boolean$/],
    ];
    for (const [value, message] of cases) throwsTypeError(() => analyzer.analyze(value), message);
    throwsTypeError(() => analyzer.analyze(), /got undefined$/);
  });

  test("detectLanguage() of a non-string", () => {
    throwsTypeError(() => detectLanguage(42), /^detectLanguage\(text\): expected a string, got number$/);
    throwsTypeError(() => detectLanguage(), /got undefined$/);
  });

  test("options that are not an object", () => {
    for (const [value, type] of [
      [42, "number"],
      ["en", "string"],
      [["en"], "array"],
      [true, "boolean"],
      [() => {}, "function"],
    ]) {
      throwsTypeError(
        () => new Analyzer(value),
        new RegExp(`^new Analyzer\\(options\\): expected an options object, got ${type}$`),
      );
    }
  });

  test("an unknown option name, so that a typo never passes silently", () => {
    throwsTypeError(
      () => new Analyzer({ langauges: ["en"] }),
      /^new Analyzer\(options\): unknown option `langauges`; the options are languages, jargon, disabledRules, minSeverity, detectedLanguageOnly, skipQuoted, slaHours, openerSimilarity, absenceRules$/,
    );
    throwsTypeError(() => new Analyzer({ disabled_rules: [] }), /unknown option `disabled_rules`/);
  });

  test("options of the wrong type name the option", () => {
    const cases = [
      [{ languages: "en" }, /option `languages`: expected an array of strings, got string$/],
      [{ languages: ["en", 7] }, /option `languages`\[1\]: expected a string, got number$/],
      [{ disabledRules: "en.company-policy" }, /option `disabledRules`: expected an array of strings, got string$/],
      [{ disabledRules: [null] }, /option `disabledRules`\[0\]: expected a string, got null$/],
      [{ minSeverity: 2 }, /option `minSeverity`: expected "info", "warning" or "error", got number$/],
      [{ detectedLanguageOnly: "yes" }, /option `detectedLanguageOnly`: expected a boolean, got string$/],
      [{ skipQuoted: 1 }, /option `skipQuoted`: expected a boolean, got number$/],
      [{ slaHours: 1.5 }, /option `slaHours`: expected a whole number of hours, got number$/],
      [{ openerSimilarity: "high" }, /option `openerSimilarity`: expected a number from 0 to 1, got string$/],
      [{ absenceRules: "yes" }, /option `absenceRules`: expected a boolean, got string$/],
      [{ jargon: "RMA" }, /option `jargon`: expected an array of a string, \{term, replacement\?\} or \[term, replacement\], got string$/],
      [{ jargon: [42] }, /option `jargon`\[0\]: expected a string, \{term, replacement\?\} or \[term, replacement\], got number$/],
      [{ jargon: [{ term: 1 }] }, /option `jargon`\[0\]: the term: expected a string, got number$/],
      [{ jargon: [{ replacement: "x" }] }, /option `jargon`\[0\]: the term: expected a string, got undefined$/],
      [{ jargon: [{ term: "RMA", replacement: 5 }] }, /option `jargon`\[0\]: the replacement: expected a string, got number$/],
      [{ jargon: [["RMA"]] }, /option `jargon`\[0\]: expected a \[term, replacement\] pair, got an array of length 1$/],
      [{ jargon: [["RMA", "label", "extra"]] }, /got an array of length 3$/],
    ];
    for (const [options, message] of cases) throwsTypeError(() => new Analyzer(options), message);
  });

  test("an exception thrown by a getter of the options passes through", () => {
    const options = {
      get languages() {
        throw new RangeError("from the getter");
      },
    };
    assert.throws(() => new Analyzer(options), { name: "RangeError", message: "from the getter" });
  });
});

describe("JavaScript that throws while a report is made", () => {
  test("a setter on Object.prototype or a replaced array iterator: its error passes through", () => {
    // A report's objects are copies of objects the analyzer keeps: copying runs setters, and
    // making the kept ones iterates arrays. Each error reaches the caller; nothing traps.
    const fresh = new Analyzer({ languages: ["en"] });
    Object.defineProperty(Object.prototype, "ruleId", {
      set() {
        throw new RangeError("from a setter");
      },
      configurable: true,
    });
    try {
      assert.throws(() => fresh.analyze("It's company policy."), { name: "RangeError", message: "from a setter" });
    } finally {
      delete Object.prototype.ruleId;
    }
    // Caught by hand: assert itself iterates arrays.
    const another = new Analyzer({ languages: ["en"] });
    const iterator = Array.prototype[Symbol.iterator];
    let caught;
    Array.prototype[Symbol.iterator] = function () {
      throw new RangeError("from an iterator");
    };
    try {
      another.analyze("It's company policy.");
    } catch (err) {
      caught = err;
    } finally {
      Array.prototype[Symbol.iterator] = iterator;
    }
    assert.equal(caught?.constructor, RangeError);
    assert.equal(caught.message, "from an iterator");
    assert.deepEqual(fresh.analyze("It's company policy.").findings.map((f) => f.ruleId), ["en.company-policy"]);
  });
});

describe("a bad configuration throws an Error with the core's message", () => {
  test("an unknown language code lists the available ones", () => {
    throwsConfigError(() => new Analyzer({ languages: ["en", "xx"] }), /^unknown language code `xx`; available: en, .*ru/);
  });

  test("an unknown rule id", () => {
    throwsConfigError(
      () => new Analyzer({ disabledRules: ["en.no-such-rule"] }),
      /^unknown rule id `en\.no-such-rule`; rule ids look like `en\.company-policy`/,
    );
  });

  test("an unknown severity", () => {
    throwsConfigError(
      () => new Analyzer({ minSeverity: "fatal" }),
      /^unknown severity `fatal`; expected info, warning or error$/,
    );
  });

  test("unusable jargon terms", () => {
    throwsConfigError(() => new Analyzer({ jargon: ["!!!"] }), /^glossary term `!!!`: has no letters or digits/);
    throwsConfigError(() => new Analyzer({ jargon: ["x".repeat(101)] }), /^glossary term `x+…`: is 101 characters long/);
    throwsConfigError(() => new Analyzer({ jargon: ["x".repeat(10_000)] }), /^glossary term `x{40}…`: is 10000 characters long/);
  });
});

describe("any string is analysed", () => {
  test("lone surrogates do not trap, and spans still index the string given", () => {
    const texts = [
      "\uD83D It's company policy \uDE00!!",
      "\uDE00\uD83D",
      "As I already said \uD800\uD800\uD800, it's company policy.",
      "It's company policy.\uD83D",
    ];
    for (const text of texts) {
      const report = analyzer.analyze(text);
      assert.ok(report.findings.length > 0 || text.length < 3, JSON.stringify(text));
      for (const f of report.findings) assert.equal(text.slice(f.start, f.end), f.text, JSON.stringify(text));
    }
    assert.equal(detectLanguage("\uD800"), undefined);
  });

  test("a finding that covers a lone surrogate keeps it in its text", () => {
    // The core sees U+FFFD where the JS string has a lone surrogate; the glossary term here
    // is written with U+FFFD so that it matches there.
    const withTerm = new Analyzer({ languages: [], jargon: ["x\uFFFDy"] });
    const text = "see x\uD800y now";
    const [finding] = withTerm.analyze(text).findings;
    assert.equal(finding.text, "x\uD800y");
    assert.equal(text.slice(finding.start, finding.end), finding.text);
    withTerm.free();
  });

  test("control characters, NUL, BOM, RTL marks and unpaired combining marks", () => {
    const text = "\u0000\uFEFF\u200F\u0301 It's company policy.\u0007\r\n\u2028";
    const report = analyzer.analyze(text);
    assert.deepEqual(
      report.findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [["en.company-policy", "It's company policy"]],
    );
  });
});
