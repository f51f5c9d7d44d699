//! The workloads `benches/instructions` counts under callgrind. Only what runs inside
//! `measured` is counted, so set-up (building the corpus, warming caches) stays out.
//!
//! ```text
//! instructions reply N        analyze the 200-byte reply N times
//! instructions bulk BYTES     analyze the mixed corpus, BYTES of it, one reply at a time
//! instructions mixed BYTES    the same over the short replies of build/corpus/replies.txt
//!                             (`short_replies`: 40-400 bytes, all 16 languages)
//! instructions grouped BYTES  the short replies of `mixed`, grouped by language
//! instructions batch BYTES    the short replies of `mixed` through `analyze_batch`, whose work
//!                             runs on rayon's threads, outside `measured`: count a part of
//!                             it by name, e.g. --toggle-collect='*Detector*group_of*'
//! instructions lang CODE BYTES  the same over the short replies in the language CODE alone
//! instructions long BYTES     analyze one text of BYTES cut from the threads (`text_of_len`)
//! instructions quarters BYTES the same text cut in four, each quarter analysed apart
//! instructions floor BYTES    raw aho-corasick over every expanded literal, same text lowercased
//! instructions first          the process's first Analyzer::new() (reads the built-in lexicons)
//! instructions build N        N more default builds, all languages
//! instructions english N      N English-only builds
//! ```
//! Each prints the number of units it measured (replies, bytes or builds) on stdout.

use replylint::Analyzer;
use replylint_benches::{floor, floor_count, replies, short_replies, text_of_len, CORPUS_SEED, REPLY_200B};

/// Everything callgrind counts runs in here (`--toggle-collect=*measured*`).
#[inline(never)]
fn measured<T>(work: impl FnOnce() -> T) -> T {
    work()
}

/// Analyses each text of `corpus` in the measured part; its size in bytes.
fn analyze_each(corpus: Vec<String>) -> usize {
    let analyzer = Analyzer::new();
    measured(|| {
        corpus
            .iter()
            .map(|r| analyzer.analyze(r).findings().len())
            .sum::<usize>()
    });
    corpus.iter().map(String::len).sum()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The count after the workload's name, or after the language's code.
    let count = |at: usize| -> usize { args.get(at).map_or(1, |s| s.parse().expect("a count")) };
    let workload = args.first().map(String::as_str);
    let n = if workload == Some("lang") { 0 } else { count(1) };
    let units = match workload {
        Some("reply") => {
            let analyzer = Analyzer::new();
            let found: usize = measured(|| {
                (0..n)
                    .map(|_| analyzer.analyze(REPLY_200B).findings().len())
                    .sum()
            });
            assert!(found > 0);
            n
        }
        Some("bulk") => analyze_each(replies(7, n)),
        Some("mixed") => analyze_each(
            short_replies(CORPUS_SEED, n)
                .into_iter()
                .map(|s| s.text)
                .collect(),
        ),
        Some("batch") => {
            let texts: Vec<String> = short_replies(CORPUS_SEED, n)
                .into_iter()
                .map(|s| s.text)
                .collect();
            let analyzer = Analyzer::new();
            let found: usize = measured(|| {
                analyzer
                    .analyze_batch(&texts)
                    .iter()
                    .map(|r| r.findings().len())
                    .sum()
            });
            assert!(found > 0);
            texts.iter().map(String::len).sum()
        }
        Some("grouped") => analyze_each({
            let mut samples = short_replies(CORPUS_SEED, n);
            samples.sort_by_key(|s| s.language);
            samples.into_iter().map(|s| s.text).collect()
        }),
        Some("lang") => {
            let code = args.get(1).expect("a language code");
            let bytes = count(2);
            // Enough of the corpus to hold `bytes` of one of its sixteen languages.
            let mut texts = short_replies(CORPUS_SEED, bytes * 32)
                .into_iter()
                .filter(|s| s.language == code.as_str())
                .map(|s| s.text);
            let mut size = 0;
            let corpus = texts
                .by_ref()
                .take_while(|t| {
                    size += t.len();
                    size <= bytes + t.len()
                })
                .collect();
            analyze_each(corpus)
        }
        Some("long") => {
            let analyzer = Analyzer::new();
            let text = text_of_len(CORPUS_SEED, n);
            measured(|| analyzer.analyze(&text).findings().len());
            text.len()
        }
        Some("quarters") => {
            let analyzer = Analyzer::new();
            let text = text_of_len(CORPUS_SEED, n);
            let cut = |k: usize| (0..=k * text.len() / 4).rev().find(|&i| text.is_char_boundary(i));
            let cuts: Vec<usize> = (0..=4).filter_map(cut).collect();
            measured(|| {
                cuts.windows(2)
                    .map(|w| analyzer.analyze(&text[w[0]..w[1]]).findings().len())
                    .sum::<usize>()
            });
            text.len()
        }
        Some("floor") => {
            let floor = floor(None);
            let lowered: Vec<String> = replies(7, n).iter().map(|r| r.to_lowercase()).collect();
            measured(|| floor_count(&floor, &lowered));
            lowered.iter().map(String::len).sum()
        }
        Some("first") => {
            measured(Analyzer::new);
            1
        }
        Some("build") => {
            Analyzer::new();
            measured(|| {
                (0..n)
                    .map(|_| Analyzer::builder().build().unwrap().languages().len())
                    .sum::<usize>()
            });
            n
        }
        Some("english") => {
            Analyzer::new();
            let build = || Analyzer::builder().languages(["en"]).build().unwrap();
            measured(|| (0..n).map(|_| build().languages().len()).sum::<usize>());
            n
        }
        _ => panic!("usage: instructions reply|bulk|mixed|lang|long|quarters|floor|first|build|english [N]"),
    };
    println!("{units}");
}
