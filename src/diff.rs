//! Before/after text of a redaction, page by page, as a unified diff (optionally coloured), so a reviewer sees what was removed.

use crate::extract::extract_bytes;
use crate::pdf::Limits;

/// The text of every page of a PDF as the project's extractor reads it (an unreadable page
/// gives a one-line note instead of its text).
pub fn page_texts(bytes: &[u8]) -> Result<Vec<String>, crate::pdf::PdfError> {
    let doc = extract_bytes(bytes, &Limits::default())?;
    Ok(doc
        .pages
        .iter()
        .map(|p| match p {
            Ok(p) => p.text.text.clone(),
            Err(e) => format!("[page could not be read: {e}]\n"),
        })
        .collect())
}

/// One unified diff per page that changed (`--- before page N` / `+++ after page N`), with
/// `context` lines around each change. A page only in one of the two is diffed against nothing.
/// Returns the diff and the number of changed pages.
pub fn diff_pages(
    before: &[String],
    after: &[String],
    before_name: &str,
    after_name: &str,
    context: usize,
) -> (String, usize) {
    let mut out = String::new();
    let mut changed = 0;
    for i in 0..before.len().max(after.len()) {
        let a = before.get(i).map(String::as_str).unwrap_or("");
        let b = after.get(i).map(String::as_str).unwrap_or("");
        if a == b {
            continue;
        }
        changed += 1;
        let (a, b) = (with_newline(a), with_newline(b));
        let d = similar::TextDiff::from_lines(a.as_str(), b.as_str());
        out.push_str(
            &d.unified_diff()
                .context_radius(context)
                .header(
                    &format!("{before_name} page {}", i + 1),
                    &format!("{after_name} page {}", i + 1),
                )
                .to_string(),
        );
    }
    (out, changed)
}

fn with_newline(s: &str) -> String {
    if s.is_empty() || s.ends_with('\n') {
        s.to_string()
    } else {
        format!("{s}\n")
    }
}

/// Colours a unified diff for a terminal: removed lines red, added lines green, hunk headers
/// cyan, file headers bold. Where a run of removed lines is followed by as many added lines,
/// the words that differ are shown in reverse video, so the removed words stand out.
pub fn colorize(diff: &str) -> String {
    let lines: Vec<&str> = diff.lines().collect();
    let is_header = |l: &str| l.starts_with("--- ") || l.starts_with("+++ ");
    let is_minus = |l: &str| l.starts_with('-') && !is_header(l);
    let is_plus = |l: &str| l.starts_with('+') && !is_header(l);
    let mut o = String::with_capacity(diff.len() + diff.len() / 4);
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if is_minus(l) {
            let j = i;
            while i < lines.len() && is_minus(lines[i]) {
                i += 1;
            }
            let k = i;
            while i < lines.len() && is_plus(lines[i]) {
                i += 1;
            }
            if k - j == i - k {
                let mut minus = String::new();
                let mut plus = String::new();
                for n in 0..k - j {
                    let (a, b) = word_marked(&lines[j + n][1..], &lines[k + n][1..]);
                    minus.push_str(&format!("\x1b[31m-{a}\x1b[0m\n"));
                    plus.push_str(&format!("\x1b[32m+{b}\x1b[0m\n"));
                }
                o.push_str(&minus);
                o.push_str(&plus);
            } else {
                for l in &lines[j..i] {
                    let c = if is_minus(l) { "31" } else { "32" };
                    o.push_str(&format!("\x1b[{c}m{l}\x1b[0m\n"));
                }
            }
            continue;
        }
        let code = if is_header(l) {
            Some("1")
        } else if l.starts_with('+') {
            Some("32")
        } else if l.starts_with("@@") {
            Some("36")
        } else {
            None
        };
        match code {
            Some(c) => o.push_str(&format!("\x1b[{c}m{l}\x1b[0m\n")),
            None => {
                o.push_str(l);
                o.push('\n');
            }
        }
        i += 1;
    }
    o
}

/// The two lines with the words only one of them has in reverse video (the line colour stays).
fn word_marked(old: &str, new: &str) -> (String, String) {
    let d = similar::TextDiff::from_words(old, new);
    let (mut a, mut b) = (String::new(), String::new());
    for ch in d.iter_all_changes() {
        let v = ch.value();
        match ch.tag() {
            similar::ChangeTag::Equal => {
                a.push_str(v);
                b.push_str(v);
            }
            similar::ChangeTag::Delete if !v.trim().is_empty() => {
                a.push_str(&format!("\x1b[7m{v}\x1b[27m"))
            }
            similar::ChangeTag::Insert if !v.trim().is_empty() => {
                b.push_str(&format!("\x1b[7m{v}\x1b[27m"))
            }
            similar::ChangeTag::Delete => a.push_str(v),
            similar::ChangeTag::Insert => b.push_str(v),
        }
    }
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_removed_name_shows_as_a_removed_line_and_unchanged_pages_are_skipped() {
        let before = vec![
            "Aanwezig: Jan de Vries\nAgenda\n".to_string(),
            "Rondvraag\n".to_string(),
        ];
        let after = vec![
            "Aanwezig: 5.1, 2, e\nAgenda\n".to_string(),
            "Rondvraag\n".to_string(),
        ];
        let (d, n) = diff_pages(&before, &after, "in.pdf", "out.pdf", 3);
        assert_eq!(n, 1);
        assert!(d.contains("--- in.pdf page 1\n+++ out.pdf page 1\n"), "{d}");
        assert!(
            d.contains("\n-Aanwezig: Jan de Vries\n+Aanwezig: 5.1, 2, e\n"),
            "{d}"
        );
        assert!(!d.contains("page 2"), "{d}");
        let c = colorize(&d);
        let red = c
            .lines()
            .find(|l| l.starts_with("\x1b[31m-Aanwezig"))
            .unwrap();
        let green = c
            .lines()
            .find(|l| l.starts_with("\x1b[32m+Aanwezig"))
            .unwrap();
        for w in ["Jan", "de", "Vries"] {
            assert!(red.contains(&format!("\x1b[7m{w}\x1b[27m")), "{red:?}");
        }
        assert!(!red.contains("\x1b[7mAanwezig"), "{red:?}");
        assert!(green.contains("\x1b[7m5.1,\x1b[27m"), "{green:?}");
        assert!(c.contains("\x1b[1m--- in.pdf page 1\x1b[0m"), "{c:?}");
    }
}
