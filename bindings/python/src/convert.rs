//! Python arguments to Rust values, with `TypeError`s that name the argument and the type
//! that was given. No validation of values happens here: the core does it, once.

use std::path::PathBuf;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use crate::error::{expected, to_py_err, type_name};

/// One text to analyse: a `str`, borrowed for the analysis (the GIL is released meanwhile).
pub(crate) fn text<'py>(
    what: &str,
    obj: &Bound<'py, PyAny>,
) -> PyResult<(Bound<'py, PyString>, PyBackedStr)> {
    let s = obj.cast::<PyString>().map_err(|_| expected(what, "str", obj))?;
    let backed = PyBackedStr::try_from(s.clone())?;
    Ok((s.clone(), backed))
}

/// Python string index ranges (code points) of `text` as byte ranges, clamped to the text.
pub(crate) fn char_ranges_to_bytes(text: &str, ranges: &[(usize, usize)]) -> Vec<std::ops::Range<usize>> {
    let byte_at = |chars: usize| text.char_indices().nth(chars).map_or(text.len(), |(at, _)| at);
    ranges
        .iter()
        .map(|&(start, end)| byte_at(start)..byte_at(end))
        .collect()
}

/// The texts of a batch: the Python strings (each report keeps its own) and their contents,
/// readable without the GIL.
pub(crate) type Texts<'py> = (Vec<Bound<'py, PyString>>, Vec<PyBackedStr>);

/// Many texts: any iterable of `str` except a `str` itself (which would be analysed one
/// character at a time).
pub(crate) fn texts<'py>(what: &str, obj: &Bound<'py, PyAny>) -> PyResult<Texts<'py>> {
    if obj.is_instance_of::<PyString>() {
        return Err(expected(
            what,
            "an iterable of str (use analyze() for one text)",
            obj,
        ));
    }
    let iter = obj
        .try_iter()
        .map_err(|_| expected(what, "an iterable of str", obj))?;
    let (lower, _) = iter.size_hint();
    let (mut strings, mut backed) = (Vec::with_capacity(lower), Vec::with_capacity(lower));
    for (i, item) in iter.enumerate() {
        let item = item?;
        let s = item.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "{what} expected an iterable of str, got {} at position {i}",
                type_name(&item)
            ))
        })?;
        backed.push(PyBackedStr::try_from(s.clone())?);
        strings.push(s.clone());
    }
    Ok((strings, backed))
}

/// A list of strings (`languages`, `disabled_rules`): any iterable of `str`, not a `str`.
pub(crate) fn string_list(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if obj.is_instance_of::<PyString>() {
        let hint = format!("a list of str (write [{}])", obj.repr()?);
        return Err(expected(what, &hint, obj));
    }
    let iter = obj.try_iter().map_err(|_| expected(what, "a list of str", obj))?;
    iter.enumerate()
        .map(|(i, item)| {
            let item = item?;
            item.extract::<String>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "{what} expected a list of str, got {} at position {i}",
                    type_name(&item)
                ))
            })
        })
        .collect()
}

/// `min_severity`: a severity name, parsed (and rejected with the list of names) by the core.
pub(crate) fn severity(obj: &Bound<'_, PyAny>) -> PyResult<replylint::Severity> {
    let name: String = obj.extract().map_err(|_| {
        expected(
            "Analyzer() argument 'min_severity'",
            "'info', 'warning', 'error' or None",
            obj,
        )
    })?;
    name.parse().map_err(to_py_err)
}

/// `jargon`: a list whose items are terms (`str`) or `(term, replacement)` pairs (the
/// replacement may be `None`), or a dict term → replacement.
pub(crate) fn jargon(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(String, Option<String>)>> {
    const WHAT: &str = "Analyzer() argument 'jargon'";
    if obj.is_instance_of::<PyString>() {
        let hint = format!(
            "a list of terms or a dict term -> replacement (write [{}])",
            obj.repr()?
        );
        return Err(expected(WHAT, &hint, obj));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        return dict
            .iter()
            .map(|(term, replacement)| {
                let term = term
                    .extract::<String>()
                    .map_err(|_| expected(&format!("{WHAT} (a dict)"), "str keys", &term))?;
                let replacement = replacement.extract::<Option<String>>().map_err(|_| {
                    expected(
                        &format!("{WHAT} (a dict)"),
                        &format!("a str or None as the replacement of {term:?}"),
                        &replacement,
                    )
                })?;
                Ok((term, replacement))
            })
            .collect();
    }
    let iter = obj
        .try_iter()
        .map_err(|_| expected(WHAT, "a list of terms or a dict term -> replacement", obj))?;
    iter.enumerate()
        .map(|(i, item)| {
            let item = item?;
            jargon_item(&item).ok_or_else(|| {
                PyTypeError::new_err(format!(
                    "{WHAT} expected items that are str or (term, replacement) pairs, got {} at position {i}",
                    type_name(&item)
                ))
            })
        })
        .collect()
}

fn jargon_item(item: &Bound<'_, PyAny>) -> Option<(String, Option<String>)> {
    if let Ok(term) = item.extract::<String>() {
        return Some((term, None));
    }
    let pair: Vec<Bound<'_, PyAny>> = if let Ok(tuple) = item.cast::<PyTuple>() {
        tuple.iter().collect()
    } else if let Ok(list) = item.cast::<PyList>() {
        list.iter().collect()
    } else {
        return None;
    };
    match pair.as_slice() {
        [term, replacement] => Some((term.extract().ok()?, replacement.extract().ok()?)),
        _ => None,
    }
}

/// One entry of `lexicons`: TOML text (`str`) or a file (`os.PathLike`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum LexiconArg {
    /// TOML source, named `lexicons[i]` in error messages.
    Text(String),
    /// A file, read by the core when the analyzer is built.
    File(PathBuf),
}

/// `lexicons`: a list of TOML texts (`str`) and lexicon files (`pathlib.Path` or any
/// `os.PathLike`).
pub(crate) fn lexicons(obj: &Bound<'_, PyAny>) -> PyResult<Vec<LexiconArg>> {
    const WHAT: &str = "Analyzer() argument 'lexicons'";
    if obj.is_instance_of::<PyString>() {
        return Err(expected(
            WHAT,
            "a list of TOML texts (str) or paths (pathlib.Path)",
            obj,
        ));
    }
    let iter = obj
        .try_iter()
        .map_err(|_| expected(WHAT, "a list of TOML texts (str) or paths (pathlib.Path)", obj))?;
    iter.enumerate()
        .map(|(i, item)| {
            let item = item?;
            if let Ok(s) = item.cast::<PyString>() {
                return Ok(LexiconArg::Text(s.to_cow()?.into_owned()));
            }
            let is_path = item.hasattr(pyo3::intern!(item.py(), "__fspath__"))?;
            match is_path.then(|| item.extract::<PathBuf>()) {
                Some(Ok(path)) => Ok(LexiconArg::File(path)),
                _ => Err(PyTypeError::new_err(format!(
                    "{WHAT} expected TOML texts (str) or paths (os.PathLike), got {} at position {i}",
                    type_name(&item)
                ))),
            }
        })
        .collect()
}
