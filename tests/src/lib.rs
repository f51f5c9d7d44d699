//! Cross-cutting tests for replylint.
