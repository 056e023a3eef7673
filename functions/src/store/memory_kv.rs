//! An in-memory `Kv` for native tests.

use std::cell::RefCell;
use std::collections::HashMap;

use super::{Kv, KvError};

#[derive(Default)]
pub struct MemoryKv {
    map: RefCell<HashMap<String, Vec<u8>>>,
}

impl MemoryKv {
    /// Every key, sorted: tests check what was (not) stored.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.map.borrow().keys().cloned().collect();
        keys.sort();
        keys
    }
}

impl Kv for MemoryKv {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, KvError> {
        Ok(self.map.borrow().get(key).cloned())
    }
    async fn put(&self, key: &str, value: &[u8]) -> Result<(), KvError> {
        self.map.borrow_mut().insert(key.to_owned(), value.to_vec());
        Ok(())
    }
    async fn delete(&self, key: &str) -> Result<(), KvError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }
}
