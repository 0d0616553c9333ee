//! The audit log: one JSON line per redaction and one per file, written in input order, with no personal data in it.
//!
//! Record schema (`audit.jsonl`):
//! - `{"type":"redaction","file","page","category","ground","label","rule","reason","bbox":[x0,y0,x1,y1],"chars","text_sha256","confirmed_in"}`:
//!   one per box; `bbox` in page space (points, origin top-left); the removed text itself is NOT
//!   in the log: `chars` is its length and `text_sha256` lets a reviewer check a suspected string.
//! - `{"type":"file","file","status","reason","pages","redactions","flagged_pages","warnings","sanitized","verification"}`:
//!   one per input file; `status` is `ok`, `flagged` (written, but pages need manual review),
//!   `failed` (verification found removed text or could not run: not published) or `error`
//!   (the file could not be read: encrypted, damaged, not a PDF).
//!
//! Reasons from detection name rules and cues; before they are written, every removed string is
//! masked out of them, so the log never repeats what was removed.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// One redaction box.
#[derive(Debug, Clone, Serialize)]
pub struct RedactionRecord {
    /// Always `redaction`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Input file name.
    pub file: String,
    /// 1-based page.
    pub page: u32,
    /// Category of personal data.
    pub category: String,
    /// Canonical ground (`5.1.2e`).
    pub ground: String,
    /// Label as drawn.
    pub label: String,
    /// Rule id.
    pub rule: String,
    /// Why (with removed strings masked).
    pub reason: String,
    /// The box in page space.
    pub bbox: [f64; 4],
    /// Length of the removed text in characters.
    pub chars: usize,
    /// SHA-256 of the removed text (hex).
    pub text_sha256: String,
    /// The document where a name found by consistency was confirmed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed_in: Option<String>,
}

/// Outcome of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Redacted and verified.
    Ok,
    /// Redacted and verified, but some pages need manual review (no reliable text layer).
    Flagged,
    /// Not published: verification found removed text, or could not prove the file clean.
    Failed,
    /// The input could not be read.
    Error,
}

/// One file's line.
#[derive(Debug, Clone, Serialize)]
pub struct FileRecord {
    /// Always `file`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Input file name.
    pub file: String,
    /// Outcome.
    pub status: Status,
    /// Why, in words.
    pub reason: String,
    /// Page count (0 when unreadable).
    pub pages: usize,
    /// Number of boxes drawn.
    pub redactions: usize,
    /// Pages that need manual review.
    pub flagged_pages: Vec<u32>,
    /// Oddities (fonts, structure), without personal data.
    pub warnings: Vec<String>,
    /// What sanitising removed, by kind.
    pub sanitized: serde_json::Value,
    /// Verification summary (channels with hits, incomplete checks).
    pub verification: serde_json::Value,
}

/// Hex SHA-256 of a string.
pub fn sha256_hex(s: &str) -> String {
    let digest = Sha256::digest(s.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Replaces every occurrence of any of `removed` in `text` by `…`.
pub fn mask(text: &str, removed: &[String]) -> String {
    let mut out = text.to_string();
    let mut sorted: Vec<&String> = removed.iter().filter(|r| r.chars().count() >= 2).collect();
    sorted.sort_by_key(|r| std::cmp::Reverse(r.len()));
    for r in sorted {
        if out.contains(r.as_str()) {
            out = out.replace(r.as_str(), "…");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_removes_every_removed_string_longest_first() {
        let removed = vec!["Jan".to_string(), "Jan de Vries".to_string()];
        assert_eq!(
            mask("voornaam + achternaam: Jan de Vries; Jan", &removed),
            "voornaam + achternaam: …; …"
        );
    }

    #[test]
    fn hash_is_stable_hex() {
        assert_eq!(sha256_hex("abc").len(), 64);
        assert!(sha256_hex("abc").starts_with("ba7816bf"));
    }
}
