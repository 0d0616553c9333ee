//! Runs the `tesseract` command (a runtime dependency: Debian `tesseract-ocr` + `tesseract-ocr-nld`) on a raster and parses its TSV words.
//!
//! The command, not C bindings: the Debian package is the maintained artefact, a crash in it
//! cannot take the batch down, and no build-time C toolchain is needed. One thread per call
//! (`OMP_THREAD_LIMIT=1`): the batch already runs one file per core.

use super::render::GrayPage;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use thiserror::Error;

/// Why OCR could not run on a page. Every variant leaves the page `flagged`, never passed.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum OcrError {
    /// The `tesseract` command is not installed.
    #[error(
        "OCR unavailable: the `tesseract` command was not found (install tesseract-ocr and tesseract-ocr-nld, see scripts/install-deps.sh)"
    )]
    Missing,
    /// The language model is not installed.
    #[error("OCR unavailable: tesseract has no `{0}` language model (install tesseract-ocr-{0})")]
    NoLanguage(String),
    /// tesseract failed on this page.
    #[error("OCR failed: {0}")]
    Failed(String),
}

/// A word as tesseract reports it (pixels of the raster it was given).
#[derive(Debug, Clone, PartialEq)]
pub struct TsvWord {
    /// Block number.
    pub block: u32,
    /// Paragraph number in the block.
    pub par: u32,
    /// Line number in the paragraph.
    pub line: u32,
    /// Left edge, pixels.
    pub left: u32,
    /// Top edge, pixels.
    pub top: u32,
    /// Width, pixels.
    pub width: u32,
    /// Height, pixels.
    pub height: u32,
    /// Confidence 0..100.
    pub conf: f32,
    /// The word.
    pub text: String,
}

/// A tesseract installation with the language to read.
#[derive(Debug, Clone)]
pub struct OcrEngine {
    /// The command.
    pub command: PathBuf,
    /// Language(s), tesseract syntax (`nld`).
    pub lang: String,
}

impl OcrEngine {
    /// Finds `tesseract` on the PATH and checks that it has the Dutch model.
    pub fn detect() -> Result<OcrEngine, OcrError> {
        Self::with("tesseract", "nld")
    }

    /// An engine for `command` and `lang`, checked by asking tesseract for its languages.
    pub fn with(command: &str, lang: &str) -> Result<OcrEngine, OcrError> {
        let out = Command::new(command)
            .arg("--list-langs")
            .stdin(Stdio::null())
            .output()
            .map_err(|_| OcrError::Missing)?;
        let langs = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        for l in lang.split('+') {
            if !langs.lines().any(|x| x.trim() == l) {
                return Err(OcrError::NoLanguage(l.to_string()));
            }
        }
        Ok(OcrEngine {
            command: command.into(),
            lang: lang.into(),
        })
    }

    /// Reads the words of `page` (a page: blocks, columns and lines found automatically).
    pub fn recognize(&self, page: &GrayPage) -> Result<Vec<TsvWord>, OcrError> {
        self.recognize_with(page, 3)
    }

    /// Reads the words of `page` as sparse text: every word found, wherever it stands (bands of
    /// a page with lettering beside pictures and shapes, see [`crate::verify::lettering`]).
    pub fn recognize_sparse(&self, page: &GrayPage) -> Result<Vec<TsvWord>, OcrError> {
        self.recognize_with(page, 11)
    }

    fn recognize_with(&self, page: &GrayPage, psm: u8) -> Result<Vec<TsvWord>, OcrError> {
        let psm = psm.to_string();
        let mut child = Command::new(&self.command)
            .args(["stdin", "stdout", "-l", &self.lang, "--psm", &psm, "--dpi"])
            .arg(format!("{}", page.dpi.round() as u32))
            .arg("tsv")
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    OcrError::Missing
                } else {
                    OcrError::Failed(e.to_string())
                }
            })?;
        let pgm = page.to_pgm();
        let mut stdin = child
            .stdin
            .take()
            .ok_or(OcrError::Failed("no stdin".into()))?;
        let writer = std::thread::spawn(move || stdin.write_all(&pgm));
        let out = child
            .wait_with_output()
            .map_err(|e| OcrError::Failed(e.to_string()))?;
        let _ = writer.join();
        if !out.status.success() {
            return Err(OcrError::Failed(format!(
                "tesseract exited with {}: {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        Ok(parse_tsv(&String::from_utf8_lossy(&out.stdout)))
    }
}

/// Parses tesseract's TSV output: the word rows (level 5) with text.
pub fn parse_tsv(tsv: &str) -> Vec<TsvWord> {
    let mut out = Vec::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 12 || f[0] != "5" {
            continue;
        }
        let text = f[11].trim();
        if text.is_empty() {
            continue;
        }
        let n = |i: usize| f[i].trim().parse::<u32>().unwrap_or(0);
        out.push(TsvWord {
            block: n(2),
            par: n(3),
            line: n(4),
            left: n(6),
            top: n(7),
            width: n(8),
            height: n(9),
            conf: f[10].trim().parse::<f32>().unwrap_or(-1.0),
            text: text.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_word_rows_are_read_and_other_levels_skipped() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n\
4\t1\t1\t1\t1\t0\t300\t400\t900\t50\t-1\t\n\
5\t1\t1\t1\t1\t1\t300\t400\t200\t50\t96.5\tNotulen\n\
5\t1\t1\t1\t1\t2\t520\t400\t20\t50\t95\t \n";
        let w = parse_tsv(tsv);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].text, "Notulen");
        assert_eq!(
            (w[0].left, w[0].top, w[0].width, w[0].height),
            (300, 400, 200, 50)
        );
        assert!((w[0].conf - 96.5).abs() < 1e-3);
    }

    #[test]
    fn a_missing_tesseract_is_a_clear_error() {
        let e = OcrEngine::with("/nonexistent/tesseract-xyz", "nld").unwrap_err();
        assert_eq!(e, OcrError::Missing);
        assert!(e.to_string().contains("tesseract-ocr-nld"));
    }
}
