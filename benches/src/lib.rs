//! Benchmarks for replylint.
