//! docs/languages.md carries a table of every built-in language with its pattern counts per
//! category, generated from the lexicons. This test fails when the table is stale; run
//! `REPLYLINT_BLESS=1 cargo test -p replylint-tests --test languages_doc` to rewrite it.

use std::path::Path;

use replylint::{builtin_lexicons, Category};

const BEGIN: &str = "<!-- BEGIN GENERATED: languages table -->";
const END: &str = "<!-- END GENERATED: languages table -->";

fn table() -> String {
    let mut out = String::from("| code | language | rules | patterns | literals |");
    for c in Category::ALL.into_iter().chain(Category::CUSTOMER) {
        out.push_str(&format!(" {} |", c.as_str()));
    }
    out.push_str("\n|---|---|---|---|---|");
    out.push_str(&"---:|".repeat(Category::ALL.len() + Category::CUSTOMER.len()));
    out.push('\n');
    for lexicon in builtin_lexicons() {
        let language = lexicon.language();
        let patterns = |c: Category| -> usize {
            lexicon
                .rules()
                .iter()
                .filter(|r| r.category == c)
                .map(|r| r.patterns.len())
                .sum()
        };
        let total_patterns: usize = lexicon.rules().iter().map(|r| r.patterns.len()).sum();
        let literals: usize = lexicon.rules().iter().map(|r| r.literals().len()).sum();
        out.push_str(&format!(
            "| `{}` | {} ({}) | {} | {} | {} |",
            language.code,
            language.name,
            language.native_name,
            lexicon.rules().len(),
            total_patterns,
            literals
        ));
        for c in Category::ALL.into_iter().chain(Category::CUSTOMER) {
            out.push_str(&format!(" {} |", patterns(c)));
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_languages_table_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/languages.md");
    let doc = std::fs::read_to_string(&path).expect("docs/languages.md exists");
    let (Some(begin), Some(end)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("docs/languages.md lacks the {BEGIN} … {END} markers");
    };
    let current = &doc[begin + BEGIN.len()..end];
    let fresh = format!("\n{}", table());
    if current == fresh {
        return;
    }
    if std::env::var_os("REPLYLINT_BLESS").is_some() {
        let updated = format!("{}{fresh}{}", &doc[..begin + BEGIN.len()], &doc[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    panic!(
        "docs/languages.md is stale; run `REPLYLINT_BLESS=1 cargo test -p replylint-tests --test languages_doc`.\n\
         expected:\n{fresh}"
    );
}
