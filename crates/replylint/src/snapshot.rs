//! The bytes in which `build.rs` hands the library the matcher of the default analyzer, so
//! that a process's first [`Analyzer::new()`](crate::Analyzer::new) reads the automaton
//! instead of building it: building it was over a third of that call.
//!
//! Numbers are little-endian, and each run of them follows its length. Arrays of structs are
//! written field by field, one run per field.

/// Appends runs of numbers and bytes.
#[derive(Default)]
pub(crate) struct Out(pub Vec<u8>);

impl Out {
    pub fn u32s(&mut self, values: impl ExactSizeIterator<Item = u32>) {
        self.len(values.len());
        for v in values {
            self.0.extend_from_slice(&v.to_le_bytes());
        }
    }

    pub fn u64s(&mut self, values: impl ExactSizeIterator<Item = u64>) {
        self.len(values.len());
        for v in values {
            self.0.extend_from_slice(&v.to_le_bytes());
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
    pub fn u32s(&mut self) -> Option<Vec<u32>> {
        let len = self.len()?;
        let run = self.take(len.checked_mul(4)?)?;
        Some(
            run.chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
        )
    }

    pub fn u64s(&mut self) -> Option<Vec<u64>> {
        let len = self.len()?;
        let run = self.take(len.checked_mul(8)?)?;
        Some(
            run.chunks_exact(8)
                .map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
                .collect(),
        )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_read_back_as_written() {
        let mut out = Out::default();
        out.u32s([1, u32::MAX, 7].into_iter());
        out.bytes(b"anchor");
        out.u64s([u64::MAX, 0].into_iter());
        let mut input = In(&out.0);
        assert_eq!(input.u32s(), Some(vec![1, u32::MAX, 7]));
        assert_eq!(input.bytes(), Some(&b"anchor"[..]));
        assert_eq!(input.u64s(), Some(vec![u64::MAX, 0]));
        assert!(input.is_empty());
    }

    #[test]
    fn a_run_cut_short_reads_as_none() {
        let mut out = Out::default();
        out.u32s([1, 2, 3].into_iter());
        let cut = &out.0[..out.0.len() - 1];
        assert_eq!(In(cut).u32s(), None);
        assert_eq!(In(&[1, 0]).bytes(), None);
    }
}
