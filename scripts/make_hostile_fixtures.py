#!/usr/bin/env python3
"""Generate fixtures/leaks/*.pdf and fixtures/leaks/truth.json: a held-out style corpus of
one-page Dutch meeting minutes that each hide ONE private name in one hostile place.

Every page carries the same ordinary visible text (Helvetica) that names two private persons
the detector finds ("mevrouw Anna Verhoeven", "de heer Pieter Bakker"); each fixture then
hides a distinct SECOND name (so a hit is attributable) in exactly one channel: a hidden PDF
structure (class a), out-of-order glyphs (b), text that defeats literal matching (c), an
annotation appearance (d), a place an interpreter may not enter (e), lying/odd fonts and
pixels (f), or a parser differential (g).  truth.json lists, per file, the strings that must
not be readable from any published output (checked by scripts/leak_check.py).

The PDFs are written by hand (raw objects, correct xref) so that every byte is deliberate.
Needs: Python 3.11, pymupdf (Helvetica widths), fonttools (DejaVu subset / outlines),
pillow (image fixtures), fonts-dejavu-core.  CI never runs this: the output is committed.

    pip install pymupdf fonttools pillow
    python3 scripts/make_hostile_fixtures.py            # rewrites fixtures/leaks/
"""

import base64
import io
import json
import os
import random
import sys
import zlib

import pymupdf
from fontTools import subset as ft_subset
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "fixtures", "leaks"))
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

VISIBLE_NAMES = ["Pieter Bakker", "Anna Verhoeven"]
VISIBLE = [
    "Gemeente Havenstad - verslag overleg projectgroep Kade, 12 maart 2024",
    "Aanwezig: mevrouw Anna Verhoeven (secretaris), de heer Pieter Bakker.",
    "De heer Pieter Bakker vraagt naar de planning van de werkzaamheden.",
    "Mevrouw Verhoeven zegt toe dit voor de volgende vergadering na te gaan.",
    "Afgesproken wordt de planning op de website van de gemeente te plaatsen.",
]
Y0 = 770  # first visible line; lines every 20 pt
HY = 640  # baseline for the hidden/extra line

HELV = pymupdf.Font("helv")


def w1000(ch):
    """Helvetica advance width of ch in glyph units (1/1000 em)."""
    return round(HELV.glyph_advance(ord(ch)) * 1000)


def tlen(s, size=11):
    return sum(w1000(c) for c in s) * size / 1000.0


# ---------------------------------------------------------------- PDF syntax helpers
def pstr(s, enc="cp1252"):
    """A PDF literal string (bytes as latin-1 str)."""
    b = s.encode(enc) if isinstance(s, str) else s
    b = b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    b = b.replace(b"\r", b"\\r").replace(b"\n", b"\\n")
    return "(" + b.decode("latin-1") + ")"


def ustr(s, raw_prefix=b""):
    """A UTF-16BE hex text string with BOM."""
    return "<" + (b"\xfe\xff" + raw_prefix + s.encode("utf-16-be")).hex().upper() + ">"


def pname(s):
    out = "/"
    for b in s.encode("utf-8"):
        c = chr(b)
        if 33 <= b <= 126 and c not in "()<>[]{}/%#":
            out += c
        else:
            out += "#%02X" % b
    return out


def ref(n):
    return f"{n} 0 R"


def d(entries):
    """Render a dict of key -> already-formatted value."""
    return "<< " + " ".join(f"/{k} {v}" for k, v in entries.items()) + " >>"


def arr(*items):
    return "[" + " ".join(str(i) for i in items) + "]"


def tline(x, y, s, font="F1", size=11):
    return f"BT /{font} {size} Tf {x:.2f} {y:.2f} Td {pstr(s)} Tj ET\n"


def tounicode_cmap(mapping, two_byte=False):
    """mapping: code (int) -> unicode str."""
    cs = "<0000> <FFFF>" if two_byte else "<00> <FF>"
    fmt = "%04X" if two_byte else "%02X"
    items = sorted(mapping.items())
    body = ""
    for i in range(0, len(items), 100):
        chunk = items[i:i + 100]
        body += f"{len(chunk)} beginbfchar\n"
        for code, u in chunk:
            body += "<" + fmt % code + "> <" + u.encode("utf-16-be").hex().upper() + ">\n"
        body += "endbfchar\n"
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        f"1 begincodespacerange\n{cs}\nendcodespacerange\n{body}"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("latin-1")


def ident_map():
    return {c: bytes([c]).decode("cp1252") for c in range(32, 127)}


# ---------------------------------------------------------------- the document builder
class Doc:
    def __init__(self, version="1.7"):
        self.version = version
        self.objs = {}
        self.n = 0
        self.cat = {}
        self.page = {}
        self.res = {"Font": {}, "XObject": {}, "ExtGState": {}, "Pattern": {}, "ColorSpace": {},
                    "Properties": {}}
        self.lines = list(VISIBLE)
        self.content = []      # extra content (str) after the visible lines
        self.pre_content = []  # content before the visible lines
        self.extra_streams = []  # further page content streams (obj nums)
        self.annots = []
        self.info = {"Producer": pstr("woo-redact hostile fixture"), "Title": pstr("Verslag overleg")}
        self.objstm = False
        self.raw_tail = []     # raw bytes added after the objects, outside the xref
        self.content_length = None  # override /Length of the main content stream
        self.content_raw = None     # replace main content bytes entirely
        self.root = self.reserve()
        self.pages = self.reserve()
        self.pg = self.reserve()
        self.res["Font"]["F1"] = ref(self.add(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"))

    def reserve(self):
        self.n += 1
        self.objs[self.n] = None
        return self.n

    def add(self, body, num=None):
        if num is None:
            num = self.reserve()
        self.objs[num] = body.encode("latin-1") if isinstance(body, str) else body
        return num

    def stream(self, entries, data, compress=False, length=None, num=None):
        if isinstance(data, str):
            data = data.encode("latin-1")
        entries = dict(entries)
        if compress:
            data = zlib.compress(data, 9)
            entries["Filter"] = "/FlateDecode"
        entries["Length"] = str(len(data) if length is None else length)
        body = d(entries).encode("latin-1") + b"\nstream\n" + data + b"\nendstream"
        return self.add(body, num)

    def helv_variant(self, tu=None, extra="", diffs=None):
        """Another Helvetica font object (explicit /Widths), optionally with /Differences
        (code -> (glyph name, width)) and a ToUnicode map (code -> str)."""
        widths = []
        for c in range(32, 256):
            try:
                widths.append(w1000(bytes([c]).decode("cp1252")))
            except UnicodeDecodeError:
                widths.append(0)
        enc = "/WinAnsiEncoding"
        if diffs:
            for c, (_, w) in diffs.items():
                widths[c - 32] = w
            enc = ("<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences ["
                   + " ".join(f"{c} /{g}" for c, (g, _) in sorted(diffs.items())) + "] >>")
        e = (f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding {enc} "
             f"/FirstChar 32 /LastChar 255 /Widths [{' '.join(map(str, widths))}]")
        if tu is not None:
            e += " /ToUnicode " + ref(self.stream({}, tounicode_cmap(tu)))
        return self.add(e + " " + extra + " >>")

    def form(self, content, bbox="[0 0 595 842]", res=None, extra=None):
        entries = {"Type": "/XObject", "Subtype": "/Form", "BBox": bbox,
                   "Resources": res if res is not None else d({"Font": d({"F1": self.res["Font"]["F1"]})})}
        if extra:
            entries.update(extra)
        return self.stream(entries, content)

    # -- assembling
    def finish(self):
        if self.content_raw is not None:
            data = self.content_raw
        else:
            txt = "".join(self.pre_content)
            for i, line in enumerate(self.lines):
                txt += tline(72, Y0 - 20 * i, line)
            txt += "".join(self.content)
            data = txt.encode("latin-1")
        self.content_num = self.stream({}, data, length=self.content_length)
        contents = ref(self.content_num)
        if self.extra_streams:
            contents = arr(contents, *[ref(s) for s in self.extra_streams])
        res = {k: d(v) for k, v in self.res.items() if v}
        page = {"Type": "/Page", "Parent": ref(self.pages), "MediaBox": "[0 0 595 842]",
                "Resources": d(res), "Contents": contents}
        if self.annots:
            page["Annots"] = arr(*[ref(a) for a in self.annots])
        page.update(self.page)
        self.add(d(page), self.pg)
        self.add(d({"Type": "/Pages", "Kids": arr(ref(self.pg)), "Count": "1"}), self.pages)
        cat = {"Type": "/Catalog", "Pages": ref(self.pages)}
        cat.update(self.cat)
        self.add(d(cat), self.root)
        self.info_num = self.add(d(self.info))

    def bytes(self):
        self.finish()
        return self.serialize()

    def serialize(self):
        out = bytearray(f"%PDF-{self.version}\n%\xe2\xe3\xcf\xd3\n".encode("latin-1"))
        offsets = {}
        size = self.n + 1
        in_stm = {}
        if self.objstm:
            # every non-stream object goes into one Flate object stream
            members = [k for k, v in self.objs.items() if v is not None and b"stream\n" not in v]
            stm_num = self.n + 1
            xref_num = self.n + 2
            size = self.n + 3
            head, bodies = [], b""
            for i, k in enumerate(members):
                head.append(f"{k} {len(bodies)}")
                bodies += self.objs[k] + b"\n"
                in_stm[k] = (stm_num, i)
            head = (" ".join(head) + "\n").encode()
            data = zlib.compress(head + bodies, 9)
            stm = (d({"Type": "/ObjStm", "N": str(len(members)), "First": str(len(head)),
                      "Filter": "/FlateDecode", "Length": str(len(data))}).encode()
                   + b"\nstream\n" + data + b"\nendstream")
            objs = {k: v for k, v in self.objs.items() if k not in in_stm}
            objs[stm_num] = stm
        else:
            objs = self.objs
        for k in sorted(objs):
            if objs[k] is None:
                continue
            offsets[k] = len(out)
            out += f"{k} 0 obj\n".encode() + objs[k] + b"\nendobj\n"
        for raw in self.raw_tail:
            out += raw
        idhex = b"woo-redact-leaks".hex().upper()
        if self.objstm:
            rows = b""
            for k in range(size):
                if k in offsets:
                    rows += bytes([1]) + offsets[k].to_bytes(4, "big") + (0).to_bytes(2, "big")
                elif k in in_stm:
                    s, i = in_stm[k]
                    rows += bytes([2]) + s.to_bytes(4, "big") + i.to_bytes(2, "big")
                elif k == xref_num:
                    rows += bytes([1]) + len(out).to_bytes(4, "big") + (0).to_bytes(2, "big")
                else:
                    rows += bytes([0]) + (0).to_bytes(4, "big") + (65535 if k == 0 else 0).to_bytes(2, "big")
            data = zlib.compress(rows, 9)
            xoff = len(out)
            out += (f"{xref_num} 0 obj\n".encode()
                    + d({"Type": "/XRef", "Size": str(size), "W": "[1 4 2]", "Root": ref(self.root),
                         "Info": ref(self.info_num), "ID": f"[<{idhex}> <{idhex}>]",
                         "Filter": "/FlateDecode", "Length": str(len(data))}).encode()
                    + b"\nstream\n" + data + b"\nendstream\nendobj\n")
        else:
            xoff = len(out)
            out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
            for k in range(1, size):
                if k in offsets:
                    out += f"{offsets[k]:010d} 00000 n \n".encode()
                else:
                    out += b"0000000000 00000 f \n"
            out += (b"trailer\n" + d({"Size": str(size), "Root": ref(self.root), "Info": ref(self.info_num),
                                      "ID": f"[<{idhex}> <{idhex}>]"}).encode() + b"\n")
        out += f"startxref\n{xoff}\n%%EOF\n".encode()
        self.xref_offset = xoff
        self.size = size
        return bytes(out)

    def append_update(self, base, updates):
        """An incremental update: objects num -> body appended after base."""
        out = bytearray(base)
        offsets = {}
        for k, body in sorted(updates.items()):
            body = body.encode("latin-1") if isinstance(body, str) else body
            offsets[k] = len(out)
            out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
        xoff = len(out)
        out += b"xref\n0 1\n0000000000 65535 f \n"
        for k in sorted(offsets):
            out += f"{k} 1\n{offsets[k]:010d} 00000 n \n".encode()
        out += (b"trailer\n" + d({"Size": str(self.size), "Root": ref(self.root), "Info": ref(self.info_num),
                                  "Prev": str(self.xref_offset)}).encode() + b"\n")
        out += f"startxref\n{xoff}\n%%EOF\n".encode()
        return bytes(out)


# ---------------------------------------------------------------- fonts, outlines, images
def dejavu_subset(text):
    f = TTFont(DEJAVU, recalcTimestamp=False)
    opts = ft_subset.Options()
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.layout_features = []
    opts.drop_tables += ["FFTM"]
    s = ft_subset.Subsetter(opts)
    s.populate(text=text)
    s.subset(f)
    buf = io.BytesIO()
    f.save(buf)
    cmap = f.getBestCmap()
    order = f.getGlyphOrder()
    upm = f["head"].unitsPerEm
    gid = {ch: order.index(cmap[ord(ch)]) for ch in set(text)}
    width = {ch: round(f["hmtx"][cmap[ord(ch)]][0] * 1000 / upm) for ch in set(text)}
    return buf.getvalue(), gid, width


def type0_font(doc, text, cid_base=0x8000):
    """An embedded DejaVu subset as Type0/Identity-H whose CIDs are cid_base+GID, so every
    2-byte code is non-ASCII; CIDToGIDMap stream maps them back.  Returns (font num, encoder)."""
    ttf, gid, width = dejavu_subset(text)
    maxcid = cid_base + max(gid.values())
    c2g = bytearray(2 * (maxcid + 1))
    for g in gid.values():
        c2g[2 * (cid_base + g):2 * (cid_base + g) + 2] = g.to_bytes(2, "big")
    c2g_num = doc.stream({}, bytes(c2g), compress=True)
    ff = doc.stream({"Length1": str(len(ttf))}, ttf, compress=True)
    fd = doc.add(d({"Type": "/FontDescriptor", "FontName": "/QWERTY+DejaVuSans", "Flags": "32",
                    "FontBBox": "[-1021 -463 1793 1232]", "ItalicAngle": "0", "Ascent": "928",
                    "Descent": "-236", "CapHeight": "729", "StemV": "80", "FontFile2": ref(ff)}))
    w = " ".join(f"{cid_base + gid[c]} [{width[c]}]" for c in sorted(set(text)))
    cid = doc.add(d({"Type": "/Font", "Subtype": "/CIDFontType2", "BaseFont": "/QWERTY+DejaVuSans",
                     "CIDSystemInfo": "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>",
                     "FontDescriptor": ref(fd), "DW": "600", "W": f"[{w}]", "CIDToGIDMap": ref(c2g_num)}))
    tu = doc.stream({}, tounicode_cmap({cid_base + gid[c]: c for c in set(text)}, two_byte=True))
    f0 = doc.add(d({"Type": "/Font", "Subtype": "/Type0", "BaseFont": "/QWERTY+DejaVuSans",
                    "Encoding": "/Identity-H", "DescendantFonts": arr(ref(cid)), "ToUnicode": ref(tu)}))

    def enc(s):
        return "<" + "".join("%04X" % (cid_base + gid[c]) for c in s) + ">"
    return f0, enc


class PdfPathPen(BasePen):
    def __init__(self, glyphset, sx, tx, ty):
        super().__init__(glyphset)
        self.ops, self.s, self.tx, self.ty = [], sx, tx, ty

    def p(self, pt):
        return f"{pt[0] * self.s + self.tx:.2f} {pt[1] * self.s + self.ty:.2f}"

    def _moveTo(self, pt):
        self.ops.append(self.p(pt) + " m")

    def _lineTo(self, pt):
        self.ops.append(self.p(pt) + " l")

    def _curveToOne(self, p1, p2, p3):
        self.ops.append(f"{self.p(p1)} {self.p(p2)} {self.p(p3)} c")

    def _closePath(self):
        self.ops.append("h")


def outline_text(s, x, y, size):
    """Real glyph outlines (DejaVu Sans) of s as PDF path operators, filled."""
    f = TTFont(DEJAVU)
    gs = f.getGlyphSet()
    cmap = f.getBestCmap()
    scale = size / f["head"].unitsPerEm
    ops = []
    for ch in s:
        g = cmap[ord(ch)]
        pen = PdfPathPen(gs, scale, x, y)
        gs[g].draw(pen)
        ops += pen.ops
        x += f["hmtx"][g][0] * scale
    return "0 g\n" + "\n".join(ops) + "\nf\n"


def text_image(s, w=900, h=60, px=34):
    im = Image.new("RGB", (w, h), "white")
    ImageDraw.Draw(im).text((8, 10), s, fill="black", font=ImageFont.truetype(DEJAVU, px))
    return im


# ---------------------------------------------------------------- the fixtures
FIXTURES = []
HIDDEN = [
    "Karin Jansen", "Willem de Groot", "Sanne Visser", "Joost Mulder", "Eva Smit", "Daan Meijer",
    "Lotte de Boer", "Ruben Bos", "Femke Vos", "Thijs Peters", "Iris Hendriks", "Bram van Leeuwen",
    "Noor Dekker", "Lars Brouwer", "Lisa de Wit", "Sem Dijkstra", "Fleur Smits", "Jesse de Graaf",
    "Roos van der Meer", "Luuk van der Linden", "Anouk Kok", "Milan Jacobs", "Julia de Haan",
    "Stijn Vermeulen", "Tess van den Heuvel", "Gijs van der Veen", "Sophie van den Broek",
    "Niels de Bruijn", "Esmee de Bruin", "Koen van der Heijden", "Maud Schouten", "Teun Beekman",
    "Isa van Beek", "Hugo Willems", "Vera van Vliet", "Mees Hoekstra", "Elin Maas", "Floris Verbeek",
    "Yara Kuipers", "Bas Veenstra", "Merel Hoogland", "Timo Koster", "Nina Prins", "Jens Huisman",
    "Lieke Peeters", "Olaf Postma", "Demi Kramer", "Wouter Blom", "Sara Bosman", "Rik Schipper",
    "Hanna Kroon", "Jeroen Wolters", "Marloes Groen", "Sander Vink", "Ilse Timmermans",
    "Maarten Hofman", "Annemiek Lammers", "Tim Verhoef", "Mirjam Bakkenes", "Erik Scholten",
    "Suzanne Pronk", "Gert Zwart", "Wendy Evers", "Ruud Hermans", "Petra Gerritsen", "Harm Mol",
    "Ingrid Wijnands", "Kees Bouwman", "Marieke Claassen", "Dirk Aalbers", "Judith Roelofs",
    "Frank Meulenbelt", "Linda Dam", "Arjen Sluiter", "Nadia Terlouw", "Ewout Brink",
    "Carolien Haverkamp", "Bart Rietveld", "Monique Zijlstra", "Hendrik Oosterhuis", "Astrid Lubbers",
    "Reinout Kamphuis", "Gerda Wessels", "Jorien Stam", "Pim Spijkers", "Tineke Buitenhuis",
    "Menno Achterberg", "Lisette Bronkhorst", "Coen Hazeleger", "Brechtje Nijland", "Wim Boersma",
]
_used = set()


def fixture(file, cls, desc, name=None, secrets=None):
    def deco(fn):
        FIXTURES.append((file, cls, desc, name, secrets, fn))
        return fn
    return deco


def next_name():
    for n in HIDDEN:
        if n not in _used:
            _used.add(n)
            return n
    raise SystemExit("out of names")


def xmp(creator):
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>"
            "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>").encode("utf-8")


def filespec(doc, fname, text, extra=None):
    ef = doc.stream({"Type": "/EmbeddedFile", "Subtype": "/text#2Fplain"}, text.encode("utf-8"), compress=True)
    e = {"Type": "/Filespec", "F": pstr(fname), "UF": pstr(fname), "EF": d({"F": ref(ef)}),
         "AFRelationship": "/Supplement"}
    if extra:
        e.update(extra)
    return doc.add(d(e))


def annot(doc, subtype, rect="[320 560 520 600]", **kw):
    e = {"Type": "/Annot", "Subtype": "/" + subtype, "Rect": rect, "P": ref(doc.pg), "F": "4"}
    e.update(kw)
    n = doc.add(d(e))
    return n


# ---- a: hidden channels -------------------------------------------------------------
@fixture("a01_page_labels.pdf", "a", "page label prefix (/PageLabels /Nums ... /P)")
def _(doc, n):
    doc.cat["PageLabels"] = d({"Nums": f"[0 {d({'S': '/D', 'P': pstr(n + ' - ')})}]"})


@fixture("a02_dests_catalog_key.pdf", "a", "named destination as a key of the catalog /Dests dict (a PDF name)")
def _(doc, n):
    doc.cat["Dests"] = "<< " + pname(n) + f" [{ref(doc.pg)} /XYZ 0 800 0] >>"


@fixture("a03_dests_names_tree.pdf", "a", "named destination key in the /Names /Dests name tree")
def _(doc, n):
    doc.cat["Names"] = d({"Dests": d({"Names": f"[{pstr(n)} [{ref(doc.pg)} /Fit]]"})})


@fixture("a04_link_dest_string.pdf", "a", "a Link annotation whose /Dest is a string (named destination) holding the name")
def _(doc, n):
    doc.annots.append(annot(doc, "Link", rect="[72 686 300 700]", Border="[0 0 0]", Dest=pstr(n)))


@fixture("a05_ocg_name.pdf", "a", "optional-content group /Name in /OCProperties (group marks a visible line)")
def _(doc, n):
    ocg = doc.add(d({"Type": "/OCG", "Name": pstr(n)}))
    doc.cat["OCProperties"] = d({"OCGs": arr(ref(ocg)), "D": d({"Order": arr(ref(ocg)), "ON": arr(ref(ocg))})})
    doc.res["Properties"]["oc1"] = ref(ocg)
    doc.content.append("/OC /oc1 BDC\n" + tline(72, HY, "Actiepunten worden per e-mail rondgestuurd.") + "EMC\n")


@fixture("a06_af_catalog.pdf", "a", "associated file (/AF) on the catalog; the embedded text file names the person")
def _(doc, n):
    fs = filespec(doc, "notitie.txt", f"Notitie: gesprek met {n} over de planning.\n")
    doc.cat["AF"] = arr(ref(fs))


@fixture("a07_af_page.pdf", "a", "associated file (/AF) on the page; the embedded text file names the person")
def _(doc, n):
    fs = filespec(doc, "bijlage.txt", f"Contactpersoon: {n}\n")
    doc.page["AF"] = arr(ref(fs))


@fixture("a08_output_intent_info.pdf", "a", "/OutputIntents entry /Info string")
def _(doc, n):
    doc.cat["OutputIntents"] = f"[{d({'Type': '/OutputIntent', 'S': '/GTS_PDFA1', 'OutputConditionIdentifier': pstr('sRGB'), 'Info': pstr(n)})}]"


@fixture("a09_output_intent_identifier.pdf", "a", "/OutputIntents entry /OutputConditionIdentifier string")
def _(doc, n):
    doc.cat["OutputIntents"] = f"[{d({'Type': '/OutputIntent', 'S': '/GTS_PDFX', 'OutputConditionIdentifier': pstr(n)})}]"


@fixture("a10_article_threads.pdf", "a", "article thread (/Threads) whose /I info dict /Title names the person; bead /B on the page")
def _(doc, n):
    th = doc.reserve()
    bead = doc.reserve()
    doc.add(d({"Type": "/Thread", "I": d({"Title": pstr("Aantekeningen " + n)}), "F": ref(bead)}), th)
    doc.add(d({"Type": "/Bead", "T": ref(th), "N": ref(bead), "V": ref(bead), "P": ref(doc.pg),
               "R": "[72 680 520 780]"}), bead)
    doc.cat["Threads"] = arr(ref(th))
    doc.page["B"] = arr(ref(bead))


def struct_tree(doc, elem_extra):
    root = doc.reserve()
    el = doc.reserve()
    e = {"Type": "/StructElem", "S": "/P", "P": ref(root), "Pg": ref(doc.pg), "K": "0"}
    e.update(elem_extra)
    doc.add(d(e), el)
    doc.add(d({"Type": "/StructTreeRoot", "K": arr(ref(el)),
               "ParentTree": d({"Nums": f"[0 [{ref(el)}]]"}), "ParentTreeNextKey": "1"}), root)
    doc.cat["StructTreeRoot"] = ref(root)
    doc.cat["MarkInfo"] = "<< /Marked true >>"
    doc.page["StructParents"] = "0"
    doc.lines = doc.lines[1:]
    doc.pre_content.append("/P << /MCID 0 >> BDC\n" + tline(72, Y0 + 20, VISIBLE[0]) + "EMC\n")


@fixture("a11_struct_userproperties.pdf", "a", "structure element attribute /A << /O /UserProperties /P [<< /N (Naam) /V (name) >>] >>")
def _(doc, n):
    struct_tree(doc, {"A": d({"O": "/UserProperties", "P": f"[{d({'N': pstr('Naam'), 'V': pstr(n)})}]"})})


@fixture("a12_struct_title.pdf", "a", "structure element /T (title)")
def _(doc, n):
    struct_tree(doc, {"T": pstr(n)})


@fixture("a13_struct_expansion.pdf", "a", "structure element /E (expansion of an abbreviation)")
def _(doc, n):
    struct_tree(doc, {"E": pstr(n)})


@fixture("a14_struct_lang.pdf", "a", "structure element /Lang string holding the name")
def _(doc, n):
    struct_tree(doc, {"Lang": pstr("nl-NL-x-" + n)})


@fixture("a15_private_catalog_key.pdf", "a", "private catalog key /PrivateNotes (name)")
def _(doc, n):
    doc.cat["PrivateNotes"] = pstr(n)


@fixture("a16_private_key_objstm.pdf", "a", "private catalog key /PrivateNotes inside a compressed object stream (PDF 1.5 /ObjStm, xref stream)")
def _(doc, n):
    doc.version = "1.5"
    doc.cat["PrivateNotes"] = pstr(n)
    doc.objstm = True


@fixture("a17_unused_form_xobject.pdf", "a", "a Form XObject in the page /Resources that is never drawn, showing the name")
def _(doc, n):
    doc.res["XObject"]["Fx1"] = ref(doc.form(tline(72, HY, f"Tevens aanwezig: mevrouw {n}.")))


@fixture("a18_separation_colorant.pdf", "a", "Separation colour space whose colorant name is the name (/First#20Last), used to fill a rule")
def _(doc, n):
    fn = doc.add("<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0 0 0 1] /N 1 >>")
    doc.res["ColorSpace"]["CS1"] = f"[/Separation {pname(n)} /DeviceCMYK {ref(fn)}]"
    doc.content.append("q /CS1 cs 1 scn 72 660 450 1 re f Q\n")


@fixture("a19_basefont_name.pdf", "a", "font /BaseFont and FontDescriptor /FontName /ABCDEF+FirstLast-Regular (font used for a line)")
def _(doc, n):
    fname = "ABCDEF+" + n.replace(" ", "") + "-Regular"
    fd = doc.add(d({"Type": "/FontDescriptor", "FontName": pname(fname), "Flags": "32",
                    "FontBBox": "[-166 -225 1000 931]", "ItalicAngle": "0", "Ascent": "718",
                    "Descent": "-207", "CapHeight": "718", "StemV": "88"}))
    widths = " ".join(str(w1000(chr(c))) for c in range(32, 127))
    doc.res["Font"]["F2"] = ref(doc.add(d({"Type": "/Font", "Subtype": "/TrueType", "BaseFont": pname(fname),
                                            "FirstChar": "32", "LastChar": "126", "Widths": f"[{widths}]",
                                            "FontDescriptor": ref(fd), "Encoding": "/WinAnsiEncoding"})))
    doc.content.append(tline(72, HY, "Actiepunten worden per e-mail rondgestuurd.", font="F2"))


@fixture("a20_annot_nm.pdf", "a", "annotation /NM (unique name) of a Text annotation")
def _(doc, n):
    doc.annots.append(annot(doc, "Text", Contents=pstr("Zie opmerking."), NM=pstr(n)))


@fixture("a21_annot_name_icon.pdf", "a", "Stamp annotation /Name (icon name, a PDF name)")
def _(doc, n):
    doc.annots.append(annot(doc, "Stamp", Name=pname(n), Contents=pstr("Gezien.")))


@fixture("a22_annot_title_t.pdf", "a", "annotation /T (author of the markup)")
def _(doc, n):
    doc.annots.append(annot(doc, "Text", Contents=pstr("Graag aanvullen."), T=pstr(n)))


@fixture("a23_annot_subject.pdf", "a", "annotation /Subj")
def _(doc, n):
    doc.annots.append(annot(doc, "Text", Contents=pstr("Graag aanvullen."), Subj=pstr("Vraag van " + n)))


@fixture("a24_richtext_rc_stream.pdf", "a", "FreeText annotation with rich text /RC as a stream (XHTML)")
def _(doc, n):
    rc = doc.stream({}, ('<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml"><p>Opmerking van '
                         f'<span>{n}</span></p></body>').encode("utf-8"))
    doc.annots.append(annot(doc, "FreeText", Contents=pstr("Opmerking"), DA=pstr("/Helv 10 Tf 0 g"), RC=ref(rc)))


@fixture("a25_popup_unlisted.pdf", "a", "Popup annotation reachable only via another annotation's /Popup (not in /Annots), its /T and /Contents name the person")
def _(doc, n):
    t = doc.reserve()
    pop = doc.add(d({"Type": "/Annot", "Subtype": "/Popup", "Rect": "[320 600 520 700]", "Parent": ref(t),
                     "T": pstr(n), "Contents": pstr("Besproken met " + n), "Open": "false"}))
    doc.add(d({"Type": "/Annot", "Subtype": "/Text", "Rect": "[520 560 540 580]", "P": ref(doc.pg),
               "Contents": pstr("Zie opmerking."), "Popup": ref(pop)}), t)
    doc.annots.append(t)


@fixture("a26_uri_mailto_percent.pdf", "a", "link /URI mailto: with the @ percent-encoded (%40)", name="Karin Jansen",
         secrets=["karin.jansen@gmail.com"])
def _(doc, n):
    doc.annots.append(annot(doc, "Link", rect="[72 686 300 700]", Border="[0 0 0]",
                            A=d({"S": "/URI", "URI": pstr("mailto:karin.jansen%40gmail.com")})))


@fixture("a27_uri_query_percent.pdf", "a", "link /URI https://example.nl/?naam=First%20Last")
def _(doc, n):
    doc.annots.append(annot(doc, "Link", rect="[72 686 300 700]", Border="[0 0 0]",
                            A=d({"S": "/URI", "URI": pstr("https://example.nl/?naam=" + n.replace(" ", "%20"))})))


@fixture("a28_page_pieceinfo.pdf", "a", "page /PieceInfo private application data")
def _(doc, n):
    doc.page["PieceInfo"] = d({"HavenApp": d({"LastModified": pstr("D:20240312120000"),
                                              "Private": d({"Reviewer": pstr(n)})})})
    doc.page["LastModified"] = pstr("D:20240312120000")


@fixture("a29_page_metadata.pdf", "a", "XMP /Metadata stream on the page (dc:creator)")
def _(doc, n):
    doc.page["Metadata"] = ref(doc.stream({"Type": "/Metadata", "Subtype": "/XML"}, xmp(n)))


@fixture("a30_info_author.pdf", "a", "document information /Author")
def _(doc, n):
    doc.info["Author"] = pstr(n)


@fixture("a31_info_keywords.pdf", "a", "document information /Keywords")
def _(doc, n):
    doc.info["Keywords"] = pstr("verslag; kade; " + n)


@fixture("a32_info_custom_key.pdf", "a", "custom document information key /Reviewer")
def _(doc, n):
    doc.info["Reviewer"] = pstr(n)


@fixture("a33_catalog_xmp.pdf", "a", "catalog XMP /Metadata dc:creator")
def _(doc, n):
    doc.cat["Metadata"] = ref(doc.stream({"Type": "/Metadata", "Subtype": "/XML"}, xmp(n)))


@fixture("a34_incremental_old_revision.pdf", "a", "incremental update replaces the content stream; the first revision's content still names the person")
def _(doc, n):
    doc.content.append(tline(72, HY, f"Tevens aanwezig: mevrouw {n}."))
    base = doc.bytes()
    clean = "".join(tline(72, Y0 - 20 * i, line) for i, line in enumerate(VISIBLE)).encode("latin-1")
    upd = d({"Length": str(len(clean))}).encode() + b"\nstream\n" + clean + b"\nendstream"
    return doc.append_update(base, {doc.content_num: upd})


@fixture("a35_collection.pdf", "a", "portable collection (/Collection) item field /CI holding the name")
def _(doc, n):
    fs = filespec(doc, "bijlage.txt", "Bijlage bij het verslag.\n",
                  extra={"CI": d({"Type": "/CollectionItem", "Naam": pstr(n)})})
    doc.cat["Names"] = d({"EmbeddedFiles": d({"Names": f"[(bijlage.txt) {ref(fs)}]"})})
    doc.cat["Collection"] = d({"Type": "/Collection", "View": "/D", "Schema": d(
        {"Type": "/CollectionSchema", "Naam": "<< /Type /CollectionField /Subtype /S /N (Naam) >>"})})


@fixture("a36_perms_signature.pdf", "a", "document-level /Perms /UR3 signature dictionary /Name")
def _(doc, n):
    sig = doc.add(d({"Type": "/Sig", "Filter": "/Adobe.PPKLite", "SubFilter": "/adbe.pkcs7.detached",
                     "Name": pstr(n), "M": pstr("D:20240312120000"), "ByteRange": "[0 0 0 0]", "Contents": "<00>"}))
    doc.cat["Perms"] = d({"UR3": ref(sig)})


@fixture("a37_legal.pdf", "a", "document-level /Legal attestation string")
def _(doc, n):
    doc.cat["Legal"] = d({"JavaScriptActions": "0", "Attestation": pstr("Ondertekend door " + n)})


@fixture("a38_spiderinfo.pdf", "a", "web-capture /SpiderInfo command dict /H (request headers)")
def _(doc, n):
    doc.cat["SpiderInfo"] = d({"V": "1.0", "C": f"[{d({'URL': pstr('https://intranet.example.nl/'), 'L': '1', 'F': '0', 'H': pstr('X-Gebruiker: ' + n)})}]"})


def outline(doc, item):
    root = doc.reserve()
    it = doc.reserve()
    e = {"Parent": ref(root)}
    e.update(item)
    doc.add(d(e), it)
    doc.add(d({"Type": "/Outlines", "First": ref(it), "Last": ref(it), "Count": "1"}), root)
    doc.cat["Outlines"] = ref(root)


@fixture("a39_outline_action_dest.pdf", "a", "outline item whose GoTo action /D is a named-destination string holding the name")
def _(doc, n):
    outline(doc, {"Title": pstr("Besluitenlijst"), "A": d({"S": "/GoTo", "D": pstr(n)})})


@fixture("a40_outline_title.pdf", "a", "outline (bookmark) title")
def _(doc, n):
    outline(doc, {"Title": pstr("Inbreng " + n), "Dest": f"[{ref(doc.pg)} /Fit]"})


@fixture("a41_names_javascript.pdf", "a", "document-level JavaScript in /Names /JavaScript")
def _(doc, n):
    js = doc.add(d({"S": "/JavaScript", "JS": pstr(f"var behandelaar = '{n}';")}))
    doc.cat["Names"] = d({"JavaScript": d({"Names": f"[(init) {ref(js)}]"})})


@fixture("a42_embedded_file.pdf", "a", "embedded file (/Names /EmbeddedFiles) whose text names the person")
def _(doc, n):
    fs = filespec(doc, "notulen-concept.txt", f"Concept. Ingebracht door {n}.\n")
    doc.cat["Names"] = d({"EmbeddedFiles": d({"Names": f"[(notulen-concept.txt) {ref(fs)}]"})})


@fixture("a43_annot_contents.pdf", "a", "Text (sticky note) annotation /Contents")
def _(doc, n):
    doc.annots.append(annot(doc, "Text", Contents=pstr("Navragen bij " + n)))


@fixture("a44_acroform_value.pdf", "a", "AcroForm text field /V with no appearance")
def _(doc, n):
    w = annot(doc, "Widget", rect="[320 600 520 620]", FT="/Tx", T=pstr("behandelaar"), V=pstr(n),
              DA=pstr("/Helv 10 Tf 0 g"))
    doc.annots.append(w)
    doc.cat["AcroForm"] = d({"Fields": arr(ref(w)), "DA": pstr("/Helv 10 Tf 0 g")})


# ---- b: out-of-order text -----------------------------------------------------------
def positions(prefix, name, x=72, size=11):
    """x position of each character of name when drawn after prefix."""
    pos = []
    cx = x + tlen(prefix, size)
    for ch in name:
        pos.append(cx)
        cx += w1000(ch) * size / 1000
    return pos


@fixture("b01_shuffled_glyphs_td.pdf", "b", "glyphs of the name positioned one by one with relative Td in shuffled order (one BT)")
def _(doc, n):
    pre = "Notulen opgesteld door mevrouw "
    doc.content.append(tline(72, HY, pre))
    pos = positions(pre, n)
    idx = [i for i, c in enumerate(n) if c != " "]
    random.Random(7).shuffle(idx)
    s, lx = f"BT /F1 11 Tf 0 {HY} Td\n", 0.0
    for i in idx:
        s += f"{pos[i] - lx:.2f} 0 Td {pstr(n[i])} Tj\n"
        lx = pos[i]
    doc.content.append(s + "ET\n")


@fixture("b02_rtl_tj.pdf", "b", "the name drawn right-to-left inside one TJ: last glyph first, kerning numbers move the pen back")
def _(doc, n):
    pre = "Notulen opgesteld door mevrouw "
    doc.content.append(tline(72, HY, pre))
    pos = positions(pre, n)
    k = len(n) - 1
    items = []
    for i in range(k, -1, -1):
        items.append(pstr(n[i]))
        if i > 0:
            items.append(str(w1000(n[i]) + w1000(n[i - 1])))
    doc.content.append(f"BT /F1 11 Tf {pos[k]:.2f} {HY} Td [{' '.join(items)}] TJ ET\n")


@fixture("b03_surname_first.pdf", "b", "surname drawn first at its position, the cue, then the first name later to its left")
def _(doc, n):
    first, last = n.split(" ", 1)
    pre = "Voorzitter: de heer "
    px = 72 + tlen(pre)
    doc.content.append(tline(px + tlen(first + " "), HY, last))
    doc.content.append(tline(72, HY, pre))
    doc.content.append(tline(px, HY, first))


@fixture("b04_two_streams_reverse.pdf", "b", "the name split over two page content streams in reverse order (surname in stream 2, first name in stream 3)")
def _(doc, n):
    first, last = n.split(" ", 1)
    pre = "Secretariaat: mevrouw "
    px = 72 + tlen(pre)
    doc.content.append(tline(72, HY, pre))
    doc.extra_streams.append(doc.stream({}, tline(px + tlen(first + " "), HY, last)))
    doc.extra_streams.append(doc.stream({}, tline(px, HY, first)))


@fixture("b05_form_mid_sentence.pdf", "b", "the name (with its cue) in a Form XObject drawn in the middle of a sentence")
def _(doc, n):
    pre = "De vergadering wordt voorgezeten door "
    mid = "mevrouw " + n
    doc.res["XObject"]["Fx1"] = ref(doc.form(tline(0, 0, mid), bbox="[0 -5 400 20]"))
    x2 = 72 + tlen(pre)
    doc.content.append(tline(72, HY, pre) + f"q 1 0 0 1 {x2:.2f} {HY} cm /Fx1 Do Q\n"
                       + tline(x2 + tlen(mid), HY, ", die de agenda toelicht."))


@fixture("b06_vertical_letters.pdf", "b", "the name written vertically, one glyph per line (a margin note)")
def _(doc, n):
    doc.content.append(tline(460, HY, "Paraaf:"))
    s = ""
    for i, ch in enumerate(n):
        s += tline(520, HY - 12 * i, ch)
    doc.content.append(s)


# ---- c: literal matching ----------------------------------------------------------
@fixture("c01_capitals.pdf", "c", "the sentences in CAPITALS: DE HEER PIETER BAKKER ... and TEVENS AANWEZIG: MEVROUW <NAME>")
def _(doc, n):
    doc.lines[2] = doc.lines[2].upper()
    doc.content.append(tline(72, HY, f"TEVENS AANWEZIG: MEVROUW {n.upper()}."))


def tu_font_line(doc, n, tu_over, text, pre="Tevens aanwezig: mevrouw ", diffs=None):
    m = ident_map()
    for k in range(128, 256):
        try:
            m[k] = bytes([k]).decode("cp1252")
        except UnicodeDecodeError:
            pass
    m.update(tu_over)
    doc.res["Font"]["F2"] = ref(doc.helv_variant(m, diffs=diffs))
    x = 72 + tlen(pre)
    doc.content.append(tline(72, HY, pre) + f"BT /F2 11 Tf {x:.2f} {HY} Td {pstr(text.encode('latin-1'))} Tj ET\n")


@fixture("c02_zero_width_space.pdf", "c", "a U+200B zero-width space inside the surname (ToUnicode maps an empty code 0x7F to U+200B)")
def _(doc, n):
    i = n.index(" ") + 3
    tu_font_line(doc, n, {0x7F: "\u200b"}, n[:i] + "\x7f" + n[i:], diffs={0x7F: (".notdef", 0)})


@fixture("c03_soft_hyphen.pdf", "c", "a U+00AD soft hyphen inside the surname (ToUnicode maps an empty code 0x7F to U+00AD)")
def _(doc, n):
    i = n.index(" ") + 3
    tu_font_line(doc, n, {0x7F: "\u00ad"}, n[:i] + "\x7f" + n[i:], diffs={0x7F: (".notdef", 0)})


@fixture("c04_fullwidth.pdf", "c", "the name's glyphs are plain Helvetica but ToUnicode gives full-width letters (U+FF21..) and U+3000")
def _(doc, n):
    over = {c: chr(0xFF21 + c - 65) for c in range(65, 91)}
    over.update({c: chr(0xFF41 + c - 97) for c in range(97, 123)})
    over[32] = "\u3000"
    pre = "Tevens aanwezig: mevrouw "
    doc.res["Font"]["F2"] = ref(doc.helv_variant(over))
    doc.content.append(tline(72, HY, pre) + tline(72 + tlen(pre), HY, n, font="F2"))


@fixture("c05_cyrillic_lookalike.pdf", "c", "the letter o of the name extracts as the Cyrillic look-alike U+043E via ToUnicode", name="Marloes Groen")
def _(doc, n):
    over = ident_map()
    over[ord("o")] = "\u043e"
    pre = "Tevens aanwezig: mevrouw "
    doc.res["Font"]["F2"] = ref(doc.helv_variant(over))
    doc.content.append(tline(72, HY, pre) + tline(72 + tlen(pre), HY, n, font="F2"))


@fixture("c06_ligature_fi.pdf", "c", "an fi ligature glyph (/fi via /Differences, ToUnicode U+FB01) inside the first name", name="Sofie Drost")
def _(doc, n):
    tu_font_line(doc, n, {0x80: "\ufb01"}, n.replace("fi", "\x80"), diffs={0x80: ("fi", 500)})


@fixture("c07_outline_lang_escape.pdf", "c", "UTF-16 outline title with a language escape (U+001B nl U+001B) inside the name")
def _(doc, n):
    i = n.index(" ") - 2
    raw = (b"\xfe\xff" + ("Inbreng " + n[:i]).encode("utf-16-be") + b"\x00\x1bnl\x00\x1b"
           + n[i:].encode("utf-16-be"))
    outline(doc, {"Title": "<" + raw.hex().upper() + ">", "Dest": f"[{ref(doc.pg)} /Fit]"})


@fixture("c08_spaced_letters.pdf", "c", "the name letter-spaced with real spaces (M a r i e ...), as in a heading")
def _(doc, n):
    doc.content.append(tline(72, HY, "Notulist: mevrouw " + " ".join(n)))


@fixture("c09_char_spacing.pdf", "c", "the name drawn with wide character spacing (3 Tc), no space characters")
def _(doc, n):
    pre = "Notulist: mevrouw "
    doc.content.append(tline(72, HY, pre) + f"BT /F1 11 Tf 3 Tc {72 + tlen(pre):.2f} {HY} Td {pstr(n)} Tj ET\n")


@fixture("c10_decomposed_diaeresis.pdf", "c", "e-diaeresis that extracts decomposed (e + U+0308) via ToUnicode", name="Zoë Terpstra")
def _(doc, n):
    tu_font_line(doc, n, {0xEB: "e\u0308"}, n)


@fixture("c11_tj_kerned.pdf", "c", "the name split over TJ pieces with kerning numbers (ordinary typesetter output)")
def _(doc, n):
    pre = "Notulist: mevrouw "
    parts = [pstr(n[:2]), "20", pstr(n[2:5]), "-15", pstr(n[5:])]
    doc.content.append(tline(72, HY, pre) + f"BT /F1 11 Tf {72 + tlen(pre):.2f} {HY} Td [{' '.join(parts)}] TJ ET\n")


# ---- d: annotation appearances -----------------------------------------------------
def ap_annot(doc, subtype, form, rect="[320 560 520 600]", **kw):
    return annot(doc, subtype, rect=rect, AP=d({"N": ref(form)}), **kw)


@fixture("d01_stamp_ap_per_letter.pdf", "d", "Stamp annotation whose /AP /N draws 'Gezien: <name>' glyph by glyph (Td per letter)")
def _(doc, n):
    s = "BT /F1 11 Tf 5 10 Td " + pstr("Gezien: ") + " Tj\n"
    adv = tlen("Gezien: ")
    for ch in n:
        s += f"{adv:.2f} 0 Td {pstr(ch)} Tj\n"
        adv = w1000(ch) * 11 / 1000
    form = doc.form(s + "ET\n", bbox="[0 0 200 40]")
    doc.annots.append(ap_annot(doc, "Stamp", form, Name="/Approved", Contents=pstr("Gezien")))


@fixture("d02_freetext_ap_nested_form.pdf", "d", "FreeText annotation appearance that draws a nested Form XObject showing the name")
def _(doc, n):
    inner = doc.form(tline(5, 10, "Reactie van " + n), bbox="[0 0 200 40]")
    outer = doc.form("/Fi Do\n", bbox="[0 0 200 40]", res=d({"XObject": d({"Fi": ref(inner)})}))
    doc.annots.append(ap_annot(doc, "FreeText", outer, Contents=pstr("Reactie"), DA=pstr("/Helv 10 Tf 0 g")))


@fixture("d03_ap_type0_identity_h.pdf", "d", "Stamp appearance with an embedded Type0 (Identity-H) font whose 2-byte codes are non-ASCII (0x80xx), ToUnicode present")
def _(doc, n):
    text = "Akkoord: " + n
    f0, enc = type0_font(doc, text)
    form = doc.form(f"BT /T0 11 Tf 5 10 Td {enc(text)} Tj ET\n", bbox="[0 0 200 40]",
                    res=d({"Font": d({"T0": ref(f0)})}))
    doc.annots.append(ap_annot(doc, "Stamp", form, Name="/Approved", Contents=pstr("Akkoord")))


@fixture("d04_shared_form_page_and_stamp.pdf", "d", "one Form XObject drawn in the page content AND used as a Stamp appearance elsewhere")
def _(doc, n):
    fx = doc.form(tline(0, 5, "Paraaf: mevrouw " + n), bbox="[0 0 250 20]")
    doc.res["XObject"]["Fx1"] = ref(fx)
    doc.content.append(f"q 1 0 0 1 72 {HY - 5} cm /Fx1 Do Q\n")
    doc.annots.append(ap_annot(doc, "Stamp", fx, rect="[300 400 550 420]", Contents=pstr("Paraaf")))


@fixture("d05_widget_appearance.pdf", "d", "form field value /V and its widget appearance both show the name")
def _(doc, n):
    ap = doc.form(f"/Tx BMC\n{tline(2, 5, n, size=10)}EMC\n", bbox="[0 0 200 20]")
    w = annot(doc, "Widget", rect="[320 600 520 620]", FT="/Tx", T=pstr("behandelaar"), V=pstr(n),
              DA=pstr("/F1 10 Tf 0 g"), AP=d({"N": ref(ap)}))
    doc.annots.append(w)
    doc.cat["AcroForm"] = d({"Fields": arr(ref(w)), "DA": pstr("/F1 10 Tf 0 g"),
                             "DR": d({"Font": d({"F1": doc.res["Font"]["F1"]})})})


# ---- e: places the interpreter may not enter -------------------------------------
@fixture("e01_softmask_group_text.pdf", "e", "the name is the shape of a luminosity soft mask (/SMask /G form draws white text); a black rectangle painted through it shows the name")
def _(doc, n):
    g = doc.form("1 g " + tline(72, HY, "Tevens aanwezig: mevrouw " + n, size=12),
                 extra={"Group": "<< /S /Transparency /CS /DeviceGray >>"})
    doc.res["ExtGState"]["GS1"] = d({"SMask": d({"Type": "/Mask", "S": "/Luminosity", "G": ref(g)})})
    doc.content.append(f"q /GS1 gs 0 g 60 {HY - 10} 450 30 re f Q\n")


@fixture("e02_tiling_pattern_form.pdf", "e", "a tiling pattern whose cell draws a Form XObject with the name; a rectangle is filled with it")
def _(doc, n):
    fx = doc.form(tline(2, 8, "Tevens aanwezig: mevrouw " + n), bbox="[0 0 400 25]")
    pat = doc.stream({"Type": "/Pattern", "PatternType": "1", "PaintType": "1", "TilingType": "1",
                      "BBox": "[0 0 400 25]", "XStep": "400", "YStep": "25", "Matrix": f"[1 0 0 1 72 {HY - 8}]",
                      "Resources": d({"XObject": d({"Fx": ref(fx)})})}, "/Fx Do\n")
    doc.res["Pattern"]["P1"] = ref(pat)
    doc.content.append(f"q /Pattern cs /P1 scn 72 {HY - 8} 400 25 re f Q\n")


@fixture("e03_type3_glyph_form.pdf", "e", "a Type3 glyph procedure that invokes a Form XObject showing the name")
def _(doc, n):
    fx = doc.form(tline(0, 100, "Tevens aanwezig: mevrouw " + n, size=110), bbox="[0 0 20000 1000]")
    cp = doc.stream({}, "1000 0 d0\n/Fx Do\n")
    t3 = doc.add(d({"Type": "/Font", "Subtype": "/Type3", "FontBBox": "[0 0 20000 1000]",
                    "FontMatrix": "[0.001 0 0 0.001 0 0]", "CharProcs": d({"a": ref(cp)}),
                    "Encoding": "<< /Type /Encoding /Differences [97 /a] >>", "FirstChar": "97",
                    "LastChar": "97", "Widths": "[1000]",
                    "Resources": d({"XObject": d({"Fx": ref(fx)}), "Font": d({"F1": doc.res["Font"]["F1"]})})}))
    doc.res["Font"]["T3"] = ref(t3)
    doc.content.append(f"BT /T3 100 Tf 72 {HY - 10} Td (a) Tj ET\n")


@fixture("e04_hidden_annot_ap.pdf", "e", "FreeText annotation with the Hidden flag (/F 2) whose appearance shows the name")
def _(doc, n):
    form = doc.form(tline(5, 10, "Reactie van " + n), bbox="[0 0 200 40]")
    a = ap_annot(doc, "FreeText", form, Contents=pstr("Reactie"), DA=pstr("/Helv 10 Tf 0 g"))
    doc.objs[a] = doc.objs[a].replace(b"/F 4", b"/F 2")
    doc.annots.append(a)


@fixture("e05_ocg_off_text.pdf", "e", "text in an optional-content group that is OFF by default")
def _(doc, n):
    ocg = doc.add(d({"Type": "/OCG", "Name": pstr("Concept")}))
    doc.cat["OCProperties"] = d({"OCGs": arr(ref(ocg)), "D": d({"Order": arr(ref(ocg)), "OFF": arr(ref(ocg))})})
    doc.res["Properties"]["oc1"] = ref(ocg)
    doc.content.append("/OC /oc1 BDC\n" + tline(72, HY, f"Tevens aanwezig: mevrouw {n}.") + "EMC\n")


@fixture("e06_invisible_render_mode.pdf", "e", "text in render mode 3 (invisible)")
def _(doc, n):
    doc.content.append(f"BT 3 Tr /F1 11 Tf 72 {HY} Td {pstr(f'Tevens aanwezig: mevrouw {n}.')} Tj ET\n")


@fixture("e07_text_under_rectangle.pdf", "e", "text covered by a black rectangle (a fake redaction)")
def _(doc, n):
    doc.content.append(tline(72, HY, f"Tevens aanwezig: mevrouw {n}.") + f"0 g 70 {HY - 4} 260 16 re f\n")


@fixture("e08_outside_mediabox.pdf", "e", "text placed outside the MediaBox (x = 700)")
def _(doc, n):
    doc.content.append(tline(700, HY, f"Tevens aanwezig: mevrouw {n}."))


@fixture("e09_white_text.pdf", "e", "white text on the white page")
def _(doc, n):
    doc.content.append("1 1 1 rg\n" + tline(72, HY, f"Tevens aanwezig: mevrouw {n}.") + "0 g\n")


@fixture("e10_tiny_text.pdf", "e", "text at font size 0.5")
def _(doc, n):
    doc.content.append(tline(72, HY, f"Tevens aanwezig: mevrouw {n}.", size=0.5))


# ---- f: fonts and pixels -----------------------------------------------------------
@fixture("f01_tounicode_lies.pdf", "f", "the glyphs draw the name (Helvetica, WinAnsi) but ToUnicode maps every code to 'x'")
def _(doc, n):
    pre = "Notulist: mevrouw "
    doc.res["Font"]["F2"] = ref(doc.helv_variant({c: "x" for c in range(32, 256)}))
    doc.content.append(tline(72, HY, pre) + tline(72 + tlen(pre), HY, n, font="F2"))


@fixture("f02_zero_width_glyphs.pdf", "f", "the name in a font whose /Widths are all 0: the glyphs are drawn over each other")
def _(doc, n):
    pre = "Notulist: mevrouw "
    widths = " ".join("0" for _ in range(32, 127))
    doc.res["Font"]["F2"] = ref(doc.add(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
        f"/FirstChar 32 /LastChar 126 /Widths [{widths}] >>"))
    doc.content.append(tline(72, HY, pre) + tline(72 + tlen(pre), HY, n, font="F2"))


@fixture("f03_vector_outlines.pdf", "f", "the name drawn as filled vector outlines (DejaVu Sans glyph paths), no text")
def _(doc, n):
    pre = "Notulist: mevrouw "
    doc.content.append(tline(72, HY, pre) + outline_text(n, 72 + tlen(pre), HY, 11))


@fixture("f04_image_text.pdf", "f", "an RGB Flate image showing 'Paraaf: mevrouw <name>' on a page that has a text layer")
def _(doc, n):
    im = text_image("Paraaf: mevrouw " + n)
    data = zlib.compress(im.tobytes(), 9)
    img = doc.add(d({"Type": "/XObject", "Subtype": "/Image", "Width": str(im.width), "Height": str(im.height),
                     "ColorSpace": "/DeviceRGB", "BitsPerComponent": "8", "Filter": "/FlateDecode",
                     "Length": str(len(data))}).encode() + b"\nstream\n" + data + b"\nendstream")
    doc.res["XObject"]["Im1"] = ref(img)
    doc.content.append(f"q 360 0 0 24 72 {HY - 20} cm /Im1 Do Q\n")


# ---- g: parser differentials -------------------------------------------------------
@fixture("g01_inline_image_ei_in_data.pdf", "g", "an inline image whose data holds ' EI' followed by text operators that draw the name (W*H bytes are the real data)")
def _(doc, n):
    hidden = f" EI\nBT /F1 11 Tf 72 {HY} Td (Tevens aanwezig: mevrouw {n}.) Tj ET\n".encode("latin-1")
    data = hidden + b"\xff" * 8
    doc.content_raw = ("".join(tline(72, Y0 - 20 * i, l) for i, l in enumerate(VISIBLE))
                       + f"q 200 0 0 10 300 500 cm\nBI /W {len(data)} /H 1 /BPC 8 /CS /G\nID ").encode("latin-1") \
        + data + b"\nEI\nQ\n"


@fixture("g02_ascii85_out_of_range.pdf", "g", "ASCII85 content stream with an out-of-range group (uuuuu); the text after it names the person")
def _(doc, n):
    part1 = "".join(tline(72, Y0 - 20 * i, l) for i, l in enumerate(VISIBLE))
    part1 += " " * (-len(part1) % 4)
    part2 = tline(72, HY, f"Tevens aanwezig: mevrouw {n}.")
    enc = base64.a85encode(part1.encode("latin-1")) + b"uuuuu" + base64.a85encode(part2.encode("latin-1")) + b"~>"
    doc.content_raw = b""
    doc.finish_hook = enc


@fixture("g03_jpeg_a85_dct.pdf", "g", "a JPEG (behind /Filter [/ASCII85Decode /DCTDecode]) showing 'Paraaf: mevrouw <name>'")
def _(doc, n):
    im = text_image("Paraaf: mevrouw " + n)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85)
    data = base64.a85encode(buf.getvalue()) + b"~>"
    img = doc.add(d({"Type": "/XObject", "Subtype": "/Image", "Width": str(im.width), "Height": str(im.height),
                     "ColorSpace": "/DeviceRGB", "BitsPerComponent": "8",
                     "Filter": "[/ASCII85Decode /DCTDecode]", "Length": str(len(data))}).encode()
                  + b"\nstream\n" + data + b"\nendstream")
    doc.res["XObject"]["Im1"] = ref(img)
    doc.content.append(f"q 360 0 0 24 72 {HY - 20} cm /Im1 Do Q\n")


@fixture("g04_wrong_length.pdf", "g", "the content stream's /Length ends before a last text object that names the person")
def _(doc, n):
    visible = "".join(tline(72, Y0 - 20 * i, l) for i, l in enumerate(VISIBLE))
    doc.content_raw = (visible + tline(72, HY, f"Tevens aanwezig: mevrouw {n}.")).encode("latin-1")
    doc.content_length = len(visible)


@fixture("g05_duplicate_object.pdf", "g", "a second, unreferenced-by-xref definition of the content object (same number) that names the person")
def _(doc, n):
    doc.dup_content = n


def build(file, cls, desc, name, fn):
    doc = Doc()
    doc.finish_hook = None
    doc.dup_content = None
    result = fn(doc, name)
    if result is None:
        if doc.finish_hook is not None:  # g02: the content stream is ASCII85 bytes
            doc.finish()
            body = (d({"Filter": "/ASCII85Decode", "Length": str(len(doc.finish_hook))}).encode()
                    + b"\nstream\n" + doc.finish_hook + b"\nendstream")
            doc.objs[doc.content_num] = body
            result = doc.serialize()
        elif doc.dup_content is not None:  # g05
            doc.finish()
            vis = "".join(tline(72, Y0 - 20 * i, l) for i, l in enumerate(VISIBLE))
            bad = (vis + tline(72, HY, f"Tevens aanwezig: mevrouw {doc.dup_content}.")).encode("latin-1")
            doc.raw_tail.append(f"{doc.content_num} 0 obj\n".encode() + d({"Length": str(len(bad))}).encode()
                                + b"\nstream\n" + bad + b"\nendstream\nendobj\n")
            result = doc.serialize()
        else:
            result = doc.bytes()
    with open(os.path.join(OUT, file), "wb") as f:
        f.write(result)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".pdf"):
            os.remove(os.path.join(OUT, f))
    for file, cls, desc, name, secrets, fn in FIXTURES:
        if name:
            _used.add(name)
    truth = []
    for file, cls, desc, name, secrets, fn in FIXTURES:
        n = name or next_name()
        build(file, cls, desc, n, fn)
        truth.append({"file": file, "class": cls, "description": desc, "visible_name": VISIBLE_NAMES[0],
                      "hidden_name": n, "secrets": (secrets or [n]) + VISIBLE_NAMES})
    with open(os.path.join(OUT, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(truth)} fixtures to {OUT}")


if __name__ == "__main__":
    sys.exit(main())
