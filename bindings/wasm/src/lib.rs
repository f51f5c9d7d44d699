//! The WebAssembly binding of replylint: the `replylint` npm package, built with
//! wasm-bindgen by `scripts/test-wasm` (see `docs/wasm.md`).
//!
//! The binding is thin: it converts types and maps errors. Every rule, every check of the
//! configuration and every span conversion is the core's (`crates/replylint`); spans are the
//! core's [`utf16_span`](replylint::Finding::utf16_span), which are JavaScript string indices.
//!
//! * [`Analyzer`] (`new Analyzer(options?)`, `analyze(text)`, `languages`, `free()`) and
//!   [`detect_language`] (`detectLanguage(text)`) are what JavaScript sees.
//! * `options`: the JS options object to an [`AnalyzerBuilder`](replylint::AnalyzerBuilder).
//! * `report`: a [`Report`](replylint::Report) to a plain JS object.
//! * `error`: the one conversion of [`replylint::Error`] to a JS `Error`, and the `TypeError`s.
//!
//! Wrong types throw a `TypeError`, a bad configuration an `Error` with the core's message;
//! nothing a caller passes makes the module trap.
#![deny(missing_docs)]

mod error;
mod options;
mod report;

use std::cell::RefCell;

use js_sys::JsString;
use wasm_bindgen::prelude::*;

use crate::error::expected;

/// The TypeScript types of the plain objects that cross the boundary. wasm-bindgen writes
/// them into the `.d.ts` beside the declarations of the exported class and function.
pub const TYPESCRIPT_TYPES: &str = r#"
/** What a finding is about: a problem (the first eight) or a positive signal (the last four). */
export type Category =
  | "jargon"
  | "robotic_opener"
  | "deflection"
  | "policy_hiding"
  | "argumentative"
  | "apathy"
  | "false_promise"
  | "non_apology"
  | "empathy"
  | "apology"
  | "ownership"
  | "follow_up";

/** How much a finding matters: `info` < `warning` < `error`. Positive signals are `info`. */
export type Severity = "info" | "warning" | "error";

/**
 * A term of company jargon to flag (rule `core.glossary`): the term alone, or with plain words
 * to say instead.
 */
export type JargonTerm =
  | string
  | { term: string; replacement?: string | null }
  | [term: string, replacement: string | null | undefined];

/** The configuration of an {@link Analyzer}. Every key is optional. */
export interface AnalyzerOptions {
  /** Built-in language codes to activate (`["en", "ru"]`). Default: every built-in language. */
  languages?: string[];
  /** Company jargon to flag, with optional replacements. Default: none. */
  jargon?: JargonTerm[];
  /** Full rule ids to turn off (`"en.company-policy"`, `"core.shouting"`). Unknown ids throw. */
  disabledRules?: string[];
  /** Drop problems below this severity. Default: `"info"` (report everything). */
  minSeverity?: Severity;
  /**
   * Keep only findings in the reply's own language (and English), when it can be told.
   * Default: `false`.
   */
  detectedLanguageOnly?: boolean;
  /**
   * Skip text the agent only quotes: quotation marks, `>` lines, "On … wrote:" history.
   * Default: `true`.
   */
  skipQuoted?: boolean;
  /** Service-level target in hours: later promised deadlines are `core.over-sla`. Default: none. */
  slaHours?: number;
  /** How close (0 to 1) an opening must come to a canned opener. Default: `0.8`; `0` turns it off. */
  openerSimilarity?: number;
  /** Report what a reply lacks (`core.no-next-step`, `core.no-offer-of-help`). Default: `false`. */
  absenceRules?: boolean;
}

/** A promise with a deadline that a reply makes. */
export interface Commitment {
  /** The sentence that makes the promise. */
  text: string;
  /** Where the sentence starts, in UTF-16 code units. */
  start: number;
  /** Where the sentence ends (exclusive), in UTF-16 code units. */
  end: number;
  /** The deadline as written ("tomorrow", "24 hours"). */
  deadline: string;
  /** The most hours the deadline allows, or `null` when unknown. */
  deadlineHours: number | null;
  /** True for a guarantee ("guaranteed", "100%", "I promise"). */
  guaranteed: boolean;
}

/** One phrase that a rule found, with why it matters and what to write instead. */
export interface Finding {
  /** The full rule id, e.g. `en.company-policy` or `core.unexplained-acronym`. */
  ruleId: string;
  /** What the finding is about. */
  category: Category;
  /** How much it matters (always `info` for positive signals). */
  severity: Severity;
  /** The language code of the rule that fired (`und` for rules of no language). */
  language: string;
  /** The text of the span: always `text.slice(start, end)` of the analysed string. */
  text: string;
  /** Where the span starts, in UTF-16 code units (a JavaScript string index). */
  start: number;
  /** Where the span ends (exclusive), in UTF-16 code units. */
  end: number;
  /** Why the phrase hurts, in the rule's language. */
  explanation: string;
  /** What to write instead, in the rule's language. */
  suggestion: string;
}

/** What one reply gets: findings in text order, counts per category, and a score. */
export interface Report {
  /** Every finding, positive signals included, ordered by start, then end. */
  findings: Finding[];
  /** The reply's score from 0 to 100: 90 with nothing found, less for problems, more for positive signals. */
  score: number;
  /** How many findings of each category; every category is present. */
  counts: Record<Category, number>;
  /** The promises with deadlines the reply makes, in text order. */
  commitments: Commitment[];
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const _: &str = TYPESCRIPT_TYPES;

/// Analyses customer-service replies: finds jargon, robotic openers, deflection,
/// policy-hiding, arguing, coldness, false promises and non-apologies (and credits empathy,
/// apologies, ownership and follow-up), says why each hurts and what to write instead.
///
/// Build one and reuse it: building compiles every active pattern into one automaton, while
/// analysing a reply is fast. Call `free()` (or use `using`) when done with it.
///
/// @example
/// const analyzer = new Analyzer({ languages: ["en", "ru"] });
/// const report = analyzer.analyze("As I already said, it's company policy.");
/// for (const f of report.findings) console.log(f.ruleId, f.text, f.suggestion);
#[wasm_bindgen]
pub struct Analyzer {
    inner: replylint::Analyzer,
    /// The JS values its reports repeat.
    cache: RefCell<report::Cache>,
}

#[wasm_bindgen]
impl Analyzer {
    /// Builds an analyzer. Without options: every built-in language, default settings.
    ///
    /// @throws {TypeError} an option of the wrong type, or an unknown option name.
    /// @throws {Error} a bad configuration (unknown language, rule id or severity, an
    /// unusable jargon term), with a message that says what to fix.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "AnalyzerOptions")] options: JsValue,
    ) -> Result<Analyzer, JsValue> {
        let inner = options::builder(&options)?.build().map_err(error::config_error)?;
        Ok(Analyzer {
            inner,
            cache: RefCell::default(),
        })
    }

    /// Analyses one reply. Never fails on a string, whatever it holds: lone surrogates are
    /// read as U+FFFD, and spans still index the string given. `customer`, optional, lists
    /// `[start, end]` string indices of the customer's words in `text`: nothing is reported
    /// there.
    ///
    /// @throws {TypeError} `text` is not a string, or `customer` not an array of pairs.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn analyze(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "[number, number][]")] customer: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (rust, original) = string("analyzer.analyze(text)", &text)?;
        let customer = options::utf16_ranges(&rust, &customer)?;
        let report = self.inner.analyze_marked(&rust, &customer);
        // Only a call made while a report is being built (from a setter someone put on
        // `Object.prototype`) finds the cache borrowed; it makes its own.
        match self.cache.try_borrow_mut() {
            Ok(mut cache) => report::to_js(&report, &original, &mut cache),
            Err(_) => report::to_js(&report, &original, &mut report::Cache::default()),
        }
    }

    /// The language codes whose lexicons are active, in the order of the built-in lexicons.
    #[wasm_bindgen(getter)]
    pub fn languages(&self) -> Vec<String> {
        self.inner.languages().to_vec()
    }
}

/// The dominant language of a text among the built-in lexicons, as an ISO 639 code (`"en"`,
/// `"ru"`), or `undefined` when the text gives no clue.
///
/// @throws {TypeError} `text` is not a string.
#[wasm_bindgen(js_name = detectLanguage)]
pub fn detect_language(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<Option<String>, JsValue> {
    let (rust, _) = string("detectLanguage(text)", &text)?;
    Ok(replylint::detect_language(&rust).map(str::to_string))
}

/// A JS string argument, as Rust text (lone surrogates become U+FFFD) and as the original.
fn string(what: &str, value: &JsValue) -> Result<(String, JsString), JsValue> {
    match (value.as_string(), value.dyn_ref::<JsString>()) {
        (Some(rust), Some(original)) => Ok((rust, original.clone())),
        _ => Err(expected(what, "a string", value)),
    }
}

#[cfg(test)]
mod tests {
    use super::TYPESCRIPT_TYPES;
    use replylint::{Category, Severity};

    /// The TypeScript unions list exactly the names the core has.
    #[test]
    fn typescript_unions_match_the_core() {
        let union = |name: &str| -> Vec<String> {
            let start = TYPESCRIPT_TYPES
                .find(&format!("export type {name} ="))
                .unwrap_or_else(|| panic!("no type {name}"));
            let body = &TYPESCRIPT_TYPES[start..];
            let body = &body[..body.find(';').unwrap()];
            body.split('"').skip(1).step_by(2).map(str::to_string).collect()
        };
        let categories: Vec<String> = Category::ALL.iter().map(|c| c.as_str().to_string()).collect();
        assert_eq!(union("Category"), categories);
        let severities: Vec<String> = [Severity::Info, Severity::Warning, Severity::Error]
            .iter()
            .map(|s| s.as_str().to_string())
            .collect();
        assert_eq!(union("Severity"), severities);
    }
}
