//! Workers KV behind the `Kv` trait (Worker only).

use worker::kv::KvStore;

use super::{Kv, KvError};

pub struct WorkersKv(pub KvStore);

fn err(e: worker::kv::KvError) -> KvError {
    KvError(e.to_string())
}

impl Kv for WorkersKv {
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, KvError> {
        self.0.get(key).bytes().await.map_err(err)
    }
    async fn put(&self, key: &str, value: &[u8]) -> Result<(), KvError> {
        self.0
            .put_bytes(key, value)
            .map_err(err)?
            .execute()
            .await
            .map_err(err)
    }
    async fn delete(&self, key: &str) -> Result<(), KvError> {
        self.0.delete(key).await.map_err(err)
    }
}
