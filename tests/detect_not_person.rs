//! Capitalised words that are no person: organisations (cue words), places of the world gazetteer,
//! proper nouns after an article, words the name lists hold by mistake. Invented sentences; the
//! people in them must still be found.

use woo_redact::config::Config;
mod support;

use support::{assert_name, assert_not_name};
use woo_redact::detect::{Category, Detector, Finding};

fn det() -> Detector {
    Detector::new(&Config::default()).expect("detector")
}

fn names(d: &Detector, text: &str) -> Vec<Finding> {
    d.scan(text)
        .into_iter()
        .filter(|f| f.category == Category::Name)
        .collect()
}

#[test]
fn an_organisation_cue_word_makes_the_capitals_an_organisation() {
    let d = det();
    let text = "Gisteren maakte Vormelix Genomics bekend dat het tien banen schrapt.";
    assert_not_name(&d, text, "Vormelix");
    let text = "Directeur Mirjam Hamerling van Brelquist Holding tekende het contract.";
    assert_not_name(&d, text, "Brelquist");
    assert_name(&d, text, "Mirjam Hamerling");
}

#[test]
fn a_proper_noun_after_an_article_is_no_person() {
    let d = det();
    let text = "De aandelen op de Travexo stegen gisteren met vier procent.";
    assert_not_name(&d, text, "Travexo");
    // a particle after a first name is part of the name
    let text = "Volgens Sanne de Klerkhoven stegen de aandelen.";
    assert_name(&d, text, "Sanne de Klerkhoven");
}

#[test]
fn a_place_of_the_world_gazetteer_is_no_person() {
    let d = det();
    let text = "Vorige week opende het bedrijf een fabriek in Manaus en een kantoor in Kaunas.";
    assert_not_name(&d, text, "Manaus");
    assert_not_name(&d, text, "Kaunas");
}

#[test]
fn function_words_in_the_name_lists_are_no_first_names() {
    let d = det();
    let text = "Het nummer The Quiet Evening van de band stond weken in de hitlijst.";
    assert_not_name(&d, text, "The");
}

#[test]
fn a_place_compound_with_a_compass_word_is_no_double_name() {
    let d = det();
    let text = "De Oost-Vlaamse boeren protesteerden gisteren in Gent.";
    assert_not_name(&d, text, "Oost-Vlaamse");
}

#[test]
fn people_next_to_organisations_and_places_are_still_found() {
    let d = det();
    let text = "Pieter Vandermolen verruilt Kostrel Shops voor een baan in Manaus, zegt hij.";
    assert_name(&d, text, "Pieter Vandermolen");
    assert_not_name(&d, text, "Kostrel");
}

#[test]
fn a_foreign_article_starts_a_title_not_a_name() {
    let d = det();
    let text = "Gisteren ging de voorstelling Les Oubliés du Nord in première.";
    assert_not_name(&d, text, "Oubliés");
}

#[test]
fn a_place_after_a_preposition_of_place_or_listed_with_places_is_no_person() {
    let d = det();
    // "Asmara" is also in the first-name list
    let text = "De troepen staan op 100 km van de hoofdstad; in Asmara is het rustig.";
    assert_not_name(&d, text, "Asmara");
    // a word no list knows, listed with a place: a place
    let text = "De gevreesde etappe tussen Kairouan en Tozeur is bijna 400 kilometer lang.";
    assert_not_name(&d, text, "Tozeur");
    // the same words as people, and a prepositional particle before an article, stay names
    let text = "Mevrouw Asmara Tesfaye zegt dat zij de brief heeft ontvangen.";
    assert_name(&d, text, "Asmara Tesfaye");
    let text = "Het rapport van Sophie in 't Veld werd gisteren besproken.";
    assert_name(&d, text, "Sophie in 't Veld");
    // "naar", "via", "tussen" also stand before people: first names that are also places stay
    // names there, and so do full names whose surname is a place
    for (text, name) in [
        (
            "Het gesprek tussen Martin en de wethouder verliep goed.",
            "Martin",
        ),
        ("Ik heb het verzoek via Victoria ontvangen.", "Victoria"),
        ("De vraag is via Julia Veen bij ons gekomen.", "Julia Veen"),
        (
            "De mail ging naar Victoria Beek en Jordan Weert.",
            "Victoria Beek",
        ),
    ] {
        assert_name(&d, text, name);
    }
}

#[test]
fn a_name_does_not_run_on_through_a_preposition() {
    let d = det();
    let text = "Hij woont aan het Woodrow Wilsonplein in Gent sinds twee jaar.";
    assert_not_name(&d, text, "Gent");
    let text = "Dealer Porsche in België verkoopt meer wagens dan vorig jaar.";
    assert_not_name(&d, text, "België");
}

#[test]
fn a_capitalised_particle_before_an_organisation_or_a_venue_is_no_surname() {
    let d = det();
    let text = "Er is een bezoek gebracht aan het Van Gogh Museum in april.";
    assert_not_name(&d, text, "Gogh");
    let text = "De leerlingen van het Van Maerlant Lyceum kwamen ook.";
    assert_not_name(&d, text, "Maerlant");
    let text = "Wij vieren de Dag van de Arbeid op 1 mei met een lunch.";
    assert_not_name(&d, text, "Arbeid");
}

#[test]
fn acronyms_in_brackets_after_a_sentence_are_no_initials() {
    let d = det();
    for (text, word) in [
        (
            "Zie het rapport \"Gezondheid in Nederland\" (RIVM) voor de cijfers.",
            "RIVM",
        ),
        (
            "De cijfers komen van het Centraal Bureau voor de Statistiek\n(CBS). De gegevens zijn voorlopig.",
            "CBS",
        ),
        ("De werkloosheid daalde naar 3,6 procent. (ANP)", "ANP"),
        (
            "Aanwezig namens de fracties:\nJ. Jansen\n(LHN)\nP. de Vries",
            "LHN",
        ),
        (
            "Het KNBV adviseert anders. Dat is bekend. (KNBV)\nVolgende punt.",
            "KNBV",
        ),
    ] {
        assert_not_name(&d, text, word);
    }
}

#[test]
fn where_a_person_works_is_not_part_of_the_name() {
    let d = det();
    // only where the text names the word an organisation ("het Britse Invensys")
    let text = "Het Britse Invensys koopt Baan. Volgens directeur Allen Yurko van Invensys gaat het goed met de verkoop.";
    assert_name(&d, text, "Allen Yurko");
    assert_not_name(&d, text, "Invensys");
    let text = "De Chebbab-woordvoerders waren er ook. Ali Salhi van Chebbab: eerst moeten we de jongeren bereiken.";
    assert_name(&d, text, "Ali Salhi");
    assert_not_name(&d, text, "Chebbab");
    // otherwise "van" and a word may be a double surname without a hyphen; a second first name or
    // a known surname after "van" is always one name
    for (text, want) in [
        (
            "Volgens directeur Allen Yurko van Invensys gaat het goed.",
            "Allen Yurko van Invensys",
        ),
        ("Groet, Sanne Mulder van Arkel", "Sanne Mulder van Arkel"),
        (
            "Gisteren sprak Jan Peter van Dijk de raad toe.",
            "Jan Peter van Dijk",
        ),
        (
            "Gisteren sprak Anna Kortekaas van Leeuwen de raad toe.",
            "Anna Kortekaas van Leeuwen",
        ),
        (
            "Gisteren sprak mevrouw Yilmaz van Ommeren de raad toe.",
            "Yilmaz van Ommeren",
        ),
    ] {
        assert_name(&d, text, want);
    }
}

#[test]
fn a_role_word_ends_a_name() {
    let d = det();
    let text = "Sybille Decoo Zaakvoerster Floralux houdt vol dat ze niets misdaan heeft.";
    assert_name(&d, text, "Sybille Decoo");
    assert_not_name(&d, text, "Zaakvoerster");
    // a role word that is a surname: "Jan Burgemeester"
    assert_name(
        &d,
        "Jan Burgemeester vraagt of de stoep wordt vernieuwd.",
        "Jan Burgemeester",
    );
}

#[test]
fn a_surname_that_is_also_a_landmark_is_a_surname_after_a_particle() {
    let d = det();
    // "Dam" is the square in Amsterdam, and one of the commonest surnames after "van"
    assert_name(
        &d,
        "Gisteren sprak Anna van Dam de raad toe.",
        "Anna van Dam",
    );
    assert_name(
        &d,
        "De heer J. van Amstel vraagt het woord.",
        "J. van Amstel",
    );
    assert_not_name(&d, "De demonstratie begon op de Dam om twaalf uur.", "Dam");
    assert_not_name(&d, "We liepen met Anna op de Dam.", "Dam");
    assert_not_name(
        &d,
        "Demonstratie van Dam naar het Malieveld gaat niet door.",
        "Dam",
    );
    assert_name(&d, "Geachte mevrouw Van Amstel,\n", "Van Amstel");
}

#[test]
fn a_surname_that_is_an_ordinary_word_is_a_name_before_a_verb_of_speaking() {
    let d = det();
    for (text, want) in [
        ("Bakker zegt dat de planning klopt.", "Bakker"),
        ("Daarna vraagt Mulder of de stukken er zijn.", "Mulder"),
        ("Visser geeft aan dat het goed gaat.", "Visser"),
        ("Brouwers antwoordt dat de facturen kloppen.", "Brouwers"),
    ] {
        assert_name(&d, text, want);
    }
    // the ordinary noun takes an article; a pronoun is no name
    assert_not_name(&d, "De bakker zegt dat het brood op is.", "bakker");
    assert_not_name(&d, "Het Bureau stemt af met de afdeling.", "Bureau");
    assert_not_name(&d, "Iedereen zegt dat het klopt.", "Iedereen");
}

#[test]
fn a_word_of_the_not_person_list_after_a_title_or_a_first_name_is_a_surname() {
    let d = det();
    for (text, want) in [
        ("Mijn buurman, de heer Rijk, heeft een hond.", "Rijk"),
        ("Jeroen Dam vraagt naar de parkeerdruk.", "Jeroen Dam"),
        ("Geachte heer Ramadan,\n", "Ramadan"),
        ("Verdachte Engels verklaarde dat hij thuis was.", "Engels"),
        ("Deen woont sinds 2018 op dit adres.", "Deen"),
    ] {
        assert_name(&d, text, want);
    }
    assert_not_name(
        &d,
        "Tijdens de Ramadan is het loket korter open.",
        "Ramadan",
    );
    assert_not_name(&d, "Het Rijk betaalt de helft.", "Rijk");
    // a mention before a department is no surname
    assert_not_name(&d, "@Paiman Bureau verkent de opties.", "Bureau");
    assert_not_name(&d, "@Rajae Het Bureau stemt af met Movisie.", "Bureau");
}

#[test]
fn an_organisation_noun_after_a_verb_names_no_organisation() {
    let d = det();
    // the verb comes first: the hospital is the subject and the person its object
    let text = "Op 4 maart ontsloeg het ziekenhuis Oyelaran na een opname van drie weken. Oyelaran woont alleen en heeft thuiszorg nodig.";
    let s = text.rfind("Oyelaran").expect("second");
    assert!(
        names(&d, text)
            .iter()
            .any(|f| f.start <= s && s + 8 <= f.end),
        "the person is readable: {:?}",
        names(&d, text)
    );
}

#[test]
fn a_person_a_street_is_named_after_is_a_place_only_where_the_text_says_so() {
    let d = det();
    // "Pieter Groen" and "Jacob Bontius" name streets and buildings (Pieter Groenstraat, Jacob
    // Bontiusplaats); without a place cue they are people like any other
    assert_name(
        &d,
        "Gisteren zei Pieter Groen dat de motie werd aangenomen.",
        "Pieter Groen",
    );
    assert_name(
        &d,
        "Het verslag is gemaakt door Jacob Bontius.",
        "Jacob Bontius",
    );
    assert_not_name(
        &d,
        "Uitvoeringslocatie: Jacob Bontius in Nieuw-West.",
        "Jacob Bontius",
    );
    assert_not_name(&d, "De bijeenkomst was in Jacob Bontius.", "Jacob Bontius");
    // "het", "richting" and a label that merely holds "adres" stand before people too
    assert_name(&d, "Ik heb het Jan Smit laten weten.", "Jan Smit");
    assert_name(
        &d,
        "Ik stuur de stukken door richting Jan Smit.",
        "Jan Smit",
    );
    assert_name(&d, "Naam en adres: Jan Smit, Dorpsstraat 1", "Jan Smit");
    // a business named after a person is no person
    assert_not_name(
        &d,
        "De Albert Heijn aan de Dorpsstraat wil op zondag open.",
        "Albert Heijn",
    );
}

#[test]
fn words_annotated_text_knows_as_organisations_or_places_are_no_person() {
    // the entity lexicon (dictionaries/ner_lexicon.txt) knows these as organisations only
    let d = det();
    assert_not_name(&d, "Ook Fortis zegt dat de rente stijgt.", "Fortis");
    assert_not_name(
        &d,
        "Mobistar meldde vorige week een hogere omzet.",
        "Mobistar",
    );
    let text = "Volgens Adecco zei Karin Wolters dat de cijfers tegenvielen.";
    assert_not_name(&d, text, "Adecco");
    assert_name(&d, text, "Karin Wolters");
    // a surname the lexicon knows as a place name ("Fransen": the French) stays a surname
    // after a first name or a title
    assert_name(
        &d,
        "Ook Karin Fransen kwam naar de vergadering.",
        "Karin Fransen",
    );
    assert_name(&d, "Mevrouw Fransen was aanwezig.", "Fransen");
}

#[test]
fn a_language_that_is_also_a_first_name_is_no_person() {
    // "Frans" is a first name and the French language
    let d = det();
    assert_not_name(&d, "De vergadering werd in het Frans gevoerd.", "Frans");
    assert_not_name(&d, "Hij spreekt vloeiend Frans en Duits.", "Frans");
    assert_not_name(&d, "Ik geef zeven uur Frans per week.", "Frans");
    assert_not_name(
        &d,
        "Een kandidaat die Frans spreekt, heeft voorrang.",
        "Frans",
    );
    assert_name(&d, "Frans Bakker was erbij.", "Frans Bakker");
    assert_name(&d, "Het was laat. Ook zei Frans dat het goed was.", "Frans");
    // a name found in the text is not spread to the language
    let text = "Frans Bakker opende de vergadering. Daarna werd in het Frans verder gesproken.";
    let lang = text.rfind("Frans").expect("second Frans");
    let fs = names(&d, text);
    assert!(
        fs.iter().any(|f| f.text == "Frans Bakker"),
        "{:?}",
        fs.iter().map(|f| (&f.text, &f.rule)).collect::<Vec<_>>()
    );
    assert!(
        !fs.iter().any(|f| f.start <= lang && lang < f.end),
        "the language was redacted: {:?}",
        fs.iter().map(|f| (&f.text, &f.rule)).collect::<Vec<_>>()
    );
}

#[test]
fn a_lone_name_list_word_that_annotated_text_knows_only_as_another_name_is_no_person() {
    // "Agusta" is in a name list, but annotated Dutch text tags it as an organisation only
    let d = det();
    assert_not_name(
        &d,
        "Het contract met Agusta werd vorig jaar getekend.",
        "Agusta",
    );
    // three tags are too few to overrule the first-name list ("Beer")
    assert_name(&d, "Hij draagt dit over aan Beer en Erkan.", "Beer");
    // with a cue the person stays
    assert_name(&d, "De heer Agusta was ook aanwezig.", "Agusta");
}
