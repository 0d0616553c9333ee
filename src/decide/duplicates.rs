//! Duplicates decided once: identical documents and near-duplicates (versions, mail threads)
//! found in the dossier from a small fingerprint of each document's page texts.
//!
//! Pass 1 reads every page's detection text; while it has a document's pages it computes a
//! [`Fingerprint`] (SHA-256 of the normalised text and a MinHash sketch of 128 values, about 1 KB)
//! and keeps only that, never the text. After pass 1, [`find`] walks the documents in input order
//! (the batch's sorted order), so the result does not depend on the number of threads:
//!
//! * **identical** (`similarity` 1.0): the same number of pages and, page by page, the same text
//!   with white space collapsed (runs of spaces, tabs and line breaks count as one space, leading
//!   and trailing space ignored). The original is the first document in input order with that text.
//! * **near-duplicate** (`similarity` ≥ [`NEAR_DUPLICATE`]): the estimated Jaccard similarity of
//!   the two documents' sets of word 5-grams ([`SHINGLE`] words, lower case, across page breaks,
//!   so a version that moved a page break is still near) is at least 0.9. The estimate is the
//!   share of equal values among [`MINHASHES`] MinHash values (standard error about 0.03 at 0.9);
//!   candidates are found by locality-sensitive hashing (32 bands of 4 values), so a dossier is
//!   not compared pair by pair. The original is the most similar earlier original (the earliest
//!   on a tie); a document that is itself a duplicate is never an original.
//!
//! Why 0.9: one 5-gram changes with every changed word and its four neighbours, so a document of
//! a few hundred words that differs by one paragraph (a version with an edit, a mail thread with
//! one more short reply) stays above 0.9, while documents built on one template with other
//! persons in them (the corpus's `m000_*` files, same minutes with other names) are near 0.5, and
//! unrelated documents near 0. A false near-duplicate only adds a line to the inventory: its
//! decisions are its own.
//!
//! Documents with fewer than [`SHINGLE`] words (blank pages, scans without a text layer and
//! without OCR) are never duplicates: their content is not known from their text.
//!
//! What a duplicate gets: the dossier's term table already gives every term the same decision in
//! every document. An identical duplicate also gets the reviewer's decisions that target its
//! original ([`mirror`]): areas, exempted pages and documents, and occurrence decisions (reject,
//! accept, ground) by id where the same text position exists in the duplicate. A near-duplicate
//! gets only the per-term decisions (its positions differ).

use super::review::{DecisionsFile, Review};
use crate::audit::finding_id;
use crate::detect::Finding;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

/// Words per shingle.
pub const SHINGLE: usize = 5;
/// MinHash values per document.
pub const MINHASHES: usize = 128;
/// Rows per LSH band (`MINHASHES / BAND` bands).
const BAND: usize = 4;
/// The near-duplicate threshold on the estimated Jaccard similarity of word 5-grams.
pub const NEAR_DUPLICATE: f64 = 0.9;

/// What is kept of a document's text to find its duplicates (no text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// SHA-256 of the page texts, white space collapsed, pages separated.
    exact: [u8; 32],
    /// MinHash of the word 5-grams; empty when the document has fewer than [`SHINGLE`] words.
    minhash: Vec<u64>,
}

impl Fingerprint {
    /// True when the document has enough text to be compared.
    pub fn comparable(&self) -> bool {
        !self.minhash.is_empty()
    }
}

/// A document's relation to an earlier one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duplicate {
    /// Index of the original in input order.
    pub of: usize,
    /// The original's input path (relative, as `input` in the audit).
    pub original: String,
    /// 1.0 for an identical document, else the estimated Jaccard similarity (≤ 0.99).
    pub similarity: f64,
}

impl Duplicate {
    /// True for an identical document.
    pub fn identical(&self) -> bool {
        self.similarity >= 1.0
    }
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The fingerprint of a document's page texts (as detection read them).
pub fn fingerprint(pages: &[String]) -> Fingerprint {
    let mut sha = Sha256::new();
    let mut words: Vec<u64> = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if i > 0 {
            sha.update(b"\x0c");
        }
        for (j, w) in p.split_whitespace().enumerate() {
            if j > 0 {
                sha.update(b" ");
            }
            sha.update(w.as_bytes());
            words.push(fnv(&w.to_lowercase()));
        }
    }
    let exact: [u8; 32] = sha.finalize().into();
    let mut minhash = Vec::new();
    if words.len() >= SHINGLE {
        minhash = vec![u64::MAX; MINHASHES];
        for g in words.windows(SHINGLE) {
            let s = g.iter().fold(0u64, |h, &w| splitmix(h ^ w));
            for (k, m) in minhash.iter_mut().enumerate() {
                let v = splitmix(s ^ (k as u64).wrapping_mul(0xa076_1d64_78bd_642f));
                if v < *m {
                    *m = v;
                }
            }
        }
    }
    Fingerprint { exact, minhash }
}

fn estimate(a: &[u64], b: &[u64]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(1) as f64
}

/// The duplicates of a dossier: for each document (input order; `None` for one that could not
/// be read) its original and similarity, or `None`. `names` are the input paths.
pub fn find(prints: &[Option<Fingerprint>], names: &[String]) -> Vec<Option<Duplicate>> {
    let mut out: Vec<Option<Duplicate>> = vec![None; prints.len()];
    let mut exact: HashMap<[u8; 32], usize> = HashMap::new();
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (j, p) in prints.iter().enumerate() {
        let Some(p) = p.as_ref().filter(|p| p.comparable()) else {
            continue;
        };
        if let Some(&i) = exact.get(&p.exact) {
            out[j] = Some(Duplicate {
                of: i,
                original: names[i].clone(),
                similarity: 1.0,
            });
            continue;
        }
        exact.insert(p.exact, j);
        let keys: Vec<(usize, u64)> = p
            .minhash
            .chunks(BAND)
            .enumerate()
            .map(|(b, rows)| (b, rows.iter().fold(b as u64, |h, &v| splitmix(h ^ v))))
            .collect();
        let mut candidates: Vec<usize> = keys
            .iter()
            .filter_map(|k| buckets.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .iter()
            .filter_map(|&i| {
                let q = prints[i].as_ref()?;
                Some((i, estimate(&p.minhash, &q.minhash)))
            })
            .filter(|&(_, s)| s >= NEAR_DUPLICATE)
            // most similar, then earliest
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((i, s)) = best {
            out[j] = Some(Duplicate {
                of: i,
                original: names[i].clone(),
                similarity: ((s * 100.0).floor() / 100.0).min(0.99),
            });
            continue;
        }
        for k in keys {
            buckets.entry(k).or_default().push(j);
        }
    }
    out
}

/// Byte offset in `to` of the same position as `off` in `from`, when both texts are equal with
/// white space collapsed: counted in non-white-space characters (`end`: one past a character).
fn map_offset(from: &str, to: &str, off: usize, end: bool) -> Option<usize> {
    if from == to {
        return Some(off);
    }
    if !from.is_char_boundary(off) {
        return None;
    }
    let k = from[..off].chars().filter(|c| !c.is_whitespace()).count();
    if end {
        if k == 0 {
            return Some(0);
        }
        let (at, c) = to
            .char_indices()
            .filter(|(_, c)| !c.is_whitespace())
            .nth(k - 1)?;
        Some(at + c.len_utf8())
    } else {
        to.char_indices()
            .filter(|(_, c)| !c.is_whitespace())
            .nth(k)
            .map(|(at, _)| at)
    }
}

/// One document as [`mirror`] sees it.
pub struct MirrorDoc<'a> {
    /// Input path.
    pub doc: &'a str,
    /// Page texts as detection read them (`None`: unreadable).
    pub texts: Option<&'a [String]>,
    /// Findings per page before the reviewer's decisions.
    pub findings: Option<&'a [Vec<Finding>]>,
    /// Its relation to an earlier document.
    pub duplicate: Option<&'a Duplicate>,
}

/// The decisions file with every reviewer's decision on a document repeated for each of its
/// identical duplicates: areas and exemptions as they are, occurrence decisions where the same
/// text position exists in the duplicate (an occurrence of the term table, or a finding of
/// detection, with the same id scheme). A repeated decision's id is `ID@DUPLICATE`, so the audit
/// shows which decision it repeats. A decision the file already makes on the duplicate itself
/// (the same area, page or occurrence) is not repeated: the reviewer's own stands. `occurrence_ids` are the term table's occurrence ids.
/// Returns `None` when nothing is repeated.
pub fn mirror(
    file: &DecisionsFile,
    docs: &[MirrorDoc],
    occurrence_ids: &std::collections::HashSet<&str>,
) -> Option<DecisionsFile> {
    let review = &file.table.review;
    let mut copies: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let index: HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.doc, i)).collect();
    for (j, d) in docs.iter().enumerate() {
        if let Some(dup) = d.duplicate.filter(|x| x.identical()) {
            copies.entry(docs[dup.of].doc).or_default().push(j);
        }
    }
    if copies.is_empty() || review.is_empty() {
        return None;
    }
    let mut extra = Review::default();
    let id = |given: &Option<String>, section: &str, i: usize, dup: &str| -> Option<String> {
        let base = given
            .clone()
            .unwrap_or_else(|| format!("{section}.{}", i + 1));
        Some(format!("{base}@{dup}"))
    };
    for (i, a) in review.areas.iter().enumerate() {
        for &j in copies.get(a.doc.as_str()).into_iter().flatten() {
            // a reviewer who decided the same on the copy already
            if review
                .areas
                .iter()
                .any(|x| x.doc == docs[j].doc && x.page == a.page && x.rect == a.rect)
            {
                continue;
            }
            let mut c = a.clone();
            c.doc = docs[j].doc.to_string();
            c.decision_id = id(&a.decision_id, "areas", i, docs[j].doc);
            extra.areas.push(c);
        }
    }
    for (i, e) in review.exempt.iter().enumerate() {
        for &j in copies.get(e.doc.as_str()).into_iter().flatten() {
            if review
                .exempt
                .iter()
                .any(|x| x.doc == docs[j].doc && (x.page == e.page || x.page.is_none()))
            {
                continue;
            }
            let mut c = e.clone();
            c.doc = docs[j].doc.to_string();
            c.decision_id = id(&e.decision_id, "exempt", i, docs[j].doc);
            extra.exempt.push(c);
        }
    }
    // redaction ids of the originals' findings
    let mut by_id: HashMap<String, (usize, usize, &Finding)> = HashMap::new();
    for orig in copies.keys() {
        let oi = index[orig];
        for (page, list) in docs[oi].findings.into_iter().flatten().enumerate() {
            for f in list {
                let rid = finding_id(orig, page as u32 + 1, f.start, f.end, f.category.as_str());
                by_id.insert(rid, (oi, page, f));
            }
        }
    }
    for (i, o) in review.occurrences.iter().enumerate() {
        let target = o.occurrence.trim();
        for (orig, dups) in &copies {
            let oi = index[orig];
            for &j in dups {
                let (Some(from), Some(to)) = (docs[oi].texts, docs[j].texts) else {
                    continue;
                };
                let mapped = if let Some((oi2, page, f)) = by_id.get(target).copied() {
                    if oi2 != oi {
                        continue;
                    }
                    let (Some(a), Some(b)) = (from.get(page), to.get(page)) else {
                        continue;
                    };
                    let (Some(s), Some(e)) = (
                        map_offset(a, b, f.start, false),
                        map_offset(a, b, f.end, true),
                    ) else {
                        continue;
                    };
                    let rid = finding_id(docs[j].doc, page as u32 + 1, s, e, f.category.as_str());
                    let exists = docs[j].findings.and_then(|p| p.get(page)).is_some_and(|l| {
                        l.iter()
                            .any(|g| g.start == s && g.end == e && g.category == f.category)
                    });
                    if !exists {
                        continue;
                    }
                    rid
                } else {
                    // TERM@DOC#PAGE:START
                    let Some((term, rest)) = target.split_once('@') else {
                        continue;
                    };
                    let Some(pos) = rest.strip_prefix(orig).and_then(|r| r.strip_prefix('#'))
                    else {
                        continue;
                    };
                    let Some((page, start)) = pos.split_once(':') else {
                        continue;
                    };
                    let (Ok(page), Ok(start)) = (page.parse::<usize>(), start.parse::<usize>())
                    else {
                        continue;
                    };
                    let (Some(a), Some(b)) =
                        (from.get(page.wrapping_sub(1)), to.get(page.wrapping_sub(1)))
                    else {
                        continue;
                    };
                    let Some(s) = map_offset(a, b, start, false) else {
                        continue;
                    };
                    let oid = format!("{term}@{}#{page}:{s}", docs[j].doc);
                    if !occurrence_ids.contains(oid.as_str()) {
                        continue;
                    }
                    oid
                };
                if review
                    .occurrences
                    .iter()
                    .any(|x| x.occurrence.trim() == mapped)
                {
                    continue;
                }
                let mut c = o.clone();
                c.occurrence = mapped;
                c.decision_id = id(&o.decision_id, "occurrences", i, docs[j].doc);
                extra.occurrences.push(c);
            }
        }
    }
    if extra.is_empty() {
        return None;
    }
    let mut out = file.clone();
    let r = &mut out.table.review;
    r.areas.extend(extra.areas);
    r.exempt.extend(extra.exempt);
    r.occurrences.extend(extra.occurrences);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize, salt: &str) -> String {
        (0..n)
            .map(|i| format!("w{i}{salt}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn identical_text_with_other_white_space_is_identical() {
        let a = fingerprint(&["Jan  de Vries\nschreef een brief aan de raad".into()]);
        let b = fingerprint(&["Jan de Vries schreef\teen brief aan de raad ".into()]);
        assert_eq!(a, b);
        // a page break is not white space
        let c = fingerprint(&[
            "Jan de Vries schreef".into(),
            "een brief aan de raad".into(),
        ]);
        assert_ne!(a.exact, c.exact);
    }

    #[test]
    fn the_first_in_input_order_is_the_original() {
        let t = words(300, "");
        let mut near = words(300, "");
        near.push_str(" en nog drie woorden");
        let other = words(300, "x");
        let prints = vec![
            Some(fingerprint(std::slice::from_ref(&other))),
            Some(fingerprint(std::slice::from_ref(&t))),
            None,
            Some(fingerprint(std::slice::from_ref(&t))),
            Some(fingerprint(&[near])),
            Some(fingerprint(&["te kort".into()])),
            Some(fingerprint(&["te kort".into()])),
        ];
        let names: Vec<String> = (0..prints.len()).map(|i| format!("d{i}.pdf")).collect();
        let d = find(&prints, &names);
        assert_eq!(d[0], None);
        assert_eq!(d[1], None);
        assert_eq!(d[2], None);
        let x = d[3].as_ref().expect("identical");
        assert_eq!(
            (x.of, x.original.as_str(), x.similarity),
            (1, "d1.pdf", 1.0)
        );
        let n = d[4].as_ref().expect("near");
        assert_eq!(n.of, 1);
        assert!(
            n.similarity >= NEAR_DUPLICATE && n.similarity < 1.0,
            "{n:?}"
        );
        // too short to know
        assert_eq!(d[6], None);
    }

    #[test]
    fn different_documents_are_not_near() {
        let a = words(200, "");
        // every tenth word changed: far fewer shared 5-grams
        let b: String = a
            .split(' ')
            .enumerate()
            .map(|(i, w)| {
                if i % 10 == 0 {
                    format!("{w}y")
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        let d = find(
            &[Some(fingerprint(&[a])), Some(fingerprint(&[b]))],
            &["a".into(), "b".into()],
        );
        assert_eq!(d[1], None);
    }

    #[test]
    fn decisions_on_an_original_are_repeated_for_its_identical_copy_only() {
        let json = r#"{"schema": "woo-redact/decisions/1", "terms": [], "review": {
            "occurrences": [{"occurrence": "t-1@a.pdf#1:5", "action": "reject"},
                            {"occurrence": "t-1@c.pdf#1:4", "action": "reject"}],
            "areas": [{"doc": "a.pdf", "page": 1, "rect": [1, 2, 3, 4]}],
            "exempt": [{"doc": "a.pdf", "page": 1, "ground": "5.1.2e"},
                       {"doc": "b.pdf", "page": 1, "ground": "5.1.2e"}]}}"#;
        let file = DecisionsFile::parse("d.json", json).expect("valid");
        let a = vec!["Aan  Jan de Vries".to_string()];
        let b = vec!["Aan Jan de Vries".to_string()];
        let dup = Duplicate {
            of: 0,
            original: "a.pdf".into(),
            similarity: 1.0,
        };
        let near = Duplicate {
            similarity: 0.95,
            ..dup.clone()
        };
        let docs = [
            MirrorDoc {
                doc: "a.pdf",
                texts: Some(&a),
                findings: None,
                duplicate: None,
            },
            MirrorDoc {
                doc: "b.pdf",
                texts: Some(&b),
                findings: None,
                duplicate: Some(&dup),
            },
            MirrorDoc {
                doc: "c.pdf",
                texts: Some(&b),
                findings: None,
                duplicate: Some(&near),
            },
        ];
        let ids: std::collections::HashSet<&str> = ["t-1@b.pdf#1:4"].into_iter().collect();
        let m = mirror(&file, &docs, &ids).expect("repeated");
        let r = &m.table.review;
        assert_eq!(r.areas.len(), 2);
        assert_eq!(r.areas[1].doc, "b.pdf");
        assert_eq!(r.areas[1].decision_id.as_deref(), Some("areas.1@b.pdf"));
        // b's own exemption of page 1 stands: not repeated
        assert_eq!(r.exempt.len(), 2);
        // the occurrence at byte 5 in a is at byte 4 in b; c is near, so nothing for it
        assert_eq!(r.occurrences.len(), 3);
        assert_eq!(r.occurrences[2].occurrence, "t-1@b.pdf#1:4");
        assert_eq!(
            r.occurrences[2].decision_id.as_deref(),
            Some("occurrences.1@b.pdf")
        );
    }

    #[test]
    fn offsets_map_across_white_space() {
        let a = "Aan  Jan de Vries\nen";
        let b = "Aan Jan de\nVries en";
        let s = a.find("Jan").unwrap();
        let e = a.find("Vries").unwrap() + 5;
        let s2 = map_offset(a, b, s, false).unwrap();
        let e2 = map_offset(a, b, e, true).unwrap();
        assert_eq!(&b[s2..e2], "Jan de\nVries");
        assert_eq!(map_offset(a, a, 7, false), Some(7));
    }
}
