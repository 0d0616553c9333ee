//! Matching that tolerates OCR confusions: `rn`/`m`, `0`/`O`, `1`/`l`/`I`, `vv`/`w`, case, and one edit on long words.
//!
//! Used where OCR text meets known strings: dossier terms on OCR'd pages, and verification
//! of OCR'd output (a removed name read back as `Kravchenk0` is still a leak).

/// Words of at least this many characters match within edit distance 1.
pub const LONG_WORD: usize = 6;

/// The canonical form of a string for OCR comparison: lowercase, confusable characters folded
/// (`rn` -> `m`, `vv` -> `w`, `0` -> `o`, `1`/`|`/`i`/`!` -> `l`, `5` -> `s`, `8` -> `b`),
/// diacritics kept (tesseract reads them well enough with the Dutch model).
pub fn fold(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let chars: Vec<char> = lower.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match (c, next) {
            ('r', Some('n')) => {
                out.push('m');
                i += 2;
                continue;
            }
            ('v', Some('v')) => {
                out.push('w');
                i += 2;
                continue;
            }
            _ => {}
        }
        out.push(match c {
            '0' => 'o',
            '1' | '|' | 'i' | '!' | 'í' | 'ì' => 'l',
            '5' => 's',
            '8' => 'b',
            '’' | '`' => '\'',
            c => c,
        });
        i += 1;
    }
    out
}

/// Levenshtein distance, capped: returns `cap + 1` as soon as it is exceeded.
pub fn distance_capped(a: &[char], b: &[char], cap: usize) -> usize {
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > cap {
            return cap + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// True when two single words match under OCR tolerance.
pub fn word_matches(ocr: &str, term: &str) -> bool {
    let (a, b) = (fold(ocr), fold(term));
    if a == b {
        return true;
    }
    let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    bc.len() >= LONG_WORD && distance_capped(&ac, &bc, 1) <= 1
}

fn tokens(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let part =
            c.is_alphanumeric() || matches!(c, '@' | '.' | '-' | '_' | '\'' | '+' | '|' | '!');
        if part {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            // trim sentence punctuation at the ends
            let t = &s[st..i];
            let lead = t.len() - t.trim_start_matches(['.', '-', '\'']).len();
            let t2 = t.trim_end_matches(['.', '-', '\'']);
            if t2.len() > lead {
                out.push((st + lead, st + t2.len()));
            }
        }
    }
    out
}

/// Every place in `text` where `term` (one or more words) occurs under OCR tolerance: the
/// term's words matched to consecutive words of `text`. Byte spans into `text`.
pub fn find(text: &str, term: &str) -> Vec<(usize, usize)> {
    let tw: Vec<&str> = tokens(term).into_iter().map(|(a, b)| &term[a..b]).collect();
    if tw.is_empty() {
        return vec![];
    }
    let xs = tokens(text);
    let mut out = Vec::new();
    if xs.len() < tw.len() {
        return out;
    }
    for i in 0..=xs.len() - tw.len() {
        if tw
            .iter()
            .enumerate()
            .all(|(k, t)| word_matches(&text[xs[i + k].0..xs[i + k].1], t))
        {
            out.push((xs[i].0, xs[i + tw.len() - 1].1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_confusions_still_match() {
        assert!(word_matches("Kravchenk0", "Kravchenko"));
        assert!(word_matches("Mohamrned", "Mohammed"));
        assert!(word_matches("Hermans", "HERMANS"));
        assert!(
            word_matches("Kravhenko", "Kravchenko"),
            "one letter lost on a long word"
        );
        assert!(
            !word_matches("Job", "Jop"),
            "short words need an exact match"
        );
        assert!(!word_matches("Kraaienko", "Kravchenko"));
    }

    #[test]
    fn a_two_word_name_is_found_across_ocr_noise_with_its_span() {
        let t = "Aanwezig: Stoyan Kravchenk0, notulist.";
        let hits = find(t, "Stoyan Kravchenko");
        assert_eq!(hits.len(), 1);
        assert_eq!(&t[hits[0].0..hits[0].1], "Stoyan Kravchenk0");
        assert!(find("Stoyan kwam niet", "Stoyan Kravchenko").is_empty());
    }

    #[test]
    fn phone_numbers_and_addresses_match_as_tokens() {
        assert_eq!(find("tel. 06-12345678.", "06-12345678").len(), 1);
        assert_eq!(
            find("mail j.de.vries@ziggo.nl", "j.de.vries@ziggo.nl").len(),
            1
        );
    }
}
