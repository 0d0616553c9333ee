#!/usr/bin/env python3
"""Writes src/pdf/font/tables.rs: glyph list, simple-font encodings and standard-14 metrics.

Sources (install them first):
  * Debian package `fonts-urw-base35` (AFM files in /usr/share/fonts/type1/urw-base35/):
    widths and bounding boxes of the standard 14 fonts (URW clones with the Adobe metrics),
    StandardEncoding (the C codes of an AdobeStandardEncoding AFM) and the built-in encodings
    of Symbol and ZapfDingbats.
  * PyPI package `fonttools` (module fontTools.agl): the Adobe Glyph List 2.0 (BSD-3-Clause,
    Copyright 2002-2019 Adobe), the ITC Zapf Dingbats glyph list and the AGLFN names used to
    name the Windows-1252 code points of WinAnsiEncoding; fontTools.encodings.MacRoman.

Usage: python3 scripts/gen_font_tables.py [AFM_DIR] > src/pdf/font/tables.rs
"""

import os
import sys

import fontTools
import fontTools.agl as agl
from fontTools.encodings.MacRoman import MacRoman

AFM_DIR = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/type1/urw-base35"

STANDARD_14 = [
    ("Helvetica", "NimbusSans-Regular"),
    ("Helvetica-Bold", "NimbusSans-Bold"),
    ("Helvetica-Oblique", "NimbusSans-Italic"),
    ("Helvetica-BoldOblique", "NimbusSans-BoldItalic"),
    ("Times-Roman", "NimbusRoman-Regular"),
    ("Times-Bold", "NimbusRoman-Bold"),
    ("Times-Italic", "NimbusRoman-Italic"),
    ("Times-BoldItalic", "NimbusRoman-BoldItalic"),
    ("Courier", "NimbusMonoPS-Regular"),
    ("Courier-Bold", "NimbusMonoPS-Bold"),
    ("Courier-Oblique", "NimbusMonoPS-Italic"),
    ("Courier-BoldOblique", "NimbusMonoPS-BoldItalic"),
    ("Symbol", "StandardSymbolsPS"),
    ("ZapfDingbats", "D050000L"),
]


def read_afm(name):
    """Returns (bbox, [(code, name, width, glyph_bbox)])."""
    bbox = (0, 0, 0, 0)
    glyphs = []
    with open(os.path.join(AFM_DIR, name + ".afm"), encoding="latin-1") as f:
        for line in f:
            if line.startswith("FontBBox"):
                bbox = tuple(int(float(x)) for x in line.split()[1:5])
            elif line.startswith("C "):
                fields = {}
                for part in line.split(";"):
                    words = part.split()
                    if words:
                        fields[words[0]] = words[1:]
                code = int(fields["C"][0])
                width = int(float(fields["WX"][0]))
                gname = fields["N"][0]
                gb = tuple(int(float(x)) for x in fields.get("B", ["0", "0", "0", "0"]))
                glyphs.append((code, gname, width, gb))
    return bbox, glyphs


def rs_str(s):
    out = []
    for ch in s:
        cp = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif 0x20 <= cp < 0x7F:
            out.append(ch)
        else:
            out.append("\\u{%x}" % cp)
    return '"' + "".join(out) + '"'


def encoding_from_afm(glyphs):
    table = [""] * 256
    for code, gname, _, _ in glyphs:
        if 0 <= code < 256:
            table[code] = gname
    return table


def win_ansi():
    table = [""] * 256
    for code in range(0x20, 0x100):
        try:
            ch = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        table[code] = agl.UV2AGL.get(ord(ch), "")
    # PDF 32000-1 Annex D: 0240 is space, 0255 is hyphen; unused codes above 040 show a bullet.
    table[0xA0] = "space"
    table[0xAD] = "hyphen"
    for code in (0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D):
        table[code] = "bullet"
    return table


def mac_roman():
    table = [""] * 256
    for code in range(0x20, 0x100):
        name = MacRoman[code]
        if name in ("DEL", "apple"):
            continue
        if name == "nbspace":
            name = "space"
        table[code] = name
    return table


def main():
    out = []
    w = out.append
    w("//! Generated font data tables (glyph list, encodings, standard-14 metrics); do not edit.")
    w("//!")
    w("//! Written by scripts/gen_font_tables.py from:")
    w("//! - Adobe Glyph List 2.0 and the ITC Zapf Dingbats glyph list, Copyright 2002-2019 Adobe,")
    w("//!   BSD-3-Clause (as shipped in fontTools %s, module fontTools.agl)." % fontTools.version)
    w("//! - AFM metrics of the URW Base35 fonts (Debian package fonts-urw-base35), Copyright")
    w("//!   (URW)++ Design & Development, AGPL-3 with font exception; only numeric metrics and")
    w("//!   glyph names are used. They match the Adobe standard 14 metrics.")
    w("//! - MacRomanEncoding from fontTools.encodings.MacRoman (MIT); WinAnsiEncoding from the")
    w("//!   Windows-1252 code page named with AGLFN names, adjusted per PDF 32000-1 Annex D.")
    w("")
    w("/// Metrics of one standard-14 font, in glyph space units (1/1000 em).")
    w("pub(crate) struct Afm {")
    w("    /// PDF base font name.")
    w("    pub name: &'static str,")
    w("    /// Ascender (top of 'd', or FontBBox top for symbol fonts).")
    w("    pub ascent: i16,")
    w("    /// Descender (bottom of 'p', or FontBBox bottom for symbol fonts).")
    w("    pub descent: i16,")
    w("    /// Glyph name and advance width, sorted by name.")
    w("    pub widths: &'static [(&'static str, u16)],")
    w("    /// The font's built-in encoding: glyph names by code, empty for none.")
    w("    pub encoding: &'static [&'static str; 256],")
    w("}")
    w("")

    # Glyph list.
    names = {}
    for name, uvs in agl.LEGACY_AGL2UV.items():
        names[name] = "".join(chr(u) for u in uvs)
    sym_bbox, sym = read_afm("StandardSymbolsPS")
    zapf_bbox, zapf = read_afm("D050000L")
    for _, gname, _, _ in zapf:
        u = agl._zapfDingbatsToUnicode(gname)
        if u and gname not in names:
            names[gname] = u
    w("/// Adobe Glyph List (plus ZapfDingbats names): glyph name to Unicode, sorted by name.")
    w("pub(crate) static GLYPH_LIST: &[(&str, &str)] = &[")
    for name in sorted(names, key=lambda s: s.encode()):
        w("    (%s, %s)," % (rs_str(name), rs_str(names[name])))
    w("];")
    w("")

    _, helv = read_afm("NimbusSans-Regular")
    encodings = {
        "STANDARD": encoding_from_afm(helv),
        "WIN_ANSI": win_ansi(),
        "MAC_ROMAN": mac_roman(),
        "SYMBOL": encoding_from_afm(sym),
        "ZAPF_DINGBATS": encoding_from_afm(zapf),
    }
    titles = {
        "STANDARD": "StandardEncoding",
        "WIN_ANSI": "WinAnsiEncoding",
        "MAC_ROMAN": "MacRomanEncoding",
        "SYMBOL": "the built-in encoding of Symbol",
        "ZAPF_DINGBATS": "the built-in encoding of ZapfDingbats",
    }
    for key, table in encodings.items():
        w("/// %s: glyph names by code, empty for an unused code." % titles[key])
        w("pub(crate) static %s: [&str; 256] = [" % key)
        for i in range(0, 256, 8):
            w("    " + " ".join(rs_str(n) + "," for n in table[i : i + 8]))
        w("];")
        w("")

    afm_tables = []
    for pdf_name, afm_name in STANDARD_14:
        bbox, glyphs = read_afm(afm_name)
        # Keep the glyphs a PDF can reach by a standard encoding or an AGLFN name.
        wanted = set(agl.AGL2UV)
        for table in encodings.values():
            wanted.update(table)
        by_name = {}
        for code, gname, width, gb in glyphs:
            if code >= 0 or gname in wanted:
                by_name.setdefault(gname, (width, gb))
        if "d" in by_name and "p" in by_name and pdf_name not in ("Symbol", "ZapfDingbats"):
            ascent = by_name["d"][1][3]
            descent = by_name["p"][1][1]
        else:
            ascent, descent = bbox[3], bbox[1]
        enc = "STANDARD"
        if pdf_name == "Symbol":
            enc = "SYMBOL"
        elif pdf_name == "ZapfDingbats":
            enc = "ZAPF_DINGBATS"
        ident = pdf_name.upper().replace("-", "_") + "_WIDTHS"
        w("static %s: &[(&str, u16)] = &[" % ident)
        for gname in sorted(by_name, key=lambda s: s.encode()):
            w("    (%s, %d)," % (rs_str(gname), by_name[gname][0]))
        w("];")
        w("")
        afm_tables.append((pdf_name, ascent, descent, ident, enc))
    w("/// The standard 14 fonts.")
    w("pub(crate) static STANDARD_14: [Afm; 14] = [")
    for pdf_name, ascent, descent, ident, enc in afm_tables:
        w(
            "    Afm { name: %s, ascent: %d, descent: %d, widths: %s, encoding: &%s },"
            % (rs_str(pdf_name), ascent, descent, ident, enc)
        )
    w("];")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
