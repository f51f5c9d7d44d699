//! Heap bytes held by the built-in lexicons and by built analyzers, counted by a global
//! allocator that tracks live bytes. Prints a Markdown table.
//!
//! ```text
//! cargo run --release -p replylint-benches --example memory
//! ```
//!
//! The lexicons are parsed once per process and shared by every analyzer built from them
//! (with what is worked out from them on first use, such as the opener templates), so they are
//! counted apart: "the first `Analyzer::new()`" is both, "a later default build" is what one
//! more analyzer adds.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use replylint::Analyzer;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The live heap bytes `work`'s result holds.
fn held<T>(work: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    let value = work();
    (value, LIVE.load(Ordering::Relaxed).saturating_sub(before))
}

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn main() {
    let (first, first_bytes) = held(Analyzer::new);
    let (lexicons, lexicon_bytes) = held(|| replylint::builtin_lexicons().len());
    assert!(lexicons > 0 && lexicon_bytes == 0, "Analyzer::new() parsed them");
    let (later, later_bytes) = held(|| Analyzer::builder().build().unwrap());
    let (english, english_bytes) = held(|| Analyzer::builder().languages(["en"]).build().unwrap());

    println!("| heap held by | bytes |");
    println!("|---|---:|");
    println!(
        "| the first `Analyzer::new()`: {lexicons} built-in lexicons, what is worked out from them, the analyzer | {} |",
        mib(first_bytes)
    );
    println!("| a later default build (all languages) | {} |", mib(later_bytes));
    println!("| an English-only build | {} |", mib(english_bytes));
    drop((first, later, english));
}
