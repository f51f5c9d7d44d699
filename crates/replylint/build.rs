//! Validates every built-in lexicon with the library's own parser, so a broken lexicon is a
//! compile error naming the file, the line and the rule, and embeds the enabled ones.

use std::env;
use std::fs;
use std::path::Path;

// The parser and everything it needs, shared with the library so both apply the same checks,
// and what the default analyzer's automaton is built with.
#[allow(dead_code)]
#[path = "src/assemble.rs"]
mod assemble;
#[allow(dead_code)]
#[path = "src/category.rs"]
mod category;
#[allow(dead_code)]
#[path = "src/error.rs"]
mod error;
#[allow(dead_code)]
#[path = "src/grouped.rs"]
mod grouped;
#[allow(dead_code)]
#[path = "src/heuristics.rs"]
mod heuristics;
#[allow(dead_code)]
#[path = "src/lexicon.rs"]
mod lexicon;
#[allow(dead_code)]
#[path = "src/matcher.rs"]
mod matcher;
#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;
#[allow(dead_code)]
#[path = "src/openers.rs"]
mod openers;
#[allow(dead_code)]
#[path = "src/pattern.rs"]
mod pattern;

#[allow(dead_code)]
#[path = "src/search.rs"]
mod search;

#[allow(dead_code)]
#[path = "src/snapshot.rs"]
mod snapshot;

#[allow(dead_code)]
#[path = "src/swar.rs"]
mod swar;

/// What the library embeds, worked out here by the code that writes it.
mod char_classes {
    pub(crate) static BITS: std::sync::LazyLock<crate::normalize::CharClassBits> =
        std::sync::LazyLock::new(crate::normalize::char_class_bits);
}

fn main() {
    let dir = Path::new("lexicons");
    println!("cargo::rerun-if-changed=lexicons");
    for shared in [
        "assemble",
        "category",
        "error",
        "grouped",
        "heuristics",
        "lexicon",
        "matcher",
        "normalize",
        "openers",
        "pattern",
        "search",
        "snapshot",
        "swar",
    ] {
        println!("cargo::rerun-if-changed=src/{shared}.rs");
    }

    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("the lexicons/ directory is part of the crate")
        .map(|entry| entry.expect("lexicons/ is readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    // English first: it is the lingua franca, and earlier lexicons win shared literals.
    files.sort_by_key(|p| (p.file_stem().is_none_or(|s| s != "en"), p.clone()));

    let out_dir = env::var("OUT_DIR").unwrap();
    write_char_classes(Path::new(&out_dir));
    write_sentence_breaks(Path::new(&out_dir));
    let mut embedded = String::from(
        "/// A built-in lexicon: what parsing it and building the first analyzer work out\n\
         /// (`Lexicon::precomputed`), and for the tests its language code and TOML source.\n\
         pub(crate) struct Builtin {\n    pub precomputed: &'static str,\n    \
         #[cfg(test)]\n    pub code: &'static str,\n    #[cfg(test)]\n    pub source: &'static str,\n}\n\n",
    );
    embedded.push_str("/// The built-in lexicons, English first.\n");
    embedded.push_str("pub(crate) static BUILTIN: &[Builtin] = &[\n");
    let mut failed = false;
    // The enabled lexicons, in order.
    let mut builtin = Vec::new();
    for path in &files {
        let code = path.file_stem().unwrap().to_string_lossy().into_owned();
        let origin = format!("crates/replylint/lexicons/{code}.toml");
        let feature = format!("CARGO_FEATURE_LANG_{}", code.to_uppercase());
        let source = fs::read_to_string(path).expect("lexicon files are UTF-8 text");
        let lexicon = match lexicon::Lexicon::parse(&origin, &source) {
            Ok(lex) if lex.language().code != code => {
                println!(
                    "cargo::error={origin}: the file name says `{code}` but [language] code is `{}`",
                    lex.language().code
                );
                failed = true;
                continue;
            }
            Ok(lex) => lex,
            Err(e) => {
                println!("cargo::error={e}");
                failed = true;
                continue;
            }
        };
        if env::var_os(&feature).is_none() {
            if env::var_os("CARGO_FEATURE_ALL_LANGUAGES").is_some() {
                println!("cargo::error={origin}: add a `lang-{code}` feature to crates/replylint/Cargo.toml and list it in `all-languages`");
                failed = true;
            }
            continue;
        }
        let abs = fs::canonicalize(path).expect("lexicon path exists");
        let data = Path::new(&out_dir).join(format!("{code}.precomputed"));
        fs::write(&data, lexicon.precomputed()).expect("OUT_DIR is writable");
        builtin.push(lexicon);
        embedded.push_str(&format!(
            "    Builtin {{ precomputed: include_str!({:?}), #[cfg(test)] code: {code:?}, #[cfg(test)] source: include_str!({:?}) }},\n",
            data.display().to_string(),
            abs.display().to_string()
        ));
    }
    embedded.push_str("];\n");
    if failed {
        return;
    }
    embedded.push_str(
        "\n/// The automaton and the opener templates of the default analyzer (`assemble`,\n\
         /// `Matcher::encode`, `Openers::encode`), when the `precomputed` feature is on.\n",
    );
    let embed = env::var_os("CARGO_FEATURE_PRECOMPUTED").is_some();
    let (matcher, openers) = if embed {
        default_automata(&builtin)
    } else {
        Default::default()
    };
    for (name, bytes) in [("MATCHER", matcher), ("OPENERS", openers)] {
        if embed {
            let path = Path::new(&out_dir).join(format!("default_{}", name.to_lowercase()));
            fs::write(&path, bytes).expect("OUT_DIR is writable");
            embedded.push_str(&format!(
                "pub(crate) static DEFAULT_{name}: Option<&[u8]> = Some(include_bytes!({:?}));\n",
                path.display().to_string()
            ));
        } else {
            embedded.push_str(&format!(
                "pub(crate) static DEFAULT_{name}: Option<&[u8]> = None;\n"
            ));
        }
    }
    let out = Path::new(&out_dir).join("builtin_lexicons.rs");
    fs::write(out, embedded).expect("OUT_DIR is writable");
}

/// The matcher and the opener templates that `AnalyzerBuilder::build` makes with the default
/// options from `builtin`, the enabled built-in lexicons in order, encoded: every rule
/// enabled, no glossary.
fn default_automata(builtin: &[lexicon::Lexicon]) -> (Vec<u8>, Vec<u8>) {
    let lexicons: Vec<&lexicon::Lexicon> = builtin.iter().collect();
    let folds = assemble::word_folds(&lexicons);
    let mut next = 0;
    let rule_indices: Vec<Vec<Option<usize>>> = lexicons
        .iter()
        .map(|l| {
            let first = next;
            next += l.rules().len();
            (first..next).map(Some).collect()
        })
        .collect();
    let (particles, group_of) = assemble::particle_groups(&lexicons);
    let cue_words = lexicon::cue_literals(lexicons.iter().map(|l| l.context()));
    let (words, _) = assemble::WalkWords::new(&cue_words, &folds, &particles);
    let splits = assemble::splits(&lexicons, &rule_indices, &group_of, Vec::new(), &folds);
    let matcher = matcher::Matcher::new(&splits, &words).expect("the built-in lexicons make an automaton");
    let mut out = snapshot::Out::default();
    matcher.encode(&mut out);
    let parts = lexicons.iter().map(|l| l.openers()).zip(&rule_indices);
    let openers = openers::Openers::new(
        parts.map(|(part, indices)| (part, indices.as_slice())),
        openers::DEFAULT_OPENER_SIMILARITY,
    );
    let mut templates = snapshot::Out::default();
    openers.encode(&mut templates);
    (out.0, templates.0)
}

/// Writes the bitmaps of `normalize`'s character classes as an array expression.
fn write_char_classes(out_dir: &Path) {
    let mut table = String::from("[\n");
    for class in char_classes::BITS.iter() {
        table.push_str("    [");
        for word in class {
            table.push_str(&format!("{word:#x},"));
        }
        table.push_str("],\n");
    }
    table.push_str("]\n");
    fs::write(out_dir.join("char_classes.rs"), table).expect("OUT_DIR is writable");
}

/// The sentence-break properties in the order of their codes in `sentence_breaks.rs`, which
/// `sentences::Property::of_code` reads back; code 0 is a character that no property
/// below and no other assigned character of this Unicode version has.
const SENTENCE_BREAKS: [&str; 14] = [
    "CR",
    "LF",
    "Sep",
    "Sp",
    "Lower",
    "Upper",
    "OLetter",
    "Numeric",
    "ATerm",
    "STerm",
    "Close",
    "SContinue",
    "Extend",
    "Format",
];

/// The properties that changed in the Unicode version of unicode-segmentation (17), newer than
/// `regex-syntax`'s (16), for characters assigned in both; the sentences tests find any other.
const NEWER_UNICODE: &[(char, &str)] = &[('\u{295}', "OLetter")];

/// Writes every character's sentence-break property (Unicode UAX #29) as two arrays: the
/// block of 256 properties each 256 characters use, `BLOCK_OF`, and the distinct blocks,
/// `BLOCKS`. Other assigned characters are code 15; unassigned ones 0, so that the library
/// leaves text with one to unicode-segmentation, whose Unicode version may be newer.
fn write_sentence_breaks(out_dir: &Path) {
    use regex_syntax::hir::{Class, HirKind};
    let ranges = |property: &str| {
        let hir = regex_syntax::parse(&format!(r"\p{{{property}}}")).expect("a Unicode property");
        match hir.kind() {
            HirKind::Class(Class::Unicode(class)) => class
                .ranges()
                .iter()
                .map(|r| (r.start() as usize, r.end() as usize))
                .collect::<Vec<_>>(),
            // A class of one character comes back as that character.
            HirKind::Literal(literal) => {
                let c = std::str::from_utf8(&literal.0)
                    .ok()
                    .and_then(|s| s.chars().next())
                    .expect("a literal of one character") as usize;
                vec![(c, c)]
            }
            _ => panic!("\\p{{{property}}} is not a class"),
        }
    };
    const OTHER: u8 = 15;
    let mut code = vec![OTHER; 0x110000];
    for (start, end) in ranges("Unassigned") {
        code[start..=end].fill(0);
    }
    for (i, name) in SENTENCE_BREAKS.iter().enumerate() {
        for (start, end) in ranges(&format!("Sentence_Break={name}")) {
            code[start..=end].fill(i as u8 + 1);
        }
    }
    for &(c, name) in NEWER_UNICODE {
        let i = SENTENCE_BREAKS
            .iter()
            .position(|n| *n == name)
            .expect("a property name");
        code[c as usize] = i as u8 + 1;
    }
    let mut blocks: Vec<&[u8]> = Vec::new();
    let mut block_of = Vec::new();
    for block in code.chunks(256) {
        let i = blocks.iter().position(|b| *b == block).unwrap_or_else(|| {
            blocks.push(block);
            blocks.len() - 1
        });
        block_of.push(u8::try_from(i).expect("at most 256 distinct blocks"));
    }
    let mut table = format!(
        "pub(crate) static BLOCK_OF: [u8; {}] = {block_of:?};\n",
        block_of.len()
    );
    table.push_str(&format!(
        "pub(crate) static BLOCKS: [[u8; 256]; {}] = [\n",
        blocks.len()
    ));
    for block in blocks {
        table.push_str(&format!("    {block:?},\n"));
    }
    table.push_str("];\n");
    fs::write(out_dir.join("sentence_breaks.rs"), table).expect("OUT_DIR is writable");
}
