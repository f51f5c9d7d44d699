//! Eight bytes tested at once, in one `u64` (SWAR): for the scans that most texts pass
//! through without stopping, a byte at a time being most of their cost.
//!
//! A test gives a mask with the high bit set of each byte that passes it, and of no other:
//! no carry runs from one byte into the next, so a byte's neighbours can be compared too.

const ONES: u64 = u64::from_ne_bytes([1; 8]);
const LOWS: u64 = ONES * 0x7F;
const HIGHS: u64 = ONES << 7;

/// The words of `bytes`, eight bytes each read little-endian (the first byte lowest), the
/// last one padded with zero bytes.
pub(crate) fn words(bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    bytes.chunks(8).map(|chunk| match chunk.try_into() {
        Ok(eight) => u64::from_le_bytes(eight),
        Err(_) => {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            u64::from_le_bytes(word)
        }
    })
}

/// The bytes of `word` that are not zero: the low seven bits of a byte added to 0x7F reach
/// the high bit when any is set, and carry no further.
fn nonzero(word: u64) -> u64 {
    (((word & LOWS) + LOWS) | word) & HIGHS
}

/// The bytes of `word` equal to `byte`.
pub(crate) fn equal(word: u64, byte: u8) -> u64 {
    !nonzero(word ^ (ONES * u64::from(byte))) & HIGHS
}

/// The bytes of `word` from `low` to `high`, when every byte of `word` is ASCII: adding
/// 0x80 - x to a byte under 0x80 sets its high bit when it is x or more, and carries nothing.
pub(crate) fn ascii_between(word: u64, low: u8, high: u8) -> u64 {
    debug_assert!(word & HIGHS == 0 && high < 0x80 && low <= high);
    let at_least = |x: u8| word + ONES * u64::from(0x80 - x);
    at_least(low) & !at_least(high + 1) & HIGHS
}

/// The bytes of `word`, ASCII or not, that are not ASCII.
pub(crate) fn non_ascii(word: u64) -> u64 {
    word & HIGHS
}

/// `word` with the high bit of each byte cleared, for [`ascii_between`]: its ASCII bytes as
/// they are, the others turned into some ASCII byte, which only [`non_ascii`] tells apart.
pub(crate) fn as_ascii(word: u64) -> u64 {
    word & !HIGHS
}

/// The bytes of `word` at or above `0xF0`, as the lead bytes of four-byte UTF-8 characters
/// are: the four high bits of a byte set, each shifted up to the high bit in turn.
pub(crate) fn at_least_f0(word: u64) -> u64 {
    word & (word << 1) & (word << 2) & (word << 3) & HIGHS
}

/// The bytes of `word` from 0x80 to 0xBF, as UTF-8 continuation bytes are: the high bit set
/// and the next one clear.
pub(crate) fn continuation(word: u64) -> u64 {
    word & !(word << 1) & HIGHS
}

/// How many bytes `mask` holds: its high bits, moved down to the low ones, summed into the
/// top byte by one multiplication (eight at most, so nothing carries out of it).
pub(crate) fn count(mask: u64) -> usize {
    ((mask >> 7).wrapping_mul(ONES) >> 56) as usize
}

/// The index of the first byte of `bytes` that `test` (a mask of a word's passing bytes)
/// passes, eight bytes tested at a time. The last word's padding, zero bytes, must not pass.
pub(crate) fn position(bytes: &[u8], test: impl Fn(u64) -> u64) -> Option<usize> {
    words(bytes)
        .enumerate()
        .find_map(|(n, word)| first(test(word)).map(|i| n * 8 + i))
}

/// The index of the first byte a mask holds, if it holds one.
fn first(mask: u64) -> Option<usize> {
    (mask != 0).then(|| mask.trailing_zeros() as usize / 8)
}

/// The bytes of `mask` (the mask of one word of a text) whose byte before is in it too, that
/// one being in the word before when it is the first: `last` carries the last byte's bit from
/// one word to the next, zero at the start.
pub(crate) fn after_same(mask: u64, last: &mut u64) -> u64 {
    let pairs = mask & ((mask << 8) | *last);
    *last = mask >> 56;
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mask of the bytes of `bytes` (eight at most) that pass `test`, byte by byte.
    fn mask_of(bytes: &[u8], test: impl Fn(u8) -> bool) -> u64 {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, &b)| test(b))
            .fold(0, |m, (i, _)| m | 0x80 << (8 * i))
    }

    #[test]
    fn every_byte_in_every_place_tests_as_it_does_alone() {
        // Each byte in each of the eight places, among neighbours that are the same byte, the
        // byte above and below it, zero and 0xFF: where a carry would go wrong.
        for b in 0..=255u8 {
            for place in 0..8 {
                for other in [b, b.wrapping_add(1), b.wrapping_sub(1), 0, 0xFF] {
                    let mut eight = [other; 8];
                    eight[place] = b;
                    let word = u64::from_le_bytes(eight);
                    for target in [0, b'\n', b'`', b'!', 0x7F, 0x80, 0xC2, 0xFF] {
                        assert_eq!(
                            equal(word, target),
                            mask_of(&eight, |x| x == target),
                            "{eight:?} {target}"
                        );
                    }
                    assert_eq!(non_ascii(word), mask_of(&eight, |x| x >= 0x80));
                    assert_eq!(at_least_f0(word), mask_of(&eight, |x| x >= 0xF0));
                    assert_eq!(continuation(word), mask_of(&eight, |x| x & 0xC0 == 0x80));
                    let mask = equal(word, b);
                    assert_eq!(count(mask), eight.iter().filter(|&&x| x == b).count());
                    if eight.is_ascii() {
                        for (low, high) in [(b'A', b'Z'), (b'\t', b'\r'), (0, 0x7F), (0x7F, 0x7F), (0, 0)] {
                            let between = mask_of(&eight, |x| (low..=high).contains(&x));
                            assert_eq!(
                                ascii_between(word, low, high),
                                between,
                                "{eight:?} {low}..={high}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn words_cover_the_bytes_in_order_and_pad_the_last_with_zeros() {
        let bytes: Vec<u8> = (1..=19).collect();
        let words: Vec<u64> = words(&bytes).collect();
        assert_eq!(words.len(), 3);
        assert_eq!(words[0], u64::from_le_bytes([1, 2, 3, 4, 5, 6, 7, 8]));
        assert_eq!(words[2], u64::from_le_bytes([17, 18, 19, 0, 0, 0, 0, 0]));
        assert_eq!(super::words(&[]).count(), 0);
    }

    #[test]
    fn a_pair_is_found_in_every_place_across_words_too() {
        for at in 0..23 {
            let mut bytes = vec![b'a'; 24];
            bytes[at] = b'!';
            bytes[at + 1] = b'!';
            let mut last = 0;
            let pairs: Vec<Option<usize>> = words(&bytes)
                .map(|w| first(after_same(equal(w, b'!'), &mut last)))
                .collect();
            let expected: Vec<Option<usize>> = (0..3)
                .map(|w| (w == (at + 1) / 8).then_some((at + 1) % 8))
                .collect();
            assert_eq!(pairs, expected, "pair at {at}");
        }
        // Bytes apart, in one word or two, are no pair.
        let mut last = 0;
        let apart = b"!a!a!a!a!a!a!a!a";
        assert!(words(apart).all(|w| after_same(equal(w, b'!'), &mut last) == 0));
    }
}
