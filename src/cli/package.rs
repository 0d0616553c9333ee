//! `woo-redact package`: makes a Woo release package of a finished output folder (see [`crate::release`]) and says in words what went in, what was left out and why.
//!
//! Exit codes: 0 the package was made; 1 it was refused for its content (documents not ready,
//! removed text found, a published file changed or not verified by the run); 2 it could not run
//! (arguments, configuration, no audit log, the package folder exists).

use super::messages::reason;
use super::{EXIT_NOT_CLEAN, EXIT_OK, load_settings};
use crate::audit::Status;
use crate::config::Language;
use crate::detect::Detector;
use crate::release::{Options, PackageError, package};
use anyhow::Context;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `woo-redact package`.
#[derive(Debug, Args)]
pub struct PackageArgs {
    /// The output folder of `woo-redact redact` (holding publish/ and audit.jsonl).
    pub output: PathBuf,
    /// The package folder to write (RELEASE.zip is written beside it).
    #[arg(long)]
    pub out: PathBuf,
    /// Configuration file (TOML) with `publisher` and `informatiecategorie`; see README.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Make a partial package: leave out documents that are not ready (to review, failed,
    /// unreadable) instead of refusing. They are counted, not named, in the package.
    #[arg(long)]
    pub exclude_unready: bool,
    /// Replace an existing package folder and zip.
    #[arg(long)]
    pub overwrite: bool,
}

fn status_words(lang: Language, s: Status) -> &'static str {
    match (lang, s) {
        (Language::Nl, Status::Flagged) => "eerst door een mens te controleren (review/)",
        (Language::Nl, Status::Failed) => "controle niet geslaagd (quarantine/)",
        (Language::Nl, Status::Error) => "onleesbaar, geen uitvoer",
        (Language::Nl, Status::Ok) => "klaar",
        (Language::En, Status::Flagged) => "to be checked by a person first (review/)",
        (Language::En, Status::Failed) => "failed verification (quarantine/)",
        (Language::En, Status::Error) => "unreadable, no output",
        (Language::En, Status::Ok) => "ready",
    }
}

/// Runs `package`.
pub fn run(args: PackageArgs) -> anyhow::Result<u8> {
    let config = load_settings(args.config.as_deref())?;
    let lang = config.language;
    let detector = Detector::new(&config).context("building the detector")?;
    let opts = Options {
        exclude_unready: args.exclude_unready,
        overwrite: args.overwrite,
        ..Options::default()
    };
    match package(&args.output, &args.out, &config, &detector, &opts) {
        Ok(r) => {
            let folder = r.folder.display();
            let zip = r.zip.display();
            match lang {
                Language::Nl => println!(
                    "Pakket klaar: {folder}/ ({} document{}, {} bestanden) en {zip}.",
                    r.rows.len(),
                    if r.rows.len() == 1 { "" } else { "en" },
                    r.files
                ),
                Language::En => println!(
                    "Package ready: {folder}/ ({} document{}, {} files) and {zip}.",
                    r.rows.len(),
                    if r.rows.len() == 1 { "" } else { "s" },
                    r.files
                ),
            }
            if !r.left_out.is_empty() {
                match lang {
                    Language::Nl => println!(
                        "  Weggelaten op verzoek (--exclude-unready), {} documenten (in het pakket alleen geteld):",
                        r.left_out.len()
                    ),
                    Language::En => println!(
                        "  Left out as asked (--exclude-unready), {} documents (only counted in the package):",
                        r.left_out.len()
                    ),
                }
                for l in &r.left_out {
                    println!(
                        "      {}: {}: {}",
                        l.input,
                        status_words(lang, l.status),
                        reason(lang, &l.reason)
                    );
                }
            }
            for (from, to) in &r.renamed {
                match lang {
                    Language::Nl => println!(
                        "  Hernoemd, de bestandsnaam bevat persoonsgegevens: {from} -> {to}"
                    ),
                    Language::En => {
                        println!("  Renamed, the file name holds personal data: {from} -> {to}")
                    }
                }
            }
            match lang {
                Language::Nl => println!(
                    "  Controle: {} weggelakte teksten gezocht in elk bestand van het pakket: niets gevonden.\n  Na te rekenen met: cd {folder} && sha256sum -c {}",
                    r.removed_checked,
                    crate::release::MANIFEST
                ),
                Language::En => println!(
                    "  Check: {} removed strings searched for in every file of the package: none found.\n  Verify with: cd {folder} && sha256sum -c {}",
                    r.removed_checked,
                    crate::release::MANIFEST
                ),
            }
            Ok(EXIT_OK)
        }
        Err(PackageError::NotReady(list)) => {
            match lang {
                Language::Nl => eprintln!(
                    "woo-redact: pakket geweigerd: {} documenten zijn niet klaar om te publiceren:",
                    list.len()
                ),
                Language::En => eprintln!(
                    "woo-redact: package refused: {} documents are not ready to publish:",
                    list.len()
                ),
            }
            for l in &list {
                eprintln!(
                    "    {}: {}: {}",
                    l.input,
                    status_words(lang, l.status),
                    reason(lang, &l.reason)
                );
            }
            match lang {
                Language::Nl => eprintln!(
                    "Er is niets geschreven. Laat deze documenten eerst beoordelen, of vraag bewust een gedeeltelijk pakket met --exclude-unready (ze worden dan weggelaten)."
                ),
                Language::En => eprintln!(
                    "Nothing was written. Have these documents dealt with first, or ask for a partial package with --exclude-unready (they are then left out)."
                ),
            }
            Ok(EXIT_NOT_CLEAN)
        }
        Err(PackageError::Leak(hits)) => {
            match lang {
                Language::Nl => eprintln!(
                    "woo-redact: pakket geweigerd: weggelakte tekst staat nog in het pakket ({} keer); er is niets geschreven:",
                    hits.len()
                ),
                Language::En => eprintln!(
                    "woo-redact: package refused: removed text is still in the package ({} times); nothing was written:",
                    hits.len()
                ),
            }
            for h in &hits {
                match lang {
                    Language::Nl => eprintln!(
                        "    {}: de tekst van bevinding {} ({} tekens, zie audit.jsonl)",
                        h.place, h.finding_id, h.chars
                    ),
                    Language::En => eprintln!(
                        "    {}: the text of finding {} ({} characters, see audit.jsonl)",
                        h.place, h.finding_id, h.chars
                    ),
                }
            }
            Ok(EXIT_NOT_CLEAN)
        }
        Err(e @ (PackageError::Tampered(_) | PackageError::Unchecked(_))) => {
            match lang {
                Language::Nl => {
                    eprintln!("woo-redact: pakket geweigerd, er is niets geschreven: {e}")
                }
                Language::En => eprintln!("woo-redact: package refused, nothing was written: {e}"),
            }
            Ok(EXIT_NOT_CLEAN)
        }
        Err(e) => Err(e.into()),
    }
}
