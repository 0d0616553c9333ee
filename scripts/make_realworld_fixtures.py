#!/usr/bin/env python3
"""Generate fixtures/realworld/*.pdf: small hand-written PDFs that reproduce what real files
(pdf.js, qpdf, pdfminer test files, Dutch government PDFs) did to woo-redact in issue 12.

Only the standard library is used (PDF bytes are written by hand), so the constructions are
exact: cycles, wrong /Length, indirect /Filter, broken xref sections. Encrypted variants are
made with qpdf (Debian package, installed by scripts/install-deps.sh) when it is present.

Every file carries the fictitious name "Jan Jansen" (after "Aanwezig:" or "Notulist:", where
detection finds it) and clean text that must survive. fixtures/realworld/README.md lists what
each file tests.

Run:  python3 scripts/make_realworld_fixtures.py
"""

import os
import shutil
import subprocess
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "realworld")

HELV = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
CLEAN = "Verslag van het overleg Jeugdzorg, 11 maart 2024."
NAMED = "Aanwezig: Jan Jansen, wethouder Meliani."


def b(s):
    return s.encode("latin-1") if isinstance(s, str) else s


def stream(dict_body, data, length=None, raw_length=None):
    """A stream object; `length` overrides /Length, `raw_length` is written verbatim."""
    data = b(data)
    if raw_length is not None:
        ln = raw_length
    else:
        ln = str(len(data) if length is None else length)
    head = f"<< {dict_body} /Length {ln} >>" if ln != "" else f"<< {dict_body} >>"
    return b(head) + b"\nstream\n" + data + b"\nendstream"


def flate(dict_body, data):
    z = zlib.compress(b(data))
    return stream(dict_body + " /Filter /FlateDecode", z)


class Pdf:
    """Objects numbered from 1 in list order; writes a classic xref table."""

    def __init__(self, objs, trailer="", version="1.7"):
        self.objs = [b(o) for o in objs]
        self.trailer = trailer
        self.version = version

    def build(self):
        out = bytearray(b"%PDF-" + b(self.version) + b"\n%\xe2\xe3\xcf\xd3\n")
        offs = []
        for i, o in enumerate(self.objs):
            offs.append(len(out))
            out += b(f"{i + 1} 0 obj\n") + o + b"\nendobj\n"
        x = len(out)
        out += b(f"xref\n0 {len(self.objs) + 1}\n0000000000 65535 f \n")
        for off in offs:
            out += b(f"{off:010} 00000 n \n")
        out += b(
            f"trailer\n<< /Size {len(self.objs) + 1} /Root 1 0 R {self.trailer}>>\n"
            f"startxref\n{x}\n%%EOF\n"
        )
        return bytes(out), offs


def text_ops(lines, x=72, y=770, size=11, lead=16):
    ops = [f"BT /F1 {size} Tf {lead} TL {x} {y} Td"]
    for i, line in enumerate(lines):
        ops.append(f"({line}) Tj" if i == 0 else f"({line}) '")
    ops.append("ET")
    return "\n".join(ops)


def one_page(content, resources="<< /Font << /F1 4 0 R >> >>", extra=(), page_extra="",
             catalog_extra=""):
    """catalog 1, pages 2, page 3, font 4, content 5, then `extra` objects from 6."""
    objs = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog_extra}>>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} "
        f"/Contents 5 0 R {page_extra}>>",
        HELV,
        content if isinstance(content, bytes) else stream("", content),
    ]
    return objs + list(extra)


def save(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def form(body, resources="4 0 R", bbox="0 0 595 842", matrix=""):
    m = f"/Matrix [{matrix}] " if matrix else ""
    return stream(f"/Type /XObject /Subtype /Form /BBox [{bbox}] {m}/Resources {resources}", body)


# ---------------------------------------------------------------- cycles (item 1)

def form_cycle():
    """Two Form XObjects that draw each other (the file that aborted the batch, exit 134)."""
    res = "6 0 R"
    content = text_ops([CLEAN, NAMED]) + "\n/Fa Do"
    objs = one_page(content, resources=res, extra=[
        "<< /Font << /F1 4 0 R >> /XObject << /Fa 7 0 R /Fb 8 0 R >> >>",
        form("BT /F1 11 Tf 72 600 Td (Formulier A: ingediend door de afdeling Jeugd.) Tj ET /Fb Do",
             resources=res),
        form("BT /F1 11 Tf 72 580 Td (Formulier B: behandeld in de raad.) Tj ET /Fa Do",
             resources=res),
    ])
    save("cycle_forms_draw_each_other.pdf", Pdf(objs).build()[0])


def form_self():
    """A Form XObject that draws itself, holding the name."""
    res = "6 0 R"
    objs = one_page(text_ops([CLEAN]) + "\n/Fs Do", resources=res, extra=[
        "<< /Font << /F1 4 0 R >> /XObject << /Fs 7 0 R >> >>",
        form("BT /F1 11 Tf 72 600 Td (Notulist: Jan Jansen) Tj ET /Fs Do", resources=res),
    ])
    save("cycle_form_draws_itself.pdf", Pdf(objs).build()[0])


def shared_resources():
    """Eight forms whose /Resources is the dictionary that lists them all (a common producer
    pattern); a naive walk of resources is 8^depth."""
    names = [f"/X{i} {7 + i} 0 R" for i in range(8)]
    res = "6 0 R"
    draws = " ".join(f"/X{i} Do" for i in range(8))
    forms = [
        form(f"BT /F1 9 Tf 72 {560 - 14 * i} Td (Bijlage {i + 1}: besluitenlijst.) Tj ET", resources=res)
        for i in range(8)
    ]
    forms[3] = form("BT /F1 9 Tf 72 518 Td (Notulist: Jan Jansen) Tj ET", resources=res)
    objs = one_page(text_ops([CLEAN]) + "\n" + draws, resources=res, extra=[
        "<< /Font << /F1 4 0 R >> /XObject << " + " ".join(names) + " >> >>",
    ] + forms)
    save("cycle_resources_list_themselves.pdf", Pdf(objs).build()[0])


def resources_self_reference():
    """A resource dictionary whose /XObject and /ExtGState entries are the dictionary itself, and
    a form whose /Resources is the form itself."""
    res = "6 0 R"
    objs = one_page(text_ops([CLEAN, NAMED]) + "\n/XObject Do /Fx Do /ExtGState gs", resources=res,
                    extra=[
                        "<< /Font << /F1 4 0 R >> /XObject 6 0 R /ExtGState 6 0 R "
                        "/Properties 6 0 R >>",
                    ])
    objs[5] = ("<< /Font << /F1 4 0 R >> /XObject << /Fx 7 0 R /Self 6 0 R >> /ExtGState 6 0 R "
               "/Properties 6 0 R >>")
    objs.append(form("BT /F1 11 Tf 72 600 Td (Bijlage: besluitenlijst.) Tj ET /Fx Do",
                     resources="7 0 R"))
    save("cycle_resources_self_reference.pdf", Pdf(objs).build()[0])


def kids_cycle():
    """/Kids of the page tree contains the tree itself."""
    objs = one_page(text_ops([CLEAN, NAMED]))
    objs[1] = "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 1 >>"
    save("cycle_pages_kids.pdf", Pdf(objs).build()[0])


def duplicate_kid():
    """The same page object listed twice in /Kids (qpdf: two pages, the second a copy)."""
    objs = one_page(text_ops([CLEAN, NAMED]))
    objs[1] = "<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>"
    save("pages_same_page_twice.pdf", Pdf(objs).build()[0])


def parent_self():
    """The page's /Parent is the page itself, and its /Resources are inherited from nowhere."""
    objs = one_page(text_ops([CLEAN, NAMED]))
    objs[2] = ("<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] "
               "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>")
    save("cycle_page_parent_self.pdf", Pdf(objs).build()[0])


def outline_loop():
    """Outline items whose /Next point at each other; one title holds the name."""
    objs = one_page(text_ops([CLEAN, NAMED]), catalog_extra="/Outlines 6 0 R ", extra=[
        "<< /Type /Outlines /First 7 0 R /Last 8 0 R /Count 2 >>",
        "<< /Title (Opening) /Parent 6 0 R /Next 8 0 R /Prev 8 0 R /First 7 0 R /Dest [3 0 R /Fit] >>",
        "<< /Title (Inbreng Jan Jansen) /Parent 6 0 R /Next 7 0 R /Prev 7 0 R /Dest [3 0 R /Fit] >>",
    ])
    save("cycle_outline_loop.pdf", Pdf(objs).build()[0])


def struct_cycle():
    """A structure tree whose element's /K points back to its parent."""
    content = ("/P <</MCID 0>> BDC\n" + text_ops([CLEAN, NAMED]) + "\nEMC")
    objs = one_page(content, catalog_extra="/StructTreeRoot 6 0 R /MarkInfo << /Marked true >> ",
                    page_extra="/StructParents 0", extra=[
                        "<< /Type /StructTreeRoot /K 7 0 R >>",
                        "<< /Type /StructElem /S /Document /P 6 0 R /K [8 0 R] >>",
                        "<< /Type /StructElem /S /P /P 7 0 R /Pg 3 0 R /K [0 7 0 R 8 0 R] "
                        "/Alt (Jan Jansen) >>",
                    ])
    save("cycle_struct_tree.pdf", Pdf(objs).build()[0])


def field_kids_cycle():
    """AcroForm fields whose /Kids contain their parent."""
    objs = one_page(text_ops([CLEAN, NAMED]), catalog_extra="/AcroForm << /Fields [6 0 R] >> ",
                    extra=[
                        "<< /T (groep) /Kids [7 0 R] >>",
                        "<< /T (sub) /Parent 6 0 R /Kids [6 0 R] >>",
                    ])
    save("cycle_field_kids.pdf", Pdf(objs).build()[0])


def deep_forms(depth=400):
    """Form XObjects nested `depth` deep without a cycle (independent extractors recurse)."""
    first = 7
    res_objs, forms = [], []
    for i in range(depth):
        fid = first + 2 * i
        rid = fid + 1
        if i + 1 < depth:
            res_objs.append((rid, f"<< /Font << /F1 4 0 R >> /XObject << /N {fid + 2} 0 R >> >>"))
            body = "/N Do"
        else:
            res_objs.append((rid, "<< /Font << /F1 4 0 R >> >>"))
            body = "BT /F1 11 Tf 72 600 Td (Bijlage: besluitenlijst.) Tj ET"
        forms.append((fid, form(body, resources=f"{rid} 0 R")))
    objs = one_page(text_ops([CLEAN, NAMED]) + "\n/N Do",
                    resources="<< /Font << /F1 4 0 R >> /XObject << /N 7 0 R >> >>",
                    extra=["<< >>"])
    table = dict(forms + res_objs)
    for n in range(first, first + 2 * depth):
        objs.append(table[n])
    save("deep_forms_400.pdf", Pdf(objs).build()[0])


# ---------------------------------------------------------------- keep what is visible (item 2)

def appearance(text, w, h, size=10):
    return stream(f"/Type /XObject /Subtype /Form /BBox [0 0 {w} {h}] "
                  "/Resources << /Font << /Helv 4 0 R >> >>",
                  f"/Tx BMC q BT /Helv {size} Tf 0 g 2 {h / 2 - size / 3:.2f} Td ({text}) Tj ET Q EMC")


def form_fields():
    """A filled-in form: field values exist only in widget appearance streams (and /V).
    One value is a name (redacted), the others are public (must stay visible)."""
    content = text_ops([CLEAN, "Aanvraagformulier subsidie"]) + (
        "\nBT /F1 10 Tf 72 700 Td (Naam aanvrager:) Tj 0 -30 Td (Gemeente:) Tj "
        "0 -30 Td (Bedrag:) Tj ET")
    content += "\nBT /F1 10 Tf 72 610 Td (Akkoord met de voorwaarden:) Tj ET"
    # Tagged, as Word exports forms: the structure tree points at the widgets (OBJR).
    objs = one_page(content, page_extra="/Annots [6 0 R 7 0 R 8 0 R 12 0 R] /StructParents 0",
                    catalog_extra="/StructTreeRoot 15 0 R /MarkInfo << /Marked true >> "
                                  "/AcroForm << /Fields [6 0 R 7 0 R 8 0 R 12 0 R] "
                                  "/DR << /Font << /Helv 4 0 R >> >> /DA (/Helv 10 Tf 0 g) >> ",
                    extra=[
                        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (naam) /V (Jan Jansen) "
                        "/Rect [180 692 400 710] /F 4 /P 3 0 R /AP << /N 9 0 R >> >>",
                        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (gemeente) /V (Utrecht) "
                        "/Rect [180 662 400 680] /F 4 /P 3 0 R /AP << /N 10 0 R >> >>",
                        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (bedrag) /V (EUR 12.500) "
                        "/Rect [180 632 400 650] /F 4 /P 3 0 R /AP << /N 11 0 R >> >>",
                        appearance("Jan Jansen", 220, 18),
                        appearance("Utrecht", 220, 18),
                        appearance("EUR 12.500", 220, 18),
                        # A checkbox: its appearance is chosen by /AS among the states of /AP /N.
                        "<< /Type /Annot /Subtype /Widget /FT /Btn /T (akkoord) /V /Ja /AS /Ja "
                        "/Rect [250 604 264 618] /F 4 /P 3 0 R /AP << /N << /Ja 13 0 R /Off 14 0 R >> >> >>",
                        stream("/Type /XObject /Subtype /Form /BBox [0 0 14 14] "
                               "/Resources << /Font << /Helv 4 0 R >> >>",
                               "0 g 1 w 0.5 0.5 13 13 re S BT /Helv 12 Tf 3 3 Td (X) Tj ET"),
                        stream("/Type /XObject /Subtype /Form /BBox [0 0 14 14]",
                               "0 g 1 w 0.5 0.5 13 13 re S"),
                        "<< /Type /StructTreeRoot /K [16 0 R] >>",
                        "<< /Type /StructElem /S /Form /P 15 0 R /Pg 3 0 R "
                        "/K [<< /Type /OBJR /Obj 6 0 R /Pg 3 0 R >> << /Type /OBJR /Obj 7 0 R >>] >>",
                    ])
    save("form_fields_filled.pdf", Pdf(objs).build()[0])


def form_fields_without_appearances():
    """A form filled by a tool that set /NeedAppearances and wrote no appearance streams: the
    viewer draws each value from /V and /DA (one value is UTF-16BE)."""
    content = text_ops([CLEAN, "Aanvraagformulier subsidie"]) + (
        "\nBT /F1 10 Tf 72 700 Td (Naam aanvrager:) Tj 0 -30 Td (Gemeente:) Tj "
        "0 -30 Td (Locatie:) Tj ET")
    cafe = "<FEFF" + "Café Noord".encode("utf-16-be").hex().upper() + ">"
    objs = one_page(content, page_extra="/Annots [6 0 R 7 0 R 8 0 R]",
                    catalog_extra="/AcroForm << /Fields [6 0 R 7 0 R 8 0 R] /NeedAppearances true "
                                  "/DR << /Font << /Helv 4 0 R >> >> /DA (/Helv 0 Tf 0 g) >> ",
                    extra=[
                        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (naam) /V (Jan Jansen) "
                        "/DA (/Helv 10 Tf 0 g) /Rect [180 692 400 710] /F 4 /P 3 0 R >>",
                        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (gemeente) /V (Utrecht) "
                        "/Rect [180 662 400 680] /F 4 /P 3 0 R >>",
                        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (locatie) /V " + cafe + " "
                        "/DA (/Helv 10 Tf 0 g) /Rect [180 632 400 650] /F 4 /P 3 0 R >>",
                    ])
    save("form_fields_without_appearances.pdf", Pdf(objs).build()[0])


def visible_annotations():
    """A FreeText comment and a stamp with appearances (visible content), a hidden one that
    must not appear, and a sticky note whose text is only in /Contents."""
    content = text_ops([CLEAN, "Opmerkingen van de commissie staan in de kantlijn."])
    ft = stream("/Type /XObject /Subtype /Form /BBox [0 0 250 40] "
                "/Resources << /Font << /Helv 4 0 R >> >>",
                "q 1 1 0.8 rg 0 0 250 40 re f 0 g BT /Helv 10 Tf 4 24 Td "
                "(Notulist: Jan Jansen) Tj 0 -13 Td (akkoord met de planning.) Tj ET Q")
    stamp = stream("/Type /XObject /Subtype /Form /BBox [0 0 120 30] "
                   "/Resources << /Font << /Helv 4 0 R >> >>",
                   "q 0.8 0 0 RG 2 w 2 2 116 26 re S 0.8 0 0 rg BT /Helv 14 Tf 14 10 Td "
                   "(GOEDGEKEURD) Tj ET Q")
    hidden = stream("/Type /XObject /Subtype /Form /BBox [0 0 100 20] "
                    "/Resources << /Font << /Helv 4 0 R >> >>",
                    "BT /Helv 9 Tf 2 6 Td (verborgen) Tj ET")
    objs = one_page(content, page_extra="/Annots [6 0 R 7 0 R 8 0 R 9 0 R]", extra=[
        "<< /Type /Annot /Subtype /FreeText /Rect [300 600 550 640] /F 4 "
        "/Contents (Notulist: Jan Jansen, akkoord met de planning.) /DA (/Helv 10 Tf 0 g) "
        "/AP << /N 10 0 R >> >>",
        "<< /Type /Annot /Subtype /Stamp /Rect [72 600 192 630] /F 4 /Name /Approved "
        "/AP << /N 11 0 R >> >>",
        "<< /Type /Annot /Subtype /Square /Rect [72 500 172 520] /F 2 /AP << /N 12 0 R >> >>",
        "<< /Type /Annot /Subtype /Text /Rect [560 780 580 800] /F 4 "
        "/Contents (Nagebeld door Jan Jansen) >>",
        ft, stamp, hidden,
    ])
    save("annotations_visible.pdf", Pdf(objs).build()[0])


def image_panel():
    """A 510 x 227 pt title panel image with white title text on it, and a name whose box
    touches the panel (the image was dropped whole, leaving white-on-white text)."""
    w, h = 102, 45
    rows = []
    for y in range(h):
        row = bytearray([0])  # PNG-style filter byte is not used: raw RGB rows
        row = bytearray()
        for x in range(w):
            row += bytes([20, 60 + (x * 100) // w, 140])
        rows.append(bytes(row))
    img = zlib.compress(b"".join(rows))
    image = stream(f"/Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceRGB "
                   "/BitsPerComponent 8 /Filter /FlateDecode", img)
    content = (
        "q 510 0 0 227 42 560 cm /Im1 Do Q\n"
        "BT 1 g /F1 24 Tf 70 680 Td (Jaarverslag Jeugdzorg 2024) Tj "
        "/F1 12 Tf 0 -30 Td (Gemeente Utrecht, afdeling Samenleving) Tj ET\n"
        "BT 0 g /F1 11 Tf 72 553 Td (Notulist: Jan Jansen, team Jeugd.) Tj "
        "0 -16 Td (Verslag van het overleg Jeugdzorg, 11 maart 2024.) Tj ET"
    )
    objs = one_page(content, resources="<< /Font << /F1 4 0 R >> /XObject << /Im1 6 0 R >> >>",
                    extra=[image])
    save("image_panel_small_box.pdf", Pdf(objs).build()[0])


def wrong_length():
    """Content streams whose /Length is wrong: too short, too long, missing, and an indirect
    /Length pointing at a wrong number (poppler and qpdf scan to `endstream`)."""
    content = text_ops([CLEAN, NAMED, "De vergadering wordt om 21.00 uur gesloten."])
    for name, kw in [
        ("wrong_length_short.pdf", dict(length=20)),
        ("wrong_length_long.pdf", dict(length=len(content) + 400)),
        ("wrong_length_missing.pdf", dict(raw_length="")),
        ("wrong_length_indirect.pdf", dict(raw_length="6 0 R")),
    ]:
        extra = ["7"] if name.endswith("indirect.pdf") else []
        objs = one_page(stream("", content, **kw), extra=extra)
        save(name, Pdf(objs).build()[0])


# ---------------------------------------------------------------- damaged and odd files (item 3)

def indirect_filter():
    """/Filter and /DecodeParms as indirect objects (qpdf and poppler read them)."""
    content = text_ops([CLEAN, NAMED])
    z = zlib.compress(b(content))
    s = b("<< /Filter 6 0 R /DecodeParms 7 0 R /Length 8 0 R >>\nstream\n") + z + b"\nendstream"
    objs = one_page(s, extra=["/FlateDecode", "null", str(len(z))])
    save("indirect_filter.pdf", Pdf(objs).build()[0])
    z2 = zlib.compress(b(content))
    s2 = b("<< /Filter [6 0 R] /DecodeParms [null] /Length 7 0 R >>\nstream\n") + z2 + b"\nendstream"
    objs = one_page(s2, extra=["/FlateDecode", str(len(z2))])
    save("indirect_filter_array.pdf", Pdf(objs).build()[0])


def broken_incremental_xref():
    """Two pages, then an incremental update that rewrites page 2's content; the update's
    xref section gives page 2's object the offset of page 1 (both page entries then name the
    same page). qpdf notices that the object found there is a different one and rebuilds."""
    p1 = text_ops(["Pagina 1: " + CLEAN, NAMED])
    p2 = text_ops(["Pagina 2: besluitenlijst.", "Notulist: Piet de Boer"])
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>",
        HELV,
        stream("", p1),
        stream("", p2),
    ]
    base, offs = Pdf(objs).build()
    start_base = base.rfind(b"startxref")
    base_xref = int(base[start_base:].split()[1])
    out = bytearray(base)
    upd_content = text_ops(["Pagina 2 (herzien): besluitenlijst.", "Notulist: Piet de Boer"])
    o4 = len(out)
    out += b"4 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 8 0 R >>\nendobj\n"
    o8 = len(out)
    out += b"8 0 obj\n" + stream("", upd_content) + b"\nendobj\n"
    x = len(out)
    # Broken: object 4's entry points at object 3 (page 1) instead of the new object 4.
    out += b(f"xref\n0 1\n0000000000 65535 f \n4 1\n{offs[2]:010} 00000 n \n8 1\n{o8:010} 00000 n \n")
    out += b(f"trailer\n<< /Size 9 /Root 1 0 R /Prev {base_xref} >>\nstartxref\n{x}\n%%EOF\n")
    _ = o4
    save("broken_incremental_xref.pdf", bytes(out))


def broken_xref_harmless():
    """An xref entry of an object no page uses points at another object: the written and the
    rebuilt readings give the same pages, so the file is read."""
    objs = one_page(text_ops([CLEAN, NAMED]), extra=["(ongebruikt)"])
    data, offs = Pdf(objs).build()
    # Entry 6 (the unused string) gets the offset of object 4 (the font).
    good = f"{offs[5]:010} 00000 n ".encode()
    bad = f"{offs[3]:010} 00000 n ".encode()
    assert data.count(good) == 1
    save("broken_xref_harmless.pdf", data.replace(good, bad))


def encryption():
    """Files refused as "needs a password" that qpdf opens: /Encrypt null in the trailer, an
    /Encrypt key only in an earlier revision's trailer replaced by a later one without it; and
    (with qpdf) empty user passwords in RC4-128 and AES-256."""
    objs = one_page(text_ops([CLEAN, NAMED]))
    data, _ = Pdf(objs, trailer="/Encrypt null ").build()
    save("encrypt_null.pdf", data)
    data, _ = Pdf(objs, trailer="/Encrypt 99 0 R ").build()
    save("encrypt_missing_object.pdf", data)
    plain, _ = Pdf(objs).build()
    save("_plain.pdf", plain)
    if shutil.which("qpdf"):
        src = os.path.join(OUT, "_plain.pdf")
        for name, args in [("encrypted_empty_user_rc4.pdf", ["128", "--use-aes=n"]),
                           ("encrypted_empty_user_aes256.pdf", ["256"])]:
            subprocess.run(["qpdf", "--allow-weak-crypto", "--encrypt", "", "eigenaar"] + args +
                           ["--", src, os.path.join(OUT, name)], check=True)
        subprocess.run(["qpdf", "--encrypt", "geheim", "eigenaar", "256", "--",
                        src, os.path.join(OUT, "encrypted_needs_password.pdf")], check=True)
    os.remove(os.path.join(OUT, "_plain.pdf"))


def clean_neighbour():
    """An ordinary file that must be redacted in the same batch as the hostile ones."""
    objs = one_page(text_ops([CLEAN, NAMED, "De vergadering wordt om 21.00 uur gesloten."]))
    save("ordinary_minutes.pdf", Pdf(objs).build()[0])


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in [form_cycle, form_self, shared_resources, resources_self_reference, duplicate_kid, kids_cycle, parent_self, outline_loop,
              struct_cycle, field_kids_cycle, deep_forms, form_fields, visible_annotations,
              image_panel, wrong_length, indirect_filter, broken_incremental_xref,
              broken_xref_harmless, encryption,
              clean_neighbour, form_fields_without_appearances]:
        f()
    print("written:", ", ".join(sorted(os.listdir(OUT))))


if __name__ == "__main__":
    main()
