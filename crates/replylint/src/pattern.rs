//! Lexicon pattern syntax, expanded to plain literals for one Aho-Corasick automaton.
//!
//! * words are matched as written (after [normalisation](crate::normalize));
//! * `(a|b|c)` is exactly one of the alternatives;
//! * `[a]` is optional, `[a|b]` is optional and one of the alternatives;
//! * groups nest; `\(`, `\)`, `\[`, `\]`, `\|` and `\\` are literal characters;
//! * a zero-width non-joiner (U+200C, as in Persian `نمی‌توانیم`) also matches a space or
//!   nothing, so the three ways people type such words all match one pattern.
//!
//! Whitespace runs inside an expansion become one space, and the ends are trimmed, so
//! `sorry[,] but` expands to `sorry, but` and `sorry but`.

/// The most literals one pattern may expand to. Past it, expansion stops with an error
/// rather than building a huge automaton.
pub const MAX_EXPANSIONS: usize = 1024;

const ZWNJ: char = '\u{200C}';

/// Why a pattern could not be expanded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    /// An opening bracket without its closing one.
    #[error("`{0}` is never closed")]
    Unclosed(char),
    /// A closing bracket with no opening one, or the wrong one.
    #[error("unexpected `{0}` at byte {1}")]
    Unexpected(char, usize),
    /// `|` outside any group.
    #[error("`|` at byte {0} is outside a group; write `(a|b)` or `[a|b]`")]
    BareBar(usize),
    /// An alternative with nothing in it.
    #[error("empty alternative in a group; use `[...]` for optional words")]
    EmptyAlternative,
    /// A trailing backslash.
    #[error("the pattern ends with a lone `\\`")]
    TrailingEscape,
    /// The cartesian product of the groups is too large.
    #[error("expands to more than {MAX_EXPANSIONS} literals; split it into several patterns")]
    TooManyExpansions,
}

#[derive(Debug)]
enum Node {
    Text(String),
    Group {
        alternatives: Vec<Vec<Node>>,
        optional: bool,
    },
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn next_char(&mut self) -> Option<char> {
        let c = self.src[self.pos..].chars().next()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Parses a sequence until a closing bracket or `|` (returned, unconsumed) or the end.
    fn sequence(&mut self) -> Result<Vec<Node>, PatternError> {
        let mut nodes = Vec::new();
        let mut text = String::new();
        while let Some(c) = self.src[self.pos..].chars().next() {
            match c {
                ')' | ']' | '|' => break,
                '(' | '[' => {
                    self.pos += 1;
                    if !text.is_empty() {
                        nodes.push(Node::Text(std::mem::take(&mut text)));
                    }
                    nodes.push(self.group(c)?);
                }
                '\\' => {
                    self.pos += 1;
                    text.push(self.next_char().ok_or(PatternError::TrailingEscape)?);
                }
                ZWNJ => {
                    self.pos += c.len_utf8();
                    if !text.is_empty() {
                        nodes.push(Node::Text(std::mem::take(&mut text)));
                    }
                    nodes.push(Node::Group {
                        alternatives: vec![vec![Node::Text(ZWNJ.into())], vec![Node::Text(" ".into())]],
                        optional: false,
                    });
                }
                _ => {
                    self.pos += c.len_utf8();
                    text.push(c);
                }
            }
        }
        if !text.is_empty() {
            nodes.push(Node::Text(text));
        }
        Ok(nodes)
    }

    fn group(&mut self, open: char) -> Result<Node, PatternError> {
        let close = if open == '(' { ')' } else { ']' };
        let mut alternatives = Vec::new();
        loop {
            let alternative = self.sequence()?;
            if alternative
                .iter()
                .all(|n| matches!(n, Node::Text(t) if t.trim().is_empty()))
            {
                return Err(PatternError::EmptyAlternative);
            }
            alternatives.push(alternative);
            match self.next_char() {
                Some('|') => continue,
                Some(c) if c == close => break,
                Some(c) => return Err(PatternError::Unexpected(c, self.pos - 1)),
                None => return Err(PatternError::Unclosed(open)),
            }
        }
        Ok(Node::Group {
            alternatives,
            optional: open == '[',
        })
    }
}

/// Expands a pattern into the literals it stands for, whitespace-folded and trimmed,
/// without duplicates, in the order written.
///
/// ```
/// use replylint::pattern::expand;
///
/// assert_eq!(
///     expand("(it's|it is) [our] policy").unwrap(),
///     ["it's policy", "it's our policy", "it is policy", "it is our policy"],
/// );
/// assert!(expand("(unclosed").is_err());
/// ```
pub fn expand(pattern: &str) -> Result<Vec<String>, PatternError> {
    let mut parser = Parser { src: pattern, pos: 0 };
    let nodes = parser.sequence()?;
    if let Some(c) = parser.src[parser.pos..].chars().next() {
        return Err(if c == '|' {
            PatternError::BareBar(parser.pos)
        } else {
            PatternError::Unexpected(c, parser.pos)
        });
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for raw in expand_sequence(&nodes)? {
        let folded = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if seen.insert(folded.clone()) {
            out.push(folded);
        }
    }
    Ok(out)
}

fn expand_sequence(nodes: &[Node]) -> Result<Vec<String>, PatternError> {
    let mut acc = vec![String::new()];
    for node in nodes {
        let options = match node {
            Node::Text(t) => vec![t.clone()],
            Node::Group {
                alternatives,
                optional,
            } => {
                let mut options = if *optional {
                    vec![String::new()]
                } else {
                    Vec::new()
                };
                for alternative in alternatives {
                    options.extend(expand_sequence(alternative)?);
                }
                options
            }
        };
        if acc.len().saturating_mul(options.len()) > MAX_EXPANSIONS {
            return Err(PatternError::TooManyExpansions);
        }
        acc = acc
            .iter()
            .flat_map(|prefix| {
                options.iter().map(move |o| {
                    let mut joined = String::with_capacity(prefix.len() + o.len());
                    joined.push_str(prefix);
                    joined.push_str(o);
                    joined
                })
            })
            .collect();
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_one_literal() {
        assert_eq!(expand("company policy").unwrap(), ["company policy"]);
    }

    #[test]
    fn whitespace_is_folded_and_trimmed() {
        assert_eq!(expand("  sorry[,]   but ").unwrap(), ["sorry but", "sorry, but"]);
    }

    #[test]
    fn optional_groups_come_first_as_absent() {
        assert_eq!(expand("[our] policy").unwrap(), ["policy", "our policy"]);
    }

    #[test]
    fn optional_alternation() {
        assert_eq!(
            expand("[the|our] rules").unwrap(),
            ["rules", "the rules", "our rules"]
        );
    }

    #[test]
    fn nested_groups() {
        assert_eq!(
            expand("(can('t| not)|cannot) help").unwrap(),
            ["can't help", "can not help", "cannot help"]
        );
    }

    #[test]
    fn escapes_are_literal() {
        assert_eq!(expand(r"\(sic\) a\|b").unwrap(), ["(sic) a|b"]);
    }

    #[test]
    fn zwnj_also_matches_a_space() {
        let lits = expand("نمی\u{200C}توانیم").unwrap();
        assert_eq!(lits, ["نمی\u{200C}توانیم", "نمی توانیم"]);
    }

    #[test]
    fn duplicates_are_removed() {
        assert_eq!(expand("(a|a) b").unwrap(), ["a b"]);
    }

    #[test]
    fn syntax_errors_are_reported() {
        assert_eq!(expand("(a|b"), Err(PatternError::Unclosed('(')));
        assert_eq!(expand("[a"), Err(PatternError::Unclosed('[')));
        assert_eq!(expand("a)"), Err(PatternError::Unexpected(')', 1)));
        assert_eq!(expand("(a]"), Err(PatternError::Unexpected(']', 2)));
        assert_eq!(expand("a|b"), Err(PatternError::BareBar(1)));
        assert_eq!(expand("(a|)"), Err(PatternError::EmptyAlternative));
        assert_eq!(expand("[ ]"), Err(PatternError::EmptyAlternative));
        assert_eq!(expand("a\\"), Err(PatternError::TrailingEscape));
    }

    #[test]
    fn expansion_is_capped() {
        // 4^5 = 1024 is allowed; one more group is not.
        let ok = "(a|b|c|d) ".repeat(5);
        assert_eq!(expand(&ok).unwrap().len(), 1024);
        let too_many = "(a|b|c|d) ".repeat(6);
        assert_eq!(expand(&too_many), Err(PatternError::TooManyExpansions));
    }
}
