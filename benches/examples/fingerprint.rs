//! One hash of every finding over the benchmark corpus and the short mixed replies, to
//! check that a change meant to be faster finds what it found before:
//!
//! ```text
//! cargo run --release -p replylint-benches --example fingerprint [BYTES]
//! ```
//!
//! BYTES of the corpus (20,000,000 unless given) and a quarter as many of the short replies
//! are analysed one at a time; each finding's text number, rule and spans in bytes, code
//! points and UTF-16 units go into the hash. Run it at two commits and compare the lines.

use std::hash::{Hash, Hasher};

use replylint::Analyzer;
use replylint_benches::{replies, short_replies, CORPUS_SEED};

fn main() {
    let bytes: usize = std::env::args()
        .nth(1)
        .map_or(20_000_000, |s| s.parse().expect("a number of bytes"));
    let analyzer = Analyzer::new();
    let mut texts = replies(7, bytes);
    texts.extend(short_replies(CORPUS_SEED, bytes / 4).into_iter().map(|s| s.text));
    // The same on every machine and run of one toolchain, which is all a comparison needs.
    let mut hash = std::collections::hash_map::DefaultHasher::new();
    let mut findings = 0;
    for (i, text) in texts.iter().enumerate() {
        for f in analyzer.analyze(text).findings() {
            (
                i,
                f.rule_id(),
                f.span().range(),
                f.char_span().range(),
                f.utf16_span().range(),
            )
                .hash(&mut hash);
            findings += 1;
        }
    }
    println!(
        "texts {} findings {findings} hash {:016x}",
        texts.len(),
        hash.finish()
    );
}
