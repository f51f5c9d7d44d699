//! The JS options object of `new Analyzer(options)` to an [`AnalyzerBuilder`], with
//! `TypeError`s that name the option and the type that was given.
//!
//! Only types are checked here. Whether a language code, a rule id, a severity name or a
//! glossary term is valid is the core's to say, once, when the analyzer is built.

use js_sys::{Array, Object, Reflect};
use replylint::{Analyzer, AnalyzerBuilder, GlossaryEntry, Severity};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{config_error, expected, type_error};

/// The keys of the options object, in the order the docs list them.
const KEYS: [&str; 9] = [
    "languages",
    "jargon",
    "disabledRules",
    "minSeverity",
    "detectedLanguageOnly",
    "skipQuoted",
    "slaHours",
    "openerSimilarity",
    "absenceRules",
];

const WHAT: &str = "new Analyzer(options)";

/// The builder that `options` describes; `undefined` and `null` mean the defaults.
pub(crate) fn builder(options: &JsValue) -> Result<AnalyzerBuilder, JsValue> {
    let mut builder = Analyzer::builder();
    if options.is_undefined() || options.is_null() {
        return Ok(builder);
    }
    if !options.is_object() || Array::is_array(options) || options.is_function() {
        return Err(expected(WHAT, "an options object", options));
    }
    for key in Object::keys(options.unchecked_ref::<Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !KEYS.contains(&key.as_str()) {
            return Err(type_error(&format!(
                "{WHAT}: unknown option `{key}`; the options are {}",
                KEYS.join(", ")
            )));
        }
    }
    if let Some(value) = get(options, "languages")? {
        builder.languages(strings("languages", &value)?);
    }
    if let Some(value) = get(options, "jargon")? {
        builder.jargon(jargon(&value)?);
    }
    if let Some(value) = get(options, "disabledRules")? {
        builder.disable_rules(strings("disabledRules", &value)?);
    }
    if let Some(value) = get(options, "minSeverity")? {
        let name = value
            .as_string()
            .ok_or_else(|| expected(&what("minSeverity"), "\"info\", \"warning\" or \"error\"", &value))?;
        builder.min_severity(name.parse::<Severity>().map_err(config_error)?);
    }
    if let Some(value) = get(options, "detectedLanguageOnly")? {
        let yes = value
            .as_bool()
            .ok_or_else(|| expected(&what("detectedLanguageOnly"), "a boolean", &value))?;
        builder.detected_language_only(yes);
    }
    if let Some(value) = get(options, "skipQuoted")? {
        let yes = value
            .as_bool()
            .ok_or_else(|| expected(&what("skipQuoted"), "a boolean", &value))?;
        builder.skip_quoted(yes);
    }
    if let Some(value) = get(options, "slaHours")? {
        let hours = value
            .as_f64()
            .filter(|h| h.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(h))
            .ok_or_else(|| expected(&what("slaHours"), "a whole number of hours", &value))?;
        builder.sla_hours(hours as u32);
    }
    if let Some(value) = get(options, "openerSimilarity")? {
        let threshold = value
            .as_f64()
            .ok_or_else(|| expected(&what("openerSimilarity"), "a number from 0 to 1", &value))?;
        builder.opener_similarity(threshold);
    }
    if let Some(value) = get(options, "absenceRules")? {
        let yes = value
            .as_bool()
            .ok_or_else(|| expected(&what("absenceRules"), "a boolean", &value))?;
        builder.absence_rules(yes);
    }
    Ok(builder)
}

/// `[[start, end], …]` in UTF-16 units of `text` as byte ranges (`undefined`/`null`: none).
pub(crate) fn utf16_ranges(text: &str, value: &JsValue) -> Result<Vec<std::ops::Range<usize>>, JsValue> {
    const WHAT: &str = "analyzer.analyze(text, customer): `customer`";
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let pairs = value
        .dyn_ref::<Array>()
        .ok_or_else(|| expected(WHAT, "an array of [start, end] pairs", value))?;
    let byte_at = |units: f64| {
        let mut seen = 0.0;
        text.char_indices()
            .find(|(_, c)| {
                let past = seen >= units;
                seen += c.len_utf16() as f64;
                past
            })
            .map_or(text.len(), |(at, _)| at)
    };
    pairs
        .iter()
        .map(|pair| {
            let pair: Option<(f64, f64)> = pair
                .dyn_ref::<Array>()
                .filter(|p| p.length() == 2)
                .and_then(|p| Some((p.get(0).as_f64()?, p.get(1).as_f64()?)));
            let (start, end) = pair.ok_or_else(|| expected(WHAT, "an array of [start, end] pairs", value))?;
            Ok(byte_at(start)..byte_at(end))
        })
        .collect()
}

fn what(key: &str) -> String {
    format!("{WHAT}: option `{key}`")
}

/// `options[key]`, or `None` when it is `undefined` or `null`. A throwing getter's exception
/// is passed on.
fn get(options: &JsValue, key: &str) -> Result<Option<JsValue>, JsValue> {
    let value = Reflect::get(options, &JsValue::from_str(key))?;
    Ok((!value.is_undefined() && !value.is_null()).then_some(value))
}

/// An array whose items are all strings.
fn strings(key: &str, value: &JsValue) -> Result<Vec<String>, JsValue> {
    let array = value
        .dyn_ref::<Array>()
        .ok_or_else(|| expected(&what(key), "an array of strings", value))?;
    array
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_string()
                .ok_or_else(|| expected(&format!("{}[{i}]", what(key)), "a string", &item))
        })
        .collect()
}

/// `jargon`: an array whose items are a term, `{term, replacement?}` or `[term, replacement]`.
fn jargon(value: &JsValue) -> Result<Vec<GlossaryEntry>, JsValue> {
    const SHAPES: &str = "a string, {term, replacement?} or [term, replacement]";
    let array = value
        .dyn_ref::<Array>()
        .ok_or_else(|| expected(&what("jargon"), &format!("an array of {SHAPES}"), value))?;
    array
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = format!("{}[{i}]", what("jargon"));
            if let Some(term) = item.as_string() {
                return Ok(GlossaryEntry::from(term));
            }
            let (term, replacement) = if let Some(pair) = item.dyn_ref::<Array>() {
                if pair.length() != 2 {
                    return Err(type_error(&format!(
                        "{at}: expected a [term, replacement] pair, got an array of length {}",
                        pair.length()
                    )));
                }
                (pair.get(0), pair.get(1))
            } else if item.is_object() && !item.is_function() {
                (
                    Reflect::get(&item, &"term".into())?,
                    Reflect::get(&item, &"replacement".into())?,
                )
            } else {
                return Err(expected(&at, SHAPES, &item));
            };
            let term = term
                .as_string()
                .ok_or_else(|| expected(&format!("{at}: the term"), "a string", &term))?;
            let replacement =
                if replacement.is_undefined() || replacement.is_null() {
                    None
                } else {
                    Some(replacement.as_string().ok_or_else(|| {
                        expected(&format!("{at}: the replacement"), "a string", &replacement)
                    })?)
                };
            Ok(GlossaryEntry { term, replacement })
        })
        .collect()
}
