//! The publish stage: decides each file's status from verification and review flags, and writes it atomically to `publish/`, `review/` or `quarantine/` of an output folder that is safe to publish by construction.
//!
//! Layout of an output folder:
//! - `publish/`: only files that were redacted and verified clean (`ok`): safe to publish;
//! - `review/`: redacted and verified, but with pages a person must check (`flagged`, e.g. a
//!   scan without a text layer): never publish before that check;
//! - `quarantine/`: outputs that failed verification (`failed`), for investigation only;
//! - `audit.jsonl`: the audit log (internal, see [`crate::audit`]);
//! - `decisions.json`: the dossier's term table (internal: it names the persons it decided on;
//!   schema in [`crate::decide`]).
//!
//! Input subfolders are kept below each of these, so same-named inputs never collide. Every
//! file is written under a temporary name and renamed, so an interrupted run leaves no
//! half-written PDF. Inputs are never copied.

use crate::audit::Status;
use crate::redact::RedactedDoc;
use crate::verify::VerifyReport;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The subfolder for verified, clean files.
pub const PUBLISH: &str = "publish";
/// The subfolder for files a person must check first.
pub const REVIEW: &str = "review";
/// The subfolder for files that failed verification.
pub const QUARANTINE: &str = "quarantine";
/// The audit log's name.
pub const AUDIT: &str = "audit.jsonl";
/// The dossier's term table (internal: it names the persons decided on).
pub const DECISIONS: &str = "decisions.json";

/// What to do with an output folder that is not empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse it (the default).
    Refuse,
    /// Keep finished files whose input and configuration did not change; redo the rest.
    Resume,
    /// Remove what an earlier run wrote and start clean.
    Overwrite,
}

/// Why an output folder cannot be used (a usage error: nothing is written).
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    /// Not empty, and neither `--resume` nor `--overwrite` was given.
    #[error(
        "{0} is not empty: give --resume to continue an earlier run, or --overwrite to start again"
    )]
    NotEmpty(PathBuf),
    /// `--overwrite` on a folder that holds files this tool did not write.
    #[error("{0} holds files woo-redact did not write ({1}): choose an empty or new output folder")]
    Foreign(PathBuf, String),
    /// The folder cannot be created or read.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// The entries an earlier run may have written at the top of an output folder.
const OURS: &[&str] = &[
    PUBLISH,
    REVIEW,
    QUARANTINE,
    AUDIT,
    DECISIONS,
    "report",
    "summary.json",
];

/// An output folder prepared for a run.
#[derive(Debug, Clone)]
pub struct OutputFolder {
    root: PathBuf,
}

impl OutputFolder {
    /// Checks (and creates) the output folder: an empty or new folder is used as it is; a folder
    /// with content needs [`Existing::Resume`] or [`Existing::Overwrite`].
    pub fn prepare(root: &Path, existing: Existing) -> Result<OutputFolder, FolderError> {
        let io = |e| FolderError::Io(root.to_path_buf(), e);
        if root.exists() {
            let entries: Vec<String> = std::fs::read_dir(root)
                .map_err(io)?
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            if !entries.is_empty() {
                match existing {
                    Existing::Refuse => return Err(FolderError::NotEmpty(root.to_path_buf())),
                    Existing::Resume => {}
                    Existing::Overwrite => {
                        let foreign: BTreeSet<&String> = entries
                            .iter()
                            .filter(|e| !OURS.contains(&e.as_str()))
                            .collect();
                        if !foreign.is_empty() {
                            let list: Vec<&str> =
                                foreign.iter().take(3).map(|s| s.as_str()).collect();
                            return Err(FolderError::Foreign(root.to_path_buf(), list.join(", ")));
                        }
                        for e in &entries {
                            let p = root.join(e);
                            let r = if p.is_dir() {
                                std::fs::remove_dir_all(&p)
                            } else {
                                std::fs::remove_file(&p)
                            };
                            r.map_err(|e| FolderError::Io(p.clone(), e))?;
                        }
                    }
                }
            }
        }
        std::fs::create_dir_all(root).map_err(io)?;
        Ok(OutputFolder {
            root: root.to_path_buf(),
        })
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `bytes` for input `rel` into the subfolder of `status` (temporary name, then
    /// rename) and removes any copy an earlier run left in another subfolder. Returns the path
    /// written, relative to the output folder.
    pub fn write(&self, status: Status, rel: &str, bytes: &[u8]) -> std::io::Result<String> {
        let sub = match status {
            Status::Ok => PUBLISH,
            Status::Flagged => REVIEW,
            Status::Failed => QUARANTINE,
            Status::Error => {
                return Err(std::io::Error::other(
                    "a file that could not be read has no output",
                ));
            }
        };
        self.remove_outputs(rel);
        let out_rel = format!("{sub}/{rel}");
        let target = self.root.join(&out_rel);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = target.with_file_name(format!(
            ".{}.partial",
            target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &target)?;
        Ok(out_rel)
    }

    /// Removes whatever an earlier run wrote for input `rel` (in any subfolder).
    pub fn remove_outputs(&self, rel: &str) {
        for sub in [PUBLISH, REVIEW, QUARANTINE] {
            let _ = std::fs::remove_file(self.root.join(sub).join(rel));
        }
    }

    /// Removes temporary files an interrupted run left behind.
    pub fn remove_partials(&self) {
        let mut stack = vec![self.root.clone()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                let is_symlink = e.file_type().is_ok_and(|t| t.is_symlink());
                if p.is_dir() && !is_symlink {
                    stack.push(p);
                } else if e.file_name().to_string_lossy().ends_with(".partial") {
                    let _ = std::fs::remove_file(&p);
                }
            }
        }
    }
}

/// The status of a redacted file and the reason in words: `failed` when verification found
/// removed text or could not prove the output clean, `flagged` when pages need a person, else
/// `ok`.
pub fn decide_status(red: &RedactedDoc, verification: &VerifyReport) -> (Status, String) {
    if !verification.is_clean() {
        let why = if verification.findings.is_empty() {
            format!(
                "verification could not prove the output clean: {}",
                verification.incomplete.join("; ")
            )
        } else {
            let detected = verification
                .findings
                .iter()
                .filter(|f| f.channel == crate::verify::Channel::Detected)
                .count();
            let found = verification.findings.len() - detected;
            match (found, detected) {
                (0, d) => format!(
                    "verification detected personal data in {d} object(s) of the output: not published"
                ),
                (f, 0) => format!(
                    "verification found removed text in the output ({f} hits): not published"
                ),
                (f, d) => format!(
                    "verification found removed text in the output ({f} hits) and detected personal data in {d} object(s): not published"
                ),
            }
        };
        (Status::Failed, why)
    } else if !red.flagged.is_empty() {
        let reasons: BTreeSet<&str> = red.flagged.iter().map(|f| f.1.as_str()).collect();
        (
            Status::Flagged,
            format!(
                "needs manual review: {}",
                reasons.into_iter().collect::<Vec<_>>().join("; ")
            ),
        )
    } else {
        (Status::Ok, "redacted and verified".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_non_empty_folder_is_refused_without_resume_or_overwrite() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("audit.jsonl"), b"{}").unwrap();
        assert!(matches!(
            OutputFolder::prepare(tmp.path(), Existing::Refuse),
            Err(FolderError::NotEmpty(_))
        ));
        assert!(OutputFolder::prepare(tmp.path(), Existing::Resume).is_ok());
        assert!(tmp.path().join("audit.jsonl").exists());
        assert!(OutputFolder::prepare(tmp.path(), Existing::Overwrite).is_ok());
        assert!(!tmp.path().join("audit.jsonl").exists());
    }

    #[test]
    fn overwrite_never_deletes_files_it_did_not_write() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("thesis.docx"), b"x").unwrap();
        assert!(matches!(
            OutputFolder::prepare(tmp.path(), Existing::Overwrite),
            Err(FolderError::Foreign(..))
        ));
        assert!(tmp.path().join("thesis.docx").exists());
    }

    #[test]
    fn a_flagged_file_goes_to_review_and_replaces_an_earlier_published_copy() {
        let tmp = tempfile::tempdir().unwrap();
        let out = OutputFolder::prepare(tmp.path(), Existing::Refuse).unwrap();
        assert_eq!(
            out.write(Status::Ok, "a/x.pdf", b"1").unwrap(),
            "publish/a/x.pdf"
        );
        assert_eq!(
            out.write(Status::Flagged, "a/x.pdf", b"2").unwrap(),
            "review/a/x.pdf"
        );
        assert!(!tmp.path().join("publish/a/x.pdf").exists());
        assert!(tmp.path().join("review/a/x.pdf").exists());
    }
}
