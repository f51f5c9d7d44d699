//! The bitmaps behind [`is_word_char`](crate::normalize::is_word_char) and the other
//! character classes of [`normalize`](crate::normalize), worked out by build.rs with
//! `normalize::char_class_bits`.

use crate::normalize::CharClassBits;

pub(crate) static BITS: CharClassBits = include!(concat!(env!("OUT_DIR"), "/char_classes.rs"));
