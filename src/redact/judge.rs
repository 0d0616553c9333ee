//! The document judge: decides which strings outside the page text (metadata, bookmarks, annotations, structure tree, marked content) hold personal data.

use crate::config::{Config, render_ground};
use crate::detect::{Detector, Finding};
use crate::redact::sanitize::{Judge, Span};
use std::collections::HashSet;
use std::sync::Mutex;

/// The judge used on metadata, bookmarks, annotations and the structure tree: the detector's
/// strict scan, plus every string this file had removed from its pages (on word boundaries).
pub struct DocJudge<'a> {
    detector: &'a Detector,
    config: &'a Config,
    removed: Vec<String>,
    /// Words that stand in this document's page text outside every finding: page detection,
    /// which sees their context, judged them not personal. A lone word the context-free strict
    /// scan flags in a bookmark or in metadata ("Locatie: Kamer 2C4") gets the same decision.
    kept_words: HashSet<String>,
    seen: Mutex<Vec<String>>,
}

impl<'a> DocJudge<'a> {
    /// A judge for one document: `removed` are the strings removed from its pages, `kept_words`
    /// the words its page detection kept (see [`collect_kept_words`]).
    pub fn new(
        detector: &'a Detector,
        config: &'a Config,
        removed: Vec<String>,
        kept_words: HashSet<String>,
    ) -> DocJudge<'a> {
        DocJudge {
            detector,
            config,
            removed,
            kept_words,
            seen: Mutex::new(Vec::new()),
        }
    }

    /// Every string this judge found (and so had removed) so far.
    pub fn found(&self) -> Vec<String> {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

/// Whether `text[start..end]` stands on word boundaries (no letter or digit touches it).
pub fn word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

impl Judge for DocJudge<'_> {
    fn find(&self, text: &str) -> Vec<Span> {
        let mut spans: Vec<Span> = self
            .detector
            .scan_string_strict(text)
            .into_iter()
            .filter(|f| {
                let t = &text[f.start..f.end];
                t.split_whitespace().count() > 1
                    || !self.kept_words.contains(t)
                    || self.removed.iter().any(|r| r == t)
            })
            .map(|f| Span {
                start: f.start,
                end: f.end,
                ground: render_ground(&f.ground, self.config.label_notation),
            })
            .collect();
        for r in &self.removed {
            for (at, _) in text.match_indices(r.as_str()) {
                if word_boundary(text, at, at + r.len())
                    && !spans.iter().any(|s| s.start < at + r.len() && at < s.end)
                {
                    spans.push(Span {
                        start: at,
                        end: at + r.len(),
                        ground: render_ground("5.1.2e", self.config.label_notation),
                    });
                }
            }
        }
        spans.sort_by_key(|s| s.start);
        let mut merged: Vec<Span> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start < last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        if !merged.is_empty()
            && let Ok(mut seen) = self.seen.lock()
        {
            for s in &merged {
                seen.push(text[s.start..s.end].to_string());
            }
        }
        merged
    }
}

/// Adds every word of a page text that lies outside all findings to `out`.
pub fn collect_kept_words(text: &str, findings: &[Finding], out: &mut HashSet<String>) {
    let mut start = None;
    for (pos, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() || c == '-' || c == '\'' {
            start.get_or_insert(pos);
        } else if let Some(s) = start.take()
            && !findings.iter().any(|f| s < f.end && f.start < pos)
        {
            out.insert(text[s..pos].to_string());
        }
    }
}

/// `text` with every finding's span blanked (each character a space): the text a page keeps.
pub fn kept_text_of(text: &str, findings: &[Finding]) -> String {
    text.char_indices()
        .map(|(i, c)| {
            if findings.iter().any(|f| f.start <= i && i < f.end) {
                ' '
            } else {
                c
            }
        })
        .collect()
}
