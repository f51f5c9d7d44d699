//! Items listed by a small integer key in one flat array, the way a compressed sparse row
//! lists a matrix's entries: tens of thousands of keys with a vector each would cost an
//! allocation per key to build and a pointer and two counters per key to hold.

use crate::snapshot::{In, Out};

/// Items grouped by key: those of key `k` are `items[starts[k]..starts[k + 1]]`, in the
/// order they were given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Grouped<T> {
    starts: Box<[u32]>,
    items: Box<[T]>,
}

impl<T> Default for Grouped<T> {
    fn default() -> Grouped<T> {
        Grouped {
            starts: Box::new([0]),
            items: Box::new([]),
        }
    }
}

impl<T: Copy> Grouped<T> {
    /// Groups `pairs` of `(key, item)` by key, for keys below `keys`; a counting sort, so each
    /// key's items stay in the order given.
    pub fn new(keys: usize, pairs: impl Iterator<Item = (u32, T)> + Clone) -> Grouped<T> {
        let mut starts = vec![0u32; keys + 1];
        for (key, _) in pairs.clone() {
            starts[key as usize + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut next = starts.clone();
        // Filled with the first item, as every slot is overwritten below.
        let mut items = match pairs.clone().next() {
            Some((_, first)) => vec![first; starts[keys] as usize],
            None => Vec::new(),
        };
        for (key, item) in pairs {
            items[next[key as usize] as usize] = item;
            next[key as usize] += 1;
        }
        Grouped {
            starts: starts.into(),
            items: items.into(),
        }
    }

    /// The items of `key`, none for a key past the last.
    pub fn of(&self, key: u32) -> &[T] {
        let k = key as usize;
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&start), Some(&end)) => &self.items[start as usize..end as usize],
            _ => &[],
        }
    }

    /// Where each key's items start among the items, and after the last key's, their end;
    /// and the items: for a caller that keeps the starts beside other data of its keys.
    pub fn into_parts(self) -> (Box<[u32]>, Box<[T]>) {
        (self.starts, self.items)
    }

    /// Every item, by key.
    pub fn items(&self) -> &[T] {
        &self.items
    }

    /// How many keys there are.
    pub fn keys(&self) -> usize {
        self.starts.len() - 1
    }

    /// Appends the grouping to `out`, each item as the row `row` makes of it, for
    /// [`Grouped::decode`] ([`snapshot`](crate::snapshot)).
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes it
    pub fn encode<const N: usize>(&self, out: &mut Out, row: impl Fn(&T) -> [u32; N]) {
        Grouped::encode_parts(out, self.starts.iter().copied(), &self.items, row);
    }

    /// [`Grouped::encode`] of the [parts](Grouped::into_parts) of a grouping.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes it
    pub fn encode_parts<const N: usize>(
        out: &mut Out,
        starts: impl ExactSizeIterator<Item = u32>,
        items: &[T],
        row: impl Fn(&T) -> [u32; N],
    ) {
        out.rows(starts.map(|s| [s]));
        out.rows(items.iter().map(row));
    }

    /// Reads back what [`Grouped::encode`] wrote, each item made by `make` from its row;
    /// `None` when `make` refuses one, or unless the starts rise from 0 to the number of
    /// items, so no key's items can lie past them.
    pub fn decode<const N: usize>(
        input: &mut In<'_>,
        make: impl FnMut([u32; N]) -> Option<T>,
    ) -> Option<Grouped<T>> {
        let starts = input.numbers()?;
        let items = input.rows(make)?;
        let rising = starts.windows(2).all(|w| w[0] <= w[1]);
        (starts.first() == Some(&0) && rising && starts.last().map(|&s| s as usize) == Some(items.len()))
            .then(|| Grouped {
                starts: starts.into(),
                items: items.into(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_listed_under_their_key_in_the_order_given() {
        let grouped = Grouped::new(4, [(2, 'a'), (0, 'b'), (2, 'c'), (3, 'd'), (2, 'e')].into_iter());
        assert_eq!(grouped.of(0), ['b']);
        assert_eq!(grouped.of(1), [] as [char; 0]);
        assert_eq!(grouped.of(2), ['a', 'c', 'e']);
        assert_eq!(grouped.of(3), ['d']);
        assert_eq!(grouped.of(4), [] as [char; 0]);
        assert_eq!(grouped.keys(), 4);
        assert_eq!(grouped.items(), ['b', 'a', 'c', 'e', 'd']);
        assert_eq!(Grouped::<char>::default().of(0), [] as [char; 0]);
    }

    #[test]
    fn a_grouping_reads_back_as_written_and_bad_ones_as_none() {
        let grouped = Grouped::new(3, [(2, 'a'), (0, 'b'), (2, 'c')].into_iter());
        let mut out = Out::default();
        grouped.encode(&mut out, |&c| [c as u32]);
        let read = Grouped::decode(&mut In(&out.0), |[c]| char::from_u32(c));
        assert_eq!(read, Some(grouped));
        let written = |starts: &[u32], items: &[u32]| {
            let mut out = Out::default();
            out.rows(starts.iter().map(|&s| [s]));
            out.rows(items.iter().map(|&i| [i]));
            out.0
        };
        let read = |bytes: Vec<u8>| Grouped::decode(&mut In(&bytes), |[i]| Some(i));
        assert_eq!(read(written(&[0, 2, 1], &[7, 8])), None);
        assert_eq!(read(written(&[0, 3], &[7, 8])), None);
        assert_eq!(read(written(&[], &[])), None);
        assert!(read(written(&[0, 1, 2], &[7, 8])).is_some());
    }
}
