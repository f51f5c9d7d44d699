//! The bytes in which `build.rs` hands the library the matcher of the default analyzer, so
//! that a process's first [`Analyzer::new()`](crate::Analyzer::new) reads the automaton
//! instead of building it: building it was over a third of that call.
//!
//! Numbers are little-endian, and each run of them follows its length. Arrays of structs are
//! written field by field, one run per field.

/// Appends runs of rows of numbers, and runs of bytes.
#[derive(Default)]
pub(crate) struct Out(pub Vec<u8>);

impl Out {
    /// A run of rows of `N` numbers: a struct's fields, one row per value.
    pub fn rows<const N: usize>(&mut self, rows: impl ExactSizeIterator<Item = [u32; N]>) {
        self.len(rows.len());
        self.0.reserve(rows.len() * N * 4);
        for row in rows {
            for n in row {
                self.0.extend_from_slice(&n.to_le_bytes());
            }
        }
    }

    pub fn bytes(&mut self, bytes: &[u8]) {
        self.len(bytes.len());
        self.0.extend_from_slice(bytes);
    }

    fn len(&mut self, len: usize) {
        let len = u32::try_from(len).expect("a run of fewer than 4 billion items");
        self.0.extend_from_slice(&len.to_le_bytes());
    }
}

/// Reads back what [`Out`] wrote, run by run; `None` when a run is cut short.
pub(crate) struct In<'a>(pub &'a [u8]);

impl<'a> In<'a> {
    /// A run of rows of `N` numbers, each made into a value by `make`; `None` when `make`
    /// refuses one.
    pub fn rows<const N: usize, T>(&mut self, mut make: impl FnMut([u32; N]) -> Option<T>) -> Option<Vec<T>> {
        let len = self.len()?;
        let run = self.take(len.checked_mul(N * 4)?)?;
        let mut values = Vec::with_capacity(len);
        for row in run.chunks_exact(N * 4) {
            let mut numbers = [0u32; N];
            for (n, b) in numbers.iter_mut().zip(row.chunks_exact(4)) {
                *n = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            }
            values.push(make(numbers)?);
        }
        Some(values)
    }

    /// A run of numbers.
    pub fn numbers(&mut self) -> Option<Vec<u32>> {
        self.rows(|[n]| Some(n))
    }

    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = self.len()?;
        self.take(len)
    }

    /// True when every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn len(&mut self) -> Option<usize> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (run, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(run)
    }
}

/// The two halves of a 64-bit number, low first, for [`Out::rows`].
pub(crate) fn halves(n: u64) -> [u32; 2] {
    [n as u32, (n >> 32) as u32]
}

/// The number [`halves`] cut.
pub(crate) fn joined([low, high]: [u32; 2]) -> u64 {
    u64::from(low) | (u64::from(high) << 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_read_back_as_written() {
        let mut out = Out::default();
        out.rows([[1], [u32::MAX], [7]].into_iter());
        out.bytes(b"anchor");
        out.rows([halves(u64::MAX - 1), halves(3 << 40)].into_iter());
        let mut input = In(&out.0);
        assert_eq!(input.numbers(), Some(vec![1, u32::MAX, 7]));
        assert_eq!(input.bytes(), Some(&b"anchor"[..]));
        let wide = input.rows(|row| Some(joined(row)));
        assert_eq!(wide, Some(vec![u64::MAX - 1, 3 << 40]));
        assert!(input.is_empty());
    }

    #[test]
    fn a_run_cut_short_or_a_row_refused_reads_as_none() {
        let mut out = Out::default();
        out.rows([[1, 2], [3, 4]].into_iter());
        let cut = &out.0[..out.0.len() - 1];
        assert_eq!(In(cut).rows(|[a, b]| Some(a + b)), None);
        assert_eq!(In(&out.0).rows(|[a, b]| (a < 3).then_some(a + b)), None);
        assert_eq!(In(&out.0).rows(|[a, b]| Some(a + b)), Some(vec![3, 7]));
        assert_eq!(In(&[1, 0]).bytes(), None);
    }
}
