//! The dossier's term table: one decision per name term, and findings that follow it (never disagreeing with themselves).

use woo_redact::config::Config;
use woo_redact::decide::{Decision, DecisionTable, How};
use woo_redact::detect::{Category, Detector, DocFindings, Dossier};

fn det() -> Detector {
    Detector::new(&Config::default()).expect("detector")
}

fn docs() -> Vec<(&'static str, Vec<String>)> {
    vec![
        (
            "a.pdf",
            vec![
                "Aanwezig: dhr. Verwey, mevrouw Sanne Oosterhuis\nDe heer Verwey opent de vergadering.\n"
                    .to_string(),
                "Oosterhuis vraagt naar de planning. Verwey antwoordt.\n".to_string(),
            ],
        ),
        (
            "b.pdf",
            vec![
                "Het Verwey-Jonker Instituut schreef het rapport. Oosterhuis leest het.\nDat is duidelijk. Dat weten we.\n"
                    .to_string(),
            ],
        ),
    ]
}

fn run(d: &Detector) -> (Vec<DocFindings>, DecisionTable) {
    let mut dossier = Dossier::new(d);
    for (name, pages) in docs() {
        dossier.add(name, pages);
    }
    let out = dossier.scan();
    (out, dossier.decisions().clone())
}

#[test]
fn findings_follow_the_table_for_every_occurrence() {
    let d = det();
    let (out, table) = run(&d);
    assert!(!table.terms.is_empty());
    for t in &table.terms {
        for o in &t.occurrences {
            let doc = out.iter().find(|x| x.doc == o.doc).expect("doc");
            let covered = doc.pages[o.page - 1]
                .iter()
                .any(|f| f.category == Category::Name && f.start <= o.start && f.end >= o.end);
            assert_eq!(
                covered, o.redact,
                "term {} ({:?}) occurrence {} disagrees with the findings",
                t.key, t.decision, o.id
            );
        }
    }
}

#[test]
fn confirmed_surname_is_redacted_everywhere_but_inside_the_institute_name() {
    let d = det();
    let (out, table) = run(&d);
    let verwey = table.term("verwey").expect("verwey is a term");
    assert_eq!(verwey.decision, Decision::PerOccurrence, "{}", verwey.why);
    let inst: Vec<_> = verwey
        .occurrences
        .iter()
        .filter(|o| o.how == How::Blocked)
        .collect();
    assert_eq!(inst.len(), 1);
    assert!(!inst[0].redact);
    assert!(
        verwey
            .occurrences
            .iter()
            .filter(|o| o.how != How::Blocked)
            .all(|o| o.redact)
    );
    // the bare surname in the other document is found, with its term id and origin
    let b = &out[1].pages[0];
    let bare = b
        .iter()
        .find(|f| f.text == "Oosterhuis")
        .expect("Oosterhuis redacted in b.pdf");
    let term = table.term("oosterhuis").expect("term");
    assert_eq!(bare.term.as_deref(), Some(term.id.as_str()));
    if bare.rule == "name.consistency" {
        assert_eq!(bare.confirmed_in.as_deref(), Some("a.pdf"), "{bare:?}");
    }
    assert!(!b.iter().any(|f| f.text.contains("Verwey-Jonker")), "{b:?}");
}

#[test]
fn ordinary_words_are_no_terms_and_every_finding_says_why() {
    let d = det();
    let (out, table) = run(&d);
    assert!(
        table
            .term("dat")
            .is_none_or(|t| t.decision == Decision::Keep)
    );
    for doc in &out {
        for page in &doc.pages {
            for f in page {
                assert!(!f.rule.is_empty() && !f.reason.is_empty(), "{f:?}");
                assert!(!f.text.starts_with("Dat"), "{f:?}");
            }
        }
    }
}

#[test]
fn table_is_stable_json_with_stable_ids() {
    let d = det();
    let (_, t1) = run(&d);
    let (_, t2) = run(&d);
    assert_eq!(t1.to_json(), t2.to_json());
    let back = DecisionTable::from_json(&t1.to_json()).expect("parse");
    assert_eq!(back, t1);
    assert_eq!(back.schema, woo_redact::decide::SCHEMA);
    let ids: std::collections::HashSet<&str> = t1
        .terms
        .iter()
        .flat_map(|t| t.occurrences.iter().map(|o| o.id.as_str()))
        .collect();
    let n: usize = t1.terms.iter().map(|t| t.occurrences.len()).sum();
    assert_eq!(ids.len(), n, "occurrence ids are unique");
}

#[test]
fn one_page_scan_decides_like_a_dossier() {
    let d = det();
    let text = "Dhr. Kaplan-Yilmaz opent. Later zegt Kaplan-Yilmaz dat het goed is.\n";
    let fs = d.scan(text);
    let n = fs
        .iter()
        .filter(|f| f.text.contains("Kaplan-Yilmaz"))
        .count();
    assert_eq!(n, 2, "{fs:?}");
}

/// Is `word` (its `nth` occurrence in the page text) covered by a name finding?
fn boxed(
    out: &[DocFindings],
    pages: &[(&str, Vec<String>)],
    doc: &str,
    page: usize,
    word: &str,
    nth: usize,
) -> bool {
    let text = &pages.iter().find(|p| p.0 == doc).expect("doc").1[page];
    let s = text.match_indices(word).nth(nth).expect("occurrence").0;
    let e = s + word.len();
    out.iter().find(|x| x.doc == doc).expect("doc").pages[page]
        .iter()
        .any(|f| f.category == Category::Name && f.start <= s && e <= f.end)
}

/// One dossier of `pages` (document name, page texts): its findings and term table.
fn scan_dossier(d: &Detector, pages: &[(&str, Vec<String>)]) -> (Vec<DocFindings>, DecisionTable) {
    let mut dossier = Dossier::new(d);
    for (name, p) in pages {
        dossier.add(*name, p.clone());
    }
    let out = dossier.scan();
    (out, dossier.decisions().clone())
}

#[test]
fn a_word_the_dossier_names_as_a_company_is_kept_everywhere_but_a_person_beside_it_is_not() {
    let d = det();
    let pages = vec![
        (
            "a.pdf",
            vec!["Volgens Vantrixa is de markt veranderd.\nHet plan van Vantrixa werd afgewezen.\n".to_string()],
        ),
        (
            "b.pdf",
            vec!["De uitgeverij Vantrixa maakt verlies. Mevrouw Sanne Oosterhuis belt morgen.\nDe heer Kaptein vraagt uitstel.\n".to_string()],
        ),
        (
            "c.pdf",
            vec!["De stichting Kaptein beheert het fonds.\n".to_string()],
        ),
    ];
    let run = |pages: &[(&str, Vec<String>)]| scan_dossier(&d, pages);
    // on its own, the first document reads the company as a person
    let (alone, _) = run(&pages[..1]);
    assert!(
        boxed(&alone, &pages, "a.pdf", 0, "Vantrixa", 0),
        "the model should read a name here"
    );
    let (out, table) = run(&pages);
    let t = table.term("vantrixa").expect("vantrixa is a term");
    assert_eq!(t.decision, Decision::Keep, "{}", t.why);
    assert!(t.evidence.named_org >= 1);
    for nth in 0..2 {
        assert!(
            !boxed(&out, &pages, "a.pdf", 0, "Vantrixa", nth),
            "company boxed"
        );
    }
    assert!(!boxed(&out, &pages, "b.pdf", 0, "Vantrixa", 0));
    // the people stay redacted, and a surname confirmed by a title is redacted in the name of an
    // organisation too: a foundation or business named after a person names the person
    assert!(boxed(&out, &pages, "b.pdf", 0, "Sanne Oosterhuis", 0));
    assert!(boxed(&out, &pages, "b.pdf", 0, "Kaptein", 0));
    assert!(boxed(&out, &pages, "c.pdf", 0, "Kaptein", 0));
}

#[test]
fn a_person_found_by_a_verb_or_a_title_stays_redacted_beside_an_organisation_of_the_same_name() {
    let d = det();
    let pages = vec![(
        "a.pdf",
        vec!["De stichting Wubbolts vroeg subsidie aan. Wubbolts zegt dat hij de aanvraag al in mei deed.\nMevrouw Oyelaran (bewoner) vraagt naar de planning. De omroep Oyelaran zond het uit.\n".to_string()],
    )];
    let mut dossier = Dossier::new(&d);
    dossier.add("a.pdf", pages[0].1.clone());
    let out = dossier.scan();
    for (word, nth) in [
        ("Wubbolts", 0),
        ("Wubbolts", 1),
        ("Oyelaran", 0),
        ("Oyelaran", 1),
    ] {
        assert!(
            boxed(&out, &pages, "a.pdf", 0, word, nth),
            "{word} #{nth} readable"
        );
    }
}

#[test]
fn a_surname_is_redacted_with_its_particles_everywhere_the_dossier_uses_it() {
    let d = det();
    let pages = vec![
        (
            "notulen.pdf",
            vec![
                "Aanwezig: Karel De Gucht, Paul De Grauwe, Anne-Marie van Hove\n\nDe Gucht opent de vergadering.\nDe Grauwe: het plan is goed, maar de grauwe gevel moet anders.\nVan Hove vraagt naar de kosten van de gevel.\n"
                    .to_string(),
            ],
        ),
        (
            "mail.pdf",
            vec!["Zoals De Grauwe en De Gucht al schreven, komt het besluit later. Mevrouw Van Hove is akkoord.\n".to_string()],
        ),
    ];
    let (out, table) = scan_dossier(&d, &pages);
    // the particle goes with the surname: a box over "Gucht" alone leaves "De" to narrow it down
    for (doc, word, nth) in [
        ("notulen.pdf", "De Gucht", 1),
        ("notulen.pdf", "De Grauwe", 1),
        ("notulen.pdf", "Van Hove", 0),
        ("mail.pdf", "De Grauwe", 0),
        ("mail.pdf", "De Gucht", 0),
        ("mail.pdf", "Van Hove", 0),
    ] {
        assert!(
            boxed(&out, &pages, doc, 0, word, nth),
            "{doc}: {word} ({nth}) not boxed whole: {:?}",
            out.iter().find(|x| x.doc == doc).map(|x| &x.pages[0])
        );
    }
    // a surname that is also a word is a term only with its particle: the word stays readable
    let t = table.term("de grauwe").expect("'De Grauwe' is a term");
    assert_eq!(t.decision, Decision::Redact, "{}", t.why);
    assert!(!boxed(&out, &pages, "notulen.pdf", 0, "grauwe gevel", 0));
    assert!(!boxed(&out, &pages, "notulen.pdf", 0, "de kosten", 0));
    assert!(!boxed(&out, &pages, "notulen.pdf", 0, "de gevel", 0));
}

#[test]
fn a_speaker_label_of_a_confirmed_surname_is_redacted_though_the_surname_is_a_word() {
    // "Bode" is a surname and an ordinary word (a messenger); as a speaker label at a line start
    // the model reads it weakly, so a dossier that confirmed the person still boxes every label
    let d = det();
    let text = "Verslag van het gesprek met Bart Bode en Anna Vrielink.\n\
Bode: Er zijn twee invalshoeken.\n\
Vrielink: Dat klopt.\n\
Bode: Wij zien dat anders.\n\
Bode: Het plan komt na de zomer.\n\
Bode: Daarover beslist de raad.\n\
De bode brengt de stukken rond.\n"
        .to_string();
    let pages = vec![("gesprek.pdf", vec![text])];
    let (out, table) = scan_dossier(&d, &pages);
    for nth in 0..5 {
        assert!(
            boxed(&out, &pages, "gesprek.pdf", 0, "Bode", nth),
            "Bode ({nth}) readable: {:?}",
            out[0].pages[0]
        );
    }
    assert!(!boxed(&out, &pages, "gesprek.pdf", 0, "bode brengt", 0));
    let t = table.term("bode").expect("bode is a term");
    assert_eq!(t.evidence.speaker_label, 4, "{:?}", t.evidence);
}

#[test]
fn a_surname_that_only_looks_like_a_compound_word_is_redacted_everywhere() {
    // "Evenepoel" splits into "even" + "poel", but no word list holds it: confirmed by a full
    // name, its bare uses are the person too; a real compound ("Parkeervergunning") is no term
    let d = det();
    let text = "Het werk van Anita Evenepoel is te zien in Gent.\n\
Halverwege de jaren tachtig gooit Evenepoel hoge ogen met haar reeks capes.\n\
Op verzoek van de groep ontwerpt Evenepoel kostuums.\n\
Parkeervergunning aanvragen kan bij de balie. De Parkeervergunning kost 20 euro.\n"
        .to_string();
    let pages = vec![("expositie.pdf", vec![text])];
    let (out, _) = scan_dossier(&d, &pages);
    for nth in 0..3 {
        assert!(
            boxed(&out, &pages, "expositie.pdf", 0, "Evenepoel", nth),
            "Evenepoel ({nth}) readable: {:?}",
            out[0].pages[0]
        );
    }
    for nth in 0..2 {
        assert!(!boxed(
            &out,
            &pages,
            "expositie.pdf",
            0,
            "Parkeervergunning",
            nth
        ));
    }
}
