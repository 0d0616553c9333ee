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
/// cyan, file headers bold.
pub fn colorize(diff: &str) -> String {
    let mut o = String::with_capacity(diff.len() + diff.len() / 4);
    for line in diff.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let code = if body.starts_with("---") || body.starts_with("+++") {
            Some("1")
        } else if body.starts_with('-') {
            Some("31")
        } else if body.starts_with('+') {
            Some("32")
        } else if body.starts_with("@@") {
            Some("36")
        } else {
            None
        };
        match code {
            Some(c) => o.push_str(&format!("\x1b[{c}m{body}\x1b[0m{nl}")),
            None => o.push_str(line),
        }
    }
    o
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
        assert!(
            c.contains("\x1b[31m-Aanwezig: Jan de Vries\x1b[0m"),
            "{c:?}"
        );
        assert!(c.contains("\x1b[32m+Aanwezig: 5.1, 2, e\x1b[0m"), "{c:?}");
    }
}
