//! Scoring findings against corpus ground truth (`*.truth.json`), with the matching rules of `tools/evallib.py`.
//!
//! Input is (file stem, page texts, findings per page), so the same code scores the corpus `.txt` files now and
//! PDF text layers later.

use std::collections::BTreeMap;

use regex::Regex;
use serde::Deserialize;

use super::Finding;

/// One sensitive string of a truth file.
#[derive(Debug, Clone, Deserialize)]
pub struct TruthItem {
    /// The string.
    pub text: String,
    /// Its category (`name`, `email`, ... for sensitive items; `place`, `date`, ... for negatives).
    pub category: String,
}

/// The parts of a `STEM.truth.json` the detector is scored on.
#[derive(Debug, Clone, Deserialize)]
pub struct Truth {
    /// Strings that must be found.
    pub sensitive: Vec<TruthItem>,
    /// Strings that must not be found.
    pub negatives: Vec<TruthItem>,
}

/// Counts for one category.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Occurrences of truth strings in the text.
    pub occurrences: usize,
    /// Occurrences covered by findings.
    pub found: usize,
    /// Findings of this category covering truth strings.
    pub true_pos: usize,
    /// Findings of this category covering no truth string and no negative.
    pub false_pos: usize,
}

/// A missed truth occurrence or a wrong finding, for reports.
#[derive(Debug, Clone)]
pub struct Miss {
    /// File stem.
    pub stem: String,
    /// Page index (0-based).
    pub page: usize,
    /// The text.
    pub text: String,
    /// Category (truth or finding).
    pub category: String,
    /// Rule of the finding (empty for misses).
    pub rule: String,
}

/// The score of one or more documents.
#[derive(Debug, Clone, Default)]
pub struct Score {
    /// Counts per category.
    pub per_category: BTreeMap<String, Counts>,
    /// Missed sensitive occurrences.
    pub misses: Vec<Miss>,
    /// Findings that hit a truth negative.
    pub negative_hits: Vec<Miss>,
    /// Findings covering nothing in the truth.
    pub false_positives: Vec<Miss>,
}

impl Score {
    /// Adds another score into this one.
    pub fn add(&mut self, o: Score) {
        for (k, v) in o.per_category {
            let c = self.per_category.entry(k).or_default();
            c.occurrences += v.occurrences;
            c.found += v.found;
            c.true_pos += v.true_pos;
            c.false_pos += v.false_pos;
        }
        self.misses.extend(o.misses);
        self.negative_hits.extend(o.negative_hits);
        self.false_positives.extend(o.false_positives);
    }

    /// Recall of a category (1.0 when it has no occurrences).
    pub fn recall(&self, cat: &str) -> f64 {
        self.per_category
            .get(cat)
            .filter(|c| c.occurrences > 0)
            .map(|c| c.found as f64 / c.occurrences as f64)
            .unwrap_or(1.0)
    }

    /// Precision of a category's findings (1.0 when there are none).
    pub fn precision(&self, cat: &str) -> f64 {
        self.per_category
            .get(cat)
            .filter(|c| c.true_pos + c.false_pos > 0)
            .map(|c| c.true_pos as f64 / (c.true_pos + c.false_pos) as f64)
            .unwrap_or(1.0)
    }
}

/// A compiled truth pattern with the boundary conditions regex cannot express.
struct Pat {
    re: Regex,
    /// No word character (and for non-names no `@` or `.`) right before.
    left_word: bool,
    left_extra: &'static str,
    /// No word character right after.
    right_word: bool,
    /// Digit-only boundaries (phone, BSN).
    digits: bool,
    /// Alphanumeric boundaries (IBAN, kenteken).
    alnum: bool,
}

fn flex(chars: &str, sep: &str) -> String {
    chars
        .chars()
        .map(|c| regex::escape(&c.to_string()))
        .collect::<Vec<_>>()
        .join(sep)
}

fn pattern(text: &str, category: &str) -> Option<Pat> {
    let t = text.trim();
    let base = Pat {
        re: Regex::new("x").ok()?,
        left_word: false,
        left_extra: "",
        right_word: false,
        digits: false,
        alnum: false,
    };
    match category {
        "phone" | "bsn" => {
            let d: String = t.chars().filter(char::is_ascii_digit).collect();
            Some(Pat {
                re: Regex::new(&flex(&d, r"[\s\-./()+]{0,4}")).ok()?,
                digits: true,
                ..base
            })
        }
        "iban" | "license_plate" => {
            let a: String = t.chars().filter(char::is_ascii_alphanumeric).collect();
            Some(Pat {
                re: Regex::new(&flex(&a, r"[\s\-]{0,2}")).ok()?,
                alnum: true,
                ..base
            })
        }
        "email" => Some(Pat {
            re: Regex::new(&format!("(?i){}", regex::escape(t))).ok()?,
            left_word: true,
            left_extra: ".+-",
            right_word: true,
            ..base
        }),
        _ => {
            let parts: Vec<String> = t.split_whitespace().map(regex::escape).collect();
            let mut body = parts.join(r"\s+").replace(r"\-", r"-\s?");
            if category == "name" {
                body = body.replace(r"\.", r"\s?\.");
            }
            let first_alnum = t.chars().next().is_some_and(char::is_alphanumeric);
            let last_alnum = t.chars().last().is_some_and(char::is_alphanumeric);
            Some(Pat {
                re: Regex::new(&body).ok()?,
                left_word: first_alnum,
                left_extra: if category == "name" { "" } else { "@." },
                right_word: last_alnum,
                ..base
            })
        }
    }
}

fn find_all(p: &Pat, text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at <= text.len() {
        let Some(m) = p.re.find_at(text, at) else {
            break;
        };
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        let ok = if p.digits {
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        } else if p.alnum {
            !before.is_some_and(|c| c.is_ascii_alphanumeric())
                && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        } else {
            let w = |c: char| c.is_alphanumeric() || c == '_';
            (!p.left_word || !before.is_some_and(|c| w(c) || p.left_extra.contains(c)))
                && (!p.right_word
                    || !after.is_some_and(|c| w(c) || (p.left_extra == ".+-" && c == '-')))
        };
        if ok {
            out.push((m.start(), m.end()));
            at = m.end();
        } else {
            // retry one char later
            at = m.start()
                + text[m.start()..]
                    .chars()
                    .next()
                    .map(char::len_utf8)
                    .unwrap_or(1);
        }
    }
    out
}

fn covered(findings: &[Finding], s: usize, e: usize, text: &str) -> bool {
    text[s..e].char_indices().all(|(k, ch)| {
        let p = s + k;
        ch.is_whitespace() || findings.iter().any(|f| f.start <= p && p < f.end)
    })
}

/// Scores one document: `pages[i]` was scanned into `findings[i]`.
pub fn score_document(
    stem: &str,
    pages: &[String],
    findings: &[Vec<Finding>],
    truth: &Truth,
) -> Score {
    let mut score = Score::default();
    let mut sens: Vec<(&TruthItem, Pat)> = truth
        .sensitive
        .iter()
        .filter_map(|t| pattern(&t.text, &t.category).map(|p| (t, p)))
        .collect();
    sens.sort_by_key(|(t, _)| std::cmp::Reverse(t.text.len()));
    let negs: Vec<(&TruthItem, Pat)> = truth
        .negatives
        .iter()
        .filter_map(|t| pattern(&t.text, "negative").map(|p| (t, p)))
        .collect();
    for (pi, (text, fs)) in pages.iter().zip(findings).enumerate() {
        let mut taken: Vec<(usize, usize, &str)> = Vec::new();
        for (item, p) in &sens {
            for (s, e) in find_all(p, text) {
                if taken.iter().any(|&(a, b, _)| s < b && a < e) {
                    continue;
                }
                taken.push((s, e, item.category.as_str()));
                let c = score.per_category.entry(item.category.clone()).or_default();
                c.occurrences += 1;
                if covered(fs, s, e, text) {
                    c.found += 1;
                } else {
                    score.misses.push(Miss {
                        stem: stem.to_string(),
                        page: pi,
                        text: text[s..e].to_string(),
                        category: item.category.clone(),
                        rule: String::new(),
                    });
                }
            }
        }
        let mut neg_spans: Vec<(usize, usize)> = Vec::new();
        for (_, p) in &negs {
            for (s, e) in find_all(p, text) {
                if !taken.iter().any(|&(a, b, _)| s < b && a < e) {
                    neg_spans.push((s, e));
                }
            }
        }
        for f in fs {
            let cat = f.category.as_str().to_string();
            let hits_truth = taken.iter().any(|&(a, b, _)| f.start < b && a < f.end);
            let c = score.per_category.entry(cat.clone()).or_default();
            if hits_truth {
                c.true_pos += 1;
                continue;
            }
            c.false_pos += 1;
            let miss = Miss {
                stem: stem.to_string(),
                page: pi,
                text: f.text.clone(),
                category: cat,
                rule: f.rule.clone(),
            };
            if neg_spans.iter().any(|&(a, b)| f.start < b && a < f.end) {
                score.negative_hits.push(miss);
            } else {
                score.false_positives.push(miss);
            }
        }
    }
    score
}
