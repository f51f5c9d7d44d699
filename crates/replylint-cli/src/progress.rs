//! The progress bar on stderr for long runs.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Runs with fewer messages than this finish too fast for a bar to help.
const MIN_MESSAGES: usize = 1_000;

/// Shows progress once more than [`MIN_MESSAGES`] messages were read, and only when stderr is
/// a terminal. Measured in bytes when every input is a file of known size, else in messages.
pub struct Progress {
    enabled: bool,
    total_bytes: Option<u64>,
    bar: Option<ProgressBar>,
    messages: usize,
}

impl Progress {
    /// A progress tracker for inputs of `total_bytes` (`None`: unknown, e.g. stdin).
    pub fn new(total_bytes: Option<u64>) -> Progress {
        Progress {
            enabled: std::io::stderr().is_terminal(),
            total_bytes,
            bar: None,
            messages: 0,
        }
    }

    /// Records a batch of `messages` after which `bytes_read` bytes were consumed.
    pub fn advance(&mut self, messages: usize, bytes_read: u64) {
        self.messages += messages;
        if self.bar.is_none() && self.enabled && self.messages > MIN_MESSAGES {
            self.bar = Some(self.make_bar());
        }
        if let Some(bar) = &self.bar {
            match self.total_bytes {
                Some(_) => bar.set_position(bytes_read),
                None => bar.set_position(self.messages as u64),
            }
            bar.set_message(format!("{} messages", self.messages));
        }
    }

    fn make_bar(&self) -> ProgressBar {
        let bar = match self.total_bytes {
            Some(total) => ProgressBar::new(total).with_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] [{wide_bar}] {bytes}/{total_bytes} {msg} (eta {eta})",
                )
                .expect("valid template")
                .progress_chars("=> "),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg} ({per_sec})")
                    .expect("valid template"),
            ),
        };
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    }

    /// Runs `f` (which writes to stdout) with the bar hidden, so the two never interleave.
    pub fn suspend<T>(&self, f: impl FnOnce() -> T) -> T {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
