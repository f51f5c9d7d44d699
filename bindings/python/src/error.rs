//! Errors crossing into Python: the one conversion of [`replylint::Error`], and the
//! `TypeError`s of the argument conversions.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

/// Every [`replylint::Error`] becomes a `ValueError` carrying the core's message, which
/// already says what to fix.
pub(crate) fn to_py_err(err: replylint::Error) -> PyErr {
    PyValueError::new_err(err.to_string())
}

/// The name of `obj`'s type, as Python shows it (`int`, `NoneType`, `list`).
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "<unknown type>".to_string())
}

/// `TypeError("{what} expected {expected}, got {type of obj}")`.
pub(crate) fn expected(what: &str, expected: &str, obj: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!("{what} expected {expected}, got {}", type_name(obj)))
}
