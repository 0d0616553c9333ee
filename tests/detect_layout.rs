//! Names and identifiers as layout breaks them: wrapped over a line, written in capitals, in signature blocks.

use woo_redact::config::Config;
use woo_redact::detect::{Category, Detector, Finding};

fn det() -> Detector {
    Detector::new(&Config::default()).expect("detector")
}

fn covered(text: &str, fs: &[Finding], what: &str, cat: Category) -> bool {
    let s = text.find(what).expect("in text");
    let e = s + what.len();
    fs.iter()
        .any(|f| f.category == cat && f.start <= s && f.end >= e)
}

#[test]
fn email_wrapped_after_a_dot_is_found_over_both_lines() {
    let text = "Vragen kunt u sturen naar Maarten.vander.veen@logius.\nnl of bellen.\n";
    let fs = det().scan(text);
    assert!(
        covered(
            text,
            &fs,
            "Maarten.vander.veen@logius.\nnl",
            Category::Email
        ),
        "{fs:?}"
    );
}

#[test]
fn email_wrapped_at_the_at_sign_and_at_a_dash_is_found_whole() {
    let d = det();
    for text in [
        "Contact: j.de-vries@\nexample.nl voor vragen.\n",
        "Contact: j.de-\nvries@example.nl voor vragen.\n",
        "Contact: pieter.jansen\n@gemeente.nl voor vragen.\n",
    ] {
        let fs = d.scan(text);
        let at = text.find('@').expect("at");
        let email: Vec<&Finding> = fs
            .iter()
            .filter(|f| f.category == Category::Email)
            .collect();
        assert_eq!(email.len(), 1, "{text:?}: {fs:?}");
        let f = email[0];
        assert!(f.start < at && f.end > at, "{text:?}: {f:?}");
        assert!(text[f.start..f.end].contains('\n'), "{text:?}: {f:?}");
        assert!(text[f.end..].starts_with(" voor"), "{text:?}: {f:?}");
    }
}

#[test]
fn phone_and_iban_wrapped_at_a_space_or_dash_are_found_whole() {
    let d = det();
    let text = "Bel 06-\n12345678 of maak over naar NL91 ABNA\n0417 1643 00 graag.\n";
    let fs = d.scan(text);
    assert!(
        covered(text, &fs, "06-\n12345678", Category::Phone),
        "{fs:?}"
    );
    assert!(
        covered(text, &fs, "NL91 ABNA\n0417 1643 00", Category::Iban),
        "{fs:?}"
    );
}

#[test]
fn a_sentence_ending_at_a_line_end_is_not_glued_to_the_next_line() {
    let text = "Zie de bijlage.\nwww is geen adres, en info@\n is ook niets.\n";
    let fs = det().scan(text);
    assert!(fs.iter().all(|f| f.category != Category::Email), "{fs:?}");
}

#[test]
fn names_in_capitals_in_a_signature_are_found() {
    let d = det();
    let text = "Met vriendelijke groet,\n\nJ. JANSEN\nBeleidsadviseur\n";
    let fs = d.scan(text);
    assert!(covered(text, &fs, "JANSEN", Category::Name), "{fs:?}");
    let text = "Hoogachtend,\n\nJAN DE VRIES\nTeamleider Burgerzaken\n";
    let fs = d.scan(text);
    assert!(covered(text, &fs, "JAN DE VRIES", Category::Name), "{fs:?}");
    assert!(!fs.iter().any(|f| f.text.contains("Burgerzaken")), "{fs:?}");
}

#[test]
fn name_split_over_a_line_is_found_whole() {
    let text =
        "Het voorstel werd toegelicht door wethouder Pieter van\nder Sluis en daarna besproken.\n";
    let fs = det().scan(text);
    assert!(
        covered(text, &fs, "Pieter van\nder Sluis", Category::Name),
        "{fs:?}"
    );
}
