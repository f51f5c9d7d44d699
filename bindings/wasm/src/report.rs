//! A [`replylint::Report`] to the plain JS object of the `Report` type:
//! `{findings: [{ruleId, category, severity, language, text, start, end, explanation,
//! suggestion}], score, counts, commitments: [{text, start, end, deadline, deadlineHours,
//! guaranteed}]}`.
//!
//! `start` and `end` are the core's [`utf16_span`](replylint::Finding::utf16_span): JS string
//! indices, so `text.slice(start, end) === finding.text`.

use std::hash::{Hash, Hasher};

use js_sys::{Array, JsString, Object, Reflect};
use replylint::{Category, Finding, Report, Severity};
use rustc_hash::{FxHashMap, FxHasher};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen]
extern "C" {
    /// `Object.assign(target, source)`, which runs setters: a setter someone put on
    /// `Object.prototype` may throw, and the error is passed on.
    #[wasm_bindgen(js_namespace = Object, js_name = assign, catch)]
    fn assign(target: &Object, source: &Object) -> Result<Object, JsValue>;
}

/// What every report of one analyzer repeats, made in JS once instead of once per report:
/// the object keys; for each rule reported so far, the object of its findings' fields, which
/// a finding copies whole; and the counts of a report without findings. A call across the
/// boundary per field, and each field's text hashed to find it, were most of the cost of
/// `analyze()`.
#[derive(Default)]
pub(crate) struct Cache {
    keys: FxHashMap<&'static str, JsValue>,
    /// `{ruleId, category, severity, language, text: "", start: 0, end: 0, explanation,
    /// suggestion}`, in the order of a finding's keys, by the hash of its fields: a rule id
    /// alone does not tell them (the terms of a glossary share one, each with its own
    /// suggestion).
    rules: FxHashMap<u64, Vec<(RuleFields, Object)>>,
    /// Every category of [`Category::ALL`] at 0, in that order.
    no_counts: Option<Object>,
}

impl Cache {
    /// The JS string of the key `key`.
    fn key(&mut self, key: &'static str) -> &JsValue {
        self.keys.entry(key).or_insert_with(|| JsValue::from_str(key))
    }

    /// `object[key] = value`, for a plain object of ours (which cannot throw, but the error is
    /// passed on rather than unwrapped).
    fn set(&mut self, object: &Object, key: &'static str, value: &JsValue) -> Result<(), JsValue> {
        Reflect::set(object, self.key(key), value).map(drop)
    }

    /// An object of `fields`, made own data properties in their order: unlike setting them,
    /// which a setter on `Object.prototype` would see. (Only an array iterator someone
    /// replaced can make it throw; the error is passed on.)
    fn object_of(&mut self, fields: &[(&'static str, JsValue)]) -> Result<Object, JsValue> {
        let entries: Array = fields
            .iter()
            .map(|(key, value)| Array::of2(self.key(key), value))
            .collect();
        Object::from_entries(&entries)
    }

    /// The fields `finding` shares with the other findings of its rule (see [`Cache::rules`]).
    fn rule_of(&mut self, finding: &Finding) -> Result<Object, JsValue> {
        let mut hasher = FxHasher::default();
        (finding.rule_id(), finding.explanation(), finding.suggestion()).hash(&mut hasher);
        let hash = hasher.finish();
        let mut known = self.rules.get(&hash).into_iter().flatten();
        if let Some((_, rule)) = known.find(|(fields, _)| fields.are_of(finding)) {
            return Ok(rule.clone());
        }
        let rule = self.object_of(&[
            ("ruleId", finding.rule_id().into()),
            ("category", finding.category().as_str().into()),
            ("severity", finding.severity().as_str().into()),
            ("language", finding.language().into()),
            ("text", "".into()),
            ("start", 0.into()),
            ("end", 0.into()),
            ("explanation", finding.explanation().into()),
            ("suggestion", finding.suggestion().into()),
        ])?;
        let fields = RuleFields {
            rule_id: finding.rule_id().into(),
            category: finding.category(),
            severity: finding.severity(),
            language: finding.language().into(),
            explanation: finding.explanation().into(),
            suggestion: finding.suggestion().into(),
        };
        self.rules.entry(hash).or_default().push((fields, rule.clone()));
        Ok(rule)
    }

    /// The counts of a report without findings (see [`Cache::no_counts`]).
    fn no_counts(&mut self) -> Result<Object, JsValue> {
        if let Some(counts) = &self.no_counts {
            return Ok(counts.clone());
        }
        let fields: Vec<(&'static str, JsValue)> =
            Category::ALL.iter().map(|c| (c.as_str(), 0.into())).collect();
        let counts = self.object_of(&fields)?;
        self.no_counts = Some(counts.clone());
        Ok(counts)
    }
}

/// The fields of a finding that its rule gives it.
struct RuleFields {
    rule_id: Box<str>,
    category: Category,
    severity: Severity,
    language: Box<str>,
    explanation: Box<str>,
    suggestion: Box<str>,
}

impl RuleFields {
    fn are_of(&self, finding: &Finding) -> bool {
        *self.rule_id == *finding.rule_id()
            && self.category == finding.category()
            && self.severity == finding.severity()
            && *self.language == *finding.language()
            && *self.explanation == *finding.explanation()
            && *self.suggestion == *finding.suggestion()
    }
}

/// The report as a plain object. `original` is the string that was analysed: each finding's
/// `text` is sliced from it, so `text.slice(start, end) === finding.text` holds for any
/// string, lone surrogates (which reach Rust as U+FFFD) included.
pub(crate) fn to_js(report: &Report, original: &JsString, cache: &mut Cache) -> Result<JsValue, JsValue> {
    let findings = Array::new_with_length(report.findings().len() as u32);
    for (i, finding) in report.findings().iter().enumerate() {
        findings.set(i as u32, to_js_finding(finding, original, cache)?.into());
    }
    // The categories of `Category::ALL` come first, in its order, then those only customers'
    // messages have; each is there once it is counted.
    let counts = assign(&Object::new(), &cache.no_counts()?)?;
    for (category, &count) in report.counts() {
        if count > 0 || !Category::ALL.contains(category) {
            cache.set(&counts, category.as_str(), &JsValue::from(count))?;
        }
    }
    let object = Object::new();
    cache.set(&object, "findings", &findings)?;
    cache.set(&object, "score", &JsValue::from(report.score()))?;
    cache.set(&object, "counts", &counts)?;
    let commitments = Array::new();
    for c in report.commitments() {
        let item = Object::new();
        cache.set(&item, "text", &c.text().into())?;
        cache.set(&item, "start", &JsValue::from(c.utf16_span().start))?;
        cache.set(&item, "end", &JsValue::from(c.utf16_span().end))?;
        cache.set(&item, "deadline", &c.deadline().into())?;
        cache.set(
            &item,
            "deadlineHours",
            &c.deadline_hours().map_or(JsValue::NULL, JsValue::from),
        )?;
        cache.set(&item, "guaranteed", &JsValue::from(c.guaranteed()))?;
        commitments.push(&item);
    }
    cache.set(&object, "commitments", &commitments)?;
    Ok(object.into())
}

/// A copy of its rule's object with the finding's own text and span.
fn to_js_finding(finding: &Finding, original: &JsString, cache: &mut Cache) -> Result<Object, JsValue> {
    let span = finding.utf16_span();
    let object = assign(&Object::new(), &cache.rule_of(finding)?)?;
    let text = original.slice(span.start as u32, span.end as u32);
    cache.set(&object, "text", &text)?;
    cache.set(&object, "start", &JsValue::from(span.start))?;
    cache.set(&object, "end", &JsValue::from(span.end))?;
    Ok(object)
}
