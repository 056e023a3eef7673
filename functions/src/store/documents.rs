//! Stored documents: metadata in D1, every query scoped to the employer; the
//! bytes in KV under a key made of the employer and the file's hash.

use serde::Deserialize;

use super::{Db, DbError, Statement};

/// What `POST /api/documents` writes once a file passed its checks.
pub struct NewDocument<'a> {
    pub id: &'a str,
    pub employer_id: &'a str,
    pub kind: &'a str,
    pub year: i32,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size: usize,
    pub sha256: &'a str,
    pub uploaded_by: &'a str,
}

/// The KV key of a file. Per employer, so equal files of two employers never
/// share a blob; by content, so an upload repeated after a failed write lands on
/// the same key instead of leaving a second copy.
pub fn kv_key(employer_id: &str, sha256: &str) -> String {
    format!("documents/{employer_id}/{sha256}")
}

pub fn insert(doc: &NewDocument<'_>, now: i64) -> Statement {
    Statement::new(
        "INSERT INTO documents (id, employer_id, kind, year, file_name, content_type, size, \
         sha256, kv_key, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        vec![
            doc.id.into(),
            doc.employer_id.into(),
            doc.kind.into(),
            i64::from(doc.year).into(),
            doc.file_name.into(),
            doc.content_type.into(),
            i64::try_from(doc.size).unwrap_or(i64::MAX).into(),
            doc.sha256.into(),
            kv_key(doc.employer_id, doc.sha256).into(),
            now.into(),
            doc.uploaded_by.into(),
        ],
    )
}

#[derive(Debug, Deserialize)]
pub struct DocumentRow {
    pub id: String,
    pub kind: String,
    pub year: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub kv_key: String,
    pub uploaded_at: i64,
    /// The uploader's name.
    pub uploaded_by: String,
}

/// The select list and join every read shares, with the query's own tail.
macro_rules! select {
    ($tail:literal) => {
        concat!(
            "SELECT d.id, d.kind, d.year, d.file_name, d.content_type, d.size, d.kv_key, \
             d.uploaded_at, u.name AS uploaded_by FROM documents d JOIN users u ON u.id = d.uploaded_by ",
            $tail
        )
    };
}

/// The employer's documents, newest first.
pub async fn list(db: &impl Db, employer_id: &str) -> Result<Vec<DocumentRow>, DbError> {
    db.all(Statement::new(
        select!("WHERE d.employer_id = ? ORDER BY d.uploaded_at DESC, d.rowid DESC"),
        vec![employer_id.into()],
    ))
    .await
}

/// One document of the employer; another employer's id finds nothing.
pub async fn by_id(
    db: &impl Db,
    employer_id: &str,
    id: &str,
) -> Result<Option<DocumentRow>, DbError> {
    db.first(Statement::new(
        select!("WHERE d.employer_id = ? AND d.id = ?"),
        vec![employer_id.into(), id.into()],
    ))
    .await
}

/// Whether a stored document (of this employer) already uses this KV key: then
/// a failed second write must not delete the blob.
pub async fn key_in_use(db: &impl Db, key: &str) -> Result<bool, DbError> {
    let row: Option<serde_json::Value> = db
        .first(Statement::new(
            "SELECT 1 AS found FROM documents WHERE kv_key = ? LIMIT 1",
            vec![key.into()],
        ))
        .await?;
    Ok(row.is_some())
}
