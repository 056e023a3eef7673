//! Placeholder so the reader's dispatch compiles on this branch; the PDF reader
//! replaces this file at merge.

use super::{Read, Unreadable};

pub fn read(_bytes: &[u8]) -> Read {
    Read::Unreadable(Unreadable::Corrupt)
}
