//! A [`replylint::Report`] to the plain JS object of the `Report` type:
//! `{findings: [{ruleId, category, severity, language, text, start, end, explanation,
//! suggestion}], score, counts, commitments: [{text, start, end, deadline, deadlineHours,
//! guaranteed}]}`.
//!
//! `start` and `end` are the core's [`utf16_span`](replylint::Finding::utf16_span): JS string
//! indices, so `text.slice(start, end) === finding.text`.

use js_sys::{Array, JsString, Object, Reflect};
use replylint::{Finding, Report};
use wasm_bindgen::JsValue;

/// The report as a plain object. `original` is the string that was analysed.
///
/// A JS string may hold lone surrogates, which reach Rust as U+FFFD (one UTF-16 unit for
/// one), so the spans fit the original string unchanged. When the text the core saw has a
/// U+FFFD, each finding's `text` is sliced from the original string instead, so that
/// `text.slice(start, end) === finding.text` holds for those strings too.
pub(crate) fn to_js(report: &Report, original: &JsString, replaced: bool) -> Result<JsValue, JsValue> {
    let findings = Array::new_with_length(report.findings().len() as u32);
    for (i, finding) in report.findings().iter().enumerate() {
        findings.set(i as u32, to_js_finding(finding, original, replaced)?.into());
    }
    let counts = Object::new();
    for (category, count) in report.counts() {
        set(&counts, category.as_str(), &JsValue::from(*count))?;
    }
    let object = Object::new();
    set(&object, "findings", &findings)?;
    set(&object, "score", &JsValue::from(report.score()))?;
    set(&object, "counts", &counts)?;
    let commitments = Array::new();
    for c in report.commitments() {
        let item = Object::new();
        set(&item, "text", &c.text().into())?;
        set(&item, "start", &JsValue::from(c.utf16_span().start))?;
        set(&item, "end", &JsValue::from(c.utf16_span().end))?;
        set(&item, "deadline", &c.deadline().into())?;
        set(
            &item,
            "deadlineHours",
            &c.deadline_hours().map_or(JsValue::NULL, JsValue::from),
        )?;
        set(&item, "guaranteed", &JsValue::from(c.guaranteed()))?;
        commitments.push(&item);
    }
    set(&object, "commitments", &commitments)?;
    Ok(object.into())
}

fn to_js_finding(finding: &Finding, original: &JsString, replaced: bool) -> Result<Object, JsValue> {
    let span = finding.utf16_span();
    let text: JsValue = if replaced {
        original.slice(span.start as u32, span.end as u32).into()
    } else {
        finding.text().into()
    };
    let object = Object::new();
    set(&object, "ruleId", &finding.rule_id().into())?;
    set(&object, "category", &finding.category().as_str().into())?;
    set(&object, "severity", &finding.severity().as_str().into())?;
    set(&object, "language", &finding.language().into())?;
    set(&object, "text", &text)?;
    set(&object, "start", &JsValue::from(span.start))?;
    set(&object, "end", &JsValue::from(span.end))?;
    set(&object, "explanation", &finding.explanation().into())?;
    set(&object, "suggestion", &finding.suggestion().into())?;
    Ok(object)
}

/// `object[key] = value` on a plain object of ours (which cannot throw, but the error is
/// passed on rather than unwrapped).
fn set(object: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(object, &JsValue::from_str(key), value).map(drop)
}
