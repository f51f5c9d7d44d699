//! Lexicon pattern syntax, expanded to plain literals and cut around the anchors the matcher
//! searches for.
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

use std::borrow::Cow;

/// The most literals one pattern may expand to. Past it, expansion stops with an error
/// rather than building a huge automaton.
pub const MAX_EXPANSIONS: usize = 1024;

/// How deep groups may nest. Parsing and expansion recurse once per level, so without a
/// limit a pattern of ten thousand `(` overflows the stack and aborts the process.
pub const MAX_NESTING: usize = 32;

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
    /// Groups nested deeper than [`MAX_NESTING`].
    #[error("groups nest more than {MAX_NESTING} deep; split it into several patterns")]
    TooDeep,
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
    /// Groups open at `pos`.
    depth: usize,
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
        if self.depth == MAX_NESTING {
            return Err(PatternError::TooDeep);
        }
        self.depth += 1;
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
        self.depth -= 1;
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
    let mut parser = Parser {
        src: pattern,
        pos: 0,
        depth: 0,
    };
    let nodes = parser.sequence()?;
    if let Some(c) = parser.src[parser.pos..].chars().next() {
        return Err(if c == '|' {
            PatternError::BareBar(parser.pos)
        } else {
            PatternError::Unexpected(c, parser.pos)
        });
    }
    let mut seen = rustc_hash::FxHashSet::default();
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

/// A pattern cut for matching around one of its tokens, the *anchor*: every literal the
/// pattern stands for is one of `prefixes`, one of `anchors`, and one of `suffixes`, joined
/// by single spaces where the prefix or suffix is not empty. Only anchors go into the
/// automaton; prefixes and suffixes are checked around each anchor found, so a pattern with
/// a thousand expansions costs a few dozen strings instead of a thousand.
///
/// The parts of a built-in lexicon's splits borrow the data that `build.rs` embedded, so
/// reading one allocates no string per part; those of other lexicons are owned.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Split {
    /// What may stand before the anchor (`""` when nothing may).
    pub prefixes: Vec<Cow<'static, str>>,
    /// The forms of the anchor token; never empty strings.
    pub anchors: Vec<Cow<'static, str>>,
    /// What may stand after the anchor (`""` when nothing may).
    pub suffixes: Vec<Cow<'static, str>>,
}

impl Split {
    /// Every literal this split stands for.
    pub fn literals(&self) -> impl Iterator<Item = String> + '_ {
        self.prefixes.iter().flat_map(move |p| {
            self.anchors.iter().flat_map(move |a| {
                self.suffixes.iter().map(move |s| {
                    [&**p, &**a, &**s]
                        .into_iter()
                        .filter(|part| !part.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
            })
        })
    }
}

/// Anchors shorter than this are common words; a longer one is preferred when there is one.
const SELECTIVE_ANCHOR_BYTES: usize = 5;

/// How good an anchor is, lowest best: short or not; whether a form is a common word; among
/// short ones, the longer; then how many neighbours; then how long.
type AnchorScore = (
    bool,
    bool,
    std::cmp::Reverse<usize>,
    usize,
    std::cmp::Reverse<usize>,
);

/// Cuts `pattern` (already known to expand) around its best token (see [`anchor_token`]),
/// normalising every part with `normalize`; `common` tells the words of the lexicon's
/// language that most texts in it hold (its stop words, normalised).
pub(crate) fn split(
    pattern: &str,
    normalize: &dyn Fn(&str) -> String,
    common: &dyn Fn(&str) -> bool,
) -> Result<Split, PatternError> {
    split_at(pattern, anchor_token(pattern, normalize, common)?, normalize)
}

/// The byte range of the token of `pattern` that [`split`] cuts around, or `None` when every
/// token may be absent. Tokens are what top-level spaces separate: a word, a group, or words
/// glued to groups (`apologi(s|z)e`). A token that may be absent (`[our]`) cannot anchor.
///
/// Every time an anchor is found, its prefixes and suffixes are checked, so the best anchor
/// is the one found least often: at least five bytes in all its forms if any token is; then
/// none of its forms a `common` word; among short ones, the longest, as the shortest words
/// are the commonest; then the one that leaves the fewest prefixes and suffixes to check;
/// then the longest. (Before `common` and length among short tokens counted, the English
/// `i` anchored `not much (i|we) can do`, and was found more often than any other anchor,
/// one in eleven.) A token whose prefixes or suffixes would be more than
/// [`MAX_EXPANSIONS`] is not considered. Choosing is most of the cost of a split, so
/// `build.rs` records the splits of the built-in lexicons.
pub(crate) fn anchor_token(
    pattern: &str,
    normalize: &dyn Fn(&str) -> String,
    common: &dyn Fn(&str) -> bool,
) -> Result<Option<std::ops::Range<usize>>, PatternError> {
    let mut best: Option<(AnchorScore, std::ops::Range<usize>)> = None;
    for token in top_level_tokens(pattern) {
        let anchors = normalized_set(&pattern[token.clone()], normalize)?;
        if anchors.iter().any(String::is_empty) {
            continue;
        }
        let shortest = anchors.iter().map(String::len).min().unwrap_or(0);
        let (before, after) = (
            expansion_count(&pattern[..token.start])?,
            expansion_count(&pattern[token.end..])?,
        );
        if before > MAX_EXPANSIONS || after > MAX_EXPANSIONS {
            continue;
        }
        let neighbours = before + after;
        let score = (
            shortest < SELECTIVE_ANCHOR_BYTES,
            anchors.iter().any(|a| common(a)),
            std::cmp::Reverse(shortest.min(SELECTIVE_ANCHOR_BYTES)),
            neighbours,
            std::cmp::Reverse(shortest),
        );
        if best.as_ref().is_none_or(|(best_score, _)| score < *best_score) {
            best = Some((score, token));
        }
    }
    Ok(best.map(|(_, token)| token))
}

/// Cuts `pattern` around the token at `anchor` (from [`anchor_token`]), or anchors the whole
/// expansion when `anchor` is `None`.
pub(crate) fn split_at(
    pattern: &str,
    anchor: Option<std::ops::Range<usize>>,
    normalize: &dyn Fn(&str) -> String,
) -> Result<Split, PatternError> {
    Ok(match anchor {
        Some(token) => Split {
            prefixes: owned(normalized_set(&pattern[..token.start], normalize)?),
            anchors: owned(normalized_set(&pattern[token.clone()], normalize)?),
            suffixes: owned(normalized_set(&pattern[token.end..], normalize)?),
        },
        // Every token may be absent: the whole expansion anchors itself.
        None => Split {
            prefixes: vec![Cow::Borrowed("")],
            anchors: normalized_set(pattern, normalize)?
                .into_iter()
                .filter(|a| !a.is_empty())
                .map(Cow::Owned)
                .collect(),
            suffixes: vec![Cow::Borrowed("")],
        },
    })
}

fn owned(parts: Vec<String>) -> Vec<Cow<'static, str>> {
    parts.into_iter().map(Cow::Owned).collect()
}

/// Every literal `src` expands to, normalised, without duplicates, in expansion order.
fn normalized_set(src: &str, normalize: &dyn Fn(&str) -> String) -> Result<Vec<String>, PatternError> {
    let mut seen = rustc_hash::FxHashSet::default();
    Ok(expand(src)?
        .iter()
        .map(|raw| normalize(raw))
        .filter(|n| seen.insert(n.clone()))
        .collect())
}

/// How many literals `src` expands to, before duplicates are removed; cheap, builds no string.
fn expansion_count(src: &str) -> Result<usize, PatternError> {
    fn count(nodes: &[Node]) -> usize {
        nodes.iter().fold(1usize, |acc, node| {
            acc.saturating_mul(match node {
                Node::Text(_) => 1,
                Node::Group {
                    alternatives,
                    optional,
                } => alternatives
                    .iter()
                    .map(|a| count(a))
                    .fold(usize::from(*optional), usize::saturating_add),
            })
        })
    }
    let mut parser = Parser {
        src,
        pos: 0,
        depth: 0,
    };
    Ok(count(&parser.sequence()?))
}

/// Byte ranges of the pattern's tokens: what whitespace outside any group separates.
fn top_level_tokens(pattern: &str) -> Vec<std::ops::Range<usize>> {
    let mut tokens = Vec::new();
    let mut start = None;
    let mut depth = 0usize;
    let mut chars = pattern.char_indices();
    while let Some((i, c)) = chars.next() {
        if depth == 0 && c.is_whitespace() {
            if let Some(s) = start.take() {
                tokens.push(s..i);
            }
            continue;
        }
        start.get_or_insert(i);
        match c {
            '\\' => {
                chars.next();
            }
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    tokens.extend(start.map(|s| s..pattern.len()));
    tokens
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
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let nested = |depth: usize| format!("{}a{}", "(".repeat(depth), ")".repeat(depth));
        assert_eq!(expand(&nested(MAX_NESTING)).unwrap(), ["a"]);
        assert_eq!(expand(&nested(MAX_NESTING + 1)), Err(PatternError::TooDeep));
        assert_eq!(expand(&nested(100_000)), Err(PatternError::TooDeep));
        assert_eq!(expand(&"[".repeat(100_000)), Err(PatternError::TooDeep));
    }

    fn lower(s: &str) -> String {
        s.to_lowercase()
    }

    fn split_of(pattern: &str) -> Split {
        split(pattern, &lower, &|_| false).unwrap()
    }

    fn literals_of(pattern: &str) -> Vec<String> {
        let mut from_split: Vec<String> = split_of(pattern).literals().collect();
        from_split.sort();
        from_split.dedup();
        from_split
    }

    #[test]
    fn the_anchor_is_the_token_with_the_fewest_neighbours() {
        let s = split_of("(it's|it is) [our] company policy");
        assert_eq!(s.anchors, ["company"]);
        assert_eq!(s.prefixes, ["it's", "it's our", "it is", "it is our"]);
        assert_eq!(s.suffixes, ["policy"]);
    }

    #[test]
    fn a_group_can_be_the_anchor() {
        let s = split_of("(it's|it is) (a|an) (client-side|backend|front-end) (issue|problem|error|bug)");
        assert_eq!(s.anchors, ["client-side", "backend", "front-end"]);
        assert_eq!(s.prefixes.len(), 4);
        assert_eq!(s.suffixes.len(), 4);
    }

    #[test]
    fn short_words_anchor_only_when_nothing_longer_can() {
        // "per" has as few neighbours as "policy", but is found everywhere.
        assert_eq!(split_of("per (our|the) policy").anchors, ["policy"]);
        assert_eq!(split_of("as i (said|did)").anchors, ["said", "did"]);
        // Among short words the longest anchors, however many neighbours it leaves: the
        // shortest words are the commonest.
        assert_eq!(split_of("not much (i|we) can do").anchors, ["much"]);
    }

    #[test]
    fn common_words_anchor_last_among_short_tokens_and_among_long_ones() {
        let common = |word: &str| ["with", "the", "your", "them", "this", "that", "please"].contains(&word);
        let split_of = |pattern| split(pattern, &lower, &common).unwrap().anchors;
        // "with" leaves fewer neighbours than "take", but is in most English texts.
        assert_eq!(split_of("take (it|this|that) up with (the|your|them)"), ["take"]);
        assert_eq!(
            split("take (it|this|that) up with (the|your|them)", &lower, &|_| false)
                .unwrap()
                .anchors,
            ["with"]
        );
        // A group is common when any of its forms is: "mine" is not, "that" is.
        assert_eq!(split_of("(that|mine) over (this|your)"), ["over"]);
        // A rarer word anchors even when shorter: "that" is in most texts, "sla" is not.
        assert_eq!(split_of("(with|that) sla"), ["sla"]);
        // Among tokens of five bytes or more too: "refund" leaves more neighbours.
        assert_eq!(split_of("(please|thanks) refund"), ["refund"]);
        assert_eq!(
            split("(please|thanks) refund", &lower, &|_| false)
                .unwrap()
                .anchors,
            ["please", "thanks"]
        );
        // With nothing else, a common word anchors.
        assert_eq!(split_of("with the"), ["with"]);
    }

    #[test]
    fn optional_tokens_never_anchor() {
        let s = split_of("[please] [kindly] revert");
        assert_eq!(s.anchors, ["revert"]);
        let all_optional = split_of("[a] [b]");
        assert_eq!(all_optional.anchors, ["b", "a", "a b"]);
    }

    #[test]
    fn splits_stand_for_exactly_the_expansion() {
        for pattern in [
            "(it's|it is) [our] company policy",
            "sorry[,] but",
            "[i'm|i am] [so|very] sorry [if|that] you (feel|felt) [that way|this way]",
            "as i (already|previously) (said|mentioned) [before]",
            "(can't|cannot) (help|assist)",
            "(i|we) apologi(s|z)e for (any|the) inconvenience [(this|that) (may have|has) caused]",
            "a [b] c [d] e",
            "[x] y",
            "[a] [b]",
            "\\(sic\\) (a|b) c",
            "نمی\u{200C}توانیم کمک کنیم",
        ] {
            // The empty expansion of an all-optional pattern is rejected by lexicon validation.
            let mut expanded: Vec<String> = expand(pattern)
                .unwrap()
                .iter()
                .map(|l| lower(l))
                .filter(|l| !l.is_empty())
                .collect();
            expanded.sort();
            expanded.dedup();
            assert_eq!(literals_of(pattern), expanded, "{pattern}");
        }
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
