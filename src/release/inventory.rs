//! The human-facing files of a release package: the inventarislijst (CSV, one row per document, columns as the ministries' productierapport) and the Dutch justification report (`verantwoording.txt`).

use crate::config::{LabelNotation, render_ground};
use std::collections::BTreeMap;

/// The Beoordeling of a document, as the productierapport writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Beoordeling {
    /// Published without any redaction.
    Openbaar,
    /// Published with redactions.
    DeelsOpenbaar,
    /// Not published at all (a whole-document exemption by a decision; not produced yet).
    NietOpenbaar,
    /// Already public elsewhere (a decision; not produced yet).
    ReedsOpenbaar,
}

impl Beoordeling {
    /// The word in the inventory.
    pub fn as_str(self) -> &'static str {
        match self {
            Beoordeling::Openbaar => "Openbaar",
            Beoordeling::DeelsOpenbaar => "Deels openbaar",
            Beoordeling::NietOpenbaar => "Niet openbaar",
            Beoordeling::ReedsOpenbaar => "Reeds openbaar",
        }
    }
}

/// One row of the inventory (one document).
#[derive(Debug, Clone)]
pub struct Row {
    /// Document number in the package.
    pub id: String,
    /// The file name as packaged (path below `documenten/`).
    pub document: String,
    /// `YYYY-MM-DD`, when known.
    pub datum: Option<String>,
    /// The assessment.
    pub beoordeling: Beoordeling,
    /// Canonical grounds used, sorted (`5.1.1e`, `5.1.2e`).
    pub grounds: Vec<String>,
    /// Findings per canonical ground and category (distinct finding ids).
    pub counts: BTreeMap<String, BTreeMap<String, usize>>,
    /// Remarks (Dutch) besides the counts (which the Toelichting cell always starts with).
    pub toelichting: Vec<String>,
    /// Id of the related document (the original of a duplicate, when it is in the package).
    pub gerelateerd_id: String,
    /// The similarity to that original when the document is a duplicate: 1.0 identical
    /// (`dubbel`), else near (see [`crate::decide::duplicates`]).
    pub duplicate: Option<f64>,
    /// Family (a document with its attachments), where known.
    pub family: String,
    /// Mail thread, where known.
    pub thread_id: String,
}

/// The columns of `inventarislijst.csv`.
pub const COLUMNS: [&str; 9] = [
    "ID",
    "Document",
    "Datum",
    "Beoordeling",
    "Beoordelingsgrond",
    "Toelichting",
    "Gerelateerd ID",
    "Family",
    "Thread ID",
];

/// One CSV cell (RFC 4180 quoting; a cell a spreadsheet would run as a formula gets a `'`).
fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Dutch word for a category of personal data.
pub fn category_nl(cat: &str) -> &str {
    match cat {
        "name" => "naam",
        "email" => "e-mailadres",
        "phone" => "telefoonnummer",
        "address" => "adres",
        "iban" => "IBAN",
        "bsn" => "BSN",
        "date_of_birth" => "geboortedatum",
        "license_plate" => "kenteken",
        "area" => "gebied (handtekening, afbeelding)",
        "exempt" => "niet openbare pagina",
        other => other,
    }
}

/// What a ground protects, in Dutch (Woo art. 5.1 and 5.2; Wob art. 10 and 11).
pub fn ground_nl(canonical: &str) -> &'static str {
    match canonical {
        "5.1.1a" => "eenheid van de Kroon",
        "5.1.1b" => "veiligheid van de Staat",
        "5.1.1c" => "vertrouwelijk verstrekte bedrijfs- en fabricagegegevens",
        "5.1.1d" => "bijzondere persoonsgegevens",
        "5.1.1e" => "identificatienummers",
        "5.1.2a" => "betrekkingen met andere staten en internationale organisaties",
        "5.1.2b" => "economische of financiële belangen van de Staat",
        "5.1.2c" => "opsporing en vervolging van strafbare feiten",
        "5.1.2d" => "inspectie, controle en toezicht",
        "5.1.2e" => "eerbiediging van de persoonlijke levenssfeer",
        "5.1.2f" => "concurrentiegevoelige bedrijfs- en fabricagegegevens",
        "5.1.2g" => "bescherming van het milieu",
        "5.1.2h" => "beveiliging van personen en bedrijven",
        "5.1.2i" => "goed functioneren van de Staat",
        "5.1.5" => "onevenredige benadeling",
        "5.2" => "persoonlijke beleidsopvattingen",
        g if g.starts_with("10.") || g.starts_with("11.") => "grond uit de Wob",
        _ => "",
    }
}

/// `90%` style.
fn percent(v: f64) -> String {
    format!("{}%", (v * 100.0).round())
}

/// A similarity in Dutch notation (`0,95`).
pub fn similarity_nl(v: f64) -> String {
    format!("{v:.2}").replace('.', ",")
}

/// The Toelichting remark of a duplicate: `original` is the original's ID in the package, if
/// it is in it.
pub fn duplicate_remark(similarity: f64, original: Option<&str>) -> String {
    let which = match original {
        Some(id) => format!("document {id}"),
        None => "een document van dezelfde lakronde dat niet in dit pakket zit".to_string(),
    };
    if similarity >= 1.0 {
        format!(
            "Inhoud is dubbel: gelijk aan {which}, daar al beoordeeld; dezelfde beslissingen toegepast."
        )
    } else {
        format!(
            "Bijna gelijk aan {which} (gelijkenis {}; een versie of mailwisseling): elke naam is in beide op dezelfde manier beslist.",
            similarity_nl(similarity)
        )
    }
}

/// `inventarislijst.csv`: a header and one row per document (UTF-8, comma-separated, CRLF).
pub fn inventory_csv(rows: &[Row], notation: LabelNotation) -> String {
    let mut o = COLUMNS.join(",");
    o.push_str("\r\n");
    for r in rows {
        let grounds: Vec<String> = r
            .grounds
            .iter()
            .map(|g| render_ground(g, notation))
            .collect();
        let cells = [
            r.id.as_str(),
            r.document.as_str(),
            r.datum.as_deref().unwrap_or(""),
            r.beoordeling.as_str(),
            &grounds.join("; "),
            &std::iter::once(toelichting_counts(r))
                .chain(r.toelichting.iter().cloned())
                .collect::<Vec<_>>()
                .join(" "),
            &r.gerelateerd_id,
            &r.family,
            &r.thread_id,
        ];
        o.push_str(&cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        o.push_str("\r\n");
    }
    o
}

/// `3 namen, 1 e-mailadres` style count list.
fn count_list(cats: &BTreeMap<String, usize>) -> String {
    cats.iter()
        .map(|(c, n)| format!("{n} × {}", category_nl(c)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The short justification per document for a Toelichting cell.
pub fn toelichting_counts(row: &Row) -> String {
    let total: usize = row.counts.values().flat_map(|c| c.values()).sum();
    if total == 0 {
        return "Geen persoonsgegevens gevonden; volledig openbaar.".to_string();
    }
    let all: BTreeMap<String, usize> =
        row.counts
            .values()
            .flat_map(|c| c.iter())
            .fold(BTreeMap::new(), |mut m, (k, v)| {
                *m.entry(k.clone()).or_default() += v;
                m
            });
    format!(
        "{total} passage{} weggelakt ({}).",
        if total == 1 { "" } else { "s" },
        count_list(&all)
    )
}

/// What the justification report says about the package as a whole.
pub struct ReportHeader<'a> {
    /// The publishing organisation.
    pub publisher: &'a str,
    /// When the redaction run started.
    pub run_started: &'a str,
    /// When this package was made.
    pub packaged_at: &'a str,
    /// Tool version.
    pub version: &'a str,
    /// Documents of the run not in this package (count only: their names stay internal).
    pub left_out: usize,
}

/// `verantwoording.txt`: per document the grounds, what they protect and the counts (Dutch).
pub fn justification(rows: &[Row], notation: LabelNotation, h: &ReportHeader) -> String {
    let mut o = String::new();
    o.push_str("Verantwoording van de lakkingen\n===============================\n\n");
    o.push_str(&format!(
        "Publicerende organisatie: {}\nPakket samengesteld: {} (woo-redact {}), uit de lakronde van {}.\n",
        h.publisher, h.packaged_at, h.version, h.run_started
    ));
    o.push_str(&format!("Documenten in dit pakket: {}.\n", rows.len()));
    if h.left_out > 0 {
        o.push_str(&format!(
            "Niet in dit pakket: {} document{} van dezelfde lakronde (nog te beoordelen, niet gecontroleerd of onleesbaar).\n",
            h.left_out,
            if h.left_out == 1 { "" } else { "en" }
        ));
    }
    let identical = rows
        .iter()
        .filter(|r| r.duplicate.is_some_and(|s| s >= 1.0))
        .count();
    let near = rows
        .iter()
        .filter(|r| r.duplicate.is_some_and(|s| s < 1.0))
        .count();
    if identical + near > 0 {
        let docs = |n: usize| format!("{n} document{}", if n == 1 { "" } else { "en" });
        let is = |n: usize| if n == 1 { "is" } else { "zijn" };
        let mut parts = Vec::new();
        if identical > 0 {
            parts.push(format!(
                "{} {} dubbel (dezelfde tekst als een eerder document, pagina voor pagina)",
                docs(identical),
                is(identical)
            ));
        }
        if near > 0 {
            parts.push(format!(
                "{} {} bijna gelijk aan een eerder document (een versie of mailwisseling: ten minste {} van de reeksen van vijf woorden gelijk)",
                docs(near),
                is(near),
                percent(crate::decide::duplicates::NEAR_DUPLICATE)
            ));
        }
        o.push_str(&format!(
            "\nDubbele documenten: in dit pakket {}. Een dubbel document heeft dezelfde \
             beslissingen gekregen als het document waarvan het een dubbel is, ook de handmatige \
             (gebieden, niet openbare pagina's, afgewezen of anders gegronde passages); in bijna \
             gelijke documenten is elke naam op dezelfde manier beslist. De kolom Gerelateerd ID \
             van de inventarislijst noemt het eerdere document.\n",
            parts.join(" en ")
        ));
    }
    o.push_str(
        "\nPer document staan hieronder de gebruikte weigeringsgronden uit de Wet open overheid, wat \
         zij beschermen, en hoeveel passages op die grond zijn weggelakt, per soort gegeven. Op elk \
         weggelakt vlak in het document staat de grond vermeld.\n",
    );
    for r in rows {
        o.push_str(&format!(
            "\n{}  {}\n  Beoordeling: {}\n",
            r.id,
            r.document,
            r.beoordeling.as_str()
        ));
        if r.counts.is_empty() {
            o.push_str("  Geen gegevens weggelakt.\n");
        }
        for (g, cats) in &r.counts {
            let n: usize = cats.values().sum();
            o.push_str(&format!(
                "  {} ({}): {n} passage{}: {}\n",
                render_ground(g, notation),
                ground_nl(g),
                if n == 1 { "" } else { "s" },
                count_list(cats)
            ));
        }
        for t in &r.toelichting {
            o.push_str(&format!("  {t}\n"));
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> Row {
        let mut counts = BTreeMap::new();
        counts.insert(
            "5.1.2e".to_string(),
            BTreeMap::from([("name".to_string(), 3), ("email".to_string(), 1)]),
        );
        counts.insert(
            "5.1.1e".to_string(),
            BTreeMap::from([("bsn".to_string(), 1)]),
        );
        Row {
            id: "0001".into(),
            document: "=notulen, 2024.pdf".into(),
            datum: Some("2024-03-01".into()),
            beoordeling: Beoordeling::DeelsOpenbaar,
            grounds: vec!["5.1.1e".into(), "5.1.2e".into()],
            counts,
            toelichting: vec![],
            gerelateerd_id: String::new(),
            duplicate: None,
            family: String::new(),
            thread_id: String::new(),
        }
    }

    #[test]
    fn the_inventory_quotes_cells_and_joins_grounds_in_the_notation() {
        let csv = inventory_csv(&[row()], LabelNotation::CommaSpaced);
        let line = csv.lines().nth(1).unwrap();
        assert!(
            line.starts_with(
                "0001,\"'=notulen, 2024.pdf\",2024-03-01,Deels openbaar,\"5.1, 1, e; 5.1, 2, e\""
            ),
            "{line}"
        );
        assert!(csv.starts_with(
            "ID,Document,Datum,Beoordeling,Beoordelingsgrond,Toelichting,Gerelateerd ID"
        ));
    }

    #[test]
    fn duplicates_are_marked_and_explained() {
        let mut d = row();
        d.id = "0002".into();
        d.gerelateerd_id = "0001".into();
        d.duplicate = Some(1.0);
        d.toelichting.push(duplicate_remark(1.0, Some("0001")));
        let mut n = row();
        n.id = "0003".into();
        n.gerelateerd_id = "0001".into();
        n.duplicate = Some(0.95);
        n.toelichting.push(duplicate_remark(0.95, Some("0001")));
        let rows = [row(), d, n];
        let csv = inventory_csv(&rows, LabelNotation::Canonical);
        let lines: Vec<&str> = csv.lines().collect();
        assert!(
            lines[2].contains("dubbel: gelijk aan document 0001"),
            "{}",
            lines[2]
        );
        assert!(lines[2].ends_with(",0001,,"), "{}", lines[2]);
        assert!(
            lines[3].contains("Bijna gelijk aan document 0001 (gelijkenis 0,95"),
            "{}",
            lines[3]
        );
        let h = ReportHeader {
            publisher: "p",
            run_started: "t0",
            packaged_at: "t1",
            version: "0",
            left_out: 0,
        };
        let r = justification(&rows, LabelNotation::Canonical, &h);
        assert!(
            r.contains("Dubbele documenten: in dit pakket 1 document is dubbel"),
            "{r}"
        );
        assert!(r.contains("en 1 document is bijna gelijk"), "{r}");
    }

    #[test]
    fn the_justification_names_grounds_and_counts_per_document() {
        let h = ReportHeader {
            publisher: "gemeente Amsterdam",
            run_started: "t0",
            packaged_at: "t1",
            version: "0.1.0",
            left_out: 2,
        };
        let r = justification(&[row()], LabelNotation::Canonical, &h);
        assert!(r.contains("5.1.2e (eerbiediging van de persoonlijke levenssfeer): 4 passages: 1 × e-mailadres, 3 × naam"), "{r}");
        assert!(
            r.contains("5.1.1e (identificatienummers): 1 passage: 1 × BSN"),
            "{r}"
        );
        assert!(r.contains("Niet in dit pakket: 2 documenten"), "{r}");
        assert_eq!(
            toelichting_counts(&row()),
            "5 passages weggelakt (1 × BSN, 1 × e-mailadres, 3 × naam)."
        );
    }
}
