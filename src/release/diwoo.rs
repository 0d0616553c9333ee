//! DiWoo metadata (KOOP, schema 0.9.8): the value lists woo-redact validates against and the per-document metadata XML of a release package.
//!
//! The lists (organisations for `publisher`, informatiecategorieen, soorten handeling) are taken
//! from KOOP's `diwoo-metadata-lijsten.xsd` by `scripts/diwoo-lists.py` into `diwoo-lists.tsv`
//! beside this file; nothing is looked up on the network.

/// The lists, one `kind \t URI \t label` per line.
const LISTS: &str = include_str!("diwoo-lists.tsv");

/// The DiWoo namespace.
pub const NAMESPACE: &str = "https://standaarden.overheid.nl/diwoo/metadata/";

/// The TOOI URI of the file type PDF (DiWoo `formatlijst`).
pub const FORMAT_PDF: &str = "http://publications.europa.eu/resource/authority/file-type/PDF";

/// Which DiWoo value list a value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Government organisations (gemeenten, ministeries, provincies, waterschappen, ZBO's, ...):
    /// the values allowed for `publisher`.
    Organisation,
    /// Woo information categories.
    Informatiecategorie,
    /// Document handlings (`ondertekening`, `ontvangst`, `vaststelling`).
    SoortHandeling,
}

impl ListKind {
    fn key(self) -> &'static str {
        match self {
            ListKind::Organisation => "organisatie",
            ListKind::Informatiecategorie => "informatiecategorie",
            ListKind::SoortHandeling => "soorthandeling",
        }
    }
}

/// A value from a TOOI value list: its URI and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooiValue {
    /// The resource URI.
    pub uri: String,
    /// The label as in the list.
    pub label: String,
}

/// Finds a value in a list by its URI or by its label (case-insensitive, spacing ignored).
pub fn lookup(kind: ListKind, value: &str) -> Option<TooiValue> {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let wanted = norm(value);
    entries(kind)
        .find(|(uri, label)| *uri == value.trim() || norm(label) == wanted)
        .map(|(uri, label)| TooiValue {
            uri: uri.to_string(),
            label: label.to_string(),
        })
}

/// Every `(URI, label)` of a list.
pub fn entries(kind: ListKind) -> impl Iterator<Item = (&'static str, &'static str)> {
    LISTS.lines().filter_map(move |l| {
        let mut it = l.splitn(3, '\t');
        let (k, uri, label) = (it.next()?, it.next()?, it.next()?);
        (k == kind.key()).then_some((uri, label))
    })
}

/// The labels of a short list, for messages (`ondertekening, ontvangst, vaststelling`).
pub fn labels(kind: ListKind) -> Vec<&'static str> {
    entries(kind).map(|(_, l)| l).collect()
}

/// What one document's metadata says.
#[derive(Debug, Clone)]
pub struct DocMetadata<'a> {
    /// The document's id in the package (also in the inventory).
    pub id: &'a str,
    /// The publishing organisation.
    pub publisher: &'a TooiValue,
    /// The official title (never a personal name: checked by the caller).
    pub title: &'a str,
    /// The information category.
    pub informatiecategorie: &'a TooiValue,
    /// Creation date `YYYY-MM-DD`, when known.
    pub created: Option<&'a str>,
    /// The handling and when it happened (`xs:dateTime`).
    pub handling: &'a TooiValue,
    /// Time of the handling, `YYYY-MM-DDThh:mm:ssZ`.
    pub handled_at: &'a str,
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// The DiWoo metadata XML of one document (valid against `diwoo-metadata.xsd` 0.9.8).
pub fn metadata_xml(m: &DocMetadata) -> String {
    let e = xml_escape;
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(&format!("<diwoo:Document xmlns:diwoo=\"{NAMESPACE}\">\n"));
    x.push_str("  <diwoo:DiWoo>\n");
    x.push_str(&format!(
        "    <diwoo:identifiers>\n      <diwoo:identifier>{}</diwoo:identifier>\n    </diwoo:identifiers>\n",
        e(m.id)
    ));
    x.push_str(&format!(
        "    <diwoo:publisher resource=\"{}\">{}</diwoo:publisher>\n",
        e(&m.publisher.uri),
        e(&m.publisher.label)
    ));
    x.push_str(&format!(
        "    <diwoo:titelcollectie>\n      <diwoo:officieleTitel>{}</diwoo:officieleTitel>\n    </diwoo:titelcollectie>\n",
        e(m.title)
    ));
    x.push_str(&format!(
        "    <diwoo:classificatiecollectie>\n      <diwoo:informatiecategorieen>\n        <diwoo:informatiecategorie resource=\"{}\">{}</diwoo:informatiecategorie>\n      </diwoo:informatiecategorieen>\n    </diwoo:classificatiecollectie>\n",
        e(&m.informatiecategorie.uri),
        e(&m.informatiecategorie.label)
    ));
    if let Some(d) = m.created {
        x.push_str(&format!(
            "    <diwoo:creatiedatum>{}</diwoo:creatiedatum>\n",
            e(d)
        ));
    }
    x.push_str(&format!(
        "    <diwoo:format resource=\"{FORMAT_PDF}\">PDF</diwoo:format>\n"
    ));
    x.push_str(&format!(
        "    <diwoo:documenthandelingen>\n      <diwoo:documenthandeling>\n        <diwoo:soortHandeling resource=\"{}\">{}</diwoo:soortHandeling>\n        <diwoo:atTime>{}</diwoo:atTime>\n        <diwoo:wasAssociatedWith resource=\"{}\">{}</diwoo:wasAssociatedWith>\n      </diwoo:documenthandeling>\n    </diwoo:documenthandelingen>\n",
        e(&m.handling.uri),
        e(&m.handling.label),
        e(m.handled_at),
        e(&m.publisher.uri),
        e(&m.publisher.label)
    ));
    x.push_str("  </diwoo:DiWoo>\n</diwoo:Document>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_found_by_uri_or_label_and_unknown_ones_are_not() {
        let a = lookup(ListKind::Organisation, "gemeente Amsterdam").unwrap();
        assert_eq!(
            a.uri,
            "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
        );
        assert_eq!(
            lookup(ListKind::Organisation, &a.uri).unwrap().label,
            "gemeente Amsterdam"
        );
        let v = lookup(
            ListKind::Informatiecategorie,
            "https://identifier.overheid.nl/tooi/def/thes/kern/c_db4862c3",
        )
        .unwrap();
        assert_eq!(v.label, "vergaderstukken decentrale overheden");
        assert_eq!(
            labels(ListKind::SoortHandeling),
            vec!["ondertekening", "ontvangst", "vaststelling"]
        );
        assert!(lookup(ListKind::SoortHandeling, "anonimiseren").is_none());
        assert!(lookup(ListKind::Organisation, "gemeente Atlantis").is_none());
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(xml_escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
