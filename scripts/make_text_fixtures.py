#!/usr/bin/env python3
"""Generates the text-layer fixtures in fixtures/text/: tiny PDFs, each testing one way PDFs draw text.

Run from the repository root with a Python that has PyMuPDF and reportlab:
    /work/venv/bin/python scripts/make_text_fixtures.py
Most fixtures are written by hand with the small writer below (objects, streams, xref with
correct offsets), using the standard 14 font Helvetica with its real AFM widths in /Widths so
that poppler and woo-redact compute the same glyph positions. Output is deterministic.
The golden text files (<case>.txt, <case>.search.txt) are written by hand, not by this script.
All names are fictitious.
"""

import os
import sys

from reportlab.pdfbase import _fontdata

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures", "text")

HELV = _fontdata.widthsByFontGlyph["Helvetica"]

# WinAnsiEncoding code -> glyph name, for the codes the fixtures use.
WINANSI = {i: n for i, n in enumerate(_fontdata.encodings["WinAnsiEncoding"]) if n}


class Writer:
    """A minimal PDF writer: numbered objects, uncompressed streams, one classic xref table."""

    def __init__(self):
        self.objects = []  # bytes per object, index = number - 1

    def reserve(self):
        self.objects.append(None)
        return len(self.objects)

    def set(self, num, body):
        self.objects[num - 1] = body if isinstance(body, bytes) else body.encode("latin-1")

    def add(self, body):
        num = self.reserve()
        self.set(num, body)
        return num

    def stream(self, data, extra=""):
        if isinstance(data, str):
            data = data.encode("latin-1")
        head = f"<< /Length {len(data)} {extra} >>\nstream\n".encode("latin-1")
        return self.add(head + data + b"\nendstream")

    def write(self, path, root):
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(self.objects):
            offsets.append(len(out))
            out += f"{i + 1} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode()
        for off in offsets:
            out += f"{off:010d} 00000 n \n".encode()
        out += (
            f"trailer\n<< /Size {len(self.objects) + 1} /Root {root} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n"
        ).encode()
        with open(path, "wb") as f:
            f.write(out)


def pdf_string(data):
    """A literal string operand for bytes (escapes parentheses, backslash and non-printables)."""
    if isinstance(data, str):
        data = data.encode("cp1252")
    out = "("
    for b in data:
        c = chr(b)
        if c in "()\\":
            out += "\\" + c
        elif 32 <= b < 127:
            out += c
        else:
            out += f"\\{b:03o}"
    return out + ")"


def utf16_string(text):
    """A text string as UTF-16BE with BOM, hex-encoded."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def helvetica(w, encoding_obj=None, extra=""):
    """A Helvetica font dict with /Widths for codes 0..255 of its encoding (WinAnsi + differences)."""
    names = dict(WINANSI)
    enc = "/WinAnsiEncoding"
    if encoding_obj is not None:
        diffs = encoding_obj
        names.update(diffs)
        parts = []
        for code in sorted(diffs):
            parts.append(f"{code} /{diffs[code]}")
        enc = "<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [" + " ".join(parts) + "] >>"
    widths = " ".join(str(HELV.get(names.get(c, ""), 0)) for c in range(0, 256))
    return w.add(
        f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding {enc} "
        f"/FirstChar 0 /LastChar 255 /Widths [{widths}] {extra}>>"
    )


def tounicode(w, mapping, two_byte=False):
    """A ToUnicode CMap stream for code -> text."""
    if two_byte:
        space = "<0000> <FFFF>"
        fmt = "<{:04X}>"
    else:
        space = "<00> <FF>"
        fmt = "<{:02X}>"
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        f"1 begincodespacerange {space} endcodespacerange",
        f"{len(mapping)} beginbfchar",
    ]
    for code in sorted(mapping):
        lines.append(fmt.format(code) + " <" + mapping[code].encode("utf-16-be").hex().upper() + ">")
    lines += ["endbfchar", "endcmap CMapName currentdict /CMap defineresource pop end end"]
    return w.stream("\n".join(lines))


def finish(w, path, pages, media=(0, 0, 595, 842)):
    """Writes a document whose pages are (content_obj, resources_str, extra_page_keys)."""
    pages_num = w.reserve()
    kids = []
    for content, resources, extra in pages:
        kids.append(
            w.add(
                f"<< /Type /Page /Parent {pages_num} 0 R /MediaBox [{' '.join(map(str, media))}] "
                f"/Resources {resources} /Contents {content} 0 R {extra}>>"
            )
        )
    w.set(
        pages_num,
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>",
    )
    info = w.add("<< /Producer (woo-redact make_text_fixtures.py) >>")
    _ = info
    root = w.add(f"<< /Type /Catalog /Pages {pages_num} 0 R >>")
    w.write(path, root)


def lines_block(font, size, x, y, leading, lines):
    """BT ... ET drawing `lines` top-down with Tj and T*."""
    ops = [f"BT /{font} {size} Tf {leading} TL {x} {y} Td"]
    for i, line in enumerate(lines):
        if i:
            ops.append("T*")
        ops.append(f"{pdf_string(line)} Tj")
    ops.append("ET")
    return "\n".join(ops)


# ---------------------------------------------------------------- fixtures


def winansi_type1(path):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(path, pagesize=(595, 842), invariant=1, pageCompression=0)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 770, "Verslag commissie Ruimte en Wonen")
    c.setFont("Helvetica", 11)
    y = 740
    for line in [
        "Aanwezig: Noël van Doorn (voorzitter), René Cuijpers, Zoë Hoekstra",
        "De coördinator, mevrouw Anaïs Verbeek-Smit, licht het voorstel toe.",
        "Financiën: € 12.500 voor de ‘groene’ inrichting van het plein.",
    ]:
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.save()


def identity_h_subset(path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    lines = [
        "Besluitenlijst stadsdeelcommissie Zuid",
        "Inspreker: Ayşe Yılmaz over de herinrichting van het Łódźplein.",
        "Wethouder Luka Jurić zegt toe de bewoners te informeren.",
    ]
    y = 80
    for line in lines:
        page.insert_text((72, y), line, fontsize=11, fontname="DejaVu", fontfile=font)
        y += 16
    doc.subset_fonts()
    doc.save(path, garbage=4, deflate=True, no_new_id=True)


def differences(path):
    w = Writer()
    # Codes 1..6 and some printable codes are remapped to other glyphs.
    diffs = {1: "J", 2: "a", 3: "n", 4: "s", 5: "e", 35: "Z", 36: "o", 38: "edieresis"}
    f1 = helvetica(w, diffs)
    content = "\n".join(
        [
            lines_block("F1", 11, 72, 770, 16, ["Notulen van de wijkraad Oost"]),
            # "Voorzitter: Jansen" with the name drawn with remapped codes
            "BT /F1 11 Tf 72 754 Td (Voorzitter: ) Tj <010203040503> Tj ET",
            # "Notulist: Zoë Bakker" with Z, o, ë drawn by the printable codes #, $ and &
            "BT /F1 11 Tf 72 738 Td (Notulist: ) Tj (#$&) Tj ( Bakker) Tj ET",
        ]
    )
    c = w.stream(content)
    finish(w, path, [(c, f"<< /Font << /F1 {f1} 0 R >> >>", "")])


def tj_kerning(path):
    w = Writer()
    f1 = helvetica(w)
    # No space glyphs: words are separated by large negative adjustments only; small
    # kerning numbers sit inside words.
    content = "\n".join(
        [
            "BT /F1 12 Tf 72 770 Td",
            "[(V) 80 (erslag) -280 (van) -280 (de) -280 (v) 15 (ergadering) -280 (op) -280 (12) -280 (maart)] TJ",
            "0 -18 Td",
            "[(Aanw) 10 (ezig:) -300 (mevr) 20 (ouw) -300 (P) 40 (.) -300 (W) 60 (outers) -300 (en) -300 (de) -300 (heer) -300 (T) 70 (.) -300 (Y) 50 (ap)] TJ",
            "0 -18 Td",
            "[(De) -250 (voorzitter) -250 (opent) -250 (de) -250 (vergadering) -250 (om) -250 (19.30) -250 (uur.)] TJ",
            "ET",
        ]
    )
    c = w.stream(content)
    finish(w, path, [(c, f"<< /Font << /F1 {f1} 0 R >> >>", "")])


def tz_tc_tw_ts(path):
    w = Writer()
    f1 = helvetica(w)
    content = "\n".join(
        [
            "BT /F1 11 Tf 16 TL 72 770 Td",
            "75 Tz (Horizontaal geschaald: verslag van mevrouw H. Brouwer) Tj",
            "100 Tz T*",
            "0.8 Tc (Letterspatiering bij de heer D. Kuipers) Tj",
            "0 Tc T*",
            "6 Tw (Woordspatiering bij notulist S. Mulder) Tj",
            "0 Tw T*",
            "(Oppervlakte 120 m) Tj /F1 7 Tf 4 Ts (2) Tj /F1 11 Tf 0 Ts ( volgens J. Smits) Tj",
            "T* 0.5 Tc 3 Tw 90 Tz (Alles samen: wethouder E. Dekker) Tj",
            "ET",
        ]
    )
    c = w.stream(content)
    finish(w, path, [(c, f"<< /Font << /F1 {f1} 0 R >> >>", "")])


def rotated_page(path):
    w = Writer()
    f1 = helvetica(w)
    res = f"<< /Font << /F1 {f1} 0 R >> >>"
    # Page 1: MediaBox portrait, /Rotate 90; the content is drawn turned so that it reads
    # upright on the displayed (landscape) page, as landscape minutes usually are.
    p1 = w.stream(
        "\n".join(
            [
                "q 0 1 -1 0 0 0 cm",
                lines_block(
                    "F1",
                    11,
                    72,
                    -72,
                    16,
                    [
                        "Liggend verslag: overzicht van de insprekers",
                        "1. mevrouw G. Visser, bewoner van de Dapperbuurt",
                        "2. de heer M. Ouali, ondernemer op het plein",
                    ],
                ),
                "Q",
            ]
        )
    )
    # Page 2: a CropBox offset from the MediaBox.
    p2 = w.stream(
        lines_block(
            "F1",
            11,
            100,
            700,
            16,
            ["Bijgesneden pagina: vervolg", "Toezegging aan mevrouw C. de Boer is genoteerd."],
        )
    )
    # Page 3: /Rotate 90 with plain upright content, so the text runs down the displayed page.
    p3 = w.stream(
        lines_block("F1", 11, 72, 770, 16, ["Bijlage: presentielijst", "mevrouw J. Vos-Hamdi, secretaris"])
    )
    finish(
        w,
        path,
        [(p1, res, "/Rotate 90 "), (p2, res, "/CropBox [50 60 545 780] "), (p3, res, "/Rotate 90 ")],
    )


def form_xobject(path):
    w = Writer()
    f1 = helvetica(w)
    f2 = helvetica(w)
    form_content = lines_block("FX", 9, 0, 0, 11, ["Opgesteld door griffier R. van Leeuwen"])
    form = w.stream(
        form_content,
        f"/Type /XObject /Subtype /Form /BBox [-10 -10 400 30] /Matrix [1.2 0 0 1.2 5 0] "
        f"/Resources << /Font << /FX {f2} 0 R >> >>",
    )
    content = "\n".join(
        [
            "q 1 0 0 1 72 780 cm /Fm1 Do Q",
            lines_block("F1", 11, 72, 720, 16, ["Verslag van de raadsvergadering", "Inspreker: mevrouw F. Aydin"]),
            "q 1 0 0 1 72 60 cm /Fm1 Do Q",
        ]
    )
    c = w.stream(content)
    finish(w, path, [(c, f"<< /Font << /F1 {f1} 0 R >> /XObject << /Fm1 {form} 0 R >> >>", "")])


def type3(path):
    w = Writer()
    f1 = helvetica(w)

    def type3_font(names, scale, widths, tounicode_map=None):
        # Each glyph is a filled box the width of its advance (shapes do not matter here).
        procs = {}
        for n, wd in zip(names, widths):
            if n in procs:
                continue
            h = 700 if scale == 1 else 70
            procs[n] = w.stream(f"{wd} 0 0 0 {wd * 8 // 10} {h} d1\n{wd // 10} 0 {wd * 7 // 10} {h} re f")
        uniq = sorted(procs)
        codes = {n: 1 + i for i, n in enumerate(uniq)}
        diffs = "1 " + " ".join("/" + n for n in uniq)
        width_list = " ".join(str(widths[names.index(n)]) for n in uniq)
        fm = "0.001 0 0 0.001 0 0" if scale == 1 else "0.01 0 0 0.01 0 0"
        bbox = "0 -200 1000 800" if scale == 1 else "0 -20 100 80"
        tu = ""
        if tounicode_map is not None:
            tu = f"/ToUnicode {tounicode(w, {codes[n]: tounicode_map[n] for n in uniq})} 0 R"
        font = w.add(
            f"<< /Type /Font /Subtype /Type3 /FontBBox [{bbox}] /FontMatrix [{fm}] "
            f"/CharProcs << {' '.join(f'/{n} {procs[n]} 0 R' for n in uniq)} >> "
            f"/Encoding << /Type /Encoding /Differences [{diffs}] >> "
            f"/FirstChar 1 /LastChar {len(uniq)} /Widths [{width_list}] "
            f"/Resources << >> {tu} >>"
        )
        return font, codes

    # Font T1: standard glyph names, no ToUnicode, FontMatrix 0.001.
    word1 = "Bosman"
    names1 = [c for c in word1] + ["space", "D", "period"]
    t1, codes1 = type3_font(names1, 1, [600] * len(names1))
    s1 = bytes(codes1[c] for c in ["D", "period", "space"] + list(word1))
    # Font T2: private glyph names with a ToUnicode, FontMatrix 0.01.
    word2 = "Vermeulen"
    names2 = [f"g{ord(c):02x}" for c in word2]
    t2, codes2 = type3_font(names2, 10, [55] * len(names2), {f"g{ord(c):02x}": c for c in word2})
    s2 = bytes(codes2[f"g{ord(c):02x}"] for c in word2)
    content = "\n".join(
        [
            lines_block("F1", 11, 72, 770, 16, ["Verslag met een Type3-lettertype"]),
            f"BT /F1 11 Tf 72 750 Td (Voorzitter: ) Tj /T1 11 Tf <{s1.hex()}> Tj ET",
            f"BT /F1 11 Tf 72 730 Td (Secretaris: mevrouw ) Tj /T2 11 Tf <{s2.hex()}> Tj ET",
        ]
    )
    c = w.stream(content)
    finish(w, path, [(c, f"<< /Font << /F1 {f1} 0 R /T1 {t1} 0 R /T2 {t2} 0 R >> >>", "")])


def ligature(path):
    w = Writer()
    # Helvetica with two ligature glyphs at codes 200 (fi) and 201 (fl); the ToUnicode maps
    # them to "fi" and "fl", all other codes to their WinAnsi character.
    diffs = {200: "fi", 201: "fl"}
    mapping = {}
    for c in list(range(32, 127)) + list(range(160, 256)):
        mapping[c] = bytes([c]).decode("cp1252")
    mapping[200] = "fi"
    mapping[201] = "fl"
    tu = tounicode(w, mapping)
    f1 = helvetica(w, diffs, f"/ToUnicode {tu} 0 R ")
    fi = "\\310"
    fl = "\\311"
    content = "\n".join(
        [
            "BT /F1 11 Tf 16 TL 72 770 Td",
            f"(De grif{fi}er, mevrouw F. Grif{fi}oen, opent de vergadering.) Tj T*",
            f"(Op verzoek van de heer B. Scha{fl}and wordt het of{fi}ci\\353le verslag vastgesteld.) Tj T*",
            f"({fi}nanci\\353le paragraaf: mevrouw D. Duf{fi}eld vraagt naar de {fl}exibele regeling.) Tj",
            "ET",
        ]
    )
    c = w.stream(content)
    finish(w, path, [(c, f"<< /Font << /F1 {f1} 0 R >> >>", "")])


def actual_text(path):
    w = Writer()
    f1 = helvetica(w)
    # "Müller" drawn as M, u, a separate dieresis accent moved back over the u, then "ller":
    # the /ActualText says what the glyphs mean.
    back = (HELV["u"] + HELV["dieresis"]) / 2  # thousandths of an em, moves left
    forward = (HELV["u"] - HELV["dieresis"]) / 2  # moves right again after the accent
    content = "\n".join(
        [
            lines_block("F1", 11, 72, 770, 16, ["Verslag van de hoorzitting"]),
            "BT /F1 11 Tf 72 750 Td (Inspreker: mevrouw ) Tj",
            f"/Span << /ActualText {utf16_string('Müller')} >> BDC",
            "[(Mu)] TJ",
            f"[{back:g} (\\250) {-forward:g} (ller)] TJ",
            "EMC",
            "( vraagt om uitstel.) Tj ET",
            "BT /F1 11 Tf 72 734 Td (Voorzitter: ) Tj",
            f"/Span << /ActualText {utf16_string('Eva de Wit')} >> BDC (Eva de Wit) Tj EMC",
            "ET",
        ]
    )
    c = w.stream(content)
    finish(w, path, [(c, f"<< /Font << /F1 {f1} 0 R >> >>", "")])


def two_columns(path):
    w = Writer()
    f1 = helvetica(w)
    left = [
        "Agendapunt 3: verkeersveiligheid",
        "De heer A. Bakker vraagt naar de",
        "drempels in de Javastraat.",
        "De wethouder zegt onderzoek toe.",
    ]
    right = [
        "Agendapunt 4: rondvraag",
        "Mevrouw I. El Idrissi meldt",
        "overlast bij het speelveld.",
        "Dit wordt genoteerd.",
    ]
    content = "\n".join(
        [
            lines_block("F1", 10, 60, 760, 14, left),
            lines_block("F1", 10, 320, 760, 14, right),
        ]
    )
    c = w.stream(content)
    finish(w, path, [(c, f"<< /Font << /F1 {f1} 0 R >> >>", "")])


def hyphenated_name(path):
    w = Writer()
    f1 = helvetica(w)
    content = lines_block(
        "F1",
        11,
        72,
        770,
        15,
        [
            "Het woord is aan mevrouw A. Schimmelpen-",
            "ninck, die namens de bewoners spreekt. Ook de heer P. Verhoef-",
            "Boukhari vraagt het woord over de vergunning.",
        ],
    )
    c = w.stream(content)
    finish(w, path, [(c, f"<< /Font << /F1 {f1} 0 R >> >>", "")])


FIXTURES = [
    identity_h_subset,
    winansi_type1,
    differences,
    tj_kerning,
    tz_tc_tw_ts,
    rotated_page,
    form_xobject,
    type3,
    ligature,
    actual_text,
    two_columns,
    hyphenated_name,
]


def main():
    os.makedirs(OUT, exist_ok=True)
    for fx in FIXTURES:
        path = os.path.join(OUT, fx.__name__ + ".pdf")
        fx(path)
        size = os.path.getsize(path)
        print(f"{fx.__name__}.pdf {size} bytes")
        if size > 40_000:
            print(f"  too large: {size} bytes", file=sys.stderr)
            sys.exit(1)


if __name__ == "__main__":
    main()
