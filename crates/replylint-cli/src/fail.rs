//! The error type of the command line: a message for the user, exit status 2.

use std::fmt;
use std::io;

/// Exit status when findings at or above `--fail-on` were found.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status for usage errors, unreadable or malformed input, bad configuration.
pub const EXIT_ERROR: u8 = 2;

/// A fatal error, printed as `error: <message>` before exiting with [`EXIT_ERROR`].
#[derive(Debug)]
pub struct Fail(
    /// The message, without the `error: ` prefix.
    pub String,
);

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<replylint::Error> for Fail {
    fn from(err: replylint::Error) -> Fail {
        Fail(err.to_string())
    }
}

impl Fail {
    /// Describes an error that happened while reading `name`, naming the byte offset when
    /// the input is not UTF-8.
    pub fn reading(name: &str, err: &io::Error) -> Fail {
        match crate::input::not_utf8_offset(err) {
            Some(offset) => Fail::not_utf8(name, offset),
            None => Fail(format!("cannot read {name}: {err}")),
        }
    }

    /// `name` is not valid UTF-8 at byte `offset`.
    pub fn not_utf8(name: &str, offset: u64) -> Fail {
        Fail(format!(
            "{name} is not valid UTF-8 (invalid byte at offset {offset})"
        ))
    }
}

/// Reads a whole file as UTF-8, with the error messages of the command line.
pub fn read_utf8_file(path: &std::path::Path) -> Result<String, Fail> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Fail::reading(&name, &e))?;
    String::from_utf8(bytes).map_err(|e| Fail::not_utf8(&name, e.utf8_error().valid_up_to() as u64))
}
