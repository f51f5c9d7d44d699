//! Reading messages: sources (files, stdin, `--text`), formats (lines, JSONL, CSV, whole
//! file), UTF-8 validation with byte offsets, and batching so that input of any size streams.

use std::cell::Cell;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use clap::ValueEnum;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use crate::fail::Fail;

/// How an input is split into messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Every non-blank line is a message.
    Lines,
    /// Every line is a JSON object; the message is in --text-field.
    Jsonl,
    /// CSV with a header row; the message is in the --text-field column.
    Csv,
    /// The whole input is one message.
    Whole,
}

impl InputFormat {
    /// The format of a file by its extension: `.jsonl`/`.ndjson` → JSONL, `.csv` → CSV, else lines.
    pub fn for_path(path: &Path) -> InputFormat {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("jsonl" | "ndjson") => InputFormat::Jsonl,
            Some("csv") => InputFormat::Csv,
            _ => InputFormat::Lines,
        }
    }
}

/// Where messages come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `--text` arguments, one message each.
    Texts(Vec<String>),
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The sources of a `check` run: `--text` values first, then the files in order; stdin
    /// when there is neither (or for a file named `-`).
    pub fn from_args(texts: &[String], files: &[PathBuf]) -> Vec<Source> {
        let mut sources = Vec::new();
        if !texts.is_empty() {
            sources.push(Source::Texts(texts.to_vec()));
        }
        for file in files {
            sources.push(if file.as_os_str() == "-" {
                Source::Stdin
            } else {
                Source::File(file.clone())
            });
        }
        if sources.is_empty() {
            sources.push(Source::Stdin);
        }
        sources
    }

    /// The total size in bytes, when every source is a regular file (for the progress bar).
    pub fn total_bytes(sources: &[Source]) -> Option<u64> {
        sources.iter().try_fold(0, |sum, source| match source {
            Source::Texts(_) => Some(sum),
            Source::Stdin => None,
            Source::File(path) => std::fs::metadata(path)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| sum + m.len()),
        })
    }
}

/// One message and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The file name, `<stdin>` or `<text>`.
    pub source: Arc<str>,
    /// The 1-based line the message starts on (for `--text`, the argument's position).
    pub line: usize,
    /// The message itself.
    pub text: String,
    /// Whether `text` is the source's own content from the start of `line` (line and whole
    /// input), so a position in the text is a line and column of the source; not for JSONL
    /// and CSV fields, whose escapes move columns, nor for `--text`.
    pub verbatim: bool,
}

impl AsRef<str> for Message {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// A batch of messages in input order, with the bytes of file input consumed so far.
#[derive(Debug, Default)]
pub struct Batch {
    /// The messages.
    pub messages: Vec<Message>,
    /// Bytes of file and stdin input read so far, over all sources.
    pub bytes_read: u64,
}

/// What the readers need to know besides the sources.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Forces a format for every source; `None` picks one by extension (stdin: lines).
    pub format: Option<InputFormat>,
    /// The JSON field or CSV column holding the message.
    pub text_field: String,
    /// Messages per batch.
    pub batch_size: usize,
}

/// Reads every source in order and hands batches of at most `batch_size` messages to
/// `emit`, which returns `false` to stop early. At most one batch is held in memory here.
pub fn read_all(
    sources: &[Source],
    options: &ReadOptions,
    emit: impl FnMut(Batch) -> bool,
) -> Result<(), Fail> {
    let mut batcher = Batcher {
        batch: Batch::default(),
        size: options.batch_size.max(1),
        emit,
        stopped: false,
    };
    let counter = Rc::new(Cell::new(0u64));
    for source in sources {
        if batcher.stopped {
            break;
        }
        match source {
            Source::Texts(texts) => {
                let name: Arc<str> = "<text>".into();
                for (index, text) in texts.iter().enumerate() {
                    batcher.push(
                        Message {
                            source: name.clone(),
                            line: index + 1,
                            text: text.clone(),
                            verbatim: false,
                        },
                        &counter,
                    );
                }
            }
            Source::Stdin => {
                let format = options.format.unwrap_or(InputFormat::Lines);
                let reader = Utf8Reader::new(io::stdin().lock(), counter.clone());
                read_source("<stdin>", reader, format, options, &mut batcher, &counter)?;
            }
            Source::File(path) => {
                let name = path.display().to_string();
                let file = File::open(path).map_err(|e| Fail::reading(&name, &e))?;
                if file.metadata().is_ok_and(|m| m.is_dir()) {
                    return Err(Fail(format!("cannot read {name}: it is a directory")));
                }
                let format = options.format.unwrap_or_else(|| InputFormat::for_path(path));
                let reader = Utf8Reader::new(file, counter.clone());
                read_source(&name, reader, format, options, &mut batcher, &counter)?;
            }
        }
    }
    batcher.flush(&counter);
    Ok(())
}

struct Batcher<F: FnMut(Batch) -> bool> {
    batch: Batch,
    size: usize,
    emit: F,
    stopped: bool,
}

impl<F: FnMut(Batch) -> bool> Batcher<F> {
    fn push(&mut self, message: Message, counter: &Cell<u64>) {
        if message.text.trim().is_empty() || self.stopped {
            return;
        }
        self.batch.messages.push(message);
        if self.batch.messages.len() >= self.size {
            self.flush(counter);
        }
    }

    fn flush(&mut self, counter: &Cell<u64>) {
        if self.batch.messages.is_empty() || self.stopped {
            return;
        }
        let mut batch = std::mem::take(&mut self.batch);
        batch.bytes_read = counter.get();
        self.batch.messages.reserve(self.size);
        self.stopped = !(self.emit)(batch);
    }
}

fn read_source<R: Read, F: FnMut(Batch) -> bool>(
    name: &str,
    reader: Utf8Reader<R>,
    format: InputFormat,
    options: &ReadOptions,
    batcher: &mut Batcher<F>,
    counter: &Cell<u64>,
) -> Result<(), Fail> {
    let source: Arc<str> = name.into();
    let io_fail = |e: io::Error| Fail::reading(name, &e);
    match format {
        InputFormat::Whole => {
            let mut text = String::new();
            BufReader::new(reader)
                .read_to_string(&mut text)
                .map_err(io_fail)?;
            strip_bom(&mut text);
            batcher.push(
                Message {
                    source,
                    line: 1,
                    text,
                    verbatim: true,
                },
                counter,
            );
        }
        InputFormat::Lines | InputFormat::Jsonl => {
            let mut reader = BufReader::with_capacity(64 * 1024, reader);
            let mut line = String::new();
            let mut number = 0;
            while !batcher.stopped {
                line.clear();
                if reader.read_line(&mut line).map_err(io_fail)? == 0 {
                    break;
                }
                number += 1;
                if number == 1 {
                    strip_bom(&mut line);
                }
                let trimmed = line.trim_end_matches(['\n', '\r']);
                if trimmed.trim().is_empty() {
                    continue;
                }
                let text = if format == InputFormat::Jsonl {
                    json_text(trimmed, &options.text_field)
                        .map_err(|message| Fail(format!("{name}:{number}: {message}")))?
                } else {
                    trimmed.to_string()
                };
                batcher.push(
                    Message {
                        source: source.clone(),
                        line: number,
                        text,
                        verbatim: format == InputFormat::Lines,
                    },
                    counter,
                );
            }
        }
        InputFormat::Csv => read_csv(name, reader, &options.text_field, batcher, counter)?,
    }
    Ok(())
}

fn strip_bom(text: &mut String) {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
}

fn read_csv<R: Read, F: FnMut(Batch) -> bool>(
    name: &str,
    reader: Utf8Reader<R>,
    field: &str,
    batcher: &mut Batcher<F>,
    counter: &Cell<u64>,
) -> Result<(), Fail> {
    let source: Arc<str> = name.into();
    let csv_fail = |e: csv::Error| match e.kind() {
        csv::ErrorKind::Io(io) => Fail::reading(name, io),
        _ => match e.position() {
            Some(pos) => Fail(format!("{name}:{}: malformed CSV: {e}", pos.line())),
            None => Fail(format!("{name}: malformed CSV: {e}")),
        },
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(reader);
    let headers = reader.headers().map_err(csv_fail)?.clone();
    let column = headers
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}') == field)
        .ok_or_else(|| {
            let columns: Vec<&str> = headers.iter().collect();
            Fail(format!(
                "{name}: no column `{field}` in the CSV header (columns: {}); choose one with --text-field",
                columns.join(", ")
            ))
        })?;
    let mut record = csv::StringRecord::new();
    while !batcher.stopped && reader.read_record(&mut record).map_err(csv_fail)? {
        let line = record.position().map_or(0, |p| p.line() as usize);
        let text = record.get(column).unwrap_or_default().to_string();
        batcher.push(
            Message {
                source: source.clone(),
                line,
                text,
                verbatim: false,
            },
            counter,
        );
    }
    Ok(())
}

/// Extracts the string field `field` of one JSON object, skipping every other field without
/// building it.
fn json_text(line: &str, field: &str) -> Result<String, String> {
    let mut de = serde_json::Deserializer::from_str(line);
    let found = FieldSeed { field }
        .deserialize(&mut de)
        .and_then(|found| de.end().map(|_| found));
    match found {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(format!(
            "no `{field}` field in this JSON object; choose one with --text-field"
        )),
        Err(e) => Err(format!("invalid JSON line: {e}")),
    }
}

struct FieldSeed<'f> {
    field: &'f str,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = Option<String>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a JSON object with a string field `{}`", self.field)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.field && found.is_none() {
                let value: serde_json::Value = map.next_value()?;
                match value {
                    serde_json::Value::String(text) => found = Some(text),
                    other => {
                        return Err(de::Error::custom(format!(
                            "field `{}` is {}, not a string",
                            self.field,
                            json_kind(&other)
                        )))
                    }
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// The error payload of [`Utf8Reader`]: the absolute byte offset of the first invalid byte.
#[derive(Debug)]
struct NotUtf8 {
    offset: u64,
}

impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid UTF-8 at byte offset {}", self.offset)
    }
}

impl std::error::Error for NotUtf8 {}

/// The byte offset of an invalid UTF-8 sequence, when `err` comes from a [`Utf8Reader`].
pub fn not_utf8_offset(err: &io::Error) -> Option<u64> {
    err.get_ref()
        .and_then(|inner| inner.downcast_ref::<NotUtf8>())
        .map(|e| e.offset)
}

/// Passes bytes through only once they are known to be valid UTF-8, so every reader above
/// it (lines, JSON, CSV) fails with the exact offset of the first bad byte. It also counts
/// the bytes passed, for the progress bar.
struct Utf8Reader<R> {
    inner: R,
    buf: Box<[u8]>,
    /// `buf[ready.0..ready.1]` is validated and not yet handed out.
    ready: (usize, usize),
    /// `buf[ready.1..filled]` is the start of a sequence cut by the end of the last read.
    filled: usize,
    /// Absolute offset of `buf[0]` in the input.
    buf_offset: u64,
    counter: Rc<Cell<u64>>,
    /// Where `counter` stood when this reader started (earlier sources).
    base: u64,
}

impl<R: Read> Utf8Reader<R> {
    fn new(inner: R, counter: Rc<Cell<u64>>) -> Utf8Reader<R> {
        let base = counter.get();
        Utf8Reader {
            inner,
            buf: vec![0; 64 * 1024].into_boxed_slice(),
            ready: (0, 0),
            filled: 0,
            buf_offset: 0,
            counter,
            base,
        }
    }

    fn invalid(&self, at: usize) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            NotUtf8 {
                offset: self.buf_offset + at as u64,
            },
        )
    }

    /// Refills `buf` until some validated bytes are ready or the input ends.
    fn refill(&mut self) -> io::Result<()> {
        // Move the carried-over partial sequence (at most 3 bytes) to the front.
        let carried = self.filled - self.ready.1;
        self.buf_offset += self.ready.1 as u64;
        self.buf.copy_within(self.ready.1..self.filled, 0);
        self.ready = (0, 0);
        self.filled = carried;
        while self.ready.1 == 0 {
            let n = match self.inner.read(&mut self.buf[self.filled..]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if n == 0 {
                return if self.filled > 0 {
                    Err(self.invalid(0))
                } else {
                    Ok(())
                };
            }
            self.filled += n;
            let valid = match std::str::from_utf8(&self.buf[..self.filled]) {
                Ok(_) => self.filled,
                Err(e) if e.error_len().is_some() => return Err(self.invalid(e.valid_up_to())),
                Err(e) => e.valid_up_to(),
            };
            self.ready = (0, valid);
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf8Reader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.ready.0 == self.ready.1 {
            self.refill()?;
        }
        let n = out.len().min(self.ready.1 - self.ready.0);
        out[..n].copy_from_slice(&self.buf[self.ready.0..self.ready.0 + n]);
        self.ready.0 += n;
        self.counter
            .set(self.base + self.buf_offset + self.ready.0 as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_through(bytes: &[u8], chunk: usize) -> io::Result<String> {
        // A reader that returns at most `chunk` bytes per call, to cut sequences in half.
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = String::new();
        Utf8Reader::new(Trickle(bytes, chunk), Rc::new(Cell::new(0))).read_to_string(&mut out)?;
        Ok(out)
    }

    #[test]
    fn multibyte_characters_split_across_reads_pass_through_intact() {
        let text = "Здравствуйте, سلام, வணக்கம்!";
        for chunk in 1..6 {
            assert_eq!(read_through(text.as_bytes(), chunk).unwrap(), text);
        }
    }

    #[test]
    fn invalid_byte_is_reported_at_its_absolute_offset() {
        let mut bytes = "ok line\nпривет ".as_bytes().to_vec();
        let offset = bytes.len() as u64;
        bytes.extend_from_slice(b"\xff tail");
        for chunk in [1, 3, 1000] {
            let err = read_through(&bytes, chunk).unwrap_err();
            assert_eq!(not_utf8_offset(&err), Some(offset));
        }
    }

    #[test]
    fn truncated_sequence_at_end_of_input_is_invalid() {
        let bytes = &"ж".as_bytes()[..1];
        let err = read_through(bytes, 10).unwrap_err();
        assert_eq!(not_utf8_offset(&err), Some(0));
    }

    #[test]
    fn json_text_reads_only_the_named_string_field() {
        assert_eq!(
            json_text(r#"{"id":1,"meta":{"a":[1,2]},"text":"hi"}"#, "text").unwrap(),
            "hi"
        );
        assert!(json_text(r#"{"id":1}"#, "text")
            .unwrap_err()
            .contains("no `text` field"));
        assert!(json_text(r#"{"text":null}"#, "text")
            .unwrap_err()
            .contains("null, not a string"));
        assert!(json_text(r#"[1]"#, "text").unwrap_err().contains("invalid JSON"));
        assert!(json_text(r#"{"text":"a"} x"#, "text").is_err());
    }
}
