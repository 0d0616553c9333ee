//! Finds the input PDFs of a run: walks folders once (no symlink loops), keeps each file's path relative to its input root, and counts what was skipped.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// One input PDF.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputFile {
    /// Where it is read from.
    pub path: PathBuf,
    /// Its path relative to the input root (the folder given on the command line, or just the
    /// file name for a file given directly), with `/` separators. Outputs keep this layout, so
    /// same-named files in different folders never collide.
    pub rel: String,
}

/// A folder that could not be listed: an error record for it, and the batch goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableFolder {
    /// The folder, relative to its input root.
    pub rel: String,
    /// Why, in words.
    pub reason: String,
}

/// What a run will read.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The PDFs, sorted by relative path, each once.
    pub files: Vec<InputFile>,
    /// Folders that could not be read.
    pub unreadable: Vec<UnreadableFolder>,
    /// Files that are not PDFs, counted per extension (`docx`, `msg`, `(none)`).
    pub skipped: BTreeMap<String, usize>,
}

/// Why no run can start on these inputs (a usage error: nothing is written).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// A path given on the command line does not exist.
    #[error("{0}: no such file or folder")]
    Missing(PathBuf),
    /// Two inputs would write the same output path.
    #[error("{0} and {1} would both be written as {2}: give them in separate runs")]
    Collision(PathBuf, PathBuf, String),
}

fn is_pdf(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

fn to_rel(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Lists the PDFs named by `inputs` (files, or folders searched recursively). Paths inside
/// `exclude` (the output folder) are not read. Symbolic links to folders are followed once:
/// a folder already visited (by its real path) is not entered again, so loops end and every
/// file is read once.
pub fn collect(inputs: &[PathBuf], exclude: Option<&Path>) -> Result<Inputs, InputError> {
    let exclude = exclude.and_then(|e| e.canonicalize().ok());
    let mut out = Inputs::default();
    let mut seen_files: HashSet<PathBuf> = HashSet::new();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    let mut by_rel: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut files = BTreeSet::new();
    for input in inputs {
        if !input.exists() {
            return Err(InputError::Missing(input.clone()));
        }
        if input.is_dir() {
            let mut stack = vec![input.clone()];
            while let Some(dir) = stack.pop() {
                let real = dir.canonicalize().unwrap_or(dir.clone());
                if exclude.as_ref().is_some_and(|e| real.starts_with(e)) || !seen_dirs.insert(real)
                {
                    continue;
                }
                let rel_dir = to_rel(dir.strip_prefix(input).unwrap_or(&dir));
                let entries = match std::fs::read_dir(&dir) {
                    Ok(e) => e,
                    Err(e) => {
                        out.unreadable.push(UnreadableFolder {
                            rel: if rel_dir.is_empty() {
                                ".".into()
                            } else {
                                rel_dir
                            },
                            reason: e.to_string(),
                        });
                        continue;
                    }
                };
                let mut children: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                children.sort();
                for p in children {
                    if p.is_dir() {
                        stack.push(p);
                    } else if is_pdf(&p) {
                        let rel = to_rel(p.strip_prefix(input).unwrap_or(&p));
                        files.insert((rel, p));
                    } else if p.is_file() {
                        let ext = p
                            .extension()
                            .map(|e| e.to_string_lossy().to_lowercase())
                            .unwrap_or_else(|| "(none)".into());
                        *out.skipped.entry(ext).or_default() += 1;
                    }
                }
            }
        } else {
            let rel = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| to_rel(input));
            files.insert((rel, input.clone()));
        }
    }
    for (rel, path) in files {
        let real = path.canonicalize().unwrap_or(path.clone());
        if exclude.as_ref().is_some_and(|e| real.starts_with(e)) || !seen_files.insert(real) {
            continue;
        }
        if let Some(other) = by_rel.get(&rel) {
            return Err(InputError::Collision(other.clone(), path, rel));
        }
        by_rel.insert(rel.clone(), path.clone());
        out.files.push(InputFile { path, rel });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_keep_subfolders_and_skip_non_pdfs() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("dossier");
        std::fs::create_dir_all(root.join("Mail 2")).unwrap();
        std::fs::create_dir_all(root.join("Bijlagen bij mail")).unwrap();
        std::fs::write(root.join("Mail 2/bijlage.pdf"), b"x").unwrap();
        std::fs::write(root.join("Bijlagen bij mail/bijlage.pdf"), b"x").unwrap();
        std::fs::write(root.join("brief.docx"), b"x").unwrap();
        let got = collect(std::slice::from_ref(&root), None).unwrap();
        let rels: Vec<&str> = got.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(
            rels,
            ["Bijlagen bij mail/bijlage.pdf", "Mail 2/bijlage.pdf"]
        );
        assert_eq!(got.skipped.get("docx"), Some(&1));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_entered_once() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("d");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/x.pdf"), b"x").unwrap();
        std::os::unix::fs::symlink(&root, root.join("a/loop")).unwrap();
        let got = collect(std::slice::from_ref(&root), None).unwrap();
        assert_eq!(got.files.len(), 1);
    }

    #[test]
    fn a_missing_path_is_an_error() {
        let e = collect(&[PathBuf::from("/no/such/dossier")], None).unwrap_err();
        assert!(e.to_string().contains("/no/such/dossier"));
    }
}
