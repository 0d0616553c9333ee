//! Run configuration: label notation, grounds per category, public/always/never name lists, e-mail mode.
//!
//! A config file is TOML (see `config/woo.example.toml`). Every field is optional; missing fields take the
//! defaults of [`Config::default`]. Parse errors name the file and the line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::detect::Category;

/// How a canonical ground code such as `5.1.2e` is written on a redaction box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum LabelNotation {
    /// `5.1, 2, e` (as in the published Amsterdam minutes; the default).
    #[default]
    #[serde(rename = "5.1, 2, e")]
    CommaSpaced,
    /// `5.1.2e` (ministries).
    #[serde(rename = "5.1.2e")]
    Canonical,
    /// `5.1,2,e` (compact comma form).
    #[serde(rename = "5.1,2,e")]
    CommaCompact,
    /// `5.1 lid 2 sub e` (written out).
    #[serde(rename = "5.1 lid 2 sub e")]
    LidSub,
}

/// Whether an e-mail address is redacted whole or only its local part (the domain stays readable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailMode {
    /// Redact the whole address.
    #[default]
    Whole,
    /// Redact only the part before `@`.
    LocalPart,
}

/// Renders a canonical ground code (`5.1.2e`, `5.1.1e`, `5.2`, `10.2e`) in the chosen notation.
///
/// Codes that do not have the shape `<article>.<paragraph><letter>` with a dotted article are returned unchanged.
pub fn render_ground(canonical: &str, notation: LabelNotation) -> String {
    // split "5.1.2e" into article "5.1", lid "2", sub "e"
    let Some((article, rest)) = canonical.rsplit_once('.') else {
        return canonical.to_string();
    };
    if !article.contains('.') {
        // "10.2e" style (Wob): article without a dot; keep as is
        return canonical.to_string();
    }
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let letter: String = rest.chars().skip(digits.len()).collect();
    if digits.is_empty() || letter.len() > 1 || !letter.chars().all(|c| c.is_ascii_lowercase()) {
        return canonical.to_string();
    }
    match (notation, letter.is_empty()) {
        (LabelNotation::Canonical, _) => canonical.to_string(),
        (LabelNotation::CommaSpaced, false) => format!("{article}, {digits}, {letter}"),
        (LabelNotation::CommaSpaced, true) => format!("{article}, {digits}"),
        (LabelNotation::CommaCompact, false) => format!("{article},{digits},{letter}"),
        (LabelNotation::CommaCompact, true) => format!("{article},{digits}"),
        (LabelNotation::LidSub, false) => format!("{article} lid {digits} sub {letter}"),
        (LabelNotation::LidSub, true) => format!("{article} lid {digits}"),
    }
}

/// Error while loading a configuration file or one of the name lists it refers to.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// File that failed.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The TOML is malformed or has a wrong type or an unknown key.
    #[error("{path}:{line}: {message}")]
    Parse {
        /// File that failed.
        path: PathBuf,
        /// 1-based line of the error (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The complete run configuration (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Notation of the labels written on boxes.
    pub label_notation: LabelNotation,
    /// Fill colour of the redaction box (CSS-like name or `#rrggbb`).
    pub box_fill: String,
    /// Colour of the label text.
    pub label_color: String,
    /// E-mail redaction mode.
    pub email_mode: EmailMode,
    /// Canonical ground code per category.
    pub grounds: BTreeMap<Category, String>,
    /// Public names that are never redacted (public officials). A full name also covers its parts.
    pub public: Vec<String>,
    /// Terms that are always redacted (as names, case-sensitive on word boundaries).
    pub always: Vec<String>,
    /// Terms that are never redacted.
    pub never: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            label_notation: LabelNotation::default(),
            box_fill: "black".to_string(),
            label_color: "white".to_string(),
            email_mode: EmailMode::default(),
            grounds: Category::ALL
                .iter()
                .map(|c| (*c, c.default_ground().to_string()))
                .collect(),
            public: Vec::new(),
            always: Vec::new(),
            never: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    label_notation: Option<LabelNotation>,
    box_fill: Option<String>,
    label_color: Option<String>,
    email_mode: Option<EmailMode>,
    #[serde(default)]
    grounds: BTreeMap<Category, String>,
    #[serde(default)]
    public: Vec<String>,
    #[serde(default)]
    public_files: Vec<String>,
    #[serde(default)]
    always: Vec<String>,
    #[serde(default)]
    never: Vec<String>,
}

impl Config {
    /// Loads a TOML config file; `public_files` are read relative to the config file's folder.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Config::from_toml_str(&text, path, base)
    }

    /// Parses config text; `path` is used in messages, `base` resolves `public_files`.
    pub fn from_toml_str(text: &str, path: &Path, base: &Path) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0),
            message: e.message().to_string(),
        })?;
        let mut cfg = Config::default();
        if let Some(n) = raw.label_notation {
            cfg.label_notation = n;
        }
        if let Some(f) = raw.box_fill {
            cfg.box_fill = f;
        }
        if let Some(c) = raw.label_color {
            cfg.label_color = c;
        }
        if let Some(m) = raw.email_mode {
            cfg.email_mode = m;
        }
        for (cat, ground) in raw.grounds {
            if ground.trim().is_empty() {
                return Err(ConfigError::Parse {
                    path: path.to_path_buf(),
                    line: line_of(text, "grounds"),
                    message: format!("empty ground for category {}", cat.as_str()),
                });
            }
            cfg.grounds.insert(cat, ground.trim().to_string());
        }
        cfg.public = clean_list(raw.public);
        for f in &raw.public_files {
            let p = base.join(f);
            cfg.public.extend(load_name_list(&p)?);
        }
        cfg.always = clean_list(raw.always);
        cfg.never = clean_list(raw.never);
        Ok(cfg)
    }

    /// The canonical ground code configured for a category.
    pub fn ground(&self, cat: Category) -> &str {
        self.grounds
            .get(&cat)
            .map(String::as_str)
            .unwrap_or(cat.default_ground())
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or(0)
}

fn clean_list(v: Vec<String>) -> Vec<String> {
    v.into_iter()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Reads a name list: one name per line, `#` starts a comment, blank lines ignored.
///
/// A line with a control character or an unbalanced bracket is rejected with its line number.
pub fn load_name_list(path: &Path) -> Result<Vec<String>, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_name_list(&text, path)
}

/// Parses the text of a name list (see [`load_name_list`]).
pub fn parse_name_list(text: &str, path: &Path) -> Result<Vec<String>, ConfigError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.chars().any(|c| c.is_control())
            || line.matches('(').count() != line.matches(')').count()
        {
            return Err(ConfigError::Parse {
                path: path.to_path_buf(),
                line: i + 1,
                message: format!("not a name: {line:?}"),
            });
        }
        out.push(line.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notations() {
        let t = [
            (LabelNotation::CommaSpaced, "5.1.2e", "5.1, 2, e"),
            (LabelNotation::CommaSpaced, "5.1.1e", "5.1, 1, e"),
            (LabelNotation::Canonical, "5.1.2e", "5.1.2e"),
            (LabelNotation::CommaCompact, "5.1.2e", "5.1,2,e"),
            (LabelNotation::LidSub, "5.1.2e", "5.1 lid 2 sub e"),
            (LabelNotation::CommaSpaced, "5.2", "5.2"),
            (LabelNotation::CommaSpaced, "10.2e", "10.2e"),
        ];
        for (n, c, want) in t {
            assert_eq!(render_ground(c, n), want, "{c} in {n:?}");
        }
    }

    #[test]
    fn parse_error_names_line() {
        let text = "label_notation = \"5.1.2e\"\nemail_mode = \"bogus\"\n";
        let e = Config::from_toml_str(text, Path::new("x.toml"), Path::new(".")).unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("x.toml:2:"), "{msg}");
    }

    #[test]
    fn list_error_names_line() {
        let e = parse_name_list("# c\nJan\nPiet (x\n", Path::new("l.txt")).unwrap_err();
        assert!(e.to_string().starts_with("l.txt:3:"), "{e}");
    }

    #[test]
    fn full_config() {
        let text = r#"
label_notation = "5.1 lid 2 sub e"
email_mode = "local_part"
public = ["Peter  Teesink", "Meliani"]
always = ["Pietje"]
never = ["Planetarium"]
[grounds]
bsn = "5.1.1e"
name = "5.1.2e"
"#;
        let c = Config::from_toml_str(text, Path::new("c.toml"), Path::new(".")).unwrap();
        assert_eq!(c.label_notation, LabelNotation::LidSub);
        assert_eq!(c.email_mode, EmailMode::LocalPart);
        assert_eq!(c.public, vec!["Peter Teesink", "Meliani"]);
        assert_eq!(c.ground(Category::Phone), "5.1.2e");
        assert_eq!(c.ground(Category::Bsn), "5.1.1e");
    }
}
