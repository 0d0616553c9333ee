//! `woo-redact text`: print page text, or pages with glyphs, text, quads and provenance as JSON.
//!
//! JSON output (`--json`), one document per input file:
//! `{"file", "pages": [{"page", "text", "search", "warnings", "review", "fonts", "images", "glyphs": [Glyph]}]}`
//! or `{"file", "error"}`. A glyph carries `text`, `quad` (page space: points, origin top-left of the
//! CropBox, y down, rotation applied), `origin`, `advance`, `size`, `render_mode`, `visible`,
//! `white_fill`, `font`, `actual_text`, `mcid` and `prov` (stream, op_index, elem_index,
//! byte_start, byte_len, code).

use super::{EXIT_NOT_CLEAN, EXIT_OK};
use crate::extract::extract_bytes;
use crate::pdf::Limits;
use clap::Args;
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `woo-redact text`.
#[derive(Debug, Args)]
pub struct TextArgs {
    /// PDF files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print pages with glyphs as JSON instead of plain text.
    #[arg(long)]
    pub json: bool,
    /// Print the detection text (hyphenation joined) instead of the line-faithful text.
    #[arg(long)]
    pub search: bool,
}

/// Runs `text`.
pub fn run(args: TextArgs) -> anyhow::Result<u8> {
    let limits = Limits::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut code = EXIT_OK;
    for file in &args.files {
        let name = file.display().to_string();
        let doc = std::fs::read(file)
            .map_err(crate::pdf::PdfError::from)
            .and_then(|b| extract_bytes(&b, &limits));
        let doc = match doc {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{name}: error: {e}");
                if args.json {
                    writeln!(out, "{}", json!({"file": name, "error": e.to_string()}))?;
                }
                code = EXIT_NOT_CLEAN;
                continue;
            }
        };
        let mut pages_json = Vec::new();
        for (i, page) in doc.pages.iter().enumerate() {
            match page {
                Ok(p) => {
                    if let Some(reason) = p.review_reason() {
                        eprintln!("{name}: page {}: {reason}", i + 1);
                        code = EXIT_NOT_CLEAN;
                    }
                    if args.json {
                        pages_json.push(json!({
                            "page": i + 1,
                            "text": p.text.text,
                            "search": p.text.search,
                            "warnings": p.content.warnings,
                            "review": p.review_reason(),
                            "fonts": p.content.fonts,
                            "images": p.content.images,
                            "actual_texts": p.content.actual_texts,
                            "geometry": p.content.geometry,
                            "glyphs": p.content.glyphs,
                        }));
                    } else {
                        let t = if args.search {
                            &p.text.search
                        } else {
                            &p.text.text
                        };
                        out.write_all(t.as_bytes())?;
                        out.write_all(b"\x0c")?;
                    }
                }
                Err(e) => {
                    eprintln!("{name}: page {}: error: {e}", i + 1);
                    code = EXIT_NOT_CLEAN;
                    if args.json {
                        pages_json.push(json!({"page": i + 1, "error": e.to_string()}));
                    }
                }
            }
        }
        if args.json {
            writeln!(out, "{}", json!({"file": name, "pages": pages_json}))?;
        }
    }
    out.flush()?;
    Ok(code)
}
