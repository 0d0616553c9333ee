#!/usr/bin/python3
"""Builds the scanned-page fixtures in fixtures/scans/ (committed; rerun only to change them).

Needs Debian python3-pil (Pillow with libtiff for Group 4) and fonts-dejavu-core. Run with the
system Python: /usr/bin/python3 scripts/make_scan_fixtures.py

Each fixture is a small PDF written by hand here (so the encodings are exactly the ones named)
plus NAME.truth.json: the personal data on the scanned page ("sensitive") and the words that
must stay readable ("keep" is everything else the page says). All persons are fictitious.

  scan_jpeg_300   A4 minutes, 300 dpi gray JPEG (DCTDecode), light noise
  scan_flate_200  A4 minutes, 200 dpi gray, FlateDecode with PNG predictor (Up)
  scan_g4_300     A4 minutes, 300 dpi 1-bit, CCITTFaxDecode K=-1 (Group 4)
  scan_jbig2_300  A4 minutes, 300 dpi 1-bit, JBIG2Decode (embedded generic region, MMR coding)
  scan_rotated    A4 minutes stored sideways (landscape image) on a page with /Rotate 90
  mixed           page 1 born-digital text (Helvetica), page 2 a 300 dpi JPEG scan
  scan_poor_150   150 dpi, low contrast, blurred, noisy, JPEG quality 12: too poor to trust
  signature       300 dpi letter end with a handwritten signature above the signer's name
  panel           born-digital: a 510 x 227 pt RGB title panel (Flate) with white text over it,
                  one name in it; page 2 draws the same image object (shared)
"""
import io
import json
import os
import random
import zlib

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures", "scans")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
A4 = (595.0, 842.0)

MINUTES = {
    "scan_jpeg_300": (
        ["Notulen overleg Wijkcentrum Noord",
         "Datum: 14 maart 2024",
         "Aanwezig: mevrouw Fatima El Amrani, dhr. Stoyan Kravchenko",
         "1. Opening",
         "De voorzitter opent de vergadering en heet iedereen welkom.",
         "2. Verkeersveiligheid Kastanjeplein",
         "Bewoner dhr. Kravchenko meldt overlast door verkeer in de straat.",
         "Hij is bereikbaar via s.kravchenko@ziggo.nl of 06-41852963.",
         "Afgesproken wordt dat de gemeente een verkeerstelling laat uitvoeren.",
         "3. Rondvraag",
         "Er zijn geen vragen. De voorzitter sluit de vergadering."],
        ["Fatima El Amrani", "Stoyan Kravchenko", "s.kravchenko@ziggo.nl", "06-41852963"],
    ),
    "scan_flate_200": (
        ["Verslag bewonersavond Oosterpark",
         "Datum: 2 april 2024",
         "Aanwezig: mevrouw Ingrid Bakhuizen, dhr. Desmond Owusu",
         "1. Groenonderhoud",
         "Mevrouw Bakhuizen vraagt wanneer de bomen worden gesnoeid.",
         "De gemeente zegt toe dit in het najaar te doen.",
         "2. Afval",
         "Dhr. Owusu is bereikbaar op telefoonnummer 06-27394618.",
         "De containers worden vaker geleegd."],
        ["Ingrid Bakhuizen", "Desmond Owusu", "06-27394618"],
    ),
    "scan_g4_300": (
        ["Notulen commissie Ruimtelijke Ordening",
         "Datum: 21 mei 2024",
         "Inspreker: mevrouw Wilhelmina Schoonderwoerd",
         "Mevrouw Schoonderwoerd woont aan de Lindelaan en maakt bezwaar",
         "tegen de nieuwe bouwplannen. Zij vraagt om meer groen.",
         "Haar e-mailadres is w.schoonderwoerd@kpnmail.nl.",
         "De commissie neemt het bezwaar mee in het advies."],
        ["Wilhelmina Schoonderwoerd", "w.schoonderwoerd@kpnmail.nl"],
    ),
    "scan_jbig2_300": (
        ["Verslag overleg Havenkwartier",
         "Datum: 4 juni 2024",
         "Aanwezig: mevrouw Gerarda Ploegmakers",
         "Mevrouw Ploegmakers vraagt om extra fietsenrekken bij het station.",
         "Zij is bereikbaar via 06-38461729.",
         "De gemeente onderzoekt de mogelijkheden."],
        ["Gerarda Ploegmakers", "06-38461729"],
    ),
    "scan_rotated": (
        ["Verslag overleg Sportpark Zuid",
         "Datum: 9 juni 2024",
         "Aanwezig: mevrouw Yvonne Hartsuiker, dhr. Reza Tehrani",
         "Dhr. Tehrani meldt dat de verlichting van het veld kapot is.",
         "Mevrouw Hartsuiker is bereikbaar via 06-58203716.",
         "De beheerder repareert de verlichting voor de zomer."],
        ["Yvonne Hartsuiker", "Reza Tehrani", "06-58203716"],
    ),
    "mixed": (
        ["Bijlage: ingekomen brief",
         "Geachte heer, mevrouw,",
         "Namens de bewoners van de Populierstraat vraag ik aandacht",
         "voor de parkeerdruk in onze straat. Ik ben bereikbaar",
         "via marieke.donkersloot@gmail.com of 06-93027184.",
         "Met vriendelijke groet,",
         "mevrouw Marieke Donkersloot"],
        ["Marieke Donkersloot", "marieke.donkersloot@gmail.com", "06-93027184"],
    ),
    "scan_poor_150": (
        ["Verslag spreekuur wijkagent",
         "Aanwezig: dhr. Bartholomeus Vanderhoeven",
         "Dhr. Vanderhoeven meldt inbraak in zijn schuur.",
         "Hij is bereikbaar op 06-71946285."],
        ["Bartholomeus Vanderhoeven", "06-71946285"],
    ),
    "signature": (
        ["De aanvraag wordt hierbij ingediend.",
         "Plaats en datum: Amsterdam, 3 juli 2024",
         "Handtekening aanvrager:",
         "",
         "",
         "",
         "mevrouw Henriette Vlasblom"],
        ["Henriette Vlasblom"],
    ),
}


def render(lines, dpi, size_pt=11.0, sig=False):
    """The upright page as a gray Pillow image, and the signature box in points (or None)."""
    w, h = round(A4[0] * dpi / 72), round(A4[1] * dpi / 72)
    img = Image.new("L", (w, h), 250)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, round(size_pt * dpi / 72))
    x = round(72 * dpi / 72)
    y = round(80 * dpi / 72)
    step = round(size_pt * 1.9 * dpi / 72)
    sig_box = None
    for i, line in enumerate(lines):
        if line:
            d.text((x, y), line, fill=20, font=font)
        if sig and line.startswith("Handtekening"):
            # a handwritten-looking stroke over the next three empty lines
            rnd = random.Random(7)
            pts = []
            sx, sy = x + 20 * dpi / 72, y + step * 2.2
            for k in range(40):
                pts.append((sx + k * 4.2 * dpi / 72, sy + rnd.uniform(-14, 14) * dpi / 72))
            d.line(pts, fill=10, width=max(2, round(1.6 * dpi / 72)))
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            sig_box = [min(xs) * 72 / dpi - 4, min(ys) * 72 / dpi - 4,
                       max(xs) * 72 / dpi + 4, max(ys) * 72 / dpi + 4]
        y += step
    return img, sig_box


def noisy(img, amount, seed=1):
    rnd = random.Random(seed)
    px = img.load()
    w, h = img.size
    for _ in range(int(w * h * amount)):
        x, y = rnd.randrange(w), rnd.randrange(h)
        px[x, y] = rnd.choice((0, 120, 255))
    return img


def jpeg(img, q):
    b = io.BytesIO()
    img.save(b, "JPEG", quality=q)
    return b.getvalue()


def g4(img):
    """Group 4 data of a 1-bit image (one strip), via libtiff."""
    from PIL import TiffImagePlugin
    TiffImagePlugin.STRIP_SIZE = 1 << 30  # one strip for the whole image
    # libtiff codes sample value 0 as a white run: invert, so the paper is coded white
    img = img.point(lambda v: 255 - v)
    b = io.BytesIO()
    img.save(b, "TIFF", compression="group4")
    t = Image.open(io.BytesIO(b.getvalue()))
    offs, counts = t.tag_v2[273], t.tag_v2[279]
    assert len(offs) == 1, "one strip expected"
    return b.getvalue()[offs[0]:offs[0] + counts[0]]


def jbig2_mmr(img):
    """An embedded JBIG2 stream (PDF organisation: no file header, no end-of-page) holding one
    page-information segment and one immediate lossless generic region coded with MMR (T.6)."""
    import struct
    w, h = img.size
    mmr = g4(img)

    def seg(number, kind, data):
        return struct.pack(">IBBBI", number, kind, 0, 1, len(data)) + data

    page_info = struct.pack(">IIIIBH", w, h, 300, 300, 0, 0)
    region = struct.pack(">IIIIB", w, h, 0, 0, 0) + bytes([1]) + mmr
    return seg(0, 48, page_info) + seg(1, 39, region)


def flate_png_up(img):
    w, h = img.size
    raw = img.tobytes()
    out = bytearray()
    prev = bytes(w)
    for r in range(h):
        row = raw[r * w:(r + 1) * w]
        out.append(2)  # PNG "Up"
        out.extend((row[i] - prev[i]) & 0xFF for i in range(w))
        prev = row
    return zlib.compress(bytes(out), 9)


class Pdf:
    def __init__(self):
        self.objs = []

    def add(self, body):
        self.objs.append(body)
        return len(self.objs)

    def stream(self, dict_body, data):
        return self.add(b"<< " + dict_body + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")

    def save(self, path, pages):
        kids = b" ".join(b"%d 0 R" % p for p in pages)
        root_pages = len(self.objs) + 1
        # patch /Parent: pages were written with placeholder 0 0 R
        self.objs = [o.replace(b"/Parent 0 0 R", b"/Parent %d 0 R" % root_pages) for o in self.objs]
        self.add(b"<< /Type /Pages /Kids [ " + kids + b" ] /Count %d >>" % len(pages))
        cat = self.add(b"<< /Type /Catalog /Pages %d 0 R >>" % root_pages)
        out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, o in enumerate(self.objs):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objs) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % off
        out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(self.objs) + 1, cat, xref)
        with open(path, "wb") as f:
            f.write(out)

    def image_page(self, img_obj, iw_pt, ih_pt, media=A4, rotate=0, cm=None):
        cm = cm or (iw_pt, 0, 0, ih_pt, 0, 0)
        content = b"q %.3f %.3f %.3f %.3f %.3f %.3f cm /Im0 Do Q" % cm
        c = self.stream(b"", content)
        rot = b" /Rotate %d" % rotate if rotate else b""
        return self.add(b"<< /Type /Page /Parent 0 0 R /MediaBox [0 0 %.0f %.0f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R%s >>"
                        % (media[0], media[1], img_obj, c, rot))


def image_xobject(pdf, img, kind, metadata=True):
    w, h = img.size
    meta = b""
    if metadata:
        # scanner metadata that must not survive redaction
        m = pdf.stream(b"/Type /Metadata /Subtype /XML",
                       b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><scanner>ScanStation 9000</scanner></x:xmpmeta>")
        meta = b" /Metadata %d 0 R" % m
    if kind == "jpeg":
        return pdf.stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode%s" % (w, h, meta), img[1])
    if kind == "flate":
        return pdf.stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns %d >>%s" % (w, h, w, meta), img[1])
    if kind == "jbig2":
        return pdf.stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode%s" % (w, h, meta), img[1])
    if kind == "g4":
        return pdf.stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns %d /Rows %d /BlackIs1 false >>%s" % (w, h, w, h, meta), img[1])
    raise ValueError(kind)


class Sized:
    """A Pillow image plus its encoded bytes (so image_xobject can read .size and [1])."""

    def __init__(self, im, data):
        self.size = im.size
        self._data = data

    def __getitem__(self, i):
        return self._data


def scan(name, dpi, kind, **kw):
    lines, sensitive = MINUTES[name]
    img, sig = render(lines, dpi, sig=kw.get("sig", False))
    if kw.get("poor"):
        img = img.point(lambda v: 90 + v * 0.45)  # low contrast
        img = img.filter(ImageFilter.GaussianBlur(1.3))
        img = noisy(img, 0.06)
    elif kind != "g4":
        img = noisy(img, 0.0002)
    if kind == "jpeg":
        data = jpeg(img, kw.get("q", 55))
    elif kind == "flate":
        data = flate_png_up(img)
    elif kind == "jbig2":
        img = img.point(lambda v: 255 if v > 128 else 0).convert("1")
        data = jbig2_mmr(img)
    else:
        img = img.point(lambda v: 255 if v > 128 else 0).convert("1")
        data = g4(img)
    return img, Sized(img, data), lines, sensitive, sig


def truth(name, lines, sensitive, **extra):
    t = {"file": name + ".pdf", "sensitive": sensitive, "text": lines}
    t.update(extra)
    with open(os.path.join(OUT, name + ".truth.json"), "w") as f:
        json.dump(t, f, indent=1, ensure_ascii=False)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, dpi, kind, kw in [("scan_jpeg_300", 300, "jpeg", {}),
                                ("scan_flate_200", 200, "flate", {}),
                                ("scan_g4_300", 300, "g4", {}),
                                ("scan_jbig2_300", 300, "jbig2", {}),
                                ("scan_poor_150", 150, "jpeg", {"poor": True, "q": 12}),
                                ("signature", 300, "jpeg", {"sig": True})]:
        _, s, lines, sensitive, sig = scan(name, dpi, kind, **kw)
        pdf = Pdf()
        im = image_xobject(pdf, s, kind)
        page = pdf.image_page(im, A4[0], A4[1])
        pdf.save(os.path.join(OUT, name + ".pdf"), [page])
        extra = {"dpi": dpi, "encoding": kind, "ocr_pages": [1]}
        if sig:
            extra["signature_box"] = [round(v, 1) for v in sig]
        if kw.get("poor"):
            extra["expect"] = "flagged"
        truth(name, lines, sensitive, **extra)

    # Rotated: the upright page turned a quarter counter-clockwise in the image, on a landscape
    # MediaBox with /Rotate 90 (displayed upright, portrait).
    img, _ = render(MINUTES["scan_rotated"][0], 300)
    img = noisy(img, 0.0002).rotate(90, expand=True)
    pdf = Pdf()
    im = image_xobject(pdf, Sized(img, jpeg(img, 55)), "jpeg")
    page = pdf.image_page(im, A4[1], A4[0], media=(A4[1], A4[0]), rotate=90)
    pdf.save(os.path.join(OUT, "scan_rotated.pdf"), [page])
    truth("scan_rotated", *MINUTES["scan_rotated"], dpi=300, encoding="jpeg", rotate=90, ocr_pages=[1])

    # Mixed: a born-digital page, then a scanned one.
    pdf = Pdf()
    font = pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    text = [b"Notulen overleg Populierstraat", b"Datum: 11 juli 2024",
            b"De ingekomen brief van mevrouw Marieke Donkersloot is bijgevoegd.",
            b"De voorzitter stelt voor de parkeerdruk te laten onderzoeken."]
    body = b"BT /F1 11 Tf 72 760 Td 16 TL " + b" ".join(b"(" + t + b") '" for t in text) + b" ET"
    c = pdf.stream(b"", body)
    p1 = pdf.add(b"<< /Type /Page /Parent 0 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, c))
    img, _ = render(MINUTES["mixed"][0], 300)
    img = noisy(img, 0.0002)
    im = image_xobject(pdf, Sized(img, jpeg(img, 55)), "jpeg")
    p2 = pdf.image_page(im, A4[0], A4[1])
    pdf.save(os.path.join(OUT, "mixed.pdf"), [p1, p2])
    truth("mixed", *MINUTES["mixed"], dpi=300, encoding="jpeg", ocr_pages=[2],
          born_digital_page=[t.decode() for t in text])
    panel()


def panel():
    """A title panel image under white text, shared by two pages."""
    w, h = 340, 151  # 510 x 227 pt at 48 dpi
    img = Image.new("RGB", (w, h))
    px = img.load()
    for y in range(h):
        for x in range(w):
            px[x, y] = (20 + x * 100 // w, 60 + y * 80 // h, 140)
    pdf = Pdf()
    font = pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    im = pdf.stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode" % (w, h),
                    zlib.compress(img.tobytes(), 9))
    pages = []
    for lines in ([b"Jaarverslag Wijkcentrum Noord", b"Contactpersoon: mevrouw Fatima El Amrani"],
                  [b"Jaarverslag Wijkcentrum Noord", b"Bijlage 2: cijfers"]):
        body = (b"q 510 0 0 227 42 560 cm /Im0 Do Q BT 1 1 1 rg /F1 20 Tf 60 740 Td (" + lines[0]
                + b") Tj /F1 12 Tf 0 -40 Td (" + lines[1] + b") Tj ET")
        c = pdf.stream(b"", body)
        pages.append(pdf.add(b"<< /Type /Page /Parent 0 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (font, im, c)))
    pdf.save(os.path.join(OUT, "panel.pdf"), pages)
    truth("panel", ["Jaarverslag Wijkcentrum Noord", "Contactpersoon: mevrouw Fatima El Amrani"],
          ["Fatima El Amrani"], image_rect=[42, 55, 552, 282])


if __name__ == "__main__":
    main()
