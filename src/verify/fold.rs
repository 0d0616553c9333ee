//! Folding for leak matching: text is compared as a reader sees it, not as it is coded.
//!
//! [`fold`] applies, in order: Unicode compatibility normalisation (NFKC: full-width letters,
//! ligatures such as `ﬁ`, super- and subscripts become plain letters), removal of format and
//! invisible characters (zero-width spaces and joiners, soft hyphens, direction marks, word
//! joiners, byte-order marks, the combining grapheme joiner, variation selectors), removal of
//! PDF language escapes (`ESC nl ESC` inside UTF-16 text strings), and folding of letters that
//! look like Latin letters (Cyrillic `а` for `a`, Greek `ο` for `o`, ...). Case is kept, so the
//! caller decides where case matters; [`fold_lower`] also folds case.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// True for characters a reader does not see: Unicode format characters and the like.
pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{E0000}'..='\u{E007F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
    )
}

/// The Latin letter a Cyrillic or Greek letter is drawn like, if any.
fn look_alike(c: char) -> char {
    match c {
        // Cyrillic
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'һ' => 'h',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ӏ' => 'l',
        // Greek
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'ο' => 'o',
        'ν' => 'v',
        'ρ' => 'p',
        'ι' => 'i',
        'κ' => 'k',
        'α' => 'a',
        'τ' => 't',
        'υ' => 'u',
        // Latin letters drawn like others
        'ı' => 'i',
        'ȷ' => 'j',
        'ſ' => 's',
        other => other,
    }
}

/// Folds `s` as described in the module documentation; case is kept.
pub fn fold(s: &str) -> String {
    // Most text is in NFKC already (the quick check says so in one pass): then it is its own
    // normal form, and normalising it would only cost time.
    if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        fold_normal(s.chars(), s.len())
    } else {
        fold_normal(s.nfkc(), s.len())
    }
}

/// [`fold`] of text already in NFKC.
fn fold_normal(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut in_escape = false;
    for c in chars {
        if c == '\u{1B}' {
            // A language escape: ESC, a language code, ESC (PDF 32000-1, 7.9.2.2).
            in_escape = !in_escape;
            continue;
        }
        if in_escape {
            if c.is_ascii_alphabetic() || c == '-' {
                continue;
            }
            in_escape = false;
        }
        if invisible(c) {
            continue;
        }
        out.push(look_alike(c));
    }
    out
}

/// [`fold`], then case folded.
pub fn fold_lower(s: &str) -> String {
    fold(s).to_lowercase()
}

/// True when `s` folds to itself, so a caller may skip the work (pure ASCII without ESC).
pub fn is_plain(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii() && b != 0x1B)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_and_look_alikes_fold_away() {
        assert_eq!(fold("Jan\u{200B}sen"), "Jansen");
        assert_eq!(fold("Jan\u{00AD}sen"), "Jansen");
        assert_eq!(fold("Ｊａｎｓｅｎ"), "Jansen");
        // Cyrillic а and е in a Latin name
        assert_eq!(fold("J\u{0430}ns\u{0435}n"), "Jansen");
        assert_eq!(fold("Gri\u{FB03}oen"), "Griffioen");
        assert_eq!(fold("Karin \u{1B}nl\u{1B}Jansen"), "Karin Jansen");
        assert_eq!(fold_lower("PIETER BAKKER"), "pieter bakker");
        assert!(is_plain("Pieter Bakker"));
        assert!(!is_plain("Jan\u{200B}sen"));
    }
}
