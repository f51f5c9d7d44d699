//! The Arrow batch path: `Analyzer.analyze_arrow` and `Analyzer.score_arrow`, and the two
//! private methods `replylint.polars` builds on.
//!
//! Input is any Arrow string column handed over through the Arrow PyCapsule interface
//! (`__arrow_c_array__` or `__arrow_c_stream__`: pyarrow, polars, nanoarrow, arro3, …),
//! imported by `pyo3-arrow` without copying the text. The rows are analysed with the GIL
//! released, on every core by rayon, in chunks of [`CHUNK_ROWS`] rows: each chunk is one
//! call of the core's `analyze_batch`, which groups its texts by language, and its own record
//! batch (or list array), so nothing but the final hand-over is sequential.

use std::sync::Arc;

use arrow_array::builder::{Int64Builder, LargeStringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, LargeListArray, RecordBatch, StructArray, UInt8Array};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{ArrowError, DataType, Field, FieldRef, Fields, Schema, SchemaRef};
use pyo3::exceptions::{PyImportError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use pyo3_arrow::error::PyArrowError;
use pyo3_arrow::input::AnyArray;
use pyo3_arrow::{PyArray, PyChunkedArray, PyTable};
use rayon::prelude::*;

use crate::error::type_name;

/// Rows per chunk: small enough for rayon to balance the cores and for a chunk's reports to
/// take little memory, big enough that its texts in each language come together and that
/// the per-chunk builders and batches cost nothing next to the analysis.
const CHUNK_ROWS: usize = 4096;

/// The columns of one finding, in the order of the findings table (after `row`) and of the
/// struct in the Polars `findings()` lists.
///
/// Strings are `large_string` so that no chunk can overflow 32-bit offsets, however long the
/// replies.
const FINDING_FIELDS: [(&str, DataType); 9] = [
    ("rule_id", DataType::LargeUtf8),
    ("category", DataType::LargeUtf8),
    ("severity", DataType::LargeUtf8),
    ("language", DataType::LargeUtf8),
    ("start", DataType::Int64),
    ("end", DataType::Int64),
    ("text", DataType::LargeUtf8),
    ("explanation", DataType::LargeUtf8),
    ("suggestion", DataType::LargeUtf8),
];

fn finding_fields() -> Fields {
    FINDING_FIELDS
        .iter()
        .map(|(name, ty)| Field::new(*name, ty.clone(), false))
        .collect()
}

/// The schema of `analyze_arrow`'s table: `row`, then the finding's columns.
fn table_schema() -> SchemaRef {
    let mut fields = vec![Arc::new(Field::new("row", DataType::Int64, false))];
    fields.extend(finding_fields().iter().cloned());
    Arc::new(Schema::new(fields))
}

/// The element of the Polars `findings()` lists.
fn list_item_field() -> FieldRef {
    Arc::new(Field::new_struct("item", finding_fields(), false))
}

/// One row of the input: a reply, or `None` for a null.
type Row<'a> = Option<&'a str>;

/// The rows of the input chunks, in order, borrowed from the Arrow buffers.
///
/// Accepts `string`, `large_string`, `string_view`, dictionaries of those (categoricals), and
/// the `null` type (a column of nothing but nulls).
fn rows<'a>(what: &str, chunks: &'a [ArrayRef]) -> PyResult<Vec<Row<'a>>> {
    let mut rows = Vec::with_capacity(chunks.iter().map(|c| c.len()).sum());
    for chunk in chunks {
        append_rows(what, chunk.as_ref(), &mut rows)?;
    }
    Ok(rows)
}

fn append_rows<'a>(what: &str, array: &'a dyn Array, rows: &mut Vec<Row<'a>>) -> PyResult<()> {
    match array.data_type() {
        DataType::Utf8 => rows.extend(array.as_string::<i32>().iter()),
        DataType::LargeUtf8 => rows.extend(array.as_string::<i64>().iter()),
        DataType::Utf8View => rows.extend(array.as_string_view().iter()),
        DataType::Null => rows.extend(std::iter::repeat_n(None, array.len())),
        DataType::Dictionary(_, values)
            if matches!(
                **values,
                DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
            ) =>
        {
            let dictionary = array.as_any_dictionary();
            let mut values = Vec::with_capacity(dictionary.values().len());
            append_rows(what, dictionary.values().as_ref(), &mut values)?;
            let keys = dictionary.normalized_keys();
            // `get`: a key past the values (invalid input) reads as a null, not a panic.
            rows.extend((0..array.len()).map(|i| match array.is_null(i) {
                true => None,
                false => values.get(keys[i]).copied().flatten(),
            }));
        }
        other => {
            return Err(PyTypeError::new_err(format!(
                "{what} expected an Arrow array of strings (string, large_string, string_view \
                 or a dictionary of them), got {other}; cast the column to string first"
            )))
        }
    }
    Ok(())
}

/// The input column's chunks, imported through the Arrow PyCapsule interface (zero-copy).
fn import(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<ArrayRef>> {
    let py = obj.py();
    let exportable = obj.hasattr(pyo3::intern!(py, "__arrow_c_array__"))?
        || obj.hasattr(pyo3::intern!(py, "__arrow_c_stream__"))?;
    if !exportable {
        let hint = if obj.is_instance_of::<PyString>() {
            "; use analyze() for one str"
        } else {
            "; for a list of str use analyze_many(), or pyarrow.array(texts)"
        };
        return Err(PyTypeError::new_err(format!(
            "{what} expected an Arrow array or chunked array of strings (pyarrow, polars or \
             any object with __arrow_c_array__ or __arrow_c_stream__), got {}{hint}",
            type_name(obj)
        )));
    }
    let (chunks, _field) = obj
        .extract::<AnyArray>()?
        .into_chunked_array()
        .map_err(PyErr::from)?
        .into_inner();
    Ok(chunks)
}

/// `pyarrow`, or an `ImportError` that says what to install.
fn pyarrow<'py>(py: Python<'py>, what: &str, returns: &str) -> PyResult<Bound<'py, PyModule>> {
    py.import("pyarrow").map_err(|err| {
        let error = PyImportError::new_err(format!(
            "{what} returns a {returns} and needs pyarrow, which is not installed; install it \
             with `pip install pyarrow` (or `pip install replylint[arrow]`)"
        ));
        error.set_cause(py, Some(err));
        error
    })
}

/// The finding columns of one chunk, as they are built.
#[derive(Default)]
struct FindingColumns {
    rule_id: LargeStringBuilder,
    category: LargeStringBuilder,
    severity: LargeStringBuilder,
    language: LargeStringBuilder,
    start: Int64Builder,
    end: Int64Builder,
    text: LargeStringBuilder,
    explanation: LargeStringBuilder,
    suggestion: LargeStringBuilder,
}

impl FindingColumns {
    fn push(&mut self, f: &replylint::Finding) {
        self.rule_id.append_value(f.rule_id());
        self.category.append_value(f.category().as_str());
        self.severity.append_value(f.severity().as_str());
        self.language.append_value(f.language());
        // Code points: Python string indices, and what Polars' `str.slice` counts.
        self.start.append_value(f.char_span().start as i64);
        self.end.append_value(f.char_span().end as i64);
        self.text.append_value(f.text());
        self.explanation.append_value(f.explanation());
        self.suggestion.append_value(f.suggestion());
    }

    /// The columns in the order of [`FINDING_FIELDS`].
    fn finish(mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.rule_id.finish()),
            Arc::new(self.category.finish()),
            Arc::new(self.severity.finish()),
            Arc::new(self.language.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.explanation.finish()),
            Arc::new(self.suggestion.finish()),
        ]
    }
}

/// The reports of `rows`, `None` for a null: the texts analysed as one batch, which the core
/// orders by language for speed.
fn reports(analyzer: &replylint::Analyzer, rows: &[Row<'_>]) -> Vec<Option<replylint::Report>> {
    let texts: Vec<&str> = rows.iter().flatten().copied().collect();
    let mut reports = analyzer.analyze_batch(&texts).into_iter();
    rows.iter().map(|row| row.and_then(|_| reports.next())).collect()
}

/// The score of every row (null for a null), on every core.
fn scores(analyzer: &replylint::Analyzer, rows: &[Row<'_>]) -> UInt8Array {
    let scores: Vec<Option<u8>> = rows
        .par_chunks(CHUNK_ROWS)
        .flat_map_iter(|texts| {
            reports(analyzer, texts)
                .into_iter()
                .map(|report| report.as_ref().map(replylint::Report::score))
        })
        .collect();
    UInt8Array::from(scores)
}

/// The findings table: one record batch per chunk of rows that has findings.
fn findings_table(
    analyzer: &replylint::Analyzer,
    rows: &[Row<'_>],
    schema: &SchemaRef,
) -> Result<Vec<RecordBatch>, ArrowError> {
    let batches = rows
        .par_chunks(CHUNK_ROWS)
        .enumerate()
        .map(|(chunk, texts)| {
            let first_row = chunk * CHUNK_ROWS;
            let mut row = Int64Builder::new();
            let mut columns = FindingColumns::default();
            for (i, report) in reports(analyzer, texts).iter().enumerate() {
                for finding in report.iter().flat_map(replylint::Report::findings) {
                    row.append_value((first_row + i) as i64);
                    columns.push(finding);
                }
            }
            let mut arrays: Vec<ArrayRef> = vec![Arc::new(row.finish())];
            arrays.extend(columns.finish());
            RecordBatch::try_new(schema.clone(), arrays)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(batches.into_iter().filter(|b| b.num_rows() > 0).collect())
}

/// The findings of every row as a list (null for a null row), one list array per chunk.
fn findings_lists(analyzer: &replylint::Analyzer, rows: &[Row<'_>]) -> Result<Vec<ArrayRef>, ArrowError> {
    rows.par_chunks(CHUNK_ROWS)
        .map(|texts| {
            let mut offsets = Vec::with_capacity(texts.len() + 1);
            offsets.push(0_i64);
            let mut columns = FindingColumns::default();
            let mut count = 0_i64;
            for report in reports(analyzer, texts) {
                for finding in report.iter().flat_map(replylint::Report::findings) {
                    columns.push(finding);
                    count += 1;
                }
                offsets.push(count);
            }
            let items = StructArray::try_new(finding_fields(), columns.finish(), None)?;
            let valid = NullBuffer::from_iter(texts.iter().map(Option::is_some));
            let list = LargeListArray::try_new(
                list_item_field(),
                OffsetBuffer::new(offsets.into()),
                Arc::new(items),
                Some(valid),
            )?;
            Ok(Arc::new(list) as ArrayRef)
        })
        .collect()
}

/// `Analyzer.analyze_arrow`: the findings table, as a `pyarrow.Table`.
pub(crate) fn analyze_arrow<'py>(
    analyzer: &replylint::Analyzer,
    array: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    const WHAT: &str = "Analyzer.analyze_arrow()";
    let py = array.py();
    pyarrow(py, WHAT, "pyarrow.Table")?;
    let table = analyze_to_table(analyzer, WHAT, array)?;
    table.into_pyarrow(py)
}

/// The findings table, before it is handed to pyarrow.
fn analyze_to_table(
    analyzer: &replylint::Analyzer,
    what: &str,
    array: &Bound<'_, PyAny>,
) -> PyResult<PyTable> {
    let chunks = import(what, array)?;
    let rows = rows(what, &chunks)?;
    let schema = table_schema();
    let batches = array
        .py()
        .detach(|| findings_table(analyzer, &rows, &schema))
        .map_err(PyArrowError::from)?;
    PyTable::try_new(batches, schema)
}

/// `Analyzer.score_arrow`: the scores, as a `pyarrow.Array` of `uint8`.
pub(crate) fn score_arrow<'py>(
    analyzer: &replylint::Analyzer,
    array: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    const WHAT: &str = "Analyzer.score_arrow()";
    let py = array.py();
    let pyarrow = pyarrow(py, WHAT, "pyarrow.Array")?;
    let scores = score_to_array(analyzer, WHAT, array)?;
    pyarrow.getattr("array")?.call1((scores,))
}

/// The scores as an Arrow PyCapsule producer (no pyarrow needed).
pub(crate) fn score_to_array(
    analyzer: &replylint::Analyzer,
    what: &str,
    array: &Bound<'_, PyAny>,
) -> PyResult<PyArray> {
    let chunks = import(what, array)?;
    let rows = rows(what, &chunks)?;
    let scores = array.py().detach(|| scores(analyzer, &rows));
    Ok(PyArray::from_array_ref(Arc::new(scores)))
}

/// The findings of every row as a list of structs, as an Arrow PyCapsule producer.
pub(crate) fn findings_to_lists(
    analyzer: &replylint::Analyzer,
    what: &str,
    array: &Bound<'_, PyAny>,
) -> PyResult<PyChunkedArray> {
    let chunks = import(what, array)?;
    let rows = rows(what, &chunks)?;
    let lists = array
        .py()
        .detach(|| findings_lists(analyzer, &rows))
        .map_err(PyArrowError::from)?;
    let field = Field::new("findings", DataType::LargeList(list_item_field()), true);
    PyChunkedArray::try_new(lists, Arc::new(field))
}
