//! Analysing a long reply needs working memory bounded by the analyzer's chunk size, not
//! proportional to the reply: only the report grows with the text, by its findings.
//!
//! This test binary counts every allocation (its own global allocator), so it holds only this
//! test; the 100 MB figure in docs/reliability.md comes from `examples/peak_memory.rs`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use replylint::Analyzer;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most bytes allocated at once during `f`, above what was live before it.
fn peak_extra(f: impl FnOnce()) -> usize {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    f();
    PEAK.load(Relaxed) - before
}

#[test]
fn a_long_clean_reply_is_analysed_in_bounded_extra_memory() {
    let analyzer = Analyzer::new();
    analyzer.analyze("warm up: detection tables and the automaton are built once");
    let unit = "Thanks for waiting, your parcel left our warehouse today. Ваш заказ уже в пути. 🙂\n";
    let mut extra = Vec::new();
    for mb in [4, 16] {
        let text = unit.repeat(mb * 1_000_000 / unit.len());
        extra.push(peak_extra(|| {
            assert!(analyzer.analyze(&text).findings().is_empty())
        }));
    }
    // A few chunks' worth of buffers (a chunk is 1 MiB), whatever the length: four times the
    // text used to take eighteen times the memory.
    assert!(extra[0] < 32 << 20, "4 MB of text took {} MiB", extra[0] >> 20);
    assert!(
        extra[1] < extra[0] + (4 << 20),
        "16 MB took {} MiB, 4 MB {} MiB: memory grows with the text",
        extra[1] >> 20,
        extra[0] >> 20
    );
}
