//! Run configuration: label notation, grounds per category, public/always/never name lists, e-mail mode, OCR mode.
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
    #[error("{path}: cannot read: {error}")]
    Io {
        /// File that failed.
        path: PathBuf,
        /// Underlying error, in words.
        error: String,
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
    /// Fill colour of the redaction box.
    pub box_fill: Color,
    /// Colour of the label text.
    pub label_color: Color,
    /// Language of messages and reports.
    pub language: Language,
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
    /// When pages are OCR'd: `auto` (pages without a usable text layer), `always`, `never`.
    pub ocr: crate::ocr::OcrMode,
    /// Width-safe gaps: the gap a removed run leaves, and its box, take a coarse size class
    /// instead of the removed text's exact width (see [`GapRule`]); `None` keeps every kept
    /// glyph exactly in place and gives each gap the removed text's own width.
    pub gaps: Option<GapRule>,
    /// Publication metadata for `woo-redact package` (does not change redaction).
    pub publication: Publication,
}

/// How wide the gap of a removed run is when width-safe gaps are on (`width_safe_gaps = true`).
///
/// The removed width is rounded UP to a whole number of steps of `step_em` ems of the font size
/// of the removed text (at least one step): with the default of 2 em, every removed run of up to
/// 2 em leaves a gap of 2 em, every run of 2..4 em one of 4 em, and so on. Two ems hold about
/// three to four average characters of a proportional font, so a gap tells only the name's
/// length to within three or four letters: the width attack of Bland, Iyer and Levchenko (PETS
/// 2023) needs the width to a fraction of a point to single out a name from a list, and every
/// class holds a large share of all names. A larger step hides more but moves the rest of the
/// line further (up to one step to the right); a smaller step moves less and reveals more. Where
/// moving text right would run it past the right edge of the page's text or into text that stays,
/// the width is rounded down instead ([`GapRule::class_width_down`]; text moves left), and a run
/// under one step then keeps its own width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GapRule {
    /// The step of the size classes, in ems of the removed text's font size.
    pub step_em: f64,
}

impl GapRule {
    /// The default step: 2 em.
    pub const DEFAULT_STEP_EM: f64 = 2.0;
    /// Smallest and largest step accepted in a configuration.
    pub const STEP_RANGE: (f64, f64) = (0.5, 10.0);

    /// The class width (same unit as `width` and `em`) of a removed run `width` wide at a
    /// font size of `em`: `width` rounded up to a whole number of steps, at least one step.
    pub fn class_width(&self, width: f64, em: f64) -> f64 {
        let step = self.step_em * em;
        if step.is_nan() || step <= 0.0 || !width.is_finite() {
            return width;
        }
        // a width a hair above a whole step (rounding of the font's widths) stays in that step
        let steps = ((width - 1e-6 * em) / step).ceil().max(1.0);
        steps * step
    }

    /// The class below: `width` rounded DOWN to a whole number of steps (0 when it is less
    /// than one step). Used where moving text right would run it past the right edge of the
    /// page's text or into text that does not move (see `plan::Gap`).
    pub fn class_width_down(&self, width: f64, em: f64) -> f64 {
        let step = self.step_em * em;
        if step.is_nan() || step <= 0.0 || !width.is_finite() {
            return width;
        }
        ((width + 1e-6 * em) / step).floor() * step
    }
}

impl Default for GapRule {
    fn default() -> Self {
        GapRule {
            step_em: Self::DEFAULT_STEP_EM,
        }
    }
}

/// Publication metadata for the release package (DiWoo): who publishes, in which Woo
/// information category, and which document handling the metadata records. Values are checked
/// against the DiWoo value lists (see [`crate::release::diwoo`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Publication {
    /// `publisher`: the publishing organisation (TOOI URI or its label, e.g. `gemeente Amsterdam`).
    pub publisher: Option<crate::release::diwoo::TooiValue>,
    /// `informatiecategorie`: the Woo information category (TOOI URI or label).
    pub informatiecategorie: Option<crate::release::diwoo::TooiValue>,
    /// `documenthandeling`: `vaststelling` (default), `ontvangst` or `ondertekening`.
    pub documenthandeling: Option<crate::release::diwoo::TooiValue>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            label_notation: LabelNotation::default(),
            box_fill: Color::BLACK,
            label_color: Color::WHITE,
            language: Language::default(),
            email_mode: EmailMode::default(),
            grounds: Category::ALL
                .iter()
                .map(|c| (*c, c.default_ground().to_string()))
                .collect(),
            public: Vec::new(),
            always: Vec::new(),
            never: Vec::new(),
            ocr: crate::ocr::OcrMode::default(),
            gaps: Some(GapRule::default()),
            publication: Publication::default(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    label_notation: Option<LabelNotation>,
    box_fill: Option<String>,
    label_color: Option<String>,
    language: Option<Language>,
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
    ocr: Option<crate::ocr::OcrMode>,
    width_safe_gaps: Option<bool>,
    gap_step_em: Option<f64>,
    publisher: Option<String>,
    informatiecategorie: Option<String>,
    documenthandeling: Option<String>,
}

impl Config {
    /// Loads a TOML config file; `public_files` are read relative to the config file's folder.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Io {
            path: path.to_path_buf(),
            error: e.to_string(),
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
        let err = |key: &str, message: String| ConfigError::Parse {
            path: path.to_path_buf(),
            line: line_of_key(text, key),
            message,
        };
        if let Some(n) = raw.label_notation {
            cfg.label_notation = n;
        }
        if let Some(f) = raw.box_fill {
            cfg.box_fill = Color::parse(&f).ok_or_else(|| {
                err(
                    "box_fill",
                    format!("box_fill = {f:?}: unknown colour; use black, white, gray or #rrggbb"),
                )
            })?;
        }
        if let Some(c) = raw.label_color {
            cfg.label_color = Color::parse(&c).ok_or_else(|| {
                err(
                    "label_color",
                    format!(
                        "label_color = {c:?}: unknown colour; use black, white, gray or #rrggbb"
                    ),
                )
            })?;
        }
        if cfg.box_fill.contrast(&cfg.label_color) < 0.35 {
            return Err(err(
                "label_color",
                format!(
                    "label_color = {:?} on box_fill = {:?}: the label would be unreadable on the box; choose colours that differ more",
                    cfg.label_color.name, cfg.box_fill.name
                ),
            ));
        }
        if let Some(l) = raw.language {
            cfg.language = l;
        }
        if let Some(m) = raw.email_mode {
            cfg.email_mode = m;
        }
        if let Some(m) = raw.ocr {
            cfg.ocr = m;
        }
        if let Some(step) = raw.gap_step_em {
            let (lo, hi) = GapRule::STEP_RANGE;
            if !(lo..=hi).contains(&step) {
                return Err(err(
                    "gap_step_em",
                    format!("gap_step_em = {step}: must be between {lo} and {hi} (ems)"),
                ));
            }
            if raw.width_safe_gaps == Some(false) {
                return Err(err(
                    "gap_step_em",
                    "gap_step_em is set but width_safe_gaps = false: remove one of the two".into(),
                ));
            }
        }
        cfg.gaps = match raw.width_safe_gaps {
            Some(false) => None,
            _ => Some(GapRule {
                step_em: raw.gap_step_em.unwrap_or(GapRule::DEFAULT_STEP_EM),
            }),
        };
        for (cat, ground) in raw.grounds {
            let canonical = canonical_ground(&ground).ok_or_else(|| {
                err(
                    cat.as_str(),
                    format!(
                        "[grounds] {} = {ground:?}: not a Woo ground; use one of {}",
                        cat.as_str(),
                        WOO_GROUNDS.join(", ")
                    ),
                )
            })?;
            cfg.grounds.insert(cat, canonical);
        }
        cfg.public = clean_list(raw.public);
        for f in &raw.public_files {
            let p = base.join(f);
            let list = load_name_list(&p).map_err(|e| match e {
                ConfigError::Io { error, .. } => err(
                    "public_files",
                    format!(
                        "public_files: the list {} cannot be read: {error}",
                        p.display()
                    ),
                ),
                other => other,
            })?;
            cfg.public.extend(list);
        }
        cfg.always = clean_list(raw.always);
        cfg.never = clean_list(raw.never);
        for a in &cfg.always {
            if let Some(n) = cfg
                .never
                .iter()
                .find(|n| n.to_lowercase() == a.to_lowercase())
            {
                return Err(err(
                    "never",
                    format!(
                        "{a:?} is in `always` and {n:?} in `never`: a term can only be one of the two"
                    ),
                ));
            }
        }
        {
            use crate::release::diwoo::{ListKind, labels, lookup};
            let pick = |key: &str, value: &Option<String>, kind: ListKind, hint: String| {
                value
                    .as_ref()
                    .map(|v| {
                        lookup(kind, v).ok_or_else(|| {
                            err(key, format!("{key} = {v:?}: not in the DiWoo list; {hint}"))
                        })
                    })
                    .transpose()
            };
            cfg.publication.publisher = pick(
                "publisher",
                &raw.publisher,
                ListKind::Organisation,
                "use the TOOI URI or the exact name of a government organisation, e.g. \"https://identifier.overheid.nl/tooi/id/gemeente/gm0363\" or \"gemeente Amsterdam\"".into(),
            )?;
            cfg.publication.informatiecategorie = pick(
                "informatiecategorie",
                &raw.informatiecategorie,
                ListKind::Informatiecategorie,
                format!(
                    "use a TOOI URI or one of: {}",
                    labels(ListKind::Informatiecategorie).join(", ")
                ),
            )?;
            cfg.publication.documenthandeling = pick(
                "documenthandeling",
                &raw.documenthandeling,
                ListKind::SoortHandeling,
                format!(
                    "use one of: {}",
                    labels(ListKind::SoortHandeling).join(", ")
                ),
            )?;
        }
        Ok(cfg)
    }

    /// A stable hash of the effective configuration (SHA-256 hex): it changes when anything
    /// that changes the output changes, and is recorded in the audit to make resumes safe.
    pub fn hash(&self) -> String {
        // publication metadata does not change any output of `redact`
        let mut c = self.clone();
        c.publication = Publication::default();
        crate::audit::sha256_hex(&format!("{c:?}"))
    }

    /// The canonical ground code configured for a category.
    pub fn ground(&self, cat: Category) -> &str {
        self.grounds
            .get(&cat)
            .map(String::as_str)
            .unwrap_or(cat.default_ground())
    }
}

/// The 1-based line where `key` is set (`key =` at the start of a line), else the first line
/// that mentions it, else 0.
fn line_of_key(text: &str, key: &str) -> usize {
    let set = text.lines().position(|l| {
        l.trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    });
    set.or_else(|| text.lines().position(|l| l.contains(key)))
        .map(|i| i + 1)
        .unwrap_or(0)
}

/// The grounds of the Woo (art. 5.1 and 5.2) and, for old dossiers, of the Wob (art. 10 and 11),
/// in canonical notation.
pub const WOO_GROUNDS: &[&str] = &[
    "5.1.1a", "5.1.1b", "5.1.1c", "5.1.1d", "5.1.1e", "5.1.2a", "5.1.2b", "5.1.2c", "5.1.2d",
    "5.1.2e", "5.1.2f", "5.1.2g", "5.1.2h", "5.1.2i", "5.1.5", "5.2", "10.1a", "10.1b", "10.1c",
    "10.1d", "10.2a", "10.2b", "10.2c", "10.2d", "10.2e", "10.2f", "10.2g", "11.1",
];

/// The canonical form (`5.1.2e`) of a ground written in any of the supported notations
/// (`5.1.2e`, `5.1, 2, e`, `5.1,2,e`, `5.1 lid 2 sub e`, `5.1.2.e`), if it is a Woo or Wob ground.
pub fn canonical_ground(s: &str) -> Option<String> {
    let lower = s
        .trim()
        .to_lowercase()
        .replace(" lid ", ".")
        .replace(" sub ", "");
    let compact: String = lower
        .chars()
        .map(|c| if c == ',' { '.' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect();
    // "5.1.2.e" -> "5.1.2e"
    let compact = match compact.rsplit_once('.') {
        Some((head, tail)) if tail.len() == 1 && tail.chars().all(|c| c.is_ascii_lowercase()) => {
            format!("{head}{tail}")
        }
        _ => compact,
    };
    WOO_GROUNDS
        .iter()
        .find(|g| **g == compact)
        .map(|g| g.to_string())
}

/// Language of messages, summaries and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Dutch (the default: the users are Dutch civil servants).
    #[default]
    Nl,
    /// English.
    En,
}

/// A colour from the configuration: a name (`black`, `white`, `gray`) or `#rrggbb`.
#[derive(Debug, Clone, PartialEq)]
pub struct Color {
    /// As written in the configuration (for messages).
    pub name: String,
    /// Red, green, blue in 0..=1.
    pub rgb: [f64; 3],
}

impl Color {
    /// Black.
    pub const BLACK: Color = Color {
        name: String::new(),
        rgb: [0.0; 3],
    };
    /// White.
    pub const WHITE: Color = Color {
        name: String::new(),
        rgb: [1.0; 3],
    };

    /// Parses a colour name (`black`/`zwart`, `white`/`wit`, `gray`/`grey`/`grijs`) or `#rrggbb`.
    pub fn parse(s: &str) -> Option<Color> {
        let rgb = match s.trim().to_ascii_lowercase().as_str() {
            "black" | "zwart" => [0.0; 3],
            "white" | "wit" => [1.0; 3],
            "gray" | "grey" | "grijs" => [0.5; 3],
            hex if hex.starts_with('#') && hex.len() == 7 && hex.is_ascii() => {
                let c = |i: usize| {
                    u8::from_str_radix(&hex[i..i + 2], 16)
                        .ok()
                        .map(|v| v as f64 / 255.0)
                };
                [c(1)?, c(3)?, c(5)?]
            }
            _ => return None,
        };
        Some(Color {
            name: s.trim().to_string(),
            rgb,
        })
    }

    /// Relative luminance (0 black .. 1 white).
    pub fn luminance(&self) -> f64 {
        0.2126 * self.rgb[0] + 0.7152 * self.rgb[1] + 0.0722 * self.rgb[2]
    }

    /// How far apart two colours are in luminance (0 = the same).
    pub fn contrast(&self, other: &Color) -> f64 {
        (self.luminance() - other.luminance()).abs()
    }

    /// Light enough that a box of this colour needs a frame to be seen on white paper.
    pub fn is_light(&self) -> bool {
        self.rgb.iter().all(|v| *v > 0.9)
    }
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
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Io {
        path: path.to_path_buf(),
        error: e.to_string(),
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
    fn width_safe_gaps_are_on_by_default_and_configurable() {
        let parse = |t: &str| Config::from_toml_str(t, Path::new("x.toml"), Path::new("."));
        assert_eq!(Config::default().gaps, Some(GapRule { step_em: 2.0 }));
        assert_eq!(parse("").unwrap().gaps, Some(GapRule { step_em: 2.0 }));
        assert_eq!(parse("width_safe_gaps = false").unwrap().gaps, None);
        assert_eq!(
            parse("width_safe_gaps = true\ngap_step_em = 3.0")
                .unwrap()
                .gaps,
            Some(GapRule { step_em: 3.0 })
        );
        assert_eq!(
            parse("gap_step_em = 3").unwrap().gaps,
            Some(GapRule { step_em: 3.0 })
        );
        for bad in [
            "gap_step_em = 0.0",
            "gap_step_em = 50",
            "width_safe_gaps = \"yes\"",
            "width_safe_gaps = false\ngap_step_em = 2.0",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let e = parse("width_safe_gaps = true\ngap_step_em = 0.1").unwrap_err();
        assert!(e.to_string().starts_with("x.toml:2:"), "{e}");
    }

    #[test]
    fn gap_classes_round_up_to_whole_steps() {
        let r = GapRule::default();
        assert_eq!(r.class_width(0.3, 10.0), 20.0);
        assert_eq!(r.class_width(20.0, 10.0), 20.0);
        assert_eq!(r.class_width(20.5, 10.0), 40.0);
        assert_eq!(r.class_width(61.4, 12.0), 72.0);
        assert_eq!(r.class_width_down(61.4, 12.0), 48.0);
        assert_eq!(r.class_width_down(19.0, 10.0), 0.0);
        assert_eq!(r.class_width_down(20.0, 10.0), 20.0);
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

    fn refused(text: &str) -> String {
        Config::from_toml_str(text, Path::new("woo.toml"), Path::new("."))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn unknown_colours_name_key_value_file_and_line() {
        let msg = refused("label_notation = \"5.1.2e\"\nbox_fill = \"zwartig\"\n");
        assert!(msg.starts_with("woo.toml:2:"), "{msg}");
        assert!(msg.contains("box_fill") && msg.contains("zwartig"), "{msg}");
    }

    #[test]
    fn an_invisible_label_is_refused() {
        let msg = refused("box_fill = \"white\"\nlabel_color = \"wit\"\n");
        assert!(msg.contains("label_color"), "{msg}");
        assert!(msg.starts_with("woo.toml:2:"), "{msg}");
    }

    #[test]
    fn a_ground_that_is_not_in_the_woo_is_refused() {
        let msg = refused("[grounds]\nname = \"5.1.2x\"\n");
        assert!(msg.contains("name") && msg.contains("5.1.2x"), "{msg}");
        assert!(msg.starts_with("woo.toml:2:"), "{msg}");
    }

    #[test]
    fn grounds_in_any_notation_are_read_as_canonical() {
        for (written, canonical) in [
            ("5.1, 2, e", "5.1.2e"),
            ("5.1 lid 2 sub e", "5.1.2e"),
            ("5.1,1,e", "5.1.1e"),
            ("10.2e", "10.2e"),
            ("5.2", "5.2"),
            ("11.1", "11.1"),
        ] {
            assert_eq!(
                canonical_ground(written).as_deref(),
                Some(canonical),
                "{written}"
            );
        }
        for bad in ["5.1.2x", "5.1.3a", "10.3a", "", "e"] {
            assert_eq!(canonical_ground(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_term_in_always_and_never_is_refused() {
        let msg = refused("always = [\"Jansen\"]\nnever = [\"jansen\"]\n");
        assert!(msg.contains("always") && msg.contains("never"), "{msg}");
    }

    #[test]
    fn a_missing_list_file_names_the_key_and_the_config_file() {
        let msg = refused("public_files = [\"ontbreekt.txt\"]\n");
        assert!(msg.starts_with("woo.toml:1:"), "{msg}");
        assert!(
            msg.contains("public_files") && msg.contains("ontbreekt.txt"),
            "{msg}"
        );
        // the cause is said once, not twice
        assert_eq!(msg.matches("No such file").count(), 1, "{msg}");
    }

    #[test]
    fn publication_keys_are_checked_against_the_diwoo_lists() {
        let c = Config::from_toml_str(
            "publisher = \"gemeente Amsterdam\"\ninformatiecategorie = \"https://identifier.overheid.nl/tooi/def/thes/kern/c_db4862c3\"\ndocumenthandeling = \"ontvangst\"\n",
            Path::new("c.toml"),
            Path::new("."),
        )
        .unwrap();
        let p = &c.publication;
        assert_eq!(
            p.publisher.as_ref().unwrap().uri,
            "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
        );
        assert_eq!(
            p.informatiecategorie.as_ref().unwrap().label,
            "vergaderstukken decentrale overheden"
        );
        assert_eq!(p.documenthandeling.as_ref().unwrap().label, "ontvangst");
        assert_eq!(c.hash(), Config::default().hash());
        let msg = refused("language = \"nl\"\npublisher = \"gemeente Atlantis\"\n");
        assert!(msg.starts_with("woo.toml:2:"), "{msg}");
        assert!(
            msg.contains("publisher") && msg.contains("gemeente Atlantis"),
            "{msg}"
        );
        let msg = refused("informatiecategorie = \"notulen\"\n");
        assert!(
            msg.starts_with("woo.toml:1:") && msg.contains("informatiecategorie"),
            "{msg}"
        );
        assert!(
            msg.contains("\"notulen\"") && msg.contains("adviezen"),
            "{msg}"
        );
        let msg = refused("\ndocumenthandeling = \"anonimiseren\"\n");
        assert!(
            msg.starts_with("woo.toml:2:") && msg.contains("vaststelling"),
            "{msg}"
        );
    }

    #[test]
    fn language_defaults_to_dutch() {
        assert_eq!(Config::default().language, Language::Nl);
        let c = Config::from_toml_str("language = \"en\"\n", Path::new("c.toml"), Path::new("."))
            .unwrap();
        assert_eq!(c.language, Language::En);
    }
}
