//! (being written)

use super::Read;

pub fn read(_bytes: &[u8]) -> Read {
    Read::Unsupported
}
