//! The HTML of the reviewer's report: one file, inline CSS and script, no external reference.

use super::{DocView, How, Model, Placement};
use crate::audit::{RedactionRecord, Status};
use crate::config::{LabelNotation, Language, WOO_GROUNDS, render_ground};
use std::collections::BTreeMap;
use std::fmt::Write;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

fn t<'a>(lang: Language, nl: &'a str, en: &'a str) -> &'a str {
    match lang {
        Language::Nl => nl,
        Language::En => en,
    }
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// JSON that can stand inside a `<script type="application/json">` (no `<`, `>`, `&`).
fn script_json(s: &str) -> String {
    s.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn category(lang: Language, c: &str) -> String {
    let (nl, en) = match c {
        "name" => ("naam", "name"),
        "email" => ("e-mailadres", "e-mail address"),
        "phone" => ("telefoonnummer", "phone number"),
        "address" => ("adres", "address"),
        "iban" => ("IBAN", "IBAN"),
        "bsn" => ("BSN", "BSN"),
        "date_of_birth" => ("geboortedatum", "date of birth"),
        "license_plate" => ("kenteken", "licence plate"),
        "area" => ("gebied (beslissing)", "area (decision)"),
        "exempt" => ("niet openbaar (pagina)", "withheld (page)"),
        other => (other, other),
    };
    t(lang, nl, en).to_string()
}

fn status_name(lang: Language, s: Status) -> &'static str {
    match s {
        Status::Ok => t(lang, "klaar", "ready"),
        Status::Flagged => t(lang, "te controleren", "to review"),
        Status::Failed => t(lang, "mislukt", "failed"),
        Status::Error => t(lang, "fout", "error"),
    }
}

fn source_name(lang: Language, s: &str) -> String {
    let (nl, en) = match s {
        "detector" => ("detectie", "detector"),
        "dossier" => ("dossier", "dossier"),
        "configuration" => ("configuratie", "configuration"),
        "decision" => ("beslissing", "decision"),
        other => (other, other),
    };
    t(lang, nl, en).to_string()
}

fn decision_name(lang: Language, d: &str) -> String {
    let (nl, en) = match d {
        "redact" => ("overal lakken", "redact everywhere"),
        "keep" => ("overal laten staan", "keep everywhere"),
        "per_occurrence" => ("per vindplaats", "per occurrence"),
        other => (other, other),
    };
    t(lang, nl, en).to_string()
}

fn ground(g: &str, n: LabelNotation) -> String {
    render_ground(g, n)
}

fn ground_options(selected: &str, n: LabelNotation) -> String {
    let mut o = String::new();
    for g in WOO_GROUNDS.iter().filter(|g| g.starts_with('5')) {
        let sel = if *g == selected { " selected" } else { "" };
        let _ = write!(
            o,
            "<option value=\"{g}\"{sel}>{}</option>",
            esc(&ground(g, n))
        );
    }
    o
}

/// The text of a page with its placed boxes as nested `<mark>` elements.
fn page_text(text: &str, placed: &[(usize, Placement)], boxes: &[&RedactionRecord]) -> String {
    let mut spans: Vec<&(usize, Placement)> = placed.iter().collect();
    spans.sort_by(|a, b| {
        a.1.start
            .cmp(&b.1.start)
            .then(b.1.end.cmp(&a.1.end))
            .then(a.0.cmp(&b.0))
    });
    let mut o = String::with_capacity(text.len() * 2);
    let mut cursor = 0;
    let mut stack: Vec<usize> = Vec::new();
    for (i, p) in spans {
        while let Some(&end) = stack.last() {
            if end > p.start {
                break;
            }
            o.push_str(&esc(&text[cursor..end]));
            o.push_str("</mark>");
            cursor = end;
            stack.pop();
        }
        if p.start > cursor {
            o.push_str(&esc(&text[cursor..p.start]));
            cursor = p.start;
        }
        let end = stack.last().map_or(p.end, |&e| p.end.min(e));
        let b = boxes[*i];
        let _ = write!(
            o,
            "<mark class=\"f cat-{cat}\" id=\"f-{id}-{bx}\" data-finding-id=\"{id}\" data-box=\"{bx}\" data-cat=\"{cat}\" data-rule=\"{rule}\" data-ground=\"{g}\" data-place=\"{how}\" title=\"{id} · {cat} · {g} · {rule}\">",
            id = esc(&b.id),
            bx = b.box_index,
            cat = esc(&b.category),
            rule = esc(&b.rule),
            g = esc(&b.ground),
            how = p.how.as_str(),
        );
        stack.push(end.max(cursor));
    }
    while let Some(end) = stack.pop() {
        o.push_str(&esc(&text[cursor..end]));
        o.push_str("</mark>");
        cursor = end;
    }
    o.push_str(&esc(&text[cursor..]));
    o
}

/// A reason from the audit (English) in the report's language.
fn reason(lang: Language, r: &str) -> String {
    if lang == Language::Nl && r == "redacted and verified" {
        return "weggelakt en gecontroleerd".to_string();
    }
    crate::cli::messages::reason(lang, r)
}

/// At most 80 characters of a finding's text for the table (an exempted page is long).
fn clip(s: &str) -> String {
    if s.chars().count() <= 80 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(79).collect::<String>())
    }
}

fn counts<'a>(it: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, usize> {
    let mut m = BTreeMap::new();
    for k in it {
        *m.entry(k).or_insert(0) += 1;
    }
    m
}

fn overview(m: &Model, o: &mut String) {
    let lang = m.lang;
    let n = m.notation;
    let _ = write!(
        o,
        "<section id=\"overview\"><h2>{}</h2>",
        t(lang, "Overzicht", "Overview")
    );
    // status cards
    let by_status = counts(m.docs.iter().map(|d| d.record.status.as_str()));
    o.push_str("<div class=\"cards\">");
    for s in [Status::Ok, Status::Flagged, Status::Failed, Status::Error] {
        let c = by_status.get(s.as_str()).copied().unwrap_or(0);
        let _ = write!(
            o,
            "<div class=\"card st-{k}\" data-status=\"{k}\"><span class=\"num\">{c}</span> {name}</div>",
            k = s.as_str(),
            name = esc(status_name(lang, s)),
        );
    }
    let _ = write!(
        o,
        "<div class=\"card\"><span class=\"num\">{}</span> {}</div></div>",
        m.log.boxes.len(),
        t(lang, "weggelakte passages", "redacted passages")
    );
    // documents
    let _ = write!(
        o,
        "<h3>{}</h3><table class=\"docs\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t(lang, "Documenten", "Documents"),
        t(lang, "Document", "Document"),
        t(lang, "Status", "Status"),
        t(lang, "Pagina's", "Pages"),
        t(lang, "Gelakt", "Redacted"),
        t(lang, "Reden", "Reason"),
        t(lang, "Uitvoer", "Output"),
    );
    for (i, d) in m.docs.iter().enumerate() {
        let r = d.record;
        let _ = write!(
            o,
            "<tr class=\"st-{k}\"><td><a href=\"#doc-{i}\">{name}</a></td><td>{st}</td><td>{p}</td><td>{b}</td><td>{why}</td><td>{out}</td></tr>",
            k = r.status.as_str(),
            name = esc(&r.input),
            st = esc(status_name(lang, r.status)),
            p = r.pages,
            b = d.boxes.len(),
            why = esc(&reason(lang, &r.reason)),
            out = esc(r.output.as_deref().unwrap_or("-")),
        );
    }
    o.push_str("</tbody></table>");
    // per category and ground
    let cats = counts(m.log.boxes.iter().map(|b| b.category.as_str()));
    let grounds = counts(m.log.boxes.iter().map(|b| b.ground.as_str()));
    let _ = write!(
        o,
        "<div class=\"two\"><div><h3>{}</h3><table class=\"counts\" id=\"per-category\"><tbody>",
        t(lang, "Per categorie", "Per category")
    );
    for (c, k) in &cats {
        let _ = write!(
            o,
            "<tr data-cat=\"{}\"><td>{}</td><td class=\"num\">{k}</td></tr>",
            esc(c),
            esc(&category(lang, c))
        );
    }
    let _ = write!(
        o,
        "</tbody></table></div><div><h3>{}</h3><table class=\"counts\" id=\"per-ground\"><tbody>",
        t(lang, "Per weigeringsgrond", "Per ground")
    );
    for (g, k) in &grounds {
        let _ = write!(
            o,
            "<tr data-ground=\"{}\"><td>{}</td><td class=\"num\">{k}</td></tr>",
            esc(g),
            esc(&ground(g, n))
        );
    }
    o.push_str("</tbody></table></div></div>");
    // flagged pages
    let flagged: Vec<(usize, &DocView, &crate::audit::FlaggedPage)> = m
        .docs
        .iter()
        .enumerate()
        .flat_map(|(i, d)| d.record.flagged_pages.iter().map(move |f| (i, d, f)))
        .collect();
    let _ = write!(
        o,
        "<h3>{}</h3>",
        t(
            lang,
            "Pagina's die een mens moet bekijken",
            "Pages a person must check"
        )
    );
    if flagged.is_empty() {
        let _ = write!(o, "<p class=\"none\">{}</p>", t(lang, "Geen.", "None."));
    } else {
        let _ = write!(
            o,
            "<table class=\"flagged\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            t(lang, "Document", "Document"),
            t(lang, "Pagina", "Page"),
            t(lang, "Waarom", "Why")
        );
        for (i, d, f) in flagged {
            let _ = write!(
                o,
                "<tr><td><a href=\"#doc-{i}-p{p}\">{}</a></td><td>{p}</td><td>{}</td></tr>",
                esc(&d.record.input),
                esc(&reason(lang, &f.reason)),
                p = f.page
            );
        }
        o.push_str("</tbody></table>");
    }
    // inputs that could not be read again
    let missing: Vec<&DocView> = m
        .docs
        .iter()
        .filter(|d| d.input_problem.is_some())
        .collect();
    if !missing.is_empty() {
        let _ = write!(
            o,
            "<h3>{}</h3><ul class=\"missing\">",
            t(lang, "Invoer niet opnieuw gelezen", "Inputs not read again")
        );
        for d in missing {
            let _ = write!(
                o,
                "<li><b>{}</b>: {}</li>",
                esc(&d.record.input),
                esc(d.input_problem.as_deref().unwrap_or(""))
            );
        }
        o.push_str("</ul>");
    }
    // reviewer's decisions of the run
    if !m.log.decisions.is_empty() || !m.log.unmatched.is_empty() {
        let _ = write!(
            o,
            "<h3>{}</h3><ul class=\"decisions\">",
            t(
                lang,
                "Beslissingen waarmee deze run is gemaakt",
                "Decisions this run was made with"
            )
        );
        for d in &m.log.decisions {
            let _ = write!(
                o,
                "<li><code>{}</code> {} <code>{}</code> {} — +{} −{} ~{} ={}{}</li>",
                esc(&d.decision_id),
                esc(&d.action),
                esc(&d.target),
                esc(&d.inputs.join(", ")),
                d.added.len(),
                d.removed.len(),
                d.changed.len(),
                d.confirmed.len(),
                d.reviewer
                    .as_deref()
                    .map(|r| format!(" ({})", esc(r)))
                    .unwrap_or_default()
            );
        }
        for u in &m.log.unmatched {
            let _ = write!(
                o,
                "<li class=\"unmatched\"><code>{}</code> {} <code>{}</code>: {} — {}</li>",
                esc(&u.decision_id),
                esc(&u.decision),
                esc(&u.target),
                t(lang, "zonder doel", "matched nothing"),
                esc(&u.reason)
            );
        }
        o.push_str("</ul>");
    }
    o.push_str("</section>");
}

fn actions(lang: Language, kind: &str, target: &str, g: &str, n: LabelNotation) -> String {
    let accept = if kind == "finding" {
        format!(
            "<button type=\"button\" data-act=\"accept\">{}</button>",
            t(lang, "Akkoord", "Accept")
        )
    } else {
        String::new()
    };
    format!(
        "<div class=\"acts\" data-kind=\"{kind}\" data-target=\"{target}\"><button type=\"button\" data-act=\"reject\">{reject}</button>{accept}<select class=\"ground-select\" aria-label=\"{gl}\">{opts}</select><button type=\"button\" data-act=\"ground\">{change}</button><button type=\"button\" data-act=\"clear\" title=\"{undo}\">↺</button><span class=\"pending\"></span></div>",
        kind = esc(kind),
        target = esc(target),
        reject = if kind == "finding" {
            t(lang, "Afwijzen", "Reject")
        } else {
            t(lang, "Beslissing intrekken", "Withdraw decision")
        },
        gl = t(lang, "Weigeringsgrond", "Ground"),
        opts = ground_options(g, n),
        change = t(lang, "Grond wijzigen", "Change ground"),
        undo = t(lang, "Ongedaan maken", "Undo"),
    )
}

fn document(m: &Model, i: usize, d: &DocView, o: &mut String) {
    let lang = m.lang;
    let n = m.notation;
    let r = d.record;
    let _ = write!(
        o,
        "<section class=\"doc st-{k}\" id=\"doc-{i}\" data-doc=\"{doc}\"><h2>{doc} <span class=\"badge st-{k}\">{st}</span></h2><p class=\"why\">{why}</p><dl class=\"meta\">",
        k = r.status.as_str(),
        doc = esc(&r.input),
        st = esc(status_name(lang, r.status)),
        why = esc(&reason(lang, &r.reason)),
    );
    let _ = write!(
        o,
        "<dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{} / {}</dd>",
        t(lang, "Invoer", "Input"),
        esc(&d
            .input_path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "-".into())),
        t(lang, "Uitvoer", "Output"),
        esc(r.output.as_deref().unwrap_or("-")),
        t(lang, "Pagina's / gelakt", "Pages / redacted"),
        r.pages,
        d.boxes.len()
    );
    if let Some(e) = &r.exemption {
        let _ = write!(
            o,
            "<dt>{}</dt><dd>{}</dd>",
            t(lang, "Uitzondering", "Exemption"),
            esc(e)
        );
    }
    o.push_str("</dl>");
    if let Some(p) = &d.input_problem {
        let _ = write!(
            o,
            "<p class=\"problem\">{}: {}</p>",
            t(
                lang,
                "De invoer kon niet opnieuw gelezen worden",
                "The input could not be read again"
            ),
            esc(p)
        );
    }
    // pages
    for p in &d.pages {
        let flags: Vec<String> = r
            .flagged_pages
            .iter()
            .filter(|f| f.page == p.number)
            .map(|f| reason(lang, &f.reason))
            .collect();
        let open = if !p.placed.is_empty() || !flags.is_empty() {
            " open"
        } else {
            ""
        };
        let _ = write!(
            o,
            "<details class=\"page\" id=\"doc-{i}-p{pn}\" data-page=\"{pn}\"{open}><summary>{pl} {pn} <span class=\"count\">({c} {gl})</span>",
            pn = p.number,
            pl = t(lang, "Pagina", "Page"),
            c = p.placed.len(),
            gl = t(lang, "gelakt", "redacted"),
        );
        for f in flags {
            let _ = write!(o, " <span class=\"flag\">⚑ {}</span>", esc(&f));
        }
        o.push_str("</summary>");
        match &p.text {
            Ok(text) if text.trim().is_empty() && p.placed.is_empty() => {
                let _ = write!(
                    o,
                    "<p class=\"none\">{}</p>",
                    t(
                        lang,
                        "(geen tekstlaag op deze pagina)",
                        "(no text layer on this page)"
                    )
                );
            }
            Ok(text) => {
                let _ = write!(
                    o,
                    "<pre class=\"text\">{}</pre>",
                    page_text(text, &p.placed, &d.boxes)
                );
            }
            Err(e) => {
                let _ = write!(
                    o,
                    "<p class=\"problem\">{}: {}</p>",
                    t(lang, "Pagina niet leesbaar", "Page not readable"),
                    esc(e)
                );
            }
        }
        o.push_str("</details>");
    }
    // boxes not placed
    if !d.unplaced.is_empty() {
        let _ = write!(
            o,
            "<h3>{}</h3><ul class=\"unplaced\">",
            t(lang, "Niet in de tekst geplaatst", "Not placed in the text")
        );
        for (bi, why) in &d.unplaced {
            let b = d.boxes[*bi];
            let _ = write!(
                o,
                "<li><span class=\"f unplaced cat-{cat}\" id=\"u-{id}-{bx}\" data-finding-id=\"{id}\" data-box=\"{bx}\" data-cat=\"{cat}\" data-rule=\"{rule}\" data-ground=\"{g}\" data-place=\"none\">{id}</span> {pl} {page}, {catn}, {area}: {why}</li>",
                id = esc(&b.id),
                bx = b.box_index,
                cat = esc(&b.category),
                rule = esc(&b.rule),
                g = esc(&b.ground),
                pl = t(lang, "pagina", "page"),
                page = b.page,
                catn = esc(&category(lang, &b.category)),
                area = esc(&format!(
                    "[{:.1}, {:.1}, {:.1}, {:.1}]",
                    b.area[0], b.area[1], b.area[2], b.area[3]
                )),
                why = esc(why),
            );
        }
        o.push_str("</ul>");
    }
    // findings table: one row per finding id
    if d.boxes.is_empty() {
        let _ = write!(
            o,
            "<p class=\"none\">{}</p></section>",
            t(
                lang,
                "Niets weggelakt in dit document.",
                "Nothing redacted in this document."
            )
        );
        return;
    }
    let mut order: Vec<&str> = Vec::new();
    let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (bi, b) in d.boxes.iter().enumerate() {
        let e = by_id.entry(b.id.as_str()).or_default();
        if e.is_empty() {
            order.push(b.id.as_str());
        }
        e.push(bi);
    }
    let mut how_of: BTreeMap<usize, How> = BTreeMap::new();
    let mut text_of: BTreeMap<usize, String> = BTreeMap::new();
    for p in &d.pages {
        for (bi, pl) in &p.placed {
            how_of.insert(*bi, pl.how);
            if let Ok(text) = &p.text {
                text_of.insert(*bi, text[pl.start..pl.end].to_string());
            }
        }
    }
    let _ = write!(
        o,
        "<h3>{}</h3><table class=\"findings\"><thead><tr><th>id</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t(lang, "Weggelakt", "Redacted"),
        t(lang, "Pag.", "Page"),
        t(lang, "Tekst", "Text"),
        t(lang, "Categorie", "Category"),
        t(lang, "Grond", "Ground"),
        t(lang, "Regel of model", "Rule or model"),
        t(lang, "Waarom", "Why"),
        t(lang, "Bron", "Source"),
        t(lang, "Geplaatst", "Placed"),
        t(lang, "Beoordeling", "Review"),
    );
    for id in order {
        let idx = &by_id[id];
        let b = d.boxes[idx[0]];
        let anchor = match how_of.get(&idx[0]) {
            Some(_) => format!("f-{}-{}", b.id, b.box_index),
            None => format!("u-{}-{}", b.id, b.box_index),
        };
        let placed: Vec<&str> = idx
            .iter()
            .map(|bi| match how_of.get(bi) {
                Some(How::Exact) => t(lang, "exact", "exact"),
                Some(How::Area) => t(lang, "op gebied", "by area"),
                None => t(lang, "niet", "no"),
            })
            .collect();
        let shown: Vec<&str> = idx
            .iter()
            .filter_map(|bi| text_of.get(bi).map(String::as_str))
            .collect();
        let shown = clip(
            &shown
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        );
        let mut src = source_name(lang, &b.source);
        if let Some(c) = &b.confirmed_in {
            let _ = write!(src, " ({} {})", t(lang, "bevestigd in", "confirmed in"), c);
        }
        if let Some(di) = &b.decision_id {
            let _ = write!(src, " · {di}");
            if let Some(rv) = &b.reviewer {
                let _ = write!(src, " · {rv}");
            }
            if let Some(at) = &b.at {
                let _ = write!(src, " · {at}");
            }
        }
        let kind = match b.category.as_str() {
            "area" => "area",
            "exempt" => "exempt",
            _ => "finding",
        };
        let target = if kind == "finding" {
            b.id.clone()
        } else {
            b.decision_id.clone().unwrap_or_default()
        };
        let _ = write!(
            o,
            "<tr class=\"frow\" data-row=\"{id}\" data-doc=\"{doc}\" data-cat=\"{cat}\" data-rule=\"{rule}\"><td><a href=\"#{anchor}\"><code>{id}</code></a></td><td>{page}</td><td class=\"shown\">{shown}</td><td>{catn}</td><td>{g}</td><td><code>{rule}</code></td><td>{reason}</td><td>{src}</td><td>{placed}</td><td>{acts}</td></tr>",
            id = esc(&b.id),
            doc = esc(&d.record.input),
            cat = esc(&b.category),
            rule = esc(&b.rule),
            anchor = esc(&anchor),
            page = b.page,
            shown = esc(&shown),
            catn = esc(&category(lang, &b.category)),
            g = esc(&ground(&b.ground, n)),
            reason = esc(&b.reason),
            src = esc(&src),
            placed = esc(&placed.join(", ")),
            acts = actions(lang, kind, &target, &b.ground, n),
        );
    }
    o.push_str("</tbody></table></section>");
}

fn terms(m: &Model, o: &mut String) {
    let lang = m.lang;
    let _ = write!(
        o,
        "<section id=\"terms\"><h2>{}</h2><p>{}</p>",
        t(lang, "Termen van het dossier", "The dossier's terms"),
        t(
            lang,
            "Elke naamterm van decisions.json: wat de run besliste, waarom, en waar hij staat (✓ gelakt, ✗ blijft staan).",
            "Every name term of decisions.json: what the run decided, why, and where it stands (✓ redacted, ✗ kept)."
        )
    );
    let Some(table) = &m.table else {
        let _ = write!(
            o,
            "<p class=\"problem\">{}: {}</p></section>",
            t(
                lang,
                "decisions.json kon niet gelezen worden",
                "decisions.json could not be read"
            ),
            esc(m.table_problem.as_deref().unwrap_or(""))
        );
        return;
    };
    let _ = write!(
        o,
        "<table class=\"terms\"><thead><tr><th>{}</th><th>id</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t(lang, "Term", "Term"),
        t(lang, "Besluit", "Decision"),
        t(lang, "Waarom", "Why"),
        t(lang, "Vindplaatsen", "Occurrences"),
        t(lang, "Beoordeling", "Review"),
    );
    for term in &table.terms {
        let docs: Vec<&str> = {
            let mut v: Vec<&str> = term.occurrences.iter().map(|o| o.doc.as_str()).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let _ = write!(
            o,
            "<tr class=\"trow\" data-term-id=\"{id}\" data-docs=\"{docs}\"><td>{v}</td><td><code>{id}</code></td><td class=\"dec-{d}\">{dn}</td><td>{why}</td><td><details><summary>{k} ×</summary><ul>",
            id = esc(&term.id),
            docs = esc(&docs.join("\u{1f}")),
            v = esc(&term.variants.join(", ")),
            d = esc(&serde_json::to_value(term.decision)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()),
            dn = esc(&decision_name(
                lang,
                serde_json::to_value(term.decision)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
                    .as_str()
            )),
            why = esc(&term.why),
            k = term.occurrences.len(),
        );
        for oc in &term.occurrences {
            let _ = write!(
                o,
                "<li>{mark} {doc} p.{p} «{text}» <code>{id}</code>{rule}</li>",
                mark = if oc.redact { "✓" } else { "✗" },
                doc = esc(&oc.doc),
                p = oc.page,
                text = esc(&oc.text),
                id = esc(&oc.id),
                rule = oc
                    .rule
                    .as_deref()
                    .map(|r| format!(" · <code>{}</code>", esc(r)))
                    .unwrap_or_default(),
            );
        }
        let _ = write!(
            o,
            "</ul></details></td><td><div class=\"acts\" data-kind=\"term\" data-target=\"{id}\"><button type=\"button\" data-act=\"keep\">{keep}</button><button type=\"button\" data-act=\"redact\">{redact}</button><button type=\"button\" data-act=\"clear\" title=\"{undo}\">↺</button><span class=\"pending\"></span></div></td></tr>",
            id = esc(&term.id),
            keep = t(lang, "Overal laten staan", "Keep everywhere"),
            redact = t(lang, "Overal lakken", "Redact everywhere"),
            undo = t(lang, "Ongedaan maken", "Undo"),
        );
    }
    o.push_str("</tbody></table></section>");
}

fn toolbar(m: &Model, o: &mut String) {
    let lang = m.lang;
    let mut cats: Vec<&str> = m.log.boxes.iter().map(|b| b.category.as_str()).collect();
    cats.sort_unstable();
    cats.dedup();
    let mut rules: Vec<&str> = m.log.boxes.iter().map(|b| b.rule.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    let all = t(lang, "alle", "all");
    let _ = write!(
        o,
        "<div id=\"toolbar\"><label>{} <select id=\"filter-doc\"><option value=\"\">{all}</option>",
        t(lang, "Document", "Document")
    );
    for d in &m.docs {
        let _ = write!(
            o,
            "<option value=\"{v}\">{v}</option>",
            v = esc(&d.record.input)
        );
    }
    let _ = write!(
        o,
        "</select></label> <label>{} <select id=\"filter-cat\"><option value=\"\">{all}</option>",
        t(lang, "Categorie", "Category")
    );
    for c in cats {
        let _ = write!(
            o,
            "<option value=\"{}\">{}</option>",
            esc(c),
            esc(&category(lang, c))
        );
    }
    let _ = write!(
        o,
        "</select></label> <label>{} <select id=\"filter-rule\"><option value=\"\">{all}</option>",
        t(lang, "Regel", "Rule")
    );
    for r in rules {
        let _ = write!(o, "<option value=\"{v}\">{v}</option>", v = esc(r));
    }
    let _ = write!(
        o,
        "</select></label> <span class=\"sep\"></span> <label>{} <input id=\"reviewer\" type=\"text\" size=\"14\" autocomplete=\"off\"></label> <span id=\"decision-count\">0</span> {} <button type=\"button\" id=\"download\">{}</button></div>",
        t(lang, "Beoordelaar", "Reviewer"),
        t(lang, "beslissingen", "decisions"),
        t(lang, "decisions.json downloaden", "Download decisions.json"),
    );
}

/// The whole page.
pub(crate) fn render(m: &Model) -> String {
    let lang = m.lang;
    let run = m.log.run.as_ref().expect("run header");
    let mut o = String::with_capacity(1 << 16);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{hl}\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data: blob:\">\
<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"robots\" content=\"noindex\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title}</title><style>{CSS}</style></head><body data-run=\"{runkey}\">",
        runkey = esc(&format!("{}|{}", run.started, m.out.display())),
        hl = t(lang, "nl", "en"),
        title = t(
            lang,
            "woo-redact: controlerapport (intern)",
            "woo-redact: review report (internal)"
        ),
    );
    let _ = write!(
        o,
        "<header><h1>{}</h1><p class=\"internal\">{}</p><p class=\"run\">{} {} · {} {} · {} {} · woo-redact {}</p></header>",
        t(lang, "Controlerapport", "Review report"),
        t(
            lang,
            "INTERN: dit rapport toont de weggelakte persoonsgegevens. Nooit publiceren of meesturen met een Woo-besluit.",
            "INTERNAL: this report shows the redacted personal data. Never publish it or send it with a Woo decision."
        ),
        t(lang, "Uitvoermap", "Output folder"),
        esc(&m.out.display().to_string()),
        t(lang, "gestart", "started"),
        esc(&run.started),
        t(lang, "klaar", "finished"),
        esc(run
            .finished
            .as_deref()
            .unwrap_or(t(lang, "niet afgerond", "did not finish"))),
        esc(&run.version),
    );
    toolbar(m, &mut o);
    let _ = write!(
        o,
        "<nav><a href=\"#overview\">{}</a> · <a href=\"#documents\">{}</a> · <a href=\"#terms\">{}</a> · <a href=\"#help\">{}</a></nav><main>",
        t(lang, "Overzicht", "Overview"),
        t(lang, "Documenten", "Documents"),
        t(lang, "Termen", "Terms"),
        t(lang, "Uitleg", "How to"),
    );
    overview(m, &mut o);
    let _ = write!(
        o,
        "<div id=\"documents\"><h2 class=\"part\">{}</h2>",
        t(
            lang,
            "Documenten: de tekst zoals de tool hem las",
            "Documents: the text as the tool read it"
        )
    );
    for (i, d) in m.docs.iter().enumerate() {
        document(m, i, d, &mut o);
    }
    o.push_str("</div>");
    terms(m, &mut o);
    help(lang, &mut o);
    o.push_str("</main>");
    // data for the script
    let i18n = serde_json::json!({
        "reject": t(lang, "afgewezen", "rejected"),
        "accept": t(lang, "akkoord", "accepted"),
        "ground": t(lang, "grond", "ground"),
        "withdraw": t(lang, "beslissing ingetrokken", "decision withdrawn"),
        "keep": t(lang, "overal laten staan", "keep everywhere"),
        "redact": t(lang, "overal lakken", "redact everywhere"),
        "nothing": t(lang, "Nog geen beslissingen genomen.", "No decisions made yet."),
        "no_table": t(lang, "decisions.json ontbreekt: het bestand bevat alleen de beslissingen.", "decisions.json is missing: the file holds only the decisions."),
    });
    let _ = write!(
        o,
        "<script type=\"application/json\" id=\"i18n\">{}</script>",
        script_json(&i18n.to_string())
    );
    let _ = write!(
        o,
        "<script type=\"application/json\" id=\"decisions-data\">{}</script>",
        script_json(m.decisions_raw.as_deref().unwrap_or("null"))
    );
    o.push_str("<pre id=\"selftest\" hidden></pre><script>");
    o.push_str(JS);
    o.push_str("</script></body></html>\n");
    o
}

fn help(lang: Language, o: &mut String) {
    let _ = write!(
        o,
        "<section id=\"help\"><h2>{}</h2>{}</section>",
        t(lang, "Uitleg", "How to"),
        t(
            lang,
            "<p>Gemarkeerde tekst is weggelakt in de uitvoer; klik erop om de regel in de tabel eronder te zien. \
<b>Afwijzen</b>: niet lakken. <b>Akkoord</b>: lakken bevestigen. <b>Grond wijzigen</b>: de passage houdt haar plaats en krijgt de gekozen grond. \
Bij een term: <b>overal laten staan</b> of <b>overal lakken</b> in het hele dossier. \
Vul uw naam in, klik op <b>decisions.json downloaden</b> en draai opnieuw met <code>woo-redact redact … --decisions decisions.json</code>. \
Let op: wijst u één vindplaats af terwijl dezelfde tekst elders in hetzelfde document gelakt blijft, dan slaagt de controle niet (het document gaat naar quarantine/); laat de term dan overal staan.</p>\
<p>Geplaatst <i>exact</i>: de glyphs onder het vak geven precies de gevonden tekst (id of hash klopt); <i>op gebied</i>: de glyphs onder het vak; <i>niet</i>: geen tekst onder het vak (een scan of afbeelding), zie de lijst per document.</p>",
            "<p>Highlighted text is redacted in the output; click it to see its row in the table below. \
<b>Reject</b>: do not redact. <b>Accept</b>: confirm the redaction. <b>Change ground</b>: the passage keeps its place and gets the chosen ground. \
For a term: <b>keep everywhere</b> or <b>redact everywhere</b> in the whole dossier. \
Fill in your name, click <b>Download decisions.json</b> and run again with <code>woo-redact redact … --decisions decisions.json</code>. \
Note: rejecting one occurrence while the same text stays redacted elsewhere in the same document cannot pass verification (the document goes to quarantine/); keep the term everywhere instead.</p>\
<p>Placed <i>exact</i>: the glyphs under the box give exactly the finding's text (its id or hash matches); <i>by area</i>: the glyphs under the box; <i>no</i>: no text under the box (a scan or an image), see the list per document.</p>"
        )
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, b: usize) -> RedactionRecord {
        serde_json::from_value(serde_json::json!({
            "type": "redaction", "id": id, "box": b, "input": "a.pdf", "page": 1,
            "area": [0.0, 0.0, 1.0, 1.0], "category": "name", "ground": "5.1.2e",
            "label": "5.1, 2, e", "unlabelled": false, "rule": "r", "reason": "",
            "source": "detector", "chars": 3, "text_sha256": ""
        }))
        .expect("record")
    }

    #[test]
    fn nested_and_overlapping_marks_stay_well_formed() {
        let text = "Jan <de> Vries & co";
        let a = rec("ra", 0);
        let b = rec("rb", 0);
        let c = rec("rc", 0);
        let boxes = [&a, &b, &c];
        let p = |s, e| Placement {
            start: s,
            end: e,
            how: How::Area,
        };
        // a covers "Jan <de> Vries", b inside it, c overlaps its end
        let html = page_text(text, &[(0, p(0, 14)), (1, p(4, 8)), (2, p(9, 16))], &boxes);
        assert_eq!(html.matches("<mark").count(), 3, "{html}");
        assert_eq!(html.matches("</mark>").count(), 3, "{html}");
        assert!(html.contains("&lt;de&gt;"), "{html}");
        assert!(html.ends_with("co"), "{html}");
        let plain: String = {
            let mut s = String::new();
            let mut in_tag = false;
            for ch in html.chars() {
                match ch {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => s.push(c),
                    _ => {}
                }
            }
            s
        };
        assert_eq!(plain, "Jan &lt;de&gt; Vries &amp; co");
    }
}
