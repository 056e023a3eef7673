//! (being written: placeholder until the readers branch merges)
use super::Read;
pub fn read(_bytes: &[u8]) -> Read {
    Read::Unsupported
}
