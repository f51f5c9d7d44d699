//! Validates every built-in lexicon with the library's own parser, so a broken lexicon is a
//! compile error naming the file, the line and the rule, and embeds the enabled ones.

use std::env;
use std::fs;
use std::path::Path;

// The parser and everything it needs, shared with the library so both apply the same checks.
#[allow(dead_code)]
#[path = "src/category.rs"]
mod category;
#[allow(dead_code)]
#[path = "src/error.rs"]
mod error;
#[allow(dead_code)]
#[path = "src/lexicon.rs"]
mod lexicon;
#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;
#[allow(dead_code)]
#[path = "src/openers.rs"]
mod openers;
#[allow(dead_code)]
#[path = "src/pattern.rs"]
mod pattern;

fn main() {
    let dir = Path::new("lexicons");
    println!("cargo::rerun-if-changed=lexicons");
    for shared in ["category", "error", "lexicon", "normalize", "openers", "pattern"] {
        println!("cargo::rerun-if-changed=src/{shared}.rs");
    }

    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("the lexicons/ directory is part of the crate")
        .map(|entry| entry.expect("lexicons/ is readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    // English first: it is the lingua franca, and earlier lexicons win shared literals.
    files.sort_by_key(|p| (p.file_stem().is_none_or(|s| s != "en"), p.clone()));

    let mut embedded = String::from(
        "/// A built-in lexicon: its language code, its TOML source, and the anchor token of every\n\
         /// pattern, in order.\n\
         pub(crate) struct Builtin {\n    pub code: &'static str,\n    pub source: &'static str,\n    \
         pub anchors: &'static [Option<(u32, u32)>],\n}\n\n",
    );
    embedded.push_str("/// The built-in lexicons, English first.\n");
    embedded.push_str("pub(crate) static BUILTIN: &[Builtin] = &[\n");
    let mut failed = false;
    for path in &files {
        let code = path.file_stem().unwrap().to_string_lossy().into_owned();
        let origin = format!("crates/replylint/lexicons/{code}.toml");
        let feature = format!("CARGO_FEATURE_LANG_{}", code.to_uppercase());
        let source = fs::read_to_string(path).expect("lexicon files are UTF-8 text");
        let anchors = match lexicon::Lexicon::parse(&origin, &source) {
            Ok(lex) if lex.language().code != code => {
                println!(
                    "cargo::error={origin}: the file name says `{code}` but [language] code is `{}`",
                    lex.language().code
                );
                failed = true;
                continue;
            }
            Ok(lex) => anchor_tokens(&lex),
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
        embedded.push_str(&format!(
            "    Builtin {{ code: {code:?}, source: include_str!({:?}), anchors: &{anchors:?} }},\n",
            abs.display().to_string()
        ));
    }
    embedded.push_str("];\n");
    if failed {
        return;
    }
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_lexicons.rs");
    fs::write(out, embedded).expect("OUT_DIR is writable");
}

/// For every pattern of every rule, in order, the byte range of the token its split is cut
/// around: choosing it is most of the cost of splitting, so the library reads it from here.
fn anchor_tokens(lexicon: &lexicon::Lexicon) -> Vec<Option<(u32, u32)>> {
    let fold = lexicon::pattern_fold(lexicon.language());
    lexicon
        .rules()
        .iter()
        .flat_map(|rule| &rule.patterns)
        .map(|p| {
            pattern::anchor_token(p, &fold)
                .expect("a pattern that parsed has an anchor or none")
                .map(|token| (token.start as u32, token.end as u32))
        })
        .collect()
}
