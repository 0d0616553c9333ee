"""Raw PDF writer for the overlay review: standard 14 fonts, full control of the content stream."""
from reportlab.pdfbase.pdfmetrics import stringWidth
import zlib

FONTS = {"F1": "Helvetica", "F2": "Times-Roman", "F3": "Courier", "F4": "Helvetica-Bold",
         "F5": "Times-Italic", "F6": "Helvetica-Oblique"}


EXTRA_FONTS = {}


def cmap(mapping):
    """mapping: dict code -> unicode string"""
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<00> <FF>", "endcodespacerange"]
    items = sorted(mapping.items())
    for i in range(0, len(items), 100):
        chunk = items[i:i+100]
        lines.append(f"{len(chunk)} beginbfchar")
        for c, u in chunk:
            lines.append(f"<{c:02X}> <{''.join(f'{ord(x):04X}' for x in u)}>")
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def esc(s):
    b = s.encode("cp1252")
    out = b""
    for c in b:
        ch = bytes([c])
        if ch in b"()\\":
            out += b"\\" + ch
        elif c < 32 or c > 126:
            out += b"\\%03o" % c
        else:
            out += ch
    return out.decode("latin-1")


def width(s, font="F1", size=11):
    return stringWidth(s, FONTS[font], size)


def pdf(pages, xobjects=None, path=None):
    """pages: list of content strings. xobjects: dict name -> (content, bbox). Writes path."""
    xobjects = xobjects or {}
    objs = []

    def add(b):
        objs.append(b)
        return len(objs)

    font_ids = {}
    for k, base in FONTS.items():
        font_ids[k] = add(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>".encode())
    for k, (base, tounicode, extra) in EXTRA_FONTS.items():
        tu = ""
        if tounicode:
            cm = cmap(tounicode).encode()
            tid = add(f"<< /Length {len(cm)} >>\nstream\n".encode() + cm + b"\nendstream")
            tu = f"/ToUnicode {tid} 0 R"
        font_ids[k] = add(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding {tu} {extra} >>".encode())
    fontdict = "<< " + " ".join(f"/{k} {v} 0 R" for k, v in font_ids.items()) + " >>"
    xo_ids = {}
    for name, (content, bbox) in xobjects.items():
        data = content.encode("latin-1")
        xo_ids[name] = add(f"<< /Type /XObject /Subtype /Form /BBox [{' '.join(map(str, bbox))}] /Resources << /Font {fontdict} >> /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream")
    xodict = "<< " + " ".join(f"/{k} {v} 0 R" for k, v in xo_ids.items()) + " >>"
    pages_id_placeholder = len(objs) + 1 + 2 * len(pages)
    page_ids = []
    for content in pages:
        data = content.encode("latin-1")
        cid = add(f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream")
        pid = add(f"<< /Type /Page /Parent {pages_id_placeholder} 0 R /MediaBox [0 0 595 842] /Contents {cid} 0 R /Resources << /Font {fontdict} /XObject {xodict} >> >>".encode())
        page_ids.append(pid)
    pages_id = add(f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_ids)}] /Count {len(page_ids)} >>".encode())
    assert pages_id == pages_id_placeholder
    cat = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs)+1}\n0000000000 65535 f \n".encode()
    for o in offs:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs)+1} /Root {cat} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    if path:
        open(path, "wb").write(out)
    return out


def line(text, x, y, font="F1", size=11, tr=0, extra=""):
    return f"BT {tr} Tr /{font} {size} Tf {extra} {x:.3f} {y:.3f} Td ({esc(text)}) Tj ET\n"


def glyph_positions(text, x, y, font="F1", size=11, scale=1.0, tc=0.0, tw=0.0):
    """(char, x, y) for each char as drawn with Tz=scale*100, Tc, Tw."""
    out = []
    for c in text:
        out.append((c, x, y))
        w = width(c, font, size) + tc + (tw if c == " " else 0)
        x += w * scale
    return out


def glyph_op(c, x, y, font="F1", size=11, tr=0):
    return f"BT {tr} Tr /{font} {size} Tf {x:.3f} {y:.3f} Td ({esc(c)}) Tj ET\n"


SENT = "Het college heeft het voorstel besproken met de heer Pieter Bakker over de kosten."
FILLER = [
    "Gemeente Utrecht, afdeling Ruimtelijke Ordening. Verslag van het overleg over de",
    "herinrichting van het Stationsplein. Aanwezig waren de leden van de werkgroep en",
    "een vertegenwoordiger van de bewonersvereniging. De vergadering werd om tien uur",
    "geopend door de voorzitter, die iedereen welkom heette en de agenda doornam.",
]


def page_with(ops_for_name_line, y=640):
    """A page of ordinary filler text with the given ops inserted."""
    s = ""
    yy = 760
    for f in FILLER:
        s += line(f, 72, yy)
        yy -= 14
    s += ops_for_name_line
    yy = y - 40
    for f in FILLER:
        s += line(f, 72, yy)
        yy -= 14
    return s
