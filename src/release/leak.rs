//! The release leak check: finds, by hashing, any string a run removed in the text of a packaged file, although the audit holds only the length and SHA-256 of each removed string.
//!
//! A text is searched in two forms. Spaced: whitespace collapsed to single spaces; every window
//! that starts and ends on a word boundary and has the length of a removed string is hashed
//! (with each space, up to six, also tried as a line break, since a name can span two lines in the text the
//! detector read). Solid: every run of consecutive whitespace-separated tokens joined without
//! spaces (an extractor that splits `Jansen` into `J a n s e n`), with and without punctuation
//! at its ends. A window whose hash equals a removed string's hash is a hit.

use crate::audit::RedactionRecord;
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The removed strings of a run, as the audit knows them (length and hash).
#[derive(Debug, Default)]
pub struct Removed {
    /// Hash -> id of the first finding that removed it (for messages).
    ids: HashMap<[u8; 32], String>,
    /// Lengths (in characters) of removed strings.
    lengths: BTreeSet<usize>,
}

/// A removed string found again.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// Where (a file of the package, and the channel inside it).
    pub place: String,
    /// The audit id of a finding that removed this string (never the text itself).
    pub finding_id: String,
    /// Its length in characters.
    pub chars: usize,
}

fn unhex(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

impl Removed {
    /// The removed strings of these audit records. Strings of one character are left out (an
    /// initial cannot be told from any other letter by its hash).
    pub fn from_records<'a>(records: impl IntoIterator<Item = &'a RedactionRecord>) -> Removed {
        let mut r = Removed::default();
        for rec in records {
            // A reviewer's area or exempted page records the hash of all it removed (a page's
            // text): no window matches that, and hashing windows that long would be slow. Their
            // lines were searched for in the output by the run's verification.
            if rec.chars < 2 || rec.category == "area" || rec.category == "exempt" {
                continue;
            }
            if let Some(h) = unhex(&rec.text_sha256) {
                r.ids.entry(h).or_insert_with(|| rec.id.clone());
                r.lengths.insert(rec.chars);
            }
        }
        r
    }

    /// How many distinct strings are searched for.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn check(&self, s: &str, place: &str, hits: &mut Vec<Hit>, seen: &mut HashSet<[u8; 32]>) {
        let h: [u8; 32] = Sha256::digest(s.as_bytes()).into();
        if let Some(id) = self.ids.get(&h)
            && seen.insert(h)
        {
            hits.push(Hit {
                place: place.to_string(),
                finding_id: id.clone(),
                chars: s.chars().count(),
            });
        }
    }

    /// Every removed string present in `text` (each reported once per call).
    pub fn find(&self, text: &str, place: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        if self.is_empty() || text.is_empty() {
            return hits;
        }
        let mut seen = HashSet::new();
        let spaced = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let chars: Vec<(usize, char)> = spaced.char_indices().collect();
        let n = chars.len();
        let byte_at = |i: usize| if i < n { chars[i].0 } else { spaced.len() };
        let alnum = |i: usize| i < n && chars[i].1.is_alphanumeric();
        for start in 0..n {
            if chars[start].1 == ' ' || (start > 0 && alnum(start - 1) && alnum(start)) {
                continue;
            }
            for &len in &self.lengths {
                let end = start + len;
                if end > n {
                    break;
                }
                if chars[end - 1].1 == ' ' || (alnum(end - 1) && alnum(end)) {
                    continue;
                }
                let window = &spaced[byte_at(start)..byte_at(end)];
                self.check(window, place, &mut hits, &mut seen);
                // the same window with line breaks for spaces (up to 6 spaces: 64 variants)
                let spaces: Vec<usize> = window.match_indices(' ').map(|(i, _)| i).collect();
                if !spaces.is_empty() && spaces.len() <= 6 {
                    for mask in 1u32..(1 << spaces.len()) {
                        let mut v = window.as_bytes().to_vec();
                        for (k, &at) in spaces.iter().enumerate() {
                            if mask & (1 << k) != 0 {
                                v[at] = b'\n';
                            }
                        }
                        if let Ok(v) = String::from_utf8(v) {
                            self.check(&v, place, &mut hits, &mut seen);
                        }
                    }
                }
            }
        }
        // solid: consecutive tokens joined without spaces
        let max = self.lengths.iter().next_back().copied().unwrap_or(0);
        let tokens: Vec<&str> = text.split_whitespace().collect();
        for i in 0..tokens.len() {
            let mut joined = String::new();
            for t in &tokens[i..] {
                joined.push_str(t);
                let count = joined.chars().count();
                if count > max + 2 {
                    break;
                }
                if count > tokens[i].chars().count() {
                    self.check(&joined, place, &mut hits, &mut seen);
                    let trimmed = joined.trim_matches(|c: char| !c.is_alphanumeric());
                    if trimmed.len() != joined.len() {
                        self.check(trimmed, place, &mut hits, &mut seen);
                    }
                }
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::sha256_hex;

    fn record(id: &str, text: &str) -> RedactionRecord {
        RedactionRecord {
            kind: "redaction".into(),
            id: id.into(),
            box_index: 0,
            input: "a.pdf".into(),
            page: 1,
            area: [0.0; 4],
            category: "name".into(),
            ground: "5.1.2e".into(),
            label: "5.1, 2, e".into(),
            unlabelled: false,
            rule: "r".into(),
            reason: String::new(),
            source: "detector".into(),
            confirmed_in: None,
            chars: text.chars().count(),
            text_sha256: sha256_hex(text),
            decision_id: None,
            reviewer: None,
            at: None,
        }
    }

    #[test]
    fn removed_strings_are_found_by_hash_in_every_form() {
        let recs = [
            record("r1", "Jan de Vries"),
            record("r2", "j.devries@example.nl"),
            record("r3", "Bakker"),
            record("r4", "Anna\nSmit"),
            record("r5", "06\n60 95 50 53"),
        ];
        let removed = Removed::from_records(&recs);
        let find = |t: &str| -> Vec<String> {
            removed
                .find(t, "x")
                .into_iter()
                .map(|h| h.finding_id)
                .collect()
        };
        assert_eq!(find("Aanwezig: Jan  de\nVries, voorzitter"), vec!["r1"]);
        assert_eq!(find("mail (j.devries@example.nl)."), vec!["r2"]);
        assert_eq!(find("B a k k e r zei"), vec!["r3"]);
        assert_eq!(find("met Anna Smit"), vec!["r4"]);
        assert_eq!(find("bel 06 60 95 50 53."), vec!["r5"]);
        // not inside a longer word, and nothing else
        assert!(find("Bakkerij en Jan de Vriesland").is_empty());
        assert!(find("niets te zien").is_empty());
    }
}
