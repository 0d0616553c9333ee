//! Name forms of older and formal Dutch: a lower-case particle after a form of address ("de heer
//! van Aken") and a surname in capitals after initials ("J.W. KLAASBERGEN"). Invented sentences.

use woo_redact::config::Config;
mod support;

use support::{assert_name, assert_not_name};
use woo_redact::detect::{Category, Detector};

#[test]
fn a_lower_case_particle_after_a_form_of_address_starts_the_name() {
    let d = Detector::new(&Config::default()).expect("detector");
    assert_name(
        &d,
        "Daarna nam de heer van Doorneveld het woord over de begroting.",
        "van Doorneveld",
    );
    assert_name(
        &d,
        "Mevrouw de Klerkhoven vraagt of het budget toereikend is.",
        "de Klerkhoven",
    );
}

#[test]
fn a_surname_in_capitals_after_initials_is_a_name() {
    let d = Detector::new(&Config::default()).expect("detector");
    assert_name(
        &d,
        "Aldus besloten, de secretaris J.W. KLAASBERGEN, en de voorzitter.",
        "J.W. KLAASBERGEN",
    );
    // a heading in capitals after a numbered letter is no name
    let fs = d.scan("Bijlage A. BEGROTING en toelichting");
    assert!(!fs.iter().any(|f| f.text.contains("BEGROTING")), "{:?}", fs);
}

#[test]
fn a_first_name_particle_and_surname_of_ordinary_words_is_a_name_in_mid_sentence() {
    // "Frank" (a currency) and "Boer" (a farmer) are ordinary words; the name model alone reads
    // them as none here, but a first name, a particle and a surname in mid-sentence is a name
    let d = Detector::new(&Config::default()).expect("detector");
    assert_name(
        &d,
        "Toen ik Frank de Boer bij die eerste strafschop zag aanlopen, lachte hij.",
        "Frank de Boer",
    );
}

#[test]
fn initials_in_brackets_after_a_sentence_sign_a_piece_and_are_a_name() {
    let d = Detector::new(&Config::default()).expect("detector");
    assert_name(
        &d,
        "Het college stemt in met het voorstel van de werkgroep. (JdV)\nDe volgende vergadering is in mei.",
        "JdV",
    );
    assert_name(
        &d,
        "De minister wil daar niet op ingaan.\n(PKB)\nBinnenland",
        "PKB",
    );
    // the same shape in mid-sentence, also over a line break, is an abbreviation
    for text in [
        "Wethouder Jansen (VVD) stemt tegen het voorstel.",
        "Het bod van de Verenigde Staten (VS) is verlaagd.",
        "Zo sprak de raad van de Fashion Designers of America\n(CFDA), nu al voor de tiende keer.",
        "Daarmee is Van den Brande\n(CVP) uit de regering gezet.",
    ] {
        let fs = d.scan(text);
        assert!(
            !fs.iter().any(|f| f.rule == "name.byline_initials"),
            "an abbreviation read as initials in {text:?}: {fs:?}"
        );
    }
}

#[test]
fn a_capitalised_particle_in_mid_sentence_starts_a_surname() {
    let d = Detector::new(&Config::default()).expect("detector");
    assert_name(
        &d,
        "Tijdens de zittingen slaagde De Gucht erin om de minister te overtuigen.",
        "De Gucht",
    );
    assert_name(
        &d,
        "Zij is tegenwoordig de secretaresse van Van Rompuy en zijn staf.",
        "Van Rompuy",
    );
    // an article before a newspaper, a place or a title stays readable
    for (text, word) in [
        (
            "Hij las het gisteren in De Morgen en De Standaard.",
            "Morgen",
        ),
        (
            "Zij verhuisde vorig jaar naar De Bilt met haar gezin.",
            "Bilt",
        ),
        (
            "Het stuk staat in het programma De Kunstberg op de radio.",
            "Kunstberg",
        ),
    ] {
        let fs = d.scan(text);
        assert!(
            !fs.iter().any(|f| f.text.contains(word)),
            "{word:?} read as a name in {text:?}: {fs:?}"
        );
    }
}

#[test]
fn a_short_word_in_capitals_without_a_dot_is_an_acronym_not_a_title() {
    let d = Detector::new(&Config::default()).expect("detector");
    let text = "De brief is verstuurd namens MR Groep aan alle leden.";
    let fs = d.scan(text);
    assert!(
        !fs.iter().any(|f| f.text.contains("Groep")),
        "an organisation after an acronym read as a name: {fs:?}"
    );
    assert_name(
        &d,
        "Het woord is aan mr Pietersma van de raad.",
        "Pietersma",
    );
}

#[test]
fn a_capitalised_function_word_before_a_name_stays_readable() {
    let d = Detector::new(&Config::default()).expect("detector");
    let text = "De brief is ontvangen. Ook Geert de Smit was aanwezig bij de vergadering.";
    assert_name(&d, text, "Geert de Smit");
    let fs = d.scan(text);
    assert!(
        !fs.iter().any(|f| f.text.contains("Ook")),
        "the word before the name is boxed with it: {fs:?}"
    );
}

#[test]
fn particles_that_are_prepositions_and_titles_in_capitals_keep_their_names() {
    let d = Detector::new(&Config::default()).expect("detector");
    for (text, name) in [
        (
            "Bezwaarmaker: G. Voor in 't Holt, Dorpsstraat 4",
            "G. Voor in 't Holt",
        ),
        (
            "De heer Voor in 't Holt heeft bezwaar gemaakt.",
            "Voor in 't Holt",
        ),
        ("T.a.v. DHR de Boer, afdeling Vergunningen", "de Boer"),
        (
            "De melding is gedaan door MW de Groot uit Zwolle.",
            "de Groot",
        ),
        ("Behandeld door MR Bakker, advocaat.", "Bakker"),
    ] {
        assert_name(&d, text, name);
    }
}

#[test]
fn a_role_before_a_capitalised_particle_and_an_organisation_word_after_a_particle_keep_the_name() {
    let d = Detector::new(&Config::default()).expect("detector");
    for (text, name) in [
        (
            "Wethouder Van der Linden merkt op dat het budget krap is.",
            "Van der Linden",
        ),
        ("Wethouder De Jong zegt dat het klopt.", "De Jong"),
        (
            "Ik sprak gisteren met Jan van 't Hof over de zaak.",
            "Jan van 't Hof",
        ),
    ] {
        assert_name(&d, text, name);
    }
}

#[test]
fn a_first_name_that_is_also_a_word_starts_a_name_at_a_line_or_sentence_start() {
    // "Maarten", "Geert", "Hans" are also in the Dutch word list; "Bakker" and "Visser" are
    // ordinary words too. Signatures, bylines and sentence starts are where such names stand.
    let d = Detector::new(&Config::default()).expect("detector");
    assert_name(
        &d,
        "Met vriendelijke groet,\n\nHans Bakker\nBeleidsadviseur",
        "Hans Bakker",
    );
    assert_name(
        &d,
        "De gemeente neemt het besluit voor de zomer.\nMaarten Rabaey\n",
        "Maarten Rabaey",
    );
    assert_name(
        &d,
        "Het overleg was kort.\nGeert Sciot zei dat hij het eens was.",
        "Geert Sciot",
    );
    assert_name(&d, "Hans Bakker zei dat het klopt.", "Hans Bakker");
    // a heading of a first-name word and an organisation word is none
    let fs = d.scan("Rode Kruis\nDe hulp kwam snel op gang.");
    assert!(
        fs.iter().all(|f| f.category != Category::Name),
        "{:?}",
        fs.iter().map(|f| (&f.text, &f.rule)).collect::<Vec<_>>()
    );
}

#[test]
fn a_profession_used_as_a_form_of_address_starts_a_name() {
    let d = Detector::new(&Config::default()).expect("detector");
    assert_name(&d, "De huisarts, dokter Van Dam, zei het.", "Van Dam");
    assert_name(
        &d,
        "Het testament is opgesteld door notaris Oudemolen.",
        "Oudemolen",
    );
    // a title of nobility belongs to the name: the initials before it stay in it
    assert_name(
        &d,
        "In plaats van de heer G.S.G. baron van Fridagh is benoemd.",
        "G.S.G. baron van Fridagh",
    );
    // also without a title before the initials
    assert_name(
        &d,
        "In plaats van G.S.G. baron van Fridagh is benoemd.",
        "G.S.G. baron van Fridagh",
    );
    assert_name(
        &d,
        "Tot lid is benoemd A.C. jonkheer de Beaufort uit Leusden.",
        "A.C. jonkheer de Beaufort",
    );
}

#[test]
fn surnames_alone_in_an_attendance_list_are_names() {
    // "Palm", "Bakker", "Mulder" are also ordinary words; in a list of attendees they are surnames
    let d = Detector::new(&Config::default()).expect("detector");
    let text =
        "Aanwezig: Jansen, Palm, De Vries, Bakker\nAfwezig: Smit en Mulder\n\nDe voorzitter opent.";
    for want in ["Jansen", "Palm", "De Vries", "Bakker", "Smit", "Mulder"] {
        assert_name(&d, text, want);
    }
    // the sender line of a memo header: "Van" is no part of the name
    let memo =
        "Aan\nJan de Vries, Peter Teesink\nVan Pieter Groen, Bureau Inclusie\n\nGraag uw reactie.";
    assert_name(&d, memo, "Pieter Groen");
    assert_not_name(&d, memo, "Van ");
}

#[test]
fn a_lower_case_particle_after_a_role_starts_a_name_but_an_office_stays() {
    let d = Detector::new(&Config::default()).expect("detector");
    assert_name(
        &d,
        "Wethouder van der Linden opent de vergadering.",
        "van der Linden",
    );
    assert_name(
        &d,
        "De akte is getekend bij notaris van der Meer.",
        "van der Meer",
    );
    assert_name(
        &d,
        "Daarna geeft wethouder de Jong een toelichting.",
        "de Jong",
    );
    for (text, word) in [
        ("De voorzitter van de Raad opent de vergadering.", "Raad"),
        ("Daarna spreekt de burgemeester van Amsterdam.", "Amsterdam"),
        (
            "Het voorstel van de wethouder van Financiën volgt.",
            "Financiën",
        ),
        (
            "De brief ging naar de directeur van Stichting Woonzorg.",
            "Woonzorg",
        ),
        ("Het testament ligt bij een notaris te Zwolle.", "Zwolle"),
        ("Hij was griffier der Staten van Gelderland.", "Staten"),
    ] {
        assert_not_name(&d, text, word);
    }
}

#[test]
fn a_first_name_and_a_surname_that_are_words_open_a_sentence() {
    // the capital of the second word is no sentence capital
    let d = Detector::new(&Config::default()).expect("detector");
    assert_name(&d, "Maarten Mulder is het daarmee eens.", "Maarten Mulder");
    // a function word in the first-name list starts none
    assert_not_name(&d, "Dat Baan overgenomen wordt, staat vast.", "Dat");
}

#[test]
fn a_name_alone_on_its_line_ends_before_the_job_title_below_it() {
    let d = Detector::new(&Config::default()).expect("detector");
    let text =
        "Met vriendelijke groet,\n\nPieter Hendriks\nBeleidsmedewerker Ruimtelijke Ordening\n";
    assert_name(&d, text, "Pieter Hendriks");
    assert_not_name(&d, text, "Beleidsmedewerker");
    // a name broken over a line in running text stays one name
    assert_name(
        &d,
        "In de vergadering van dinsdag sprak mevrouw Annelies\nKoopmans over de begroting.",
        "Annelies\nKoopmans",
    );
}

#[test]
fn attendance_labels_with_words_around_them_and_particles_at_a_line_start_open_lists() {
    let d = Detector::new(&Config::default()).expect("detector");
    for text in [
        "Afwezig met kennisgeving: Palm, De Vries en Bakker\n",
        "Tevens aanwezig: Palm, De Vries, Bakker\n",
        "Aanwezig (digitaal): Palm, De Vries, Bakker\n",
    ] {
        for want in ["Palm", "De Vries", "Bakker"] {
            assert_name(&d, text, want);
        }
    }
    let column = "Aanwezig:\nJansen\nVan Dam\nVan der Linden\nBakker\n";
    for want in ["Jansen", "Van Dam", "Van der Linden", "Bakker"] {
        assert_name(&d, column, want);
    }
    // bulleted and numbered columns
    for column in [
        "Aanwezig:\n- Palm\n- De Vries\n- Bakker\n\nDe voorzitter opent.",
        "Aanwezig:\n1. Palm\n2. De Vries\n3. Bakker\n",
    ] {
        for want in ["Palm", "De Vries", "Bakker"] {
            assert_name(&d, column, want);
        }
    }
    assert_not_name(&d, "Aanwezig:\n- Raad\n- College\n- Griffie\n", "Raad");
    // "De" and an ordinary word as the only addressee of a memo is the council
    assert_not_name(&d, "Aan: De Raad\nOnderwerp: begroting", "Raad");
    assert_name(&d, "Aan: Palm, De Vries, Koning\n", "De Vries");
}

#[test]
fn a_role_with_an_article_is_a_noun_and_its_object_no_name() {
    let d = Detector::new(&Config::default()).expect("detector");
    assert_not_name(
        &d,
        "Op 12 maart heeft de wethouder de Raad geïnformeerd over de stand van zaken.",
        "Raad",
    );
    assert_not_name(&d, "De directeur van Philips heeft gereageerd.", "Philips");
    assert_not_name(
        &d,
        "Het college nodigt de burgemeester van Son en Breugel uit.",
        "Son",
    );
    assert_name(
        &d,
        "Burgemeester ter Horst opent de vergadering.",
        "ter Horst",
    );
    assert_name(
        &d,
        "Wethouder van Dijk geeft aan dat het budget toereikend is.",
        "van Dijk",
    );
}

#[test]
fn a_titled_person_named_like_a_language_is_a_name_and_the_language_is_not() {
    let d = Detector::new(&Config::default()).expect("detector");
    let text = "De heer Engels spreekt Frans.";
    assert_name(&d, text, "Engels");
    assert_not_name(&d, text, "Frans");
    assert_name(&d, "Frans spreekt in namens de bewoners.", "Frans");
    let list = "Aanwezig: Palm, Frans en Engels\n";
    assert_name(&d, list, "Frans");
    assert_name(&d, list, "Engels");
}

#[test]
fn a_register_entry_with_the_surname_first_keeps_its_particle() {
    let d = Detector::new(&Config::default()).expect("detector");
    assert_name(&d, "Naam: Van Vliet Pieter\n", "Van Vliet Pieter");
}

/// Every occurrence of `word` in `text` as (start, covered by a name finding).
fn occurrences(fs: &[woo_redact::detect::Finding], text: &str, word: &str) -> Vec<(usize, bool)> {
    text.match_indices(word)
        .map(|(s, _)| {
            let e = s + word.len();
            let hit = fs
                .iter()
                .any(|f| f.category == Category::Name && f.start <= s && e <= f.end);
            (s, hit)
        })
        .collect()
}

#[test]
fn initials_introduced_in_brackets_after_a_name_are_that_person_everywhere() {
    let d = Detector::new(&Config::default()).expect("detector");
    let text = "Aanwezig: Jan de Vries (JdV), Piet Bakker (PB), Sanne Hoekstra (SH)\n\
                1. Opening\nActie PB: stuurt het verslag rond. SH en JdV bespreken de planning.\n\
                PB meldt dat het Pb-gehalte van de bodem is gemeten.";
    let fs = d.scan(text);
    for word in ["PB", "SH", "JdV"] {
        let occ = occurrences(&fs, text, word);
        assert!(
            occ.len() >= 2,
            "{word:?} occurs in the definition and after it"
        );
        assert!(
            occ.iter().all(|o| o.1),
            "{word:?} not redacted everywhere: {occ:?}; findings {:?}",
            fs.iter().map(|f| (&f.text, &f.rule)).collect::<Vec<_>>()
        );
    }
    // the abbreviation is matched as written: lead in a soil report stays readable
    assert_not_name(&d, text, "Pb-gehalte");
    // letters that are not the name's initials are a party or a body
    assert_not_name(
        &d,
        "Piet Bakker (PvdA) stemt tegen. De PvdA wil meer tijd.",
        "PvdA",
    );
    assert_not_name(&d, "Wethouder Jansen (VVD) stemt tegen.", "VVD");
    // an organisation is no person, nor are its initials
    assert_not_name(
        &d,
        "Volgens Human Rights Watch (HRW) is dat onjuist. HRW wil een onderzoek.",
        "HRW",
    );
}

#[test]
fn initials_introduced_in_one_document_are_that_person_in_the_others_of_the_dossier() {
    let d = Detector::new(&Config::default()).expect("detector");
    let mut dossier = woo_redact::detect::Dossier::new(&d);
    dossier.add(
        "verslag.pdf",
        vec![
            "Aanwezig: Marieke Jansen (MJ), Tom Verbeek (TV)\nDe notulen worden vastgesteld."
                .into(),
        ],
    );
    let mail = "Van: secretariaat\nOnderwerp: actiepunten\n\nMJ stuurt de stukken voor vrijdag. \
                TV belt de aannemer. Zie ook het TV-programma van gisteren.";
    dossier.add("mail.pdf", vec![mail.into()]);
    let out = dossier.scan();
    let fs = &out[1].pages[0];
    for word in ["MJ ", "TV belt"] {
        let s = mail.find(word).expect("in mail");
        let e = s + 2;
        assert!(
            fs.iter()
                .any(|f| f.category == Category::Name && f.start <= s && e <= f.end),
            "{word:?} in the mail is not redacted: {fs:?}"
        );
    }
    assert!(
        !fs.iter().any(|f| f.text.contains("TV-programma")),
        "the compound is no name: {fs:?}"
    );
}

#[test]
fn a_signature_wrapped_over_two_lines_is_one_name_and_the_job_title_below_stays() {
    let d = Detector::new(&Config::default()).expect("detector");
    for (text, want) in [
        (
            "Met vriendelijke groet,\n\nPieter\nVan Dam\n",
            "Pieter\nVan Dam",
        ),
        (
            "Hoogachtend,\n\nJan Peter\nBakker\nBeleidsmedewerker Ruimte\n",
            "Jan Peter\nBakker",
        ),
        (
            "Met vriendelijke groet,\n\nAnna Maria\nvan der Heijden\nJuridisch adviseur\n",
            "Anna Maria\nvan der Heijden",
        ),
        // a name block of its own, without a closing formula
        (
            "Jan Peter\nBakker\nBeleidsmedewerker Ruimte\n",
            "Jan Peter\nBakker",
        ),
    ] {
        assert_name(&d, text, want);
    }
    for (text, word) in [
        (
            "Hoogachtend,\n\nJan Peter\nBakker\nBeleidsmedewerker Ruimte\n",
            "Beleidsmedewerker",
        ),
        (
            "Met vriendelijke groet,\n\nPieter\nBeleidsmedewerker Ruimte\nGemeente Utrecht\n",
            "Beleidsmedewerker",
        ),
        (
            "Met vriendelijke groet,\n\nTeam Vergunningen\nGemeente Utrecht\n",
            "Vergunningen",
        ),
    ] {
        assert_not_name(&d, text, word);
    }
    // in running text a name goes on over the line break, whatever word the surname is
    assert_name(
        &d,
        "Peter informeert bij Petra\nGraafsmeet naar de planning.",
        "Petra\nGraafsmeet",
    );
}

#[test]
fn a_signature_on_one_line_is_a_name_even_when_its_surname_is_a_word() {
    let d = Detector::new(&Config::default()).expect("detector");
    // "Melders", "Gevels", "Wolken" are ordinary Dutch words: in running text they need a cue,
    // under a closing formula or above a job title the line is the signer's name
    for (text, want) in [
        (
            "Met vriendelijke groet,\n\nRobert Melders\nBeleidsmedewerker\n",
            "Robert Melders",
        ),
        ("Hoogachtend,\nR. Gevels\n", "R. Gevels"),
        (
            "Met vriendelijke groet,\n\nJan Peter Gevels\nTeam Vergunningen\n",
            "Jan Peter Gevels",
        ),
        (
            "Dat horen wij graag.\n\nAnna Gevels\nAdviseur ruimtelijke ordening\n",
            "Anna Gevels",
        ),
    ] {
        assert_name(&d, text, want);
    }
    for (text, word) in [
        (
            "Met vriendelijke groet,\n\nTeam Vergunningen\nGemeente Utrecht\n",
            "Vergunningen",
        ),
        ("Hoogachtend,\n\nDe burgemeester\n", "burgemeester"),
        (
            "Met vriendelijke groet,\n\nNamens het college\nAdviseur ruimtelijke ordening\n",
            "college",
        ),
    ] {
        assert_not_name(&d, text, word);
    }
}
