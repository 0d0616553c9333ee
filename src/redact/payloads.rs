//! Payload scrubbing: text inside kept streams that no reader needs to show the page is removed or blanked (JPEG comments and application segments, ICC text tags, TrueType name records, CMap comments and names, image alternates and private image keys).
//!
//! Runs at the end of the rebuild ([`crate::redact::rebuild`]), after every stream was written
//! with our own filters, so a JPEG is raw DCT data here. Each scrub keeps the byte layout the
//! format needs (segment lengths, table offsets) and changes nothing a viewer draws.

use lopdf::{Document, Object, Stream};

/// Keys an image XObject needs to be drawn; every other key (`/Alternates`, `/OPI`, `/Name`,
/// `/ID`, `/Metadata`, private keys) goes.
const IMAGE_KEEP: &[&[u8]] = &[
    b"Type",
    b"Subtype",
    b"Width",
    b"Height",
    b"ColorSpace",
    b"BitsPerComponent",
    b"Intent",
    b"ImageMask",
    b"Mask",
    b"Decode",
    b"Interpolate",
    b"SMask",
    b"SMaskInData",
    b"Matte",
    b"Filter",
    b"DecodeParms",
    b"Length",
];

/// What [`scrub_payloads`] changed, counted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PayloadCounts {
    /// Image dictionaries that lost keys.
    pub image_keys: usize,
    /// JPEG streams that lost comment or application segments.
    pub jpeg_segments: usize,
    /// ICC profiles whose text tags were blanked.
    pub icc_profiles: usize,
    /// TrueType/OpenType font programs whose name records were blanked.
    pub font_names: usize,
    /// CMap streams whose comments and name were removed.
    pub cmaps: usize,
}

impl PayloadCounts {
    /// Total number of changes.
    pub fn total(&self) -> usize {
        self.image_keys + self.jpeg_segments + self.icc_profiles + self.font_names + self.cmaps
    }
}

/// Scrubs every stream of `doc`; see the module documentation.
pub fn scrub_payloads(doc: &mut Document) -> PayloadCounts {
    let mut counts = PayloadCounts::default();
    // Streams referenced as ToUnicode maps or font encodings are CMaps.
    let mut cmap_ids = std::collections::HashSet::new();
    // FontFile2 (TrueType) and FontFile3/OpenType programs hold a name table.
    let mut truetype_ids = std::collections::HashSet::new();
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        for key in [&b"ToUnicode"[..], b"Encoding"] {
            if let Ok(Object::Reference(r)) = d.get(key) {
                cmap_ids.insert(*r);
            }
        }
        if let Ok(Object::Reference(r)) = d.get(b"FontFile2") {
            truetype_ids.insert(*r);
        }
        if let Ok(Object::Reference(r)) = d.get(b"FontFile3") {
            truetype_ids.insert(*r);
        }
    }
    for (id, obj) in doc.objects.iter_mut() {
        let Object::Stream(s) = obj else { continue };
        let subtype = s
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .ok()
            .map(<[u8]>::to_vec);
        if subtype.as_deref() == Some(b"Image") {
            let gone: Vec<Vec<u8>> = s
                .dict
                .iter()
                .map(|(k, _)| k.clone())
                .filter(|k| !IMAGE_KEEP.contains(&k.as_slice()))
                .collect();
            if !gone.is_empty() {
                counts.image_keys += 1;
                for k in gone {
                    s.dict.remove(&k);
                }
            }
            if only_filter(s, b"DCTDecode")
                && let Some(clean) = jpeg_without_text(&s.content)
            {
                s.set_content(clean);
                counts.jpeg_segments += 1;
            }
            continue;
        }
        let is_icc = s.dict.has(b"N") && !s.dict.has(b"Type") && !s.dict.has(b"Subtype");
        if is_icc && let Some(mut data) = plain(s) {
            if blank_icc_text(&mut data) {
                set_plain(s, data);
                counts.icc_profiles += 1;
            }
            continue;
        }
        if truetype_ids.contains(id)
            && let Some(mut data) = plain(s)
        {
            if blank_sfnt_names(&mut data) {
                set_plain(s, data);
                counts.font_names += 1;
            }
            continue;
        }
        let is_cmap = cmap_ids.contains(id)
            || s.dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"CMap");
        if is_cmap && let Some(data) = plain(s) {
            let clean = cmap_without_text(&data);
            if clean != data {
                set_plain(s, clean);
                counts.cmaps += 1;
            }
        }
    }
    counts
}

fn only_filter(s: &Stream, name: &[u8]) -> bool {
    match s.dict.get(b"Filter") {
        Ok(Object::Name(n)) => n == name,
        Ok(Object::Array(a)) => a.len() == 1 && a[0].as_name().ok() == Some(name),
        _ => false,
    }
}

/// The decoded data of a stream whose filters we can write back (none or Flate only).
fn plain(s: &Stream) -> Option<Vec<u8>> {
    match s.dict.get(b"Filter") {
        Err(_) => Some(s.content.clone()),
        Ok(_) if only_filter(s, b"FlateDecode") && !s.dict.has(b"DecodeParms") => {
            s.decompressed_content_with_limit(256 << 20).ok()
        }
        _ => None,
    }
}

fn set_plain(s: &mut Stream, data: Vec<u8>) {
    if let Some(packed) = crate::pdf::content::flate(&data) {
        s.dict.remove(b"DecodeParms");
        s.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        s.set_content(packed);
    }
}

/// A JPEG without COM segments and without APP1..APP13 and APP15 (EXIF, XMP, Photoshop,
/// comments; APP0 JFIF and APP14 Adobe, which say how to read the colours, stay). None when
/// nothing was removed or the data is not a JPEG the parser understands.
pub fn jpeg_without_text(data: &[u8]) -> Option<Vec<u8>> {
    if data.len() < 4 || data[0] != 0xFF || data[1] != 0xD8 {
        return None;
    }
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(&data[..2]);
    let mut i = 2;
    let mut removed = false;
    while i + 4 <= data.len() {
        if data[i] != 0xFF {
            return None;
        }
        let marker = data[i + 1];
        if marker == 0xFF {
            // fill byte
            out.push(0xFF);
            i += 1;
            continue;
        }
        if marker == 0xDA {
            // start of scan: the rest is entropy-coded data and later markers
            out.extend_from_slice(&data[i..]);
            return removed.then_some(out);
        }
        let len = usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
        if len < 2 || i + 2 + len > data.len() {
            return None;
        }
        let drop = marker == 0xFE || ((0xE1..=0xEF).contains(&marker) && marker != 0xEE);
        if drop {
            removed = true;
        } else {
            out.extend_from_slice(&data[i..i + 2 + len]);
        }
        i += 2 + len;
    }
    None
}

/// Blanks the text of an ICC profile's `desc`, `text` and `mluc` tags (descriptions,
/// copyright, device maker and model), keeping every length and offset; the profile ID is
/// zeroed (it means "not computed"). False when nothing was changed.
pub fn blank_icc_text(data: &mut [u8]) -> bool {
    if data.len() < 132 || &data[36..40] != b"acsp" {
        return false;
    }
    let count = u32::from_be_bytes([data[128], data[129], data[130], data[131]]) as usize;
    let mut changed = false;
    for k in 0..count.min(1000) {
        let at = 132 + 12 * k;
        if at + 12 > data.len() {
            break;
        }
        let off =
            u32::from_be_bytes([data[at + 4], data[at + 5], data[at + 6], data[at + 7]]) as usize;
        let size =
            u32::from_be_bytes([data[at + 8], data[at + 9], data[at + 10], data[at + 11]]) as usize;
        if off + 8 > data.len() || size < 8 || off + size > data.len() {
            continue;
        }
        let ty: [u8; 4] = [data[off], data[off + 1], data[off + 2], data[off + 3]];
        let end = off + size;
        let be32 = |d: &[u8], at: usize| -> usize {
            if at + 4 <= d.len() {
                u32::from_be_bytes([d[at], d[at + 1], d[at + 2], d[at + 3]]) as usize
            } else {
                0
            }
        };
        // (start, length, wide) of every run of characters in the tag
        let mut runs: Vec<(usize, usize, bool)> = Vec::new();
        match &ty {
            b"text" => runs.push((off + 8, size - 8, false)),
            b"desc" => {
                let n = be32(data, off + 8);
                runs.push((off + 12, n, false));
                let u = off + 12 + n;
                let un = be32(data, u + 4);
                runs.push((u + 8, 2 * un, true));
            }
            b"mluc" => {
                let n = be32(data, off + 8).min(1000);
                for r in 0..n {
                    let rec = off + 16 + 12 * r;
                    let len = be32(data, rec + 4);
                    let at = be32(data, rec + 8);
                    runs.push((off + at, len, true));
                }
            }
            _ => {}
        }
        for (at, len, wide) in runs {
            if at >= end || len == 0 {
                continue;
            }
            let stop = (at + len).min(end);
            for (i, b) in data[at..stop].iter_mut().enumerate() {
                let want = if wide && i % 2 == 0 { 0 } else { b' ' };
                // keep the terminating NUL of ASCII text
                if !wide && *b == 0 {
                    continue;
                }
                if *b != want {
                    *b = want;
                    changed = true;
                }
            }
        }
    }
    if changed {
        data[84..100].fill(0);
    }
    changed
}

/// Blanks the strings of a TrueType/OpenType `name` table (family, copyright, designer, ...),
/// keeping every length and offset. False when there is no name table or nothing changed.
pub fn blank_sfnt_names(data: &mut [u8]) -> bool {
    if data.len() < 12 {
        return false;
    }
    let tables = usize::from(u16::from_be_bytes([data[4], data[5]]));
    for t in 0..tables.min(256) {
        let at = 12 + 16 * t;
        if at + 16 > data.len() {
            return false;
        }
        if &data[at..at + 4] != b"name" {
            continue;
        }
        let off =
            u32::from_be_bytes([data[at + 8], data[at + 9], data[at + 10], data[at + 11]]) as usize;
        let len = u32::from_be_bytes([data[at + 12], data[at + 13], data[at + 14], data[at + 15]])
            as usize;
        if off + 6 > data.len() || off + len > data.len() {
            return false;
        }
        let count = usize::from(u16::from_be_bytes([data[off + 2], data[off + 3]]));
        let strings = off + usize::from(u16::from_be_bytes([data[off + 4], data[off + 5]]));
        let mut changed = false;
        for r in 0..count.min(4096) {
            let rec = off + 6 + 12 * r;
            if rec + 12 > data.len() {
                break;
            }
            let platform = u16::from_be_bytes([data[rec], data[rec + 1]]);
            let slen = usize::from(u16::from_be_bytes([data[rec + 8], data[rec + 9]]));
            let soff = usize::from(u16::from_be_bytes([data[rec + 10], data[rec + 11]]));
            let start = strings + soff;
            if start + slen > data.len() {
                continue;
            }
            let s = &mut data[start..start + slen];
            // UTF-16BE on Unicode and Windows platforms, bytes on Macintosh
            let wide = platform == 0 || platform == 3;
            for (i, b) in s.iter_mut().enumerate() {
                let want = if wide && i % 2 == 0 { 0 } else { b'X' };
                if *b != want {
                    *b = want;
                    changed = true;
                }
            }
        }
        return changed;
    }
    false
}

/// A CMap without comment lines and with a neutral `/CMapName`.
pub fn cmap_without_text(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    for line in data.split_inclusive(|&b| b == b'\n') {
        let trimmed: &[u8] = {
            let mut k = 0;
            while k < line.len() && (line[k] == b' ' || line[k] == b'\t') {
                k += 1;
            }
            &line[k..]
        };
        if trimmed.starts_with(b"%") {
            continue;
        }
        if let Some(at) = find(line, b"/CMapName") {
            let rest = &line[at + 9..];
            if let Some(def) = find(rest, b"def") {
                out.extend_from_slice(&line[..at]);
                out.extend_from_slice(b"/CMapName /WooRedact-CMap ");
                out.extend_from_slice(&rest[def..]);
                continue;
            }
        }
        out.extend_from_slice(line);
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_comments_and_exif_go_jfif_stays() {
        let mut j = vec![0xFF, 0xD8];
        j.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x06, b'J', b'F', b'I', b'F']);
        j.extend_from_slice(&[0xFF, 0xFE, 0x00, 0x07, b'J', b'a', b'n', b'!', b'!']);
        j.extend_from_slice(&[0xFF, 0xE1, 0x00, 0x04, 1, 2]);
        j.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 9, 9, 0xFF, 0xD9]);
        let out = jpeg_without_text(&j).unwrap();
        assert!(!out.windows(3).any(|w| w == b"Jan"));
        assert!(out.windows(4).any(|w| w == b"JFIF"));
        assert!(out.ends_with(&[0xFF, 0xDA, 0x00, 0x02, 9, 9, 0xFF, 0xD9]));
    }

    #[test]
    fn cmap_comments_and_name_go() {
        let c = b"%%Title: (Karin Jansen)\n/CIDInit /ProcSet findresource begin\n/CMapName /Havenstad-KarinJansen def\nbegincmap\n";
        let out = String::from_utf8(cmap_without_text(c)).unwrap();
        assert!(!out.contains("Karin") && !out.contains("Jansen"), "{out}");
        assert!(out.contains("begincmap") && out.contains("/CMapName /WooRedact-CMap def"));
    }
}
