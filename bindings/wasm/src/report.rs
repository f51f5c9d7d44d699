//! A [`replylint::Report`] to the plain JS object of the `Report` type:
//! `{findings: [{ruleId, category, severity, language, text, start, end, explanation,
//! suggestion}], score, counts, commitments: [{text, start, end, deadline, deadlineHours,
//! guaranteed}]}`.
//!
//! `start` and `end` are the core's [`utf16_span`](replylint::Finding::utf16_span): JS string
//! indices, so `text.slice(start, end) === finding.text`.

use js_sys::{Array, JsString, Object, Reflect};
use replylint::{Finding, Report};
use rustc_hash::FxHashMap;
use wasm_bindgen::JsValue;

/// The JS strings that every report of one analyzer repeats: the object keys, the category
/// names, and each rule's id, language, explanation and suggestion. Each is copied across the
/// boundary once, when first needed, instead of once per report and finding: those copies
/// were most of the cost of `analyze()` for a reply with findings.
#[derive(Default)]
pub(crate) struct Strings(FxHashMap<Box<str>, JsValue>);

impl Strings {
    /// Makes the JS string of `s`, unless it was made already.
    fn intern(&mut self, s: &str) {
        if !self.0.contains_key(s) {
            self.0.insert(s.into(), JsValue::from_str(s));
        }
    }

    /// `object[key] = value`, for a plain object of ours (which cannot throw, but the error is
    /// passed on rather than unwrapped).
    fn set(&mut self, object: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
        self.intern(key);
        Reflect::set(object, &self.0[key], value).map(drop)
    }

    /// `object[key] = text`, `text` being one of the strings the analyzer repeats.
    fn set_known(&mut self, object: &Object, key: &str, text: &str) -> Result<(), JsValue> {
        self.intern(key);
        self.intern(text);
        Reflect::set(object, &self.0[key], &self.0[text]).map(drop)
    }
}

/// The report as a plain object. `original` is the string that was analysed.
///
/// A JS string may hold lone surrogates, which reach Rust as U+FFFD (one UTF-16 unit for
/// one), so the spans fit the original string unchanged. When the text the core saw has a
/// U+FFFD, each finding's `text` is sliced from the original string instead, so that
/// `text.slice(start, end) === finding.text` holds for those strings too.
pub(crate) fn to_js(
    report: &Report,
    original: &JsString,
    replaced: bool,
    strings: &mut Strings,
) -> Result<JsValue, JsValue> {
    let findings = Array::new_with_length(report.findings().len() as u32);
    for (i, finding) in report.findings().iter().enumerate() {
        findings.set(
            i as u32,
            to_js_finding(finding, original, replaced, strings)?.into(),
        );
    }
    let counts = Object::new();
    for (category, count) in report.counts() {
        strings.set(&counts, category.as_str(), &JsValue::from(*count))?;
    }
    let object = Object::new();
    strings.set(&object, "findings", &findings)?;
    strings.set(&object, "score", &JsValue::from(report.score()))?;
    strings.set(&object, "counts", &counts)?;
    let commitments = Array::new();
    for c in report.commitments() {
        let item = Object::new();
        strings.set(&item, "text", &c.text().into())?;
        strings.set(&item, "start", &JsValue::from(c.utf16_span().start))?;
        strings.set(&item, "end", &JsValue::from(c.utf16_span().end))?;
        strings.set(&item, "deadline", &c.deadline().into())?;
        strings.set(
            &item,
            "deadlineHours",
            &c.deadline_hours().map_or(JsValue::NULL, JsValue::from),
        )?;
        strings.set(&item, "guaranteed", &JsValue::from(c.guaranteed()))?;
        commitments.push(&item);
    }
    strings.set(&object, "commitments", &commitments)?;
    Ok(object.into())
}

fn to_js_finding(
    finding: &Finding,
    original: &JsString,
    replaced: bool,
    strings: &mut Strings,
) -> Result<Object, JsValue> {
    let span = finding.utf16_span();
    let text: JsValue = if replaced {
        original.slice(span.start as u32, span.end as u32).into()
    } else {
        finding.text().into()
    };
    let object = Object::new();
    strings.set_known(&object, "ruleId", finding.rule_id())?;
    strings.set_known(&object, "category", finding.category().as_str())?;
    strings.set_known(&object, "severity", finding.severity().as_str())?;
    strings.set_known(&object, "language", finding.language())?;
    strings.set(&object, "text", &text)?;
    strings.set(&object, "start", &JsValue::from(span.start))?;
    strings.set(&object, "end", &JsValue::from(span.end))?;
    strings.set_known(&object, "explanation", finding.explanation())?;
    strings.set_known(&object, "suggestion", finding.suggestion())?;
    Ok(object)
}
