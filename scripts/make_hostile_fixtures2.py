#!/usr/bin/env python3
"""Generate fixtures/leaks2/*.pdf and fixtures/leaks2/truth.json: a second hostile corpus in the
spirit of fixtures/leaks/ (same visible page, same truth.json format) whose hidden names sit in
channels the first corpus does not cover: content-stream syntax the interpreter may skip or read
differently (PS operator, comments, DP/BDC property lists, inline-image dictionaries, odd hex,
backslash-EOL, unknown escapes), glyphs whose shape and extracted text disagree (embedded
TrueType with a permuted cmap, Type3 bitmap glyphs named after other letters, /ActualText,
CGJ), geometry (Tz 1, Ts off the page, clip, a form drawn twice rotated, a name split across a
form boundary), pixels no text layer carries (sampled-function shading, the clipped or masked
part of an image, /Alternates) and byte payloads of kept resources (ICC desc tag, JPEG COM,
TrueType name table, OPI, image XMP, CMap comments/names, link actions).

Reuses the Doc builder of scripts/make_hostile_fixtures.py.

    python3 scripts/make_hostile_fixtures2.py            # rewrites fixtures/leaks2/
"""

import io
import json
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_hostile_fixtures as H  # noqa: E402
from make_hostile_fixtures import (Doc, d, arr, ref, pstr, tline, tlen, w1000, HY, Y0, VISIBLE,  # noqa: E402
                                   VISIBLE_NAMES, DEJAVU, text_image, xmp, annot, ident_map)
from fontTools import subset as ft_subset  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

OUT = os.path.normpath(os.path.join(HERE, "..", "fixtures", "leaks2"))
FIXTURES = []


def fixture(file, cls, desc, name):
    def deco(fn):
        FIXTURES.append((file, cls, desc, name, fn))
        return fn
    return deco


PRE = "Tevens aanwezig: mevrouw "


def rot13(s):
    out = ""
    for c in s:
        if "a" <= c <= "z":
            out += chr((ord(c) - 97 + 13) % 26 + 97)
        elif "A" <= c <= "Z":
            out += chr((ord(c) - 65 + 13) % 26 + 65)
        else:
            out += c
    return out


def image_obj(doc, im, extra=None, jpeg=None):
    """An image XObject from a PIL image (Flate, or DCT when jpeg bytes are given)."""
    gray = im.mode == "L"
    e = {"Type": "/XObject", "Subtype": "/Image", "Width": str(im.width), "Height": str(im.height),
         "ColorSpace": "/DeviceGray" if gray else "/DeviceRGB", "BitsPerComponent": "8"}
    if jpeg is not None:
        data = jpeg
        e["Filter"] = "/DCTDecode"
    else:
        data = zlib.compress(im.tobytes(), 9)
        e["Filter"] = "/FlateDecode"
    if extra:
        e.update(extra)
    e["Length"] = str(len(data))
    return doc.add(d(e).encode("latin-1") + b"\nstream\n" + data + b"\nendstream")


# ---- h: geometry ---------------------------------------------------------------------
@fixture("h01_form_twice_rotated.pdf", "h", "one Form XObject showing the name drawn twice: upright at the hidden line and rotated 180 degrees as an upside-down footer", "Annelies Vonk")
def _(doc, n):
    fx = doc.form(tline(0, 5, PRE + n + "."), bbox="[0 0 300 20]")
    doc.res["XObject"]["Fx1"] = ref(fx)
    doc.content.append(f"q 1 0 0 1 72 {HY - 5} cm /Fx1 Do Q\n")
    doc.content.append("q -1 0 0 -1 450 80 cm /Fx1 Do Q\n")


@fixture("h02_split_form_boundary.pdf", "h", "the surname split across a Form boundary: 'Gerrit Lu' on the page, 'bach.' in a Form XObject drawn right after it on the same baseline", "Gerrit Lubach")
def _(doc, n):
    pre = "Tevens aanwezig: de heer "
    head, tail = n[:-4], n[-4:] + "."
    fx = doc.form(tline(0, 0, tail), bbox="[0 -5 100 20]")
    doc.res["XObject"]["Fx1"] = ref(fx)
    x2 = 72 + tlen(pre + head)
    doc.content.append(tline(72, HY, pre + head) + f"q 1 0 0 1 {x2:.2f} {HY} cm /Fx1 Do Q\n")


@fixture("h03_tz_squeezed.pdf", "h", "the name drawn with 1 Tz (horizontal scaling 1%) after a visible cue: squeezed to under 1 pt wide", "Loes Mertens")
def _(doc, n):
    doc.content.append(tline(72, HY, PRE) +
                       f"BT /F1 11 Tf 1 Tz {72 + tlen(PRE):.2f} {HY} Td {pstr(n + '.')} Tj 100 Tz ET\n")


@fixture("h04_text_rise_offpage.pdf", "h", "the name after a visible cue in the same BT, raised 3000 pt by Ts (off the page, above the MediaBox)", "Jochem Sieders")
def _(doc, n):
    pre = "Tevens aanwezig: de heer "
    doc.content.append(f"BT /F1 11 Tf 72 {HY} Td {pstr(pre)} Tj 3000 Ts {pstr(n)} Tj 0 Ts (.) Tj ET\n")


@fixture("h05_clip_path_away.pdf", "h", "the hidden line drawn inside a 1x1 pt clip path (re W n) in a corner: in the content, never painted", "Evert Hagedoorn")
def _(doc, n):
    doc.content.append("q 0 0 1 1 re W n\n" + tline(72, HY, "Tevens aanwezig: de heer " + n + ".") + "Q\n")


# ---- i: glyph shape vs. extracted text -------------------------------------------------
def letter_bitmap(ch, adv):
    """A 1-bit image (PIL mode '1') of ch: adv/10 px wide, 100 px high, baseline 80 px down."""
    w = max(1, round(adv / 10))
    im = Image.new("L", (w, 100), 255)
    ImageDraw.Draw(im).text((0, 80), ch, fill=0, font=ImageFont.truetype(DEJAVU, 100), anchor="ls")
    return im.point(lambda v: 0 if v < 128 else 255).convert("1")


@fixture("i01_type3_bitmap_rot13.pdf", "i", "a Type3 font whose glyph procedures are image masks of the real letters but whose /Differences glyph names (no ToUnicode) are the ROT13 letters: the page shows the name, text extraction gives its ROT13", "Carla Jongsma")
def _(doc, n):
    f = TTFont(DEJAVU)
    cmap = f.getBestCmap()
    upm = f["head"].unitsPerEm
    procs, diffs, widths = {}, {}, {}
    for ch in sorted(set(n)):
        if ch == " ":
            continue
        adv = round(f["hmtx"][cmap[ord(ch)]][0] * 1000 / upm)
        bm = letter_bitmap(ch, adv)
        hexdata = bm.tobytes().hex().upper() + ">"
        code = ord(rot13(ch))
        gname = rot13(ch)
        proc = (f"{adv} 0 0 -200 {adv} 800 d1\nq {adv} 0 0 1000 0 -200 cm\n"
                f"BI /IM true /W {bm.width} /H {bm.height} /BPC 1 /F /AHx ID\n{hexdata}\nEI Q\n")
        procs[gname] = doc.stream({}, proc)
        diffs[code] = gname
        widths[code] = adv
    procs["space"] = doc.stream({}, "318 0 0 0 0 0 d1\n")
    diffs[32] = "space"
    widths[32] = 318
    wl = " ".join(str(widths.get(c, 0)) for c in range(32, 123))
    t3 = doc.add(d({"Type": "/Font", "Subtype": "/Type3", "FontBBox": "[0 -200 1000 800]",
                    "FontMatrix": "[0.001 0 0 0.001 0 0]",
                    "CharProcs": "<< " + " ".join(f"/{g} {ref(p)}" for g, p in sorted(procs.items())) + " >>",
                    "Encoding": "<< /Type /Encoding /Differences [" + " ".join(f"{c} /{g}" for c, g in sorted(diffs.items())) + "] >>",
                    "FirstChar": "32", "LastChar": "122", "Widths": f"[{wl}]", "Resources": "<< >>"}))
    doc.res["Font"]["T3"] = ref(t3)
    doc.content.append(tline(72, HY, PRE) + f"BT /T3 11 Tf {72 + tlen(PRE):.2f} {HY} Td {pstr(rot13(n))} Tj ET\n")


@fixture("i02_actualtext_masks_glyphs.pdf", "i", "the glyphs draw 'mevrouw <name>' inside /Span << /ActualText (de secretaris) >> BDC: extractors that honour ActualText read no name, the page shows it", "Diederik Pauw")
def _(doc, n):
    pre = "Tevens aanwezig: "
    doc.content.append(tline(72, HY, pre) + "/Span << /ActualText (de secretaris) >> BDC\n"
                       + tline(72 + tlen(pre), HY, "de heer " + n) + "EMC\n")


@fixture("i03_actualtext_holds_name.pdf", "i", "the glyphs draw 'de secretaris' but its /Span /ActualText (UTF-16) is 'mevrouw <name>'", "Fenna Rutgers")
def _(doc, n):
    pre = "Tevens aanwezig: "
    doc.content.append(tline(72, HY, pre) + f"/Span << /ActualText {H.ustr('mevrouw ' + n)} >> BDC\n"
                       + tline(72 + tlen(pre), HY, "de secretaris") + "EMC\n")


@fixture("i04_truetype_cmap_cipher.pdf", "i", "an embedded TrueType (DejaVu subset, WinAnsi) whose own (3,1)/(1,0) cmap sends each ROT13 letter to the real letter's glyph: the page shows the name, every extractor reads its ROT13", "Geert Overbeek")
def _(doc, n):
    f = TTFont(DEJAVU, recalcTimestamp=False)
    opts = ft_subset.Options()
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.layout_features = []
    s = ft_subset.Subsetter(opts)
    s.populate(text=n)
    s.subset(f)
    base = f.getBestCmap()
    newmap = {ord(rot13(ch)): base[ord(ch)] for ch in set(n)}
    for t in f["cmap"].tables:
        t.cmap = dict(newmap)
    buf = io.BytesIO()
    f.save(buf)
    ttf = buf.getvalue()
    upm = f["head"].unitsPerEm
    widths = []
    for c in range(32, 123):
        g = newmap.get(c)
        widths.append(round(f["hmtx"][g][0] * 1000 / upm) if g else 0)
    ff = doc.stream({"Length1": str(len(ttf))}, ttf, compress=True)
    fd = doc.add(d({"Type": "/FontDescriptor", "FontName": "/QHXKRT+DejaVuSans", "Flags": "32",
                    "FontBBox": "[-1021 -463 1793 1232]", "ItalicAngle": "0", "Ascent": "928",
                    "Descent": "-236", "CapHeight": "729", "StemV": "80", "FontFile2": ref(ff)}))
    doc.res["Font"]["F2"] = ref(doc.add(d({"Type": "/Font", "Subtype": "/TrueType", "BaseFont": "/QHXKRT+DejaVuSans",
                                            "FirstChar": "32", "LastChar": "122",
                                            "Widths": "[" + " ".join(map(str, widths)) + "]",
                                            "FontDescriptor": ref(fd), "Encoding": "/WinAnsiEncoding"})))
    pre = "Tevens aanwezig: de heer "
    doc.content.append(tline(72, HY, pre) + tline(72 + tlen(pre), HY, rot13(n), font="F2"))


@fixture("i05_cgj_in_surname.pdf", "i", "an empty zero-width code inside the surname whose ToUnicode is U+034F COMBINING GRAPHEME JOINER (not a format character, survives NFKC)", "Hilde Nauta")
def _(doc, n):
    i = n.index(" ") + 3
    H.tu_font_line(doc, n, {0x7F: "\u034f"}, n[:i] + "\x7f" + n[i:], diffs={0x7F: (".notdef", 0)})


# ---- j: content-stream syntax --------------------------------------------------------
@fixture("j01_ps_operator.pdf", "j", "a PostScript pass-through operator in the page content: (Notulist: mevrouw <name>) PS", "Ivo Steenbergen")
def _(doc, n):
    doc.content.append(f"{pstr('Notulist: de heer ' + n)} PS\n")


@fixture("j02_content_comment.pdf", "j", "a % comment line in the page content stream naming the person", "Janneke Hoeks")
def _(doc, n):
    doc.content.append(f"% Notulist: mevrouw {n}\n")


@fixture("j03_inline_image_dict_string.pdf", "j", "an inline image (1x1 gray) whose dictionary carries a private key /Naam (mevrouw <name>)", "Kasper Drenth")
def _(doc, n):
    doc.content.append(f"q 4 0 0 4 500 500 cm\nBI /W 1 /H 1 /BPC 8 /CS /G /Naam {pstr('de heer ' + n)} ID \xff\nEI\nQ\n")


@fixture("j04_dp_property_list.pdf", "j", "a marked-content point with an inline property list: /Opmerking << /Auteur (<name>) >> DP", "Liesbeth Mooij")
def _(doc, n):
    doc.content.append(f"/Opmerking << /Auteur {pstr('mevrouw ' + n)} >> DP\n")


@fixture("j05_form_span_lang.pdf", "j", "a Form XObject (drawn, innocent text) whose /Span BDC property list has /Lang (nl-NL-x-<name>)", "Maurits Engels")
def _(doc, n):
    fx = doc.form(f"/Span << /Lang {pstr('nl-NL-x-' + n)} >> BDC\n" + tline(0, 5, "Actiepunten worden per e-mail rondgestuurd.") + "EMC\n",
                  bbox="[0 0 400 20]")
    doc.res["XObject"]["Fx1"] = ref(fx)
    doc.content.append(f"q 1 0 0 1 72 {HY - 5} cm /Fx1 Do Q\n")


@fixture("j06_hex_odd_digits.pdf", "j", "the name shown with a hex string of odd length (<...7>): the last digit is padded with 0 to give the final p", "Lisanne Stoop")
def _(doc, n):
    hx = n.encode("latin-1").hex().upper()
    assert hx.endswith("70")
    doc.content.append(tline(72, HY, PRE) + f"BT /F1 11 Tf {72 + tlen(PRE):.2f} {HY} Td <{hx[:-1]}> Tj ET\n")


@fixture("j07_backslash_eol_octal.pdf", "j", "the name in a literal string with octal escapes and a backslash-CR-LF line continuation inside the surname", "Nienke Valk")
def _(doc, n):
    first, last = n.split(" ")
    s = "(" + "".join("\\%03o" % ord(c) for c in first) + " " + last[:2] + "\\\r\n" + last[2:] + ".)"
    doc.content.append(tline(72, HY, PRE) + f"BT /F1 11 Tf {72 + tlen(PRE):.2f} {HY} Td {s} Tj ET\n")


@fixture("j08_unknown_escape.pdf", "j", "the name in a literal string with undefined escapes (\\O, \\o): the backslash is to be ignored", "Otto Reijnders")
def _(doc, n):
    s = "(" + n.replace("O", "\\O").replace("o", "\\o") + ".)"
    pre = "Tevens aanwezig: de heer "
    doc.content.append(tline(72, HY, pre) + f"BT /F1 11 Tf {72 + tlen(pre):.2f} {HY} Td {s} Tj ET\n")


# ---- k: pixels no text layer carries ---------------------------------------------------
@fixture("k01_shading_sampled_bitmap.pdf", "k", "a function-based shading (ShadingType 1) whose sampled function (Type 0) is a bitmap of 'Paraaf: mevrouw <name>', painted with sh", "Pauline Tuin")
def _(doc, n):
    im = text_image("Paraaf: mevrouw " + n).convert("L").resize((600, 40), Image.LANCZOS)
    data = im.transpose(Image.FLIP_TOP_BOTTOM).tobytes()
    fn = doc.stream({"FunctionType": "0", "Domain": "[0 1 0 1]", "Range": "[0 1]", "Size": "[600 40]",
                     "BitsPerSample": "8"}, data, compress=True)
    doc.res["Shading"] = {"Sh1": d({"ShadingType": "1", "ColorSpace": "/DeviceGray", "Domain": "[0 1 0 1]",
                                     "Matrix": f"[360 0 0 24 72 {HY - 20}]", "Function": ref(fn)})}
    doc.content.append("q /Sh1 sh Q\n")


@fixture("k02_image_clipped_part.pdf", "k", "an image whose upper half shows an innocent caption and lower half 'Paraaf: mevrouw <name>'; a clip shows only the upper half", "Quinten Brands")
def _(doc, n):
    top = text_image("Gemeente Havenstad - afdeling Kade")
    bot = text_image("Paraaf: de heer " + n)
    im = Image.new("RGB", (900, 120), "white")
    im.paste(top, (0, 0))
    im.paste(bot, (0, 60))
    doc.res["XObject"]["Im1"] = ref(image_obj(doc, im))
    doc.content.append(f"q 72 {HY - 20} 360 24 re W n 360 0 0 48 72 {HY - 44} cm /Im1 Do Q\n")


@fixture("k03_image_smask_hides.pdf", "k", "an image showing 'Paraaf: mevrouw <name>' whose /SMask is 0 (fully transparent) everywhere", "Rianne Smeets")
def _(doc, n):
    im = text_image("Paraaf: mevrouw " + n)
    mask = Image.new("L", im.size, 0)
    sm = image_obj(doc, mask)
    doc.res["XObject"]["Im1"] = ref(image_obj(doc, im, extra={"SMask": ref(sm)}))
    doc.content.append(f"q 360 0 0 24 72 {HY - 20} cm /Im1 Do Q\n")


@fixture("k04_image_alternates.pdf", "k", "an innocent image whose /Alternates entry holds a second image showing 'Paraaf: mevrouw <name>'", "Stefan Kooistra")
def _(doc, n):
    alt = image_obj(doc, text_image("Paraaf: de heer " + n))
    main = image_obj(doc, text_image("Gemeente Havenstad - afdeling Kade"),
                     extra={"Alternates": f"[<< /Image {ref(alt)} /DefaultForPrinting true >>]"})
    doc.res["XObject"]["Im1"] = ref(main)
    doc.content.append(f"q 360 0 0 24 72 {HY - 20} cm /Im1 Do Q\n")


# ---- l: payloads of kept resources ----------------------------------------------------
def icc_gray(desc):
    def s15(x):
        return struct.pack(">i", round(x * 65536))
    d_ascii = desc.encode("ascii") + b"\0"
    tdesc = b"desc" + b"\0" * 4 + struct.pack(">I", len(d_ascii)) + d_ascii + b"\0" * 8 + b"\0\0\0" + b"\0" * 67
    twtpt = b"XYZ " + b"\0" * 4 + s15(0.9642) + s15(1.0) + s15(0.8249)
    tcurv = b"curv" + b"\0" * 4 + struct.pack(">I", 0)
    tcprt = b"text" + b"\0" * 4 + b"Public domain\0"
    tags = [(b"desc", tdesc), (b"wtpt", twtpt), (b"kTRC", tcurv), (b"cprt", tcprt)]
    off = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for sig, data in tags:
        while (off + len(body)) % 4:
            body += b"\0"
        table += sig + struct.pack(">II", off + len(body), len(data))
        body += data
    while len(body) % 4:
        body += b"\0"
    total = off + len(body)
    hdr = (struct.pack(">I", total) + b"none" + bytes([2, 0x10, 0, 0]) + b"mntr" + b"GRAY" + b"XYZ "
           + struct.pack(">6H", 2024, 3, 12, 12, 0, 0) + b"acsp" + b"\0" * 4 + b"\0" * 4 + b"\0" * 4
           + b"\0" * 4 + b"\0" * 8 + b"\0" * 4 + s15(0.9642) + s15(1.0) + s15(0.8249) + b"\0" * 4
           + b"\0" * 16 + b"\0" * 28)
    assert len(hdr) == 128
    return hdr + struct.pack(">I", len(tags)) + table + body


@fixture("l01_icc_profile_desc.pdf", "l", "an ICCBased gray colour space (used to fill a rule) whose profile 'desc' tag reads 'Profiel <name>'", "Tamara Gort")
def _(doc, n):
    icc = doc.stream({"N": "1", "Alternate": "/DeviceGray"}, icc_gray("Profiel mevrouw " + n), compress=True)
    doc.res["ColorSpace"]["CS1"] = f"[/ICCBased {ref(icc)}]"
    doc.content.append("q /CS1 cs 0.5 sc 72 660 450 1 re f Q\n")


@fixture("l02_jpeg_comment.pdf", "l", "a JPEG image (innocent picture) whose COM segment reads 'Foto: mevrouw <name>'", "Udo Wolthuis")
def _(doc, n):
    im = text_image("Gemeente Havenstad - afdeling Kade")
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85, comment=("Foto: de heer " + n).encode("latin-1"))
    doc.res["XObject"]["Im1"] = ref(image_obj(doc, im, jpeg=buf.getvalue()))
    doc.content.append(f"q 360 0 0 24 72 {HY - 20} cm /Im1 Do Q\n")


@fixture("l03_truetype_name_table.pdf", "l", "an embedded TrueType subset (used for an innocent line) whose name table copyright/designer records read '<name>'", "Vincent Ploeg")
def _(doc, n):
    text = "Actiepunten worden per e-mail rondgestuurd."
    f = TTFont(DEJAVU, recalcTimestamp=False)
    opts = ft_subset.Options()
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.layout_features = []
    s = ft_subset.Subsetter(opts)
    s.populate(text=text)
    s.subset(f)
    nt = f["name"]
    for rec in list(nt.names):
        if rec.nameID in (0, 9):
            nt.removeNames(nameID=rec.nameID)
    nt.setName("Copyright 2024 de heer " + n, 0, 3, 1, 0x409)
    nt.setName("Copyright 2024 de heer " + n, 0, 1, 0, 0)
    nt.setName("de heer " + n, 9, 3, 1, 0x409)
    nt.setName("de heer " + n, 9, 1, 0, 0)
    buf = io.BytesIO()
    f.save(buf)
    ttf = buf.getvalue()
    cmap = f.getBestCmap()
    upm = f["head"].unitsPerEm
    widths = [round(f["hmtx"][cmap[c]][0] * 1000 / upm) if c in cmap else 0 for c in range(32, 123)]
    ff = doc.stream({"Length1": str(len(ttf))}, ttf, compress=True)
    fd = doc.add(d({"Type": "/FontDescriptor", "FontName": "/PLKQWE+DejaVuSans", "Flags": "32",
                    "FontBBox": "[-1021 -463 1793 1232]", "ItalicAngle": "0", "Ascent": "928",
                    "Descent": "-236", "CapHeight": "729", "StemV": "80", "FontFile2": ref(ff)}))
    doc.res["Font"]["F2"] = ref(doc.add(d({"Type": "/Font", "Subtype": "/TrueType", "BaseFont": "/PLKQWE+DejaVuSans",
                                            "FirstChar": "32", "LastChar": "122",
                                            "Widths": "[" + " ".join(map(str, widths)) + "]",
                                            "FontDescriptor": ref(fd), "Encoding": "/WinAnsiEncoding"})))
    doc.content.append(tline(72, HY, text, font="F2"))


@fixture("l04_image_opi.pdf", "l", "an image XObject with an /OPI 1.3 dictionary whose /F file spec is 'portret <name>.tif'", "Wilma Sterk")
def _(doc, n):
    opi = d({"Type": "/OPI", "Version": "1.3", "F": pstr("P:\\fotos\\portret mevrouw " + n + ".tif"),
             "Size": "[900 60]", "CropRect": "[0 0 900 60]", "Position": "[0 0 0 60 900 60 900 0]"})
    im = text_image("Gemeente Havenstad - afdeling Kade")
    doc.res["XObject"]["Im1"] = ref(image_obj(doc, im, extra={"OPI": d({"1.3": opi})}))
    doc.content.append(f"q 360 0 0 24 72 {HY - 20} cm /Im1 Do Q\n")


@fixture("l05_image_metadata_xmp.pdf", "l", "an image XObject with its own XMP /Metadata stream (dc:creator <name>)", "Xander Bolt")
def _(doc, n):
    md = doc.stream({"Type": "/Metadata", "Subtype": "/XML"}, xmp(n))
    im = text_image("Gemeente Havenstad - afdeling Kade")
    doc.res["XObject"]["Im1"] = ref(image_obj(doc, im, extra={"Metadata": ref(md)}))
    doc.content.append(f"q 360 0 0 24 72 {HY - 20} cm /Im1 Do Q\n")


@fixture("l06_tounicode_cmap_comment.pdf", "l", "the ToUnicode CMap of a used font carries '%%Title: <name>' comments and /CMapName /Havenstad-<FirstLast>", "Yvonne Derks")
def _(doc, n):
    cm = H.tounicode_cmap(ident_map()).decode("latin-1")
    cm = (f"%!PS-Adobe-3.0 Resource-CMap\n%%Title: (mevrouw {n})\n%%Creator: mevrouw {n}\n" + cm.replace(
        "/Adobe-Identity-UCS", "/Havenstad-" + n.replace(" ", "")))
    tu = doc.stream({}, cm.encode("latin-1"))
    doc.res["Font"]["F2"] = ref(doc.helv_variant(extra="/ToUnicode " + ref(tu)))
    doc.content.append(tline(72, HY, "Actiepunten worden per e-mail rondgestuurd.", font="F2"))


@fixture("l07_encoding_cmap_name.pdf", "l", "a Type0 font whose /Encoding is an embedded CMap stream with /CMapName /Havenstad-<FirstLast>, a %%Title comment and /CIDSystemInfo /Registry (<name>)", "Zeger Hommes")
def _(doc, n):
    text = "Actiepunten worden per e-mail rondgestuurd."
    f0, enc = H.type0_font(doc, text)
    cname = "/Havenstad-" + n.replace(" ", "")
    cmap = ("%!PS-Adobe-3.0 Resource-CMap\n%%Title: (de heer " + n + ")\n"
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            f"/CIDSystemInfo << /Registry ({n}) /Ordering (Identity) /Supplement 0 >> def\n"
            f"/CMapName {cname} def\n/CMapType 1 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            "1 begincidrange\n<0000> <FFFF> 0\nendcidrange\n"
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
    cm = doc.stream({"Type": "/CMap", "CMapName": cname,
                     "CIDSystemInfo": f"<< /Registry {pstr(n)} /Ordering (Identity) /Supplement 0 >>"}, cmap)
    doc.objs[f0] = doc.objs[f0].replace(b"/Encoding /Identity-H", b"/Encoding " + ref(cm).encode())
    doc.res["Font"]["T0"] = ref(f0)
    doc.content.append(f"BT /T0 11 Tf 72 {HY} Td {enc(text)} Tj ET\n")


@fixture("l08_link_gotor_file.pdf", "l", "a Link annotation whose action is /GoToR to the file spec 'verslag <name>.pdf' with a named destination", "Bert Mulderij")
def _(doc, n):
    doc.annots.append(annot(doc, "Link", rect="[72 686 300 700]", Border="[0 0 0]",
                            A=d({"S": "/GoToR", "F": pstr("bijlagen/verslag de heer " + n + ".pdf"),
                                 "D": pstr("inbreng"), "NewWindow": "true"})))


@fixture("l09_link_launch.pdf", "l", "a Link annotation with a /Launch action: /F file spec and /Win << /P (parameters) >> naming the person", "Gijsbert Ravenhorst")
def _(doc, n):
    doc.annots.append(annot(doc, "Link", rect="[72 686 300 700]", Border="[0 0 0]",
                            A=d({"S": "/Launch", "F": d({"Type": "/Filespec", "F": pstr("notities.txt"),
                                                         "UF": pstr("notities de heer " + n + ".txt")}),
                                 "Win": d({"F": pstr("notepad.exe"), "P": pstr("notities de heer " + n + ".txt")})})))


def build(file, fn, name):
    doc = Doc()
    doc.finish_hook = None
    doc.dup_content = None
    res = fn(doc, name)
    data = res if res is not None else doc.bytes()
    with open(os.path.join(OUT, file), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".pdf"):
            os.remove(os.path.join(OUT, f))
    names = [x[3] for x in FIXTURES]
    assert len(set(names)) == len(names), "hidden names must be distinct"
    old = {n for n in H.HIDDEN} | {"Zoë Terpstra", "Marloes Groen", "Sofie Drost", "Karin Jansen"}
    assert not (set(names) & old), set(names) & old
    truth = []
    for file, cls, desc, name, fn in FIXTURES:
        build(file, fn, name)
        truth.append({"file": file, "class": cls, "description": desc, "visible_name": VISIBLE_NAMES[0],
                      "hidden_name": name, "secrets": [name] + VISIBLE_NAMES})
    with open(os.path.join(OUT, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(truth)} fixtures to {OUT}")


if __name__ == "__main__":
    sys.exit(main())
