//! Helpers the unit tests share.

/// Every string of up to `len` characters of `alphabet`, shortest first: the inputs of the
/// tests that hold a fast path to the general one on all short texts.
pub(crate) fn every_string(alphabet: &[char], len: usize) -> Vec<String> {
    let mut texts = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..len {
        last = last
            .iter()
            .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
            .collect();
        texts.extend(last.iter().cloned());
    }
    texts
}
