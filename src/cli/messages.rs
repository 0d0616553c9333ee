//! What the command line says to a Woo officer, in Dutch (the default) or English: progress labels, the end-of-run summary and the reasons behind it.

use crate::audit::{FileRecord, Status};
use crate::config::Language;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Picks the text for the language.
fn t<'a>(lang: Language, nl: &'a str, en: &'a str) -> &'a str {
    match lang {
        Language::Nl => nl,
        Language::En => en,
    }
}

/// Progress label of pass 1.
pub fn reading(lang: Language) -> &'static str {
    t(lang, "Lezen en zoeken", "Reading and detecting")
}

/// Progress label of pass 2.
pub fn redacting(lang: Language) -> &'static str {
    t(lang, "Lakken en controleren", "Redacting and verifying")
}

/// The unit of the progress bar.
pub fn pages_word(lang: Language) -> &'static str {
    t(lang, "pagina's", "pages")
}

/// "3 of 20 documents".
pub fn docs_of(lang: Language, done: usize, total: usize) -> String {
    match lang {
        Language::Nl => format!("{done} van {total} documenten"),
        Language::En => format!("{done} of {total} documents"),
    }
}

/// No PDF was found in the inputs.
pub fn no_pdfs(lang: Language, looked_at: &str, skipped: &BTreeMap<String, usize>) -> String {
    let skipped_list: Vec<String> = skipped.iter().map(|(e, n)| format!("{n} .{e}")).collect();
    let tail = if skipped_list.is_empty() {
        String::new()
    } else {
        match lang {
            Language::Nl => format!(
                " ({} overgeslagen: alleen PDF wordt gelezen)",
                skipped_list.join(", ")
            ),
            Language::En => format!(" ({} skipped: only PDF is read)", skipped_list.join(", ")),
        }
    };
    match lang {
        Language::Nl => format!("geen PDF-bestanden gevonden in {looked_at}{tail}"),
        Language::En => format!("no PDF files found in {looked_at}{tail}"),
    }
}

/// What a reviewer's decisions file did: how many decisions were applied, and every one that
/// matched nothing or needs attention (always shown, also with `--quiet`: never silently dropped).
pub fn decisions_summary(
    lang: Language,
    path: &str,
    report: &crate::decide::review::ReviewReport,
    quiet: bool,
) -> String {
    let mut out = String::new();
    if !quiet || !report.unmatched.is_empty() {
        out.push_str(&match lang {
            Language::Nl => format!(
                "Beslissingen uit {path}: {} toegepast, {} zonder doel.\n",
                report.applied.len(),
                report.unmatched.len()
            ),
            Language::En => format!(
                "Decisions from {path}: {} applied, {} matched nothing.\n",
                report.applied.len(),
                report.unmatched.len()
            ),
        });
    }
    for u in &report.unmatched {
        out.push_str(&format!(
            "  {} ({}, {}): {}: {}\n",
            u.decision_id,
            u.decision,
            u.target,
            t(lang, "zonder doel", "matched nothing"),
            u.reason
        ));
    }
    for a in &report.applied {
        for w in &a.warnings {
            out.push_str(&format!(
                "  {} ({}): {}: {w}\n",
                a.decision_id,
                a.decision,
                t(lang, "let op", "note")
            ));
        }
    }
    out
}

/// A reason from the pipeline (English, as in the audit log) in the user's language.
pub fn reason(lang: Language, r: &str) -> String {
    if lang == Language::En {
        return r.to_string();
    }
    const TABLE: &[(&str, &str)] = &[
        (
            "read as personal data",
            "als vormen getekende letters (geen selecteerbare tekst) lezen als persoonsgegevens waar geen lakvlak ze verwijderde",
        ),
        (
            "drawn as shapes on this page could not be read",
            "als vormen getekende letters op de pagina konden niet gelezen worden",
        ),
        (
            "may be letters and were not read",
            "vormen op de pagina kunnen letters zijn en zijn niet gelezen (OCR staat uit)",
        ),
        (
            "than can be checked under the boxes",
            "de pagina tekent meer vormen dan onder de lakvlakken gecontroleerd kunnen worden",
        ),
        (
            "pattern is painted under a box",
            "onder een lakvlak ligt een patroonvulling; wat die daar tekent blijft staan",
        ),
        (
            "shapes left under a box",
            "onder een lakvlak staan nog getekende vormen",
        ),
        (
            "images but no text layer",
            "pagina bestaat alleen uit beeld, zonder tekstlaag (scan)",
        ),
        (
            "no reliable Unicode mapping",
            "een lettertype op de pagina heeft geen betrouwbare tekstkoppeling",
        ),
        (
            "no Unicode mapping",
            "tekens op de pagina zijn niet als tekst te lezen",
        ),
        (
            "could not be read",
            "tekst op de pagina kon niet gelezen worden",
        ),
        ("image", "een afbeelding ligt onder een lakvlak"),
        (
            "verification found removed text",
            "de controle vond weggelakte tekst terug in het resultaat",
        ),
        (
            "verification could not prove",
            "de controle kon niet aantonen dat het resultaat schoon is",
        ),
        ("encrypted", "het bestand is versleuteld (wachtwoord nodig)"),
        ("not a PDF", "het bestand is geen PDF"),
        ("truncated", "het bestand is afgebroken (onvolledig)"),
        ("damaged", "het bestand is beschadigd"),
        ("cannot read file", "het bestand kan niet gelezen worden"),
        (
            "panic",
            "interne fout bij dit bestand; het is niet gepubliceerd",
        ),
    ];
    TABLE
        .iter()
        .find(|(k, _)| r.contains(k))
        .map(|(_, nl)| format!("{nl} ({r})"))
        .unwrap_or_else(|| r.to_string())
}

/// One document in the summary.
#[derive(Debug, Serialize)]
pub struct SummaryDoc {
    /// Input path relative to the input folder.
    pub input: String,
    /// Output path relative to the output folder.
    pub output: Option<String>,
    /// Why (for documents that are not ready).
    pub reason: String,
    /// Pages to check, with reasons.
    pub pages: Vec<crate::audit::FlaggedPage>,
}

/// The end-of-run summary (also printed as JSON with `--json`).
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Documents read.
    pub documents: usize,
    /// Pages read.
    pub pages: usize,
    /// Boxes drawn.
    pub redactions: usize,
    /// Ready to publish (in `publish/`).
    pub ready: Vec<SummaryDoc>,
    /// Redacted, a person must check pages first (in `review/`).
    pub review: Vec<SummaryDoc>,
    /// Not published: verification failed (in `quarantine/`).
    pub failed: Vec<SummaryDoc>,
    /// Could not be read (no output).
    pub errors: Vec<SummaryDoc>,
    /// Documents taken over from an earlier run (`--resume`).
    pub resumed: usize,
    /// The output folder.
    pub output: String,
    /// The audit log.
    pub audit: String,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Pages per second over the whole run.
    pub pages_per_second: f64,
    /// Worker threads.
    pub threads: usize,
}

impl Summary {
    /// Builds the summary from the file records.
    pub fn new(records: &[&FileRecord], out: &Path, seconds: f64, resumed: usize) -> Summary {
        let mut s = Summary {
            documents: records.len(),
            pages: records.iter().map(|r| r.pages).sum(),
            redactions: records.iter().map(|r| r.redactions).sum(),
            ready: vec![],
            review: vec![],
            failed: vec![],
            errors: vec![],
            resumed,
            output: out.display().to_string(),
            audit: out.join(crate::publish::AUDIT).display().to_string(),
            seconds: (seconds * 100.0).round() / 100.0,
            pages_per_second: 0.0,
            threads: rayon::current_num_threads(),
        };
        s.pages_per_second = (s.pages as f64 / seconds.max(1e-9)).round();
        for r in records {
            let d = SummaryDoc {
                input: r.input.clone(),
                output: r.output.clone(),
                reason: r.reason.clone(),
                pages: r.flagged_pages.clone(),
            };
            match r.status {
                Status::Ok => s.ready.push(d),
                Status::Flagged => s.review.push(d),
                Status::Failed => s.failed.push(d),
                Status::Error => s.errors.push(d),
            }
        }
        s
    }

    /// Whether every document is ready to publish.
    pub fn all_clean(&self) -> bool {
        self.review.is_empty() && self.failed.is_empty() && self.errors.is_empty()
    }

    /// The summary in words.
    pub fn to_text(&self, lang: Language) -> String {
        let mut o = String::new();
        let secs = format!("{:.1}", self.seconds);
        let secs = if lang == Language::Nl {
            secs.replace('.', ",")
        } else {
            secs
        };
        o.push_str(&match lang {
            Language::Nl => format!(
                "Klaar: {} documenten ({} pagina's, {} weggelakte passages) in {secs} s.\n",
                self.documents, self.pages, self.redactions
            ),
            Language::En => format!(
                "Done: {} documents ({} pages, {} passages redacted) in {secs} s.\n",
                self.documents, self.pages, self.redactions
            ),
        });
        if self.resumed > 0 {
            o.push_str(&match lang {
                Language::Nl => format!(
                    "  {} ongewijzigd uit de vorige run overgenomen.\n",
                    self.resumed
                ),
                Language::En => {
                    format!("  {} unchanged, kept from the earlier run.\n", self.resumed)
                }
            });
        }
        let dir = |sub: &str| format!("{}/{sub}/", self.output.trim_end_matches('/'));
        o.push_str(&match lang {
            Language::Nl => format!(
                "  {} klaar om te publiceren, in {}\n",
                self.ready.len(),
                dir(crate::publish::PUBLISH)
            ),
            Language::En => format!(
                "  {} ready to publish, in {}\n",
                self.ready.len(),
                dir(crate::publish::PUBLISH)
            ),
        });
        if !self.review.is_empty() {
            o.push_str(&match lang {
                Language::Nl => format!(
                    "  {} eerst door een mens te controleren (niet publiceren voor die controle), in {}\n",
                    self.review.len(),
                    dir(crate::publish::REVIEW)
                ),
                Language::En => format!(
                    "  {} to be checked by a person first (do not publish before), in {}\n",
                    self.review.len(),
                    dir(crate::publish::REVIEW)
                ),
            });
            for d in &self.review {
                for p in &d.pages {
                    o.push_str(&match lang {
                        Language::Nl => format!(
                            "      {}, pagina {}: {}\n",
                            d.input,
                            p.page,
                            reason(lang, &p.reason)
                        ),
                        Language::En => {
                            format!("      {}, page {}: {}\n", d.input, p.page, p.reason)
                        }
                    });
                }
            }
        }
        if !self.failed.is_empty() {
            o.push_str(&match lang {
                Language::Nl => format!(
                    "  {} niet gepubliceerd: de controle slaagde niet (ter onderzoek in {})\n",
                    self.failed.len(),
                    dir(crate::publish::QUARANTINE)
                ),
                Language::En => format!(
                    "  {} not published: verification did not pass (for investigation in {})\n",
                    self.failed.len(),
                    dir(crate::publish::QUARANTINE)
                ),
            });
            for d in &self.failed {
                o.push_str(&format!("      {}: {}\n", d.input, reason(lang, &d.reason)));
            }
        }
        if !self.errors.is_empty() {
            o.push_str(&match lang {
                Language::Nl => format!(
                    "  {} konden niet gelezen worden (geen uitvoer):\n",
                    self.errors.len()
                ),
                Language::En => format!("  {} could not be read (no output):\n", self.errors.len()),
            });
            for d in &self.errors {
                o.push_str(&format!("      {}: {}\n", d.input, reason(lang, &d.reason)));
            }
        }
        o.push_str(&match lang {
            Language::Nl => format!(
                "Auditlog (intern, niet publiceren): {}\nSnelheid: {} pagina's per seconde op {} threads.\n",
                self.audit, self.pages_per_second, self.threads
            ),
            Language::En => format!(
                "Audit log (internal, do not publish): {}\nSpeed: {} pages per second on {} threads.\n",
                self.audit, self.pages_per_second, self.threads
            ),
        });
        o
    }
}

/// What `review` wrote: where the report is, what it holds, which inputs could not be read
/// again, and that it is internal.
pub fn report_written(w: &crate::report::Written) -> String {
    let lang = w.language;
    let mut out = match lang {
        Language::Nl => format!(
            "Rapport geschreven: {} ({} documenten, {} weggelakte passages, {} in de tekst geplaatst).\n",
            w.path.display(),
            w.documents,
            w.boxes,
            w.placed
        ),
        Language::En => format!(
            "Report written: {} ({} documents, {} redacted passages, {} placed in the text).\n",
            w.path.display(),
            w.documents,
            w.boxes,
            w.placed
        ),
    };
    for (input, why) in &w.missing_inputs {
        out.push_str(&match lang {
            Language::Nl => format!("  {input}: invoer niet opnieuw gelezen: {why}\n"),
            Language::En => format!("  {input}: input not read again: {why}\n"),
        });
    }
    out.push_str(t(
        lang,
        "Intern: het rapport toont de weggelakte tekst. Niet publiceren, niet in het pakket.\n",
        "Internal: the report shows the removed text. Do not publish it; it is never packaged.\n",
    ));
    out
}
