#!/usr/bin/env python3
"""Generate fixtures/lettering/*.pdf and fixtures/lettering/truth.json: vector lettering attacks
and look-alikes for the check that reads letters drawn as shapes by OCR (src/verify/lettering.rs).

Two sets of single-purpose PDFs:

* attacks ("group": "attack"): personal data (names, e-mail, phone, BSN, IBAN) that exists only
  as vector shapes -- glyph outlines filled or stroked, flattened to line segments, merged into
  one subpath, used as a clip path, drawn through a Form XObject, a tiling pattern cell or a
  stamp annotation appearance, rasterised into thin rectangles, or drawn by a Type3 font whose
  ToUnicode lies -- so the secret is NOT in the text layer and only OCR of the rendered page
  can see it.  "secret" holds what is drawn ("a; b" when there are two).
* look-alikes ("group": "lookalike", "secret": null): vector art that is not personal data --
  logos and outlined wordmarks, charts, maps, icons, rating dots, stamps, watermarks, QR/bar
  codes, signature scribbles -- that the check must not flag.

File names: aNN_*/lNN_* come from the first review set; r1_mNN_* (attacks) and r1_fNN_*
(look-alikes) from the second.

Needs Python 3 with reportlab, fontTools and PyMuPDF (pip install reportlab fonttools pymupdf)
and the DejaVu TrueType fonts in /usr/share/fonts/truetype/dejavu/ (Debian fonts-dejavu-core;
DejaVuSerif-BoldItalic and DejaVuSansCondensed-Oblique come from fonts-dejavu-extra).
Output is deterministic (fixed random seeds, reportlab invariant mode).

The generated PDFs and truth.json are committed, so tests do not need this script or its
dependencies; rerun it only to change or extend the set:

    python3 scripts/make_lettering_fixtures.py        # rewrites fixtures/lettering/
"""
import json
import math
import os
import random

import pymupdf
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "lettering")
W, H = A4
TRUTH = []


# =====================================================================================
# Set 1 (aNN attacks, lNN look-alikes): reportlab pages, text drawn as fontTools outlines
# =====================================================================================
FD = "/usr/share/fonts/truetype/dejavu/"
FONTS = {}


def font(name):
    if name not in FONTS:
        f = TTFont(FD + name + ".ttf")
        FONTS[name] = (f, f.getGlyphSet(), f.getBestCmap(), f["head"].unitsPerEm, f["hmtx"])
    return FONTS[name]


class RLPen(BasePen):
    """fontTools pen -> reportlab path, with an affine transform applied."""
    def __init__(self, gs, path, tf):
        super().__init__(gs)
        self.p, self.tf = path, tf
    def _moveTo(self, pt): self.p.moveTo(*self.tf(pt))
    def _lineTo(self, pt): self.p.lineTo(*self.tf(pt))
    def _curveToOne(self, a, b, c):
        self.p.curveTo(*self.tf(a), *self.tf(b), *self.tf(c))
    def _closePath(self): self.p.close()


def text_width(text, size, fname="DejaVuSans", tracking=0.0):
    f, gs, cmap, upem, hmtx = font(fname)
    w = 0
    for ch in text:
        g = cmap.get(ord(ch), ".notdef")
        w += hmtx[g][0] * size / upem + tracking
    return w


def outline(c, text, x, y, size, fname="DejaVuSans", fill=(0, 0, 0), stroke=None,
            lw=0.4, angle=0.0, tracking=0.0, per_glyph=True, skew=0.0):
    """Draw text as vector outlines (no text object). angle in degrees about (x,y)."""
    f, gs, cmap, upem, hmtx = font(fname)
    s = size / upem
    ca, sa = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    k = math.tan(math.radians(skew))
    if fill is not None:
        c.setFillColorRGB(*fill) if isinstance(fill, tuple) else c.setFillGray(fill)
    if stroke is not None:
        c.setStrokeColorRGB(*stroke); c.setLineWidth(lw)
    adv = 0.0
    path = c.beginPath()
    for ch in text:
        g = cmap.get(ord(ch), ".notdef")
        def tf(pt, adv=adv):
            lx = adv + (pt[0] + k * pt[1]) * s
            ly = pt[1] * s
            return (x + lx * ca - ly * sa, y + lx * sa + ly * ca)
        if ch != " ":
            gs[g].draw(RLPen(gs, path, tf))
            if per_glyph:
                c.drawPath(path, fill=fill is not None, stroke=stroke is not None)
                path = c.beginPath()
        adv += hmtx[g][0] * s + tracking
    if not per_glyph:
        c.drawPath(path, fill=fill is not None, stroke=stroke is not None)
    c.setFillGray(0); c.setStrokeGray(0)
    return adv


def para(c, text, x, y, width=W - 150, size=10.5, lead=14.5, fontname="Helvetica"):
    """Real text layer paragraph with simple word wrap. Returns next y."""
    c.setFont(fontname, size); c.setFillGray(0)
    words, line = text.split(), ""
    for w_ in words:
        t = (line + " " + w_).strip()
        if stringWidth(t, fontname, size) > width:
            c.drawString(x, y, line); y -= lead; line = w_
        else:
            line = t
    if line:
        c.drawString(x, y, line); y -= lead
    return y - 6


BODY = [
    "Het college van burgemeester en wethouders heeft in zijn vergadering het voorstel besproken "
    "over de herinrichting van de openbare ruimte in het centrumgebied. Daarbij is gekeken naar de "
    "verkeersveiligheid, de bereikbaarheid voor hulpdiensten en de kosten van onderhoud.",
    "De gemeenteraad wordt voorgesteld in te stemmen met het beschikbaar stellen van een krediet "
    "voor de eerste fase van het project. De uitvoering start naar verwachting in het tweede kwartaal "
    "en wordt afgestemd met de betrokken nutsbedrijven en de omwonenden.",
    "Op grond van de Wet open overheid wordt dit document openbaar gemaakt. Gegevens die vallen "
    "onder de uitzonderingsgronden van artikel 5.1 zijn onleesbaar gemaakt. Tegen dit besluit kunt "
    "u binnen zes weken bezwaar maken bij het bestuursorgaan dat het besluit heeft genomen.",
    "Uit de rapportage blijkt dat het aantal meldingen over de openbare ruimte in het afgelopen jaar "
    "is gedaald. De afhandeltermijn is verbeterd en het merendeel van de meldingen is binnen vijf "
    "werkdagen opgelost. De afdeling zal de werkwijze in het komende jaar evalueren.",
    "Het bestemmingsplan voorziet in de bouw van maximaal veertig woningen, waarvan ten minste een "
    "derde in de sociale huursector. Het plan past binnen de regionale woningbouwafspraken en de "
    "provinciale omgevingsverordening.",
]


def body(c, y, n=2, start=0, x=75):
    for i in range(n):
        y = para(c, BODY[(start + i) % len(BODY)], x, y)
    return y


def new(name):
    c = canvas.Canvas(os.path.join(OUT, name), pagesize=A4, invariant=1)
    c.setTitle("Document"); c.setAuthor("Gemeente Zuidhaven")
    return c


def rec(fname, group, secret, desc):
    TRUTH.append({"file": fname, "group": group, "secret": secret, "description": desc})


# ---------------------------------------------------------------- vector helpers
def logo_waves(c, x, y, s=1.0, col=(0.0, 0.32, 0.6)):
    c.setFillColorRGB(*col)
    c.roundRect(x, y, 40 * s, 40 * s, 6 * s, fill=1, stroke=0)
    c.setStrokeColorRGB(1, 1, 1); c.setLineWidth(2.2 * s)
    for i in range(3):
        p = c.beginPath(); yy = y + (10 + 9 * i) * s
        p.moveTo(x + 5 * s, yy)
        p.curveTo(x + 12 * s, yy + 5 * s, x + 18 * s, yy - 5 * s, x + 25 * s, yy)
        p.curveTo(x + 30 * s, yy + 4 * s, x + 33 * s, yy - 3 * s, x + 36 * s, yy)
        c.drawPath(p, fill=0, stroke=1)
    c.setStrokeGray(0); c.setFillGray(0)


def logo_shield(c, x, y, s=1.0):
    c.setFillColorRGB(0.75, 0.1, 0.1)
    p = c.beginPath(); p.moveTo(x, y + 40 * s); p.lineTo(x + 32 * s, y + 40 * s)
    p.lineTo(x + 32 * s, y + 18 * s); p.curveTo(x + 32 * s, y + 6 * s, x + 16 * s, y, x + 16 * s, y)
    p.curveTo(x + 16 * s, y, x, y + 6 * s, x, y + 18 * s); p.close()
    c.drawPath(p, fill=1, stroke=0)
    c.setFillColorRGB(1, 0.85, 0.1)
    for i in range(3):
        cx, cy = x + (9 + 7 * i) * s, y + 28 * s
        star(c, cx, cy, 3.2 * s)
    c.setFillGray(0)


def star(c, cx, cy, r, fill=1):
    p = c.beginPath()
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.42
        a = math.pi / 2 + i * math.pi / 5
        (p.moveTo if i == 0 else p.lineTo)(cx + rr * math.cos(a), cy + rr * math.sin(a))
    p.close(); c.drawPath(p, fill=fill, stroke=1 - fill)


def icon_phone(c, x, y, s=10):
    p = c.beginPath()
    p.moveTo(x + 0.15 * s, y + 0.85 * s)
    p.curveTo(x + 0.1 * s, y + 0.5 * s, x + 0.5 * s, y + 0.1 * s, x + 0.85 * s, y + 0.15 * s)
    p.lineTo(x + 0.95 * s, y + 0.35 * s); p.lineTo(x + 0.72 * s, y + 0.48 * s)
    p.curveTo(x + 0.6 * s, y + 0.42 * s, x + 0.55 * s, y + 0.38 * s, x + 0.5 * s, y + 0.5 * s)
    p.curveTo(x + 0.4 * s, y + 0.58 * s, x + 0.42 * s, y + 0.62 * s, x + 0.48 * s, y + 0.72 * s)
    p.lineTo(x + 0.35 * s, y + 0.95 * s); p.close()
    c.drawPath(p, fill=1, stroke=0)


def icon_mail(c, x, y, s=10):
    c.rect(x, y + 0.15 * s, s, 0.7 * s, fill=1, stroke=0)
    c.setStrokeGray(1); c.setLineWidth(0.1 * s)
    p = c.beginPath(); p.moveTo(x + 0.05 * s, y + 0.8 * s); p.lineTo(x + 0.5 * s, y + 0.45 * s)
    p.lineTo(x + 0.95 * s, y + 0.8 * s); c.drawPath(p, stroke=1, fill=0); c.setStrokeGray(0)


def icon_pin(c, x, y, s=10):
    p = c.beginPath(); cx = x + 0.5 * s
    p.moveTo(cx, y)
    p.curveTo(cx - 0.2 * s, y + 0.35 * s, cx - 0.42 * s, y + 0.5 * s, cx - 0.42 * s, y + 0.68 * s)
    p.curveTo(cx - 0.42 * s, y + 1.05 * s, cx + 0.42 * s, y + 1.05 * s, cx + 0.42 * s, y + 0.68 * s)
    p.curveTo(cx + 0.42 * s, y + 0.5 * s, cx + 0.2 * s, y + 0.35 * s, cx, y); p.close()
    c.drawPath(p, fill=1, stroke=0)
    c.setFillGray(1); c.circle(cx, y + 0.68 * s, 0.15 * s, fill=1, stroke=0); c.setFillGray(0)


def icon_globe(c, x, y, s=10):
    c.setLineWidth(0.08 * s)
    c.circle(x + s / 2, y + s / 2, s / 2, fill=0, stroke=1)
    c.ellipse(x + 0.3 * s, y, x + 0.7 * s, y + s, fill=0, stroke=1)
    c.line(x, y + s / 2, x + s, y + s / 2)


def scribble(c, x, y, w=150, h=30, seed=1, pieces=1):
    rnd = random.Random(seed)
    c.setLineWidth(1.1); c.setStrokeColorRGB(0.05, 0.1, 0.35)
    for k in range(pieces):
        p = c.beginPath(); cx, cy = x + k * w / pieces, y + rnd.uniform(0, h / 2)
        p.moveTo(cx, cy)
        for i in range(14):
            nx = cx + rnd.uniform(6, 16) * (w / 150) / pieces * 1.6
            ny = y + rnd.uniform(-h / 3, h)
            p.curveTo(cx + rnd.uniform(-8, 12), cy + rnd.uniform(-h, h),
                      nx + rnd.uniform(-12, 8), ny + rnd.uniform(-h, h), nx, ny)
            cx, cy = nx, ny
        c.drawPath(p, stroke=1, fill=0)
    c.setStrokeGray(0)


def header(c, org="Gemeente Zuidhaven", logo=logo_waves):
    logo(c, 75, H - 95)
    c.setFont("Helvetica-Bold", 14); c.drawString(125, H - 75, org)
    c.setFont("Helvetica", 9); c.drawString(125, H - 88, "Postbus 100, 3000 AA Zuidhaven")


# ================================================================ LOOK-ALIKES
def l01():
    c = new("l01_letterhead_gemeente.pdf")
    logo_waves(c, 75, H - 110, 1.4)
    outline(c, "Gemeente", 140, H - 78, 22, "DejaVuSans-Bold", fill=(0.0, 0.32, 0.6))
    outline(c, "Zuidhaven", 140, H - 104, 22, "DejaVuSans", fill=(0.0, 0.32, 0.6))
    c.setFont("Helvetica", 9)
    c.drawString(400, H - 80, "Postbus 100"); c.drawString(400, H - 92, "3000 AA Zuidhaven")
    y = H - 170
    c.setFont("Helvetica-Bold", 11); c.drawString(75, y, "Onderwerp: herinrichting centrumgebied"); y -= 30
    y = para(c, "Geachte heer, mevrouw,", 75, y)
    y = body(c, y, 3)
    para(c, "Met vriendelijke groet, het college van burgemeester en wethouders", 75, y - 10)
    c.save()
    rec("l01_letterhead_gemeente.pdf", "lookalike", None, "letterhead: vector logo + outlined wordmark 'Gemeente Zuidhaven'")


def l02():
    c = new("l02_letterhead_provincie.pdf")
    logo_shield(c, W - 115, H - 105, 1.3)
    outline(c, "Provincie", 75, H - 80, 26, "DejaVuSerif-Bold", fill=(0.55, 0.05, 0.05))
    outline(c, "Noordland", 75, H - 108, 26, "DejaVuSerif", fill=(0.55, 0.05, 0.05))
    c.setFillColorRGB(0.55, 0.05, 0.05); c.rect(75, H - 122, W - 150, 2, fill=1, stroke=0); c.setFillGray(0)
    y = H - 160
    c.setFont("Helvetica-Bold", 11); c.drawString(75, y, "Gedeputeerde Staten van Noordland"); y -= 26
    y = body(c, y, 3, start=2)
    c.save()
    rec("l02_letterhead_provincie.pdf", "lookalike", None, "serif outlined wordmark 'Provincie Noordland' + shield logo with stars")


def l03():
    c = new("l03_letterhead_rws.pdf")
    c.setFillColorRGB(0.08, 0.2, 0.45); c.rect(0, H - 70, W, 70, fill=1, stroke=0)
    c.setFillColorRGB(1, 0.8, 0); c.rect(W / 2 - 12, H - 70, 24, 70, fill=1, stroke=0)
    outline(c, "Rijkswaterstaat", W / 2 + 20, H - 95, 16, "DejaVuSans-Bold", fill=(0, 0, 0))
    outline(c, "Ministerie van Infrastructuur en Waterstaat", W / 2 + 20, H - 110, 9, "DejaVuSans", fill=(0, 0, 0))
    y = H - 160
    c.setFont("Helvetica-Bold", 11); c.drawString(75, y, "Verkeersbesluit onderhoud A-weg"); y -= 26
    y = body(c, y, 3, start=1)
    c.save()
    rec("l03_letterhead_rws.pdf", "lookalike", None, "ministry-style banner + outlined 'Rijkswaterstaat' and ministry name")


def axes(c, x0, y0, w, h):
    c.setLineWidth(0.8); c.line(x0, y0, x0 + w, y0); c.line(x0, y0, x0, y0 + h)


def l04():
    c = new("l04_bar_chart.pdf"); header(c)
    y = para(c, "Figuur 1 toont het aantal meldingen openbare ruimte per kwartaal.", 75, H - 140)
    x0, y0, w, h = 100, 380, 380, 220
    axes(c, x0, y0, w, h)
    vals = [120, 95, 143, 88, 110, 130, 76, 101]
    c.setFont("Helvetica", 8)
    for i in range(0, 160, 40):
        yy = y0 + i * h / 160; c.setStrokeGray(0.8); c.line(x0, yy, x0 + w, yy); c.setStrokeGray(0)
        c.drawRightString(x0 - 4, yy - 3, str(i))
    for i, v in enumerate(vals):
        c.setFillColorRGB(0.1 + 0.1 * (i % 2), 0.4, 0.7); bx = x0 + 12 + i * 45
        c.rect(bx, y0, 30, v * h / 160, fill=1, stroke=0); c.setFillGray(0)
        c.drawCentredString(bx + 15, y0 - 12, "K%d-%d" % (i % 4 + 1, 2022 + i // 4))
    c.drawCentredString(x0 + w / 2, y0 - 28, "Kwartaal")
    c.saveState(); c.translate(x0 - 30, y0 + h / 2); c.rotate(90); c.drawCentredString(0, 0, "Aantal meldingen"); c.restoreState()
    body(c, 330, 2, start=3)
    c.save()
    rec("l04_bar_chart.pdf", "lookalike", None, "bar chart, gridlines, real-text axis labels")


def l05():
    c = new("l05_line_chart.pdf"); header(c)
    para(c, "Figuur 2: ontwikkeling van het aantal inwoners en woningen.", 75, H - 140)
    x0, y0, w, h = 100, 400, 380, 220
    axes(c, x0, y0, w, h)
    rnd = random.Random(5)
    for si, col in enumerate([(0.8, 0.2, 0.1), (0.1, 0.5, 0.2)]):
        pts = [(x0 + 20 + i * 34, y0 + 40 + si * 50 + i * 8 + rnd.uniform(-15, 15)) for i in range(11)]
        c.setStrokeColorRGB(*col); c.setFillColorRGB(*col); c.setLineWidth(1.3)
        p = c.beginPath(); p.moveTo(*pts[0])
        for q in pts[1:]: p.lineTo(*q)
        c.drawPath(p, stroke=1, fill=0)
        for (px, py) in pts:
            if si == 0: c.circle(px, py, 2.8, fill=1, stroke=0)
            else: c.rect(px - 2.6, py - 2.6, 5.2, 5.2, fill=1, stroke=0)
    c.setFillGray(0); c.setStrokeGray(0); c.setFont("Helvetica", 8)
    for i in range(11): c.drawCentredString(x0 + 20 + i * 34, y0 - 12, str(2013 + i))
    c.drawString(x0 + 10, y0 + h - 10, "Inwoners (x 1000)"); c.drawString(x0 + 10, y0 + h - 22, "Woningen (x 1000)")
    body(c, 350, 2)
    c.save()
    rec("l05_line_chart.pdf", "lookalike", None, "line chart with circle/square markers, real-text labels")


def l06():
    c = new("l06_pie_chart.pdf"); header(c)
    para(c, "Figuur 3: verdeling van de uitgaven per programma.", 75, H - 140)
    cx, cy, r = 220, 520, 100
    parts = [("Sociaal domein", 38), ("Openbare ruimte", 22), ("Onderwijs", 15), ("Veiligheid", 10), ("Bestuur", 15)]
    cols = [(0.1, 0.4, 0.7), (0.9, 0.6, 0.1), (0.3, 0.7, 0.3), (0.8, 0.2, 0.2), (0.6, 0.6, 0.6)]
    a = 90
    for (lbl, v), col in zip(parts, cols):
        c.setFillColorRGB(*col); c.setStrokeGray(1)
        c.wedge(cx - r, cy - r, cx + r, cy + r, a, -v * 3.6, fill=1, stroke=1); a -= v * 3.6
    c.setFont("Helvetica", 9)
    for i, ((lbl, v), col) in enumerate(zip(parts, cols)):
        c.setFillColorRGB(*col); c.rect(360, 590 - i * 18, 9, 9, fill=1, stroke=0)
        c.setFillGray(0); c.drawString(375, 591 - i * 18, "%s (%d%%)" % (lbl, v))
    body(c, 390, 2, start=2)
    c.save()
    rec("l06_pie_chart.pdf", "lookalike", None, "pie chart with legend swatches, real-text legend")


def l07():
    c = new("l07_chart_outlined_ticks.pdf"); header(c)
    para(c, "Figuur 4: kosten van het project per jaar (bedragen in miljoen euro).", 75, H - 140)
    x0, y0, w, h = 110, 420, 360, 200
    axes(c, x0, y0, w, h)
    years = ["2019", "2020", "2021", "2022", "2023"]; vals = [3.1, 4.4, 2.8, 5.2, 4.9]
    for i, (yr, v) in enumerate(zip(years, vals)):
        bx = x0 + 20 + i * 68
        c.setFillColorRGB(0.2, 0.45, 0.65); c.rect(bx, y0, 40, v * 35, fill=1, stroke=0)
        outline(c, yr, bx + 6, y0 - 14, 9)
    for i in range(0, 6):
        outline(c, "%d,0" % i, x0 - 24, y0 + i * 35 - 3, 8)
    body(c, 370, 2, start=4)
    c.save()
    rec("l07_chart_outlined_ticks.pdf", "lookalike", None, "bar chart whose tick labels (2019..2023, 0,0..5,0) are outlined")


def l08():
    c = new("l08_map.pdf"); header(c)
    para(c, "Kaart 1: plangebied Havenkwartier met bestaande percelen en bomen.", 75, H - 140)
    rnd = random.Random(8)
    X0, Y0, MW, MH = 75, 320, 445, 370
    c.setStrokeGray(0.3); c.rect(X0, Y0, MW, MH, fill=0, stroke=1)
    c.setFillColorRGB(0.85, 0.85, 0.85)
    c.rect(X0, Y0 + 200, MW, 22, fill=1, stroke=0); c.rect(X0 + 220, Y0, 20, MH, fill=1, stroke=0)
    for i in range(60):
        px, py = X0 + rnd.uniform(5, MW - 40), Y0 + rnd.uniform(5, MH - 40)
        if abs(py - Y0 - 210) < 35 or abs(px - X0 - 230) < 35: continue
        c.setFillColorRGB(0.95, 0.9, 0.75); c.setStrokeColorRGB(0.5, 0.4, 0.3); c.setLineWidth(0.4)
        p = c.beginPath(); n = rnd.randint(4, 6); pts = []
        for k in range(n):
            a = 2 * math.pi * k / n + rnd.uniform(-0.3, 0.3); r = rnd.uniform(8, 18)
            pts.append((px + r * math.cos(a), py + r * math.sin(a)))
        p.moveTo(*pts[0])
        for k in range(1, n):
            q0, q1 = pts[k - 1], pts[k]
            p.curveTo(q0[0] + rnd.uniform(-3, 3), q0[1] + rnd.uniform(-3, 3), q1[0] + rnd.uniform(-3, 3), q1[1] + rnd.uniform(-3, 3), *q1)
        p.close(); c.drawPath(p, fill=1, stroke=1)
    c.setFillColorRGB(0.2, 0.55, 0.2)
    for i in range(70):
        c.circle(X0 + rnd.uniform(5, MW - 5), Y0 + rnd.uniform(5, MH - 5), rnd.uniform(1.5, 3.5), fill=1, stroke=0)
    c.setFillGray(0); c.setFont("Helvetica-Oblique", 8)
    c.drawString(X0 + 20, Y0 + 207, "Havenkade"); c.drawString(X0 + 300, Y0 + 207, "Visserstraat")
    c.saveState(); c.translate(X0 + 234, Y0 + 40); c.rotate(90); c.drawString(0, 0, "Dijkweg"); c.restoreState()
    body(c, 300, 1)
    c.save()
    rec("l08_map.pdf", "lookalike", None, "map: many curvy parcels, tree circles, real-text street names")


def l09():
    c = new("l09_flow.pdf"); header(c)
    para(c, "Schema: afhandeling van een Woo-verzoek.", 75, H - 140)
    steps = ["Ontvangst verzoek", "Ontvangstbevestiging", "Inventarisatie documenten", "Zienswijze derden", "Besluit", "Publicatie"]
    c.setFont("Helvetica", 9)
    for i, s in enumerate(steps):
        x, y = 90 + (i % 2) * 230, 640 - (i // 2) * 90
        c.setFillColorRGB(0.88, 0.93, 0.98); c.setStrokeColorRGB(0.1, 0.3, 0.6)
        c.roundRect(x, y, 170, 40, 10, fill=1, stroke=1); c.setFillGray(0)
        c.drawCentredString(x + 85, y + 17, s)
        if i < len(steps) - 1:
            nx, ny = 90 + ((i + 1) % 2) * 230, 640 - ((i + 1) // 2) * 90
            sx, sy = (x + 170, y + 20) if i % 2 == 0 else (x + 85, y)
            ex, ey = (nx, ny + 20) if i % 2 == 0 else (nx + 85, ny + 40)
            c.setStrokeColorRGB(0.1, 0.3, 0.6); c.line(sx, sy, ex, ey)
            ang = math.atan2(ey - sy, ex - sx)
            p = c.beginPath(); p.moveTo(ex, ey)
            p.lineTo(ex - 8 * math.cos(ang - 0.4), ey - 8 * math.sin(ang - 0.4))
            p.lineTo(ex - 8 * math.cos(ang + 0.4), ey - 8 * math.sin(ang + 0.4)); p.close()
            c.setFillColorRGB(0.1, 0.3, 0.6); c.drawPath(p, fill=1, stroke=0); c.setFillGray(0)
    body(c, 400, 2, start=2)
    c.save()
    rec("l09_flow.pdf", "lookalike", None, "flow diagram with rounded boxes and arrowheads, real-text labels")


def l10():
    c = new("l10_icon_row.pdf"); header(c)
    y = body(c, H - 150, 3)
    c.setFillColorRGB(0.0, 0.32, 0.6)
    items = [(icon_phone, "Publiekscontact 14 020"), (icon_mail, "info@zuidhaven.nl"),
             (icon_pin, "Stadhuisplein 1, Zuidhaven"), (icon_globe, "www.zuidhaven.nl")]
    x = 75
    for fn, t in items:
        c.setFillColorRGB(0.0, 0.32, 0.6); c.setStrokeColorRGB(0.0, 0.32, 0.6); fn(c, x, 90, 11)
        c.setFillGray(0); c.setStrokeGray(0); c.setFont("Helvetica", 8); c.drawString(x + 15, 92, t)
        x += 15 + stringWidth(t, "Helvetica", 8) + 18
    c.save()
    rec("l10_icon_row.pdf", "lookalike", None, "footer row of vector icons (phone/mail/pin/globe) + real-text org contact")


def l11():
    c = new("l11_icon_column.pdf")
    c.setFillColorRGB(0.93, 0.95, 0.98); c.rect(W - 170, 0, 170, H, fill=1, stroke=0)
    header(c)
    items = [(icon_pin, ["Bezoekadres", "Stadhuisplein 1"]), (icon_phone, ["Telefoon", "14 020"]),
             (icon_mail, ["E-mail", "info@zuidhaven.nl"]), (icon_globe, ["Internet", "www.zuidhaven.nl"]),
             (icon_pin, ["Postadres", "Postbus 100"])]
    for i, (fn, t) in enumerate(items):
        y = H - 180 - i * 55
        c.setFillColorRGB(0.0, 0.32, 0.6); c.setStrokeColorRGB(0.0, 0.32, 0.6); fn(c, W - 155, y, 14)
        c.setFillGray(0); c.setStrokeGray(0)
        c.setFont("Helvetica-Bold", 8); c.drawString(W - 132, y + 8, t[0])
        c.setFont("Helvetica", 8); c.drawString(W - 132, y - 3, t[1])
    y = H - 170
    for i in range(4): y = para(c, BODY[i], 75, y, width=W - 270)
    c.save()
    rec("l11_icon_column.pdf", "lookalike", None, "vertical column of vector icons in a side bar + real-text org contact")


def l12():
    c = new("l12_signature_scribble.pdf"); header(c)
    y = body(c, H - 150, 3, start=1)
    y = para(c, "Hoogachtend,", 75, y - 10)
    scribble(c, 80, y - 35, 150, 28, seed=12, pieces=1)
    scribble(c, 330, y - 35, 120, 24, seed=99, pieces=3)
    c.setFont("Helvetica", 10)
    c.drawString(75, y - 60, "De burgemeester,"); c.drawString(320, y - 60, "De secretaris,")
    c.save()
    rec("l12_signature_scribble.pdf", "lookalike", None, "two signature scribbles (long random bezier paths) above 'De burgemeester,' / 'De secretaris,'")


def l13():
    c = new("l13_form_checkboxes.pdf"); header(c)
    c.setFont("Helvetica-Bold", 12); c.drawString(75, H - 140, "Aanvraagformulier evenementenvergunning")
    qs = ["Wordt er muziek ten gehore gebracht?", "Worden er tenten of podia geplaatst?",
          "Wordt er alcohol geschonken?", "Is er een verkeersplan nodig?", "Worden er wegen afgesloten?"]
    rnd = random.Random(3)
    for i, q in enumerate(qs):
        y = H - 180 - i * 30
        c.setFont("Helvetica", 10); c.drawString(75, y, q)
        for j, lbl in enumerate(["Ja", "Nee"]):
            x = 360 + j * 60
            c.rect(x, y - 1, 9, 9, fill=0, stroke=1)
            if rnd.random() < 0.5:
                p = c.beginPath(); p.moveTo(x + 1.5, y + 3.5); p.lineTo(x + 4, y + 1); p.lineTo(x + 8, y + 7.5)
                c.setLineWidth(1.3); c.drawPath(p, stroke=1, fill=0); c.setLineWidth(1)
            c.drawString(x + 13, y, lbl)
    y = H - 360
    c.drawString(75, y, "Soort evenement:")
    for j, lbl in enumerate(["Markt", "Concert", "Sport", "Overig"]):
        x = 180 + j * 80
        c.circle(x, y + 3.5, 4.5, fill=0, stroke=1)
        if j == 1: c.circle(x, y + 3.5, 2.2, fill=1, stroke=0)
        c.drawString(x + 8, y, lbl)
    body(c, y - 40, 2, start=2)
    c.save()
    rec("l13_form_checkboxes.pdf", "lookalike", None, "form with checkboxes (tick paths) and radio buttons")


def l14():
    c = new("l14_star_ratings.pdf"); header(c)
    para(c, "Resultaten tevredenheidsonderzoek dienstverlening 2023", 75, H - 140)
    items = ["Bereikbaarheid", "Wachttijd", "Deskundigheid", "Vriendelijkheid", "Duidelijkheid", "Afhandeling"]
    for i, it in enumerate(items):
        y = H - 180 - i * 26; score = [4, 3, 5, 4, 2, 3][i]
        c.setFont("Helvetica", 10); c.setFillGray(0); c.drawString(75, y, it)
        for k in range(5):
            c.setFillColorRGB(0.95, 0.7, 0.0); c.setStrokeColorRGB(0.7, 0.5, 0.0)
            star(c, 240 + k * 18, y + 4, 7, fill=1 if k < score else 0)
        c.setFillGray(0); c.setStrokeGray(0); c.drawString(340, y, "%d,0" % score)
    body(c, H - 360, 2)
    c.save()
    rec("l14_star_ratings.pdf", "lookalike", None, "rows of filled/outline star ratings")


def l15():
    c = new("l15_qr_grid.pdf"); header(c)
    y = body(c, H - 150, 2)
    para(c, "Scan de code om dit besluit online te raadplegen.", 75, y)
    rnd = random.Random(15); n, m = 29, 3.2; x0, y0 = 75, y - 130
    for i in range(n):
        for j in range(n):
            finder = any(i0 <= i < i0 + 7 and j0 <= j < j0 + 7 for i0, j0 in [(0, 0), (0, n - 7), (n - 7, 0)])
            if finder:
                ii, jj = (i % (n - 7)) if i >= n - 7 else i, (j % (n - 7)) if j >= n - 7 else j
                on = ii in (0, 6) or jj in (0, 6) or (2 <= ii <= 4 and 2 <= jj <= 4)
            else:
                on = rnd.random() < 0.5
            if on: c.rect(x0 + j * m, y0 + (n - i) * m, m, m, fill=1, stroke=0)
    c.save()
    rec("l15_qr_grid.pdf", "lookalike", None, "QR-code-like grid of small squares")


def l16():
    c = new("l16_barcode.pdf"); header(c)
    y = body(c, H - 150, 3)
    rnd = random.Random(16); x = 75
    for i in range(70):
        w_ = rnd.choice([0.7, 0.7, 1.4, 2.1]); c.rect(x, y - 60, w_, 45, fill=1, stroke=0); x += w_ + rnd.choice([0.7, 1.4, 2.1])
    c.setFont("Helvetica", 8); c.drawString(75, y - 72, "Zaaknummer Z-2024-004512")
    c.save()
    rec("l16_barcode.pdf", "lookalike", None, "barcode made of thin filled bars, real-text case number")


def l17():
    c = new("l17_border_ornament.pdf")
    c.setStrokeColorRGB(0.3, 0.3, 0.5); c.setFillColorRGB(0.3, 0.3, 0.5)
    c.setLineWidth(1.5); c.rect(30, 30, W - 60, H - 60, fill=0, stroke=1)
    c.setLineWidth(0.5); c.rect(36, 36, W - 72, H - 72, fill=0, stroke=1)
    for x in range(50, int(W) - 40, 16):
        for yy in (40, H - 48):
            p = c.beginPath(); p.moveTo(x, yy + 4); p.curveTo(x + 3, yy + 9, x + 6, yy - 1, x + 8, yy + 4)
            p.curveTo(x + 6, yy + 9, x + 3, yy - 1, x, yy + 4); c.drawPath(p, fill=1, stroke=0)
    for y in range(60, int(H) - 50, 16):
        for xx in (40, W - 48):
            c.circle(xx + 4, y, 2, fill=1, stroke=0)
    for (cx, cy) in [(44, 44), (W - 44, 44), (44, H - 44), (W - 44, H - 44)]:
        star(c, cx, cy, 7)
    c.setFillGray(0)
    c.setFont("Helvetica-Bold", 18); c.drawCentredString(W / 2, H - 130, "Oorkonde")
    c.setFont("Helvetica", 11); c.drawCentredString(W / 2, H - 160, "uitgereikt ter gelegenheid van 75 jaar vrijwilligerswerk in Zuidhaven")
    body(c, H - 220, 2, x=90)
    c.save()
    rec("l17_border_ornament.pdf", "lookalike", None, "certificate with ornamental border of small curly shapes, dots, corner stars")


def stamp(c, cx, cy, lines, r=48, col=(0.75, 0.1, 0.15), angle=-12):
    c.saveState(); c.translate(cx, cy); c.rotate(angle)
    c.setStrokeColorRGB(*col); c.setLineWidth(2); c.circle(0, 0, r, fill=0, stroke=1)
    c.setLineWidth(0.8); c.circle(0, 0, r - 5, fill=0, stroke=1)
    for i, (t, sz, fn) in enumerate(lines):
        w_ = text_width(t, sz, fn)
        outline(c, t, -w_ / 2, 12 - i * 18, sz, fn, fill=col)
    c.restoreState()


def l18():
    c = new("l18_date_stamp.pdf"); header(c)
    y = body(c, H - 175, 3, start=2)
    stamp(c, 470, H - 105, [("ONTVANGEN", 9, "DejaVuSans-Bold"), ("12 MRT 2024", 10, "DejaVuSansMono-Bold")])
    c.save()
    rec("l18_date_stamp.pdf", "lookalike", None, "rotated circular stamp with outlined 'ONTVANGEN 12 MRT 2024'")


def l19():
    c = new("l19_outlined_headings.pdf"); header(c)
    outline(c, "Jaarverslag 2023", 75, H - 160, 26, "DejaVuSans-Bold", fill=(0.0, 0.32, 0.6))
    outline(c, "Samenvatting", 75, H - 200, 15, "DejaVuSans-Bold")
    y = body(c, H - 222, 2)
    outline(c, "Bijlage 2", 75, y - 8, 15, "DejaVuSans-Bold")
    outline(c, "Financieel overzicht", 160, y - 8, 15, "DejaVuSans")
    body(c, y - 32, 2, start=3)
    c.save()
    rec("l19_outlined_headings.pdf", "lookalike", None, "outlined report headings 'Jaarverslag 2023', 'Samenvatting', 'Bijlage 2 Financieel overzicht'")


def l20():
    c = new("l20_outlined_page_numbers.pdf")
    for pg in range(1, 4):
        header(c)
        body(c, H - 150, 3, start=pg)
        outline(c, "Pagina %d van 3" % pg, W / 2 - 30, 40, 8)
        outline(c, str(pg), W - 80, 40, 10, "DejaVuSans-Bold")
        c.showPage()
    c.save()
    rec("l20_outlined_page_numbers.pdf", "lookalike", None, "3 pages, outlined 'Pagina n van 3' and page number")


def l21():
    c = new("l21_rotated_kenmerk.pdf"); header(c)
    body(c, H - 150, 4)
    outline(c, "Kenmerk 2024-0012345", 40, 300, 8, angle=90, fill=(0.3, 0.3, 0.3))
    outline(c, "Zaak Z-2024-004512  versie 2", 40, 480, 8, angle=90, fill=(0.3, 0.3, 0.3))
    c.save()
    rec("l21_rotated_kenmerk.pdf", "lookalike", None, "90 degree outlined margin text 'Kenmerk 2024-0012345' and case id")


def l22():
    c = new("l22_banner_white_wordmark.pdf")
    c.setFillColorRGB(0.1, 0.25, 0.45); c.rect(60, H - 130, W - 120, 60, fill=1, stroke=0)
    outline(c, "Provincie Noordland", 80, H - 108, 22, "DejaVuSans-Bold", fill=(1, 1, 1))
    outline(c, "Omgevingsdienst", 360, H - 106, 12, "DejaVuSans", fill=(1, 1, 1))
    body(c, H - 170, 4, start=1)
    c.save()
    rec("l22_banner_white_wordmark.pdf", "lookalike", None, "white outlined org name on dark banner (mirror of banner attack)")


def l23():
    c = new("l23_table_outlined_header.pdf"); header(c)
    para(c, "Tabel 1: overzicht van de subsidies per beleidsterrein.", 75, H - 140)
    cols = ["Beleidsterrein", "Begroot", "Realisatie", "Verschil"]
    rows = [("Cultuur", "120.000", "112.500", "-7.500"), ("Sport", "85.000", "91.200", "6.200"),
            ("Welzijn", "240.000", "236.800", "-3.200"), ("Onderwijs", "60.000", "60.000", "0")]
    x0, y0, cw, rh = 75, H - 170, [150, 100, 100, 90], 20
    c.setFillColorRGB(0.0, 0.32, 0.6); c.rect(x0, y0 - rh, sum(cw), rh, fill=1, stroke=0)
    x = x0
    for t, w_ in zip(cols, cw):
        outline(c, t, x + 5, y0 - 14, 9.5, "DejaVuSans-Bold", fill=(1, 1, 1)); x += w_
    c.setFont("Helvetica", 9.5)
    for i, r in enumerate(rows):
        yy = y0 - rh * (i + 2); x = x0
        c.setStrokeGray(0.7); c.line(x0, yy, x0 + sum(cw), yy); c.setStrokeGray(0)
        for t, w_ in zip(r, cw):
            c.drawString(x + 5, yy + 6, t); x += w_
    body(c, y0 - rh * 7, 2, start=3)
    c.save()
    rec("l23_table_outlined_header.pdf", "lookalike", None, "table with outlined white column headers on blue, real-text cells")


def l24():
    c = new("l24_chart_outlined_legend.pdf"); header(c)
    para(c, "Figuur 5: begroting en realisatie per programma.", 75, H - 140)
    x0, y0, w, h = 100, 420, 300, 200
    axes(c, x0, y0, w, h)
    progs = ["Wonen", "Zorg", "Verkeer", "Groen"]
    for i, pg in enumerate(progs):
        for j, col in enumerate([(0.2, 0.45, 0.7), (0.9, 0.55, 0.1)]):
            c.setFillColorRGB(*col); c.rect(x0 + 20 + i * 70 + j * 22, y0, 20, 60 + 30 * ((i + j) % 4), fill=1, stroke=0)
        c.setFillGray(0); c.setFont("Helvetica", 8); c.drawCentredString(x0 + 41 + i * 70, y0 - 12, pg)
    for j, (lbl, col) in enumerate([("Begroting", (0.2, 0.45, 0.7)), ("Realisatie", (0.9, 0.55, 0.1))]):
        c.setFillColorRGB(*col); c.rect(420, 580 - j * 18, 10, 10, fill=1, stroke=0)
        outline(c, lbl, 435, 581 - j * 18, 9)
    body(c, 370, 2)
    c.save()
    rec("l24_chart_outlined_legend.pdf", "lookalike", None, "chart whose legend entries 'Begroting'/'Realisatie' are outlined")


def l25():
    c = new("l25_slanted_slogan.pdf"); header(c)
    body(c, H - 150, 3)
    outline(c, "Samen bouwen aan Zuidhaven", 120, 250, 20, "DejaVuSerif-BoldItalic", fill=(0.0, 0.45, 0.3), angle=30)
    c.save()
    rec("l25_slanted_slogan.pdf", "lookalike", None, "30 degree rotated outlined slogan 'Samen bouwen aan Zuidhaven'")


def l26():
    c = new("l26_grey_watermark.pdf"); header(c)
    body(c, H - 150, 5)
    outline(c, "CONCEPT", 140, 250, 80, "DejaVuSans-Bold", fill=(0.85, 0.85, 0.85), angle=35)
    outline(c, "niet voor verspreiding", 350, 60, 8, fill=(0.6, 0.6, 0.6))
    c.save()
    rec("l26_grey_watermark.pdf", "lookalike", None, "light grey outlined diagonal watermark 'CONCEPT' + grey outlined note")


def l27():
    c = new("l27_map_outlined_streetnames.pdf"); header(c)
    para(c, "Kaart 2: omleidingsroute tijdens de werkzaamheden.", 75, H - 140)
    X0, Y0 = 75, 360
    c.setStrokeGray(0.4); c.rect(X0, Y0, 445, 380, fill=0, stroke=1)
    c.setStrokeColorRGB(0.8, 0.8, 0.8); c.setLineWidth(14)
    c.line(X0, Y0 + 190, X0 + 445, Y0 + 190); c.line(X0 + 150, Y0, X0 + 150, Y0 + 380)
    c.line(X0 + 300, Y0, X0 + 445, Y0 + 300)
    c.setStrokeColorRGB(0.9, 0.2, 0.1); c.setLineWidth(3); c.setDash(6, 4)
    c.line(X0 + 20, Y0 + 180, X0 + 140, Y0 + 180); c.line(X0 + 140, Y0 + 180, X0 + 140, Y0 + 20); c.setDash()
    c.setLineWidth(1)
    outline(c, "Havenkade", X0 + 230, Y0 + 186, 8, fill=(0.2, 0.2, 0.2))
    outline(c, "Molenweg", X0 + 154, Y0 + 300, 8, fill=(0.2, 0.2, 0.2), angle=90)
    outline(c, "Prins Hendrikkade", X0 + 330, Y0 + 60, 8, fill=(0.2, 0.2, 0.2), angle=64)
    outline(c, "Stationsplein", X0 + 20, Y0 + 196, 8, fill=(0.2, 0.2, 0.2))
    body(c, 330, 2, start=4)
    c.save()
    rec("l27_map_outlined_streetnames.pdf", "lookalike", None, "route map with OUTLINED street names incl. 'Prins Hendrikkade' (hard: street named after a person)")


def l28():
    c = new("l28_outlined_org_contact.pdf"); header(c)
    body(c, H - 150, 3)
    c.setFillColorRGB(0.0, 0.32, 0.6); c.rect(0, 0, W, 60, fill=1, stroke=0)
    outline(c, "Publiekscontact 14 020", 75, 25, 9, fill=(1, 1, 1))
    outline(c, "info@zuidhaven.nl", 230, 25, 9, fill=(1, 1, 1))
    outline(c, "Postbus 100, 3000 AA Zuidhaven", 360, 25, 9, fill=(1, 1, 1))
    c.save()
    rec("l28_outlined_org_contact.pdf", "lookalike", None, "footer with OUTLINED organisation contact (14 020, info@zuidhaven.nl, Postbus) (hard)")


def l29():
    c = new("l29_toc_leaders.pdf"); header(c)
    c.setFont("Helvetica-Bold", 14); c.drawString(75, H - 150, "Inhoudsopgave")
    ents = ["Inleiding", "Aanleiding en doel", "Wettelijk kader", "Financiele gevolgen", "Participatie", "Planning", "Bijlagen"]
    for i, e in enumerate(ents):
        y = H - 185 - i * 22
        c.setFont("Helvetica", 10.5); c.drawString(75, y, "%d  %s" % (i + 1, e))
        x = 80 + stringWidth("%d  %s" % (i + 1, e), "Helvetica", 10.5)
        while x < 470:
            c.rect(x, y, 1.1, 1.1, fill=1, stroke=0); x += 4
        outline(c, str(3 + i * 4), 480, y, 10.5)
    body(c, H - 360, 2)
    c.save()
    rec("l29_toc_leaders.pdf", "lookalike", None, "table of contents with tiny-rectangle dot leaders and outlined page numbers")


def l30():
    c = new("l30_clip_logo.pdf")
    # logo built with clipping paths: circle clipped stripes
    c.saveState()
    p = c.beginPath(); p.circle(105, H - 80, 28); c.clipPath(p, stroke=0, fill=0)
    for i in range(10):
        c.setFillColorRGB(0.0, 0.3 + 0.04 * i, 0.6) if i % 2 else c.setFillColorRGB(1, 0.75, 0.1)
        c.rect(70 + i * 7, H - 115, 7, 70, fill=1, stroke=0)
    c.restoreState()
    c.saveState()
    p = c.beginPath(); p.roundRect(150, H - 105, 180, 40, 8); c.clipPath(p, stroke=0, fill=0)
    c.setFillColorRGB(0.0, 0.32, 0.6); c.rect(150, H - 105, 180, 40, fill=1, stroke=0)
    c.restoreState()
    outline(c, "Waterschap", 160, H - 92, 16, "DejaVuSans-Bold", fill=(1, 1, 1))
    outline(c, "Brede Delta", 262, H - 92, 12, "DejaVuSans", fill=(1, 1, 1))
    body(c, H - 150, 4, start=2)
    c.save()
    rec("l30_clip_logo.pdf", "lookalike", None, "logo made with clipping paths + outlined 'Waterschap Brede Delta' on rounded clip box")


def l31():
    c = new("l31_pattern_hatch.pdf"); header(c)
    para(c, "Kaart 3: het gearceerde gebied valt binnen de nieuwe bestemming 'Wonen'.", 75, H - 140)
    c.setStrokeGray(0.2); c.rect(75, 420, 445, 300, fill=0, stroke=1)
    c.setFont("Helvetica", 9); c.drawString(90, 435, "Legenda: arcering = bestemming Wonen")
    body(c, 390, 2)
    c.save()
    # add a tiling-pattern-filled polygon with PyMuPDF low level
    fitz = pymupdf
    path = os.path.join(OUT, "l31_pattern_hatch.pdf")
    doc = fitz.open(path); page = doc[0]
    px = doc.get_new_xref()
    cell = b"0.4 w 0 0 m 8 8 l S 0 4 m 4 8 l S 4 0 m 8 4 l S 1 1 0.6 0.4 re f"
    doc.update_object(px, "<< /Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 8 8] /XStep 8 /YStep 8 /Resources << >> >>")
    doc.update_stream(px, cell)
    page.clean_contents()
    res = doc.xref_get_key(page.xref, "Resources")
    if res[0] == "xref":
        rx = int(res[1].split()[0]); doc.xref_set_key(rx, "Pattern", "<< /P1 %d 0 R >>" % px)
    else:
        doc.xref_set_key(page.xref, "Resources/Pattern", "<< /P1 %d 0 R >>" % px)
    cx = page.get_contents()[0]
    extra = b"\nq /Pattern cs /P1 scn 120 480 m 300 470 l 330 600 l 250 690 l 140 650 l h f 0 0 1 RG 1 w 120 480 m 300 470 l 330 600 l 250 690 l 140 650 l h S Q\n"
    doc.update_stream(cx, doc.xref_stream(cx) + extra)
    doc.save(path + ".tmp", no_new_id=True); doc.close(); os.replace(path + ".tmp", path)  # keep /ID: deterministic
    rec("l31_pattern_hatch.pdf", "lookalike", None, "map area filled with a tiling hatch pattern (pattern cell with lines + tiny rect)")


def l32():
    c = new("l32_icons_and_chart_markers.pdf"); header(c)
    para(c, "Figuur 6: aantal bezoekers per locatie (symbolen per 100 bezoekers).", 75, H - 140)
    locs = ["Stadhuis", "Bibliotheek", "Sporthal", "Wijkcentrum"]
    for i, l in enumerate(locs):
        y = H - 180 - i * 30
        c.setFont("Helvetica", 10); c.setFillGray(0); c.drawString(75, y, l)
        for k in range(3 + i * 2):
            x = 170 + k * 14
            c.setFillColorRGB(0.1, 0.4, 0.6)
            c.circle(x + 5, y + 9, 2.6, fill=1, stroke=0)
            p = c.beginPath(); p.moveTo(x + 1, y - 2); p.lineTo(x + 1, y + 3); p.curveTo(x + 1, y + 6, x + 9, y + 6, x + 9, y + 3)
            p.lineTo(x + 9, y - 2); p.close(); c.drawPath(p, fill=1, stroke=0)
    c.setFillGray(0)
    body(c, H - 320, 3)
    c.save()
    rec("l32_icons_and_chart_markers.pdf", "lookalike", None, "pictogram chart: rows of little person icons")


# ================================================================ ATTACKS
def a01():
    c = new("a01_table_cell_name.pdf"); header(c)
    c.setFont("Helvetica-Bold", 12); c.drawString(75, H - 140, "Gegevens aanvraag omgevingsvergunning")
    rows = [("Zaaknummer", "Z-2024-004512", False), ("Naam aanvrager", "Mark de Vries", True),
            ("Locatie", "Havenkade 14, Zuidhaven", False), ("Activiteit", "Bouwen van een dakkapel", False)]
    x0, y0 = 75, H - 160
    for i, (k, v, shp) in enumerate(rows):
        y = y0 - (i + 1) * 22
        c.setStrokeGray(0.5); c.rect(x0, y, 150, 22, fill=0, stroke=1); c.rect(x0 + 150, y, 260, 22, fill=0, stroke=1)
        c.setFont("Helvetica-Bold", 10); c.drawString(x0 + 5, y + 7, k)
        if shp: outline(c, v, x0 + 155, y + 7, 10)
        else: c.setFont("Helvetica", 10); c.drawString(x0 + 155, y + 7, v)
    body(c, y0 - 140, 3)
    c.save()
    rec("a01_table_cell_name.pdf", "attack", "Mark de Vries", "table cell value outlined, label cell 'Naam aanvrager' real text")


def a02():
    c = new("a02_email_outlined.pdf"); header(c)
    y = body(c, H - 150, 2)
    c.setFont("Helvetica", 10.5); c.drawString(75, y, "De indiener van de zienswijze is bereikbaar via")
    c.drawString(75, y - 16, "E-mail:")
    outline(c, "k.jansen@gmail.com", 120, y - 16, 10.5)
    body(c, y - 45, 2, start=2)
    c.save()
    rec("a02_email_outlined.pdf", "attack", "k.jansen@gmail.com", "private e-mail address outlined after real-text 'E-mail:'")


def a03():
    c = new("a03_phone_outlined.pdf"); header(c)
    y = body(c, H - 150, 2, start=1)
    c.setFont("Helvetica", 10.5); c.drawString(75, y, "Telefoon:")
    outline(c, "06-12345678", 130, y, 10.5)
    body(c, y - 30, 2, start=3)
    c.save()
    rec("a03_phone_outlined.pdf", "attack", "06-12345678", "mobile number outlined after real-text 'Telefoon:'")


def a04():
    c = new("a04_banner_white_name.pdf"); header(c)
    y = body(c, H - 150, 2)
    c.setFillColorRGB(0.1, 0.2, 0.35); c.rect(75, y - 40, W - 150, 36, fill=1, stroke=0)
    c.setFillGray(1); c.setFont("Helvetica", 9); c.drawString(85, y - 26, "Contactpersoon")
    outline(c, "Sanne Visser", 180, y - 28, 14, "DejaVuSans-Bold", fill=(1, 1, 1))
    body(c, y - 70, 2, start=2)
    c.save()
    rec("a04_banner_white_name.pdf", "attack", "Sanne Visser", "name in white outlines on a dark banner")


def a05():
    c = new("a05_footer_7pt.pdf"); header(c)
    body(c, H - 150, 4)
    c.setFont("Helvetica", 7); c.drawString(75, 40, "Behandeld door:")
    outline(c, "P. de Boer", 75 + stringWidth("Behandeld door: ", "Helvetica", 7), 40, 7)
    c.drawString(300, 40, "Kenmerk 2024-0012345")
    c.save()
    rec("a05_footer_7pt.pdf", "attack", "P. de Boer", "7 pt footer 'Behandeld door:' real text + name outlined")


def a06():
    c = new("a06_title_bold_italic.pdf"); header(c)
    outline(c, "Besluit op bezwaar van", 75, H - 160, 20, "DejaVuSerif-BoldItalic")
    outline(c, "de heer R. Bakker", 75, H - 186, 20, "DejaVuSerif-BoldItalic")
    body(c, H - 220, 4, start=2)
    c.save()
    rec("a06_title_bold_italic.pdf", "attack", "R. Bakker", "large bold-italic serif outlined title 'Besluit op bezwaar van de heer R. Bakker'")


def a07():
    c = new("a07_chart_legend_name.pdf"); header(c)
    para(c, "Figuur 1: afgehandelde bezwaarschriften per behandelaar.", 75, H - 140)
    x0, y0, w, h = 100, 420, 280, 200
    axes(c, x0, y0, w, h)
    for i in range(4):
        c.setFillColorRGB(0.2, 0.45, 0.7); c.rect(x0 + 20 + i * 65, y0, 22, 50 + 25 * i, fill=1, stroke=0)
        c.setFillColorRGB(0.9, 0.5, 0.1); c.rect(x0 + 44 + i * 65, y0, 22, 110 - 20 * i, fill=1, stroke=0)
        c.setFillGray(0); c.setFont("Helvetica", 8); c.drawCentredString(x0 + 43 + i * 65, y0 - 12, "K%d" % (i + 1))
    for j, (lbl, col) in enumerate([("Ingrid Smit", (0.2, 0.45, 0.7)), ("Thomas Mulder", (0.9, 0.5, 0.1))]):
        c.setFillColorRGB(*col); c.rect(400, 580 - j * 18, 10, 10, fill=1, stroke=0)
        outline(c, lbl, 415, 581 - j * 18, 9)
    body(c, 370, 2)
    c.save()
    rec("a07_chart_legend_name.pdf", "attack", "Ingrid Smit; Thomas Mulder", "two employee names as outlined legend entries of a bar chart")


def a08():
    c = new("a08_slanted_30.pdf"); header(c)
    body(c, H - 150, 3, start=1)
    c.setFont("Helvetica", 10); c.drawString(75, 330, "Voor akkoord getekend door de huurder:")
    outline(c, "Johan Meijer", 110, 240, 16, "DejaVuSans", angle=30)
    c.save()
    rec("a08_slanted_30.pdf", "attack", "Johan Meijer", "name outlined, rotated 30 degrees")


def a09():
    c = new("a09_light_grey.pdf"); header(c)
    y = body(c, H - 150, 2, start=3)
    c.setFont("Helvetica", 10.5); c.drawString(75, y, "Melder:")
    outline(c, "Lotte van Dijk", 120, y, 10.5, fill=0.6)
    body(c, y - 30, 2)
    c.save()
    rec("a09_light_grey.pdf", "attack", "Lotte van Dijk", "name outlined in 0.6 grey after 'Melder:'")


def a10():
    c = new("a10_attendance_two_names.pdf"); header(c)
    c.setFont("Helvetica-Bold", 12); c.drawString(75, H - 140, "Verslag overleg buurtcommissie Havenkwartier")
    c.setFont("Helvetica", 10.5); c.drawString(75, H - 165, "Aanwezig:")
    outline(c, "Kees de Groot", 135, H - 165, 10.5)
    outline(c, "Anouk Hendriks", 135, H - 180, 10.5)
    c.drawString(75, H - 198, "Afwezig: geen")
    body(c, H - 225, 3)
    c.save()
    rec("a10_attendance_two_names.pdf", "attack", "Kees de Groot; Anouk Hendriks", "attendance list, two names outlined under real-text 'Aanwezig:'")


def a11():
    c = new("a11_bsn.pdf"); header(c)
    y = body(c, H - 150, 2)
    c.setFont("Helvetica", 10.5); c.drawString(75, y, "BSN:")
    outline(c, "123456782", 110, y, 10.5)
    body(c, y - 30, 2, start=2)
    c.save()
    rec("a11_bsn.pdf", "attack", "123456782", "BSN (11-proof valid) outlined after real-text 'BSN:'")


def a12():
    c = new("a12_iban.pdf"); header(c)
    y = body(c, H - 150, 2, start=1)
    c.setFont("Helvetica", 10.5); c.drawString(75, y, "De tegemoetkoming wordt overgemaakt naar rekeningnummer")
    c.drawString(75, y - 16, "IBAN:")
    outline(c, "NL91ABNA0417164300", 112, y - 16, 10.5)
    body(c, y - 45, 2, start=3)
    c.save()
    rec("a12_iban.pdf", "attack", "NL91ABNA0417164300", "IBAN outlined after real-text 'IBAN:'")


def a13():
    c = new("a13_tight_kerning.pdf"); header(c)
    y = body(c, H - 150, 2)
    c.setFont("Helvetica", 10.5); c.drawString(75, y, "Bezwaarmaker:")
    outline(c, "Bram Vermeulen", 155, y, 11, "DejaVuSans-Bold", tracking=-1.2)
    body(c, y - 30, 2, start=2)
    c.save()
    rec("a13_tight_kerning.pdf", "attack", "Bram Vermeulen", "bold name outlined with -1.2 pt tracking (glyphs overlap)")


def a14():
    c = new("a14_5pt.pdf"); header(c)
    y = body(c, H - 150, 3)
    c.setFont("Helvetica", 7); c.drawString(75, y, "Opgesteld door:")
    outline(c, "Noor Jacobs", 75 + stringWidth("Opgesteld door: ", "Helvetica", 7), y, 5)
    c.save()
    rec("a14_5pt.pdf", "attack", "Noor Jacobs", "name outlined at 5 pt")


def a15():
    c = new("a15_address_window.pdf"); header(c)
    c.setFont("Helvetica", 8); c.drawString(75, H - 140, "Retouradres Postbus 100, 3000 AA Zuidhaven")
    for i, t in enumerate(["De heer W. Dekker", "Lindelaan 12", "3012 AB Zuidhaven"]):
        outline(c, t, 75, H - 160 - i * 14, 10.5, "DejaVuSerif")
    y = H - 240
    c.setFont("Helvetica", 10.5); c.drawString(75, y, "Geachte heer,"); y -= 22
    body(c, y, 3, start=2)
    c.save()
    rec("a15_address_window.pdf", "attack", "W. Dekker", "recipient address block (name, street, postcode) outlined in serif")


def a16():
    c = new("a16_photo_caption.pdf"); header(c)
    y = body(c, H - 150, 1, start=3)
    c.setFillGray(0.85); c.rect(75, y - 170, 220, 160, fill=1, stroke=0)
    c.setFillGray(0.6)
    p = c.beginPath(); p.moveTo(75, y - 170); p.lineTo(150, y - 90); p.lineTo(200, y - 130); p.lineTo(240, y - 100); p.lineTo(295, y - 170); p.close()
    c.drawPath(p, fill=1, stroke=0); c.setFillGray(0)
    outline(c, "Foto: Marieke Kok", 75, y - 182, 8, "DejaVuSansCondensed-Oblique")
    body(c, y - 205, 2)
    c.save()
    rec("a16_photo_caption.pdf", "attack", "Marieke Kok", "photo credit caption 'Foto: Marieke Kok' fully outlined, condensed oblique 8 pt")


LOOK = [l01, l02, l03, l04, l05, l06, l07, l08, l09, l10, l11, l12, l13, l14, l15, l16,
        l17, l18, l19, l20, l21, l22, l23, l24, l25, l26, l27, l28, l29, l30, l31, l32]
ATT = [a01, a02, a03, a04, a05, a06, a07, a08, a09, a10, a11, a12, a13, a14, a15, a16]


# =====================================================================================
# Set 2 (r1_mNN attacks, r1_fNN look-alikes): raw PDF content streams built by hand
# =====================================================================================
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_F = TTFont(DEJAVU); _GS = _F.getGlyphSet(); _CM = _F.getBestCmap()
HELV = pymupdf.Font("helv")

def tlen(s, size=11):
    return sum(HELV.glyph_advance(ord(c)) for c in s) * size

def esc(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

def tline(x, y, s, size=11, font="F1", extra=""):
    return f"BT {extra} /{font} {size} Tf {x} {y} Td ({esc(s)}) Tj ET\n"

class Pen(BasePen):
    def __init__(self, gs, s, tx, ty, flat=0, merge=False):
        super().__init__(gs); self.ops=[]; self.s=s; self.tx=tx; self.ty=ty; self.flat=flat
        self.cur=None; self.start=None; self.merge=merge; self.first=None
    def p(self, pt): return (pt[0]*self.s+self.tx, pt[1]*self.s+self.ty)
    def f(self, q): return f"{q[0]:.2f} {q[1]:.2f}"
    def _moveTo(self, pt):
        q=self.p(pt)
        if self.merge and self.first is not None:
            # jump with a line: zero-area back-and-forth connector, no new subpath
            self.ops.append(self.f(q)+" l")
            self.jumps.append(q)
        else:
            self.ops.append(self.f(q)+" m")
        self.cur=q; self.start=q
    def _lineTo(self, pt):
        q=self.p(pt); self.ops.append(self.f(q)+" l"); self.cur=q
    def _curveToOne(self, p1, p2, p3):
        a,b,c=self.p(p1),self.p(p2),self.p(p3)
        if self.flat:
            p0=self.cur
            for i in range(1,self.flat+1):
                t=i/self.flat; u=1-t
                x=u**3*p0[0]+3*u*u*t*a[0]+3*u*t*t*b[0]+t**3*c[0]
                y=u**3*p0[1]+3*u*u*t*a[1]+3*u*t*t*b[1]+t**3*c[1]
                self.ops.append(self.f((x,y))+" l")
        else:
            self.ops.append(f"{self.f(a)} {self.f(b)} {self.f(c)} c")
        self.cur=c
    def _closePath(self):
        if self.merge:
            self.ops.append(self.f(self.start)+" l")
            self.ops.append(self.f(self.anchor)+" l")
        else:
            self.ops.append("h")

def glyph_ops(s, x, y, size, flat=0, per_letter_fill=None, merge=False, tracking=0.0):
    """Path operators of DejaVu Sans outlines of s. flat>0: curves flattened to that many line
    segments. per_letter_fill: operator appended after each letter. merge: whole string as ONE
    subpath (contours connected by zero-area there-and-back lines)."""
    scale = size / _F["head"].unitsPerEm
    ops = []
    anchor = None
    for ch in s:
        g = _CM[ord(ch)]
        pen = Pen(_GS, scale, x, y, flat=flat, merge=merge)
        pen.jumps = []
        if merge:
            if anchor is None:
                # start the single subpath at the baseline origin
                anchor = (x, y); ops.append(f"{x:.2f} {y:.2f} m")
            pen.first = True
            pen.anchor = anchor
        _GS[g].draw(pen)
        if merge:
            # return to anchor after each contour group: emit contour-ops, then go back
            new=[]
            for o in pen.ops:
                new.append(o)
            # each contour was entered from the anchor via 'l' and ends at its own start; return to anchor
            out=[]; 
            for o in new:
                out.append(o)
            ops += pen.ops + [f"{anchor[0]:.2f} {anchor[1]:.2f} l"]
        else:
            ops += pen.ops
        if per_letter_fill:
            ops.append(per_letter_fill)
        x += _F["hmtx"][g][0] * scale + tracking
    return "\n".join(ops) + "\n"

def glyph_width(s, size):
    scale = size / _F["head"].unitsPerEm
    return sum(_F["hmtx"][_CM[ord(c)]][0] for c in s) * scale

def build(fname, content, xobjects=None, extra_res="", page_extra="", extra_objs=None, extra_fonts=""):
    """xobjects: dict name -> (dict_str_without_Length, data str). extra_objs: list of raw bodies
    numbered from 100 (refer to them as 100 0 R...). extra_fonts: more /Font entries."""
    objs = {}
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    objs[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    xo = ""
    n = 10
    if xobjects:
        for name, (dct, data) in xobjects.items():
            data = data.encode("latin-1") if isinstance(data, str) else data
            objs[n] = dct.encode() [:-2] + f" /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"
            xo += f"/{name} {n} 0 R "
            n += 1
    if extra_objs:
        for i, body in enumerate(extra_objs):
            objs[100 + i] = body.encode("latin-1") if isinstance(body, str) else body
    data = content.encode("latin-1")
    objs[5] = f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"
    res = f"<< /Font << /F1 4 0 R {extra_fonts}>> /XObject << {xo}>> {extra_res} >>"
    objs[3] = f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {res} /Contents 5 0 R {page_extra} >>".encode()
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offs = {}
    for k in sorted(objs):
        offs[k] = len(out)
        out += f"{k} 0 obj\n".encode() + objs[k] + b"\nendobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for k in range(1, size):
        out += (f"{offs[k]:010d} 00000 n \n" if k in offs else "0000000000 65535 f \n").encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    p = os.path.join(OUT, fname)
    open(p, "wb").write(out)
    return p

R1_BODY = [
    "Gemeente Havenstad - verslag overleg projectgroep Kade, 12 maart 2024",
    "Aanwezig: de leden van de projectgroep en de secretaris.",
    "De projectgroep bespreekt de planning van de werkzaamheden.",
    "Afgesproken wordt de planning op de website van de gemeente te plaatsen.",
]
def r1_body(y0=770):
    return "".join(tline(72, y0 - 20*i, s) for i, s in enumerate(R1_BODY))

def circle(cx, cy, r):
    k = 0.5523 * r
    return (f"{cx+r} {cy} m {cx+r} {cy+k} {cx+k} {cy+r} {cx} {cy+r} c "
            f"{cx-k} {cy+r} {cx-r} {cy+k} {cx-r} {cy} c {cx-r} {cy-k} {cx-k} {cy-r} {cx} {cy-r} c "
            f"{cx+k} {cy-r} {cx+r} {cy-k} {cx+r} {cy} c h\n")

def rrect(x, y, w, h, r):
    k = 0.5523 * r
    return (f"{x+r} {y} m {x+w-r} {y} l {x+w-r+k} {y} {x+w} {y+r-k} {x+w} {y+r} c "
            f"{x+w} {y+h-r} l {x+w} {y+h-r+k} {x+w-r+k} {y+h} {x+w-r} {y+h} c "
            f"{x+r} {y+h} l {x+r-k} {y+h} {x} {y+h-r+k} {x} {y+h-r} c "
            f"{x} {y+r} l {x} {y+r-k} {x+r-k} {y} {x+r} {y} c h\n")


# ---- attack cases (mNN): the name exists only as shapes
cases = {}
def case(fn): cases[fn.__name__] = fn; return fn
PRE = "Notulist: mevrouw "
Y = 640
X2 = 72 + tlen(PRE)

@case
def m00_baseline_inline():   # f03 pattern
    return r1_body() + tline(72, Y, PRE) + "0 g\n" + glyph_ops("Karin Jansen", X2, Y, 11) + "f\n", {}
@case
def m01_signature_own_line():
    return (r1_body() + tline(72, Y, "Met vriendelijke groet,") + tline(72, Y-14, "namens het college van burgemeester en wethouders,")
            + "0 g\n" + glyph_ops("Pieter de Vries", 72, Y-50, 11) + "f\n" + tline(72, Y-64, "teamleider Vergunningen")), {}
@case
def m02_colofon_label_above():
    c = r1_body()
    for i,(lab,val) in enumerate([("Contactpersoon","drs. P. de Vries"),("Datum","12 maart 2024")]):
        y = 700 - 30*i
        c += tline(420, y, lab, size=7.5)
        if i == 0: c += "0 g\n" + glyph_ops(val, 420, y-10, 7.5) + "f\n"
        else: c += tline(420, y-10, val, size=7.5)
    return c, {}
@case
def m03_table_value_column():
    return (r1_body() + tline(72, Y, "Notulist:") + "0 g\n" + glyph_ops("Karin Jansen", 200, Y, 11) + "f\n"
            + tline(72, Y-16, "Voorzitter:") + tline(200, Y-16, "de wethouder")), {}
@case
def m04_stroked_outlines():
    return r1_body() + tline(72, Y, PRE) + "0 G 0.6 w\n" + glyph_ops("Karin Jansen", X2, Y, 11) + "S\n", {}
@case
def m05_straight_segments_only():
    return r1_body() + tline(72, Y, PRE) + "0 g\n" + glyph_ops("Karin Jansen", X2, Y, 11, flat=4) + "f\n", {}
@case
def m06_one_subpath_for_whole_name():
    return r1_body() + tline(72, Y, PRE) + "0 g\n" + glyph_ops("Karin Jansen", X2, Y, 11, merge=True) + "f\n", {}
@case
def m07_highlight_box_behind_name():
    w = glyph_width("Karin Jansen", 11)
    return (r1_body() + tline(72, Y, PRE) + f"1 1 0.6 rg {X2-1:.2f} {Y-3} {w+2:.2f} 12 re f\n"
            + "0 g\n" + glyph_ops("Karin Jansen", X2, Y, 11) + "f\n"), {}
@case
def m08_letterspaced_caps():
    return r1_body() + tline(72, Y, PRE) + "0 g\n" + glyph_ops("JANSEN", X2, Y, 11, tracking=14) + "f\n", {}
@case
def m09_bitmap_as_thin_rects():
    # the name rendered to a 1-bit bitmap, emitted as run-length rectangles 0.25 pt high
    d = pymupdf.open(); pg = d.new_page(width=200, height=20)
    pg.insert_text((2, 14), "Karin Jansen", fontsize=11, fontname="helv")
    pix = pg.get_pixmap(dpi=288, colorspace=pymupdf.csGRAY)
    s = 72/288; ops=[]
    for row in range(pix.height):
        col=0
        while col < pix.width:
            if pix.pixel(col,row)[0] < 128:
                c0=col
                while col < pix.width and pix.pixel(col,row)[0] < 128: col+=1
                ops.append(f"{X2+c0*s:.2f} {Y-6+ (pix.height-row-1)*s:.2f} {(col-c0)*s:.2f} {s:.2f} re")
            col+=1
    return r1_body() + tline(72, Y, PRE) + "0 g\n" + "\n".join(ops) + "\nf\n", {}
@case
def m10_rotated_margin_line():
    lab = "Behandeld door: mevrouw "
    # whole line rotated 90 deg in the left margin, label as real text, name as outlines
    c = r1_body() + f"q 0 1 -1 0 40 300 cm\n" + tline(0, 0, lab, size=9) + "0 g\n" + glyph_ops("K. Jansen", tlen(lab,9), 0, 9) + "f\nQ\n"
    return c, {}
@case
def m11_clip_path_letters():
    return (r1_body() + tline(72, Y, PRE) + "q\n" + glyph_ops("Karin Jansen", X2, Y, 11) + "W n\n0 g "
            + f"{X2-2:.2f} {Y-5} 80 20 re f\nQ\n"), {}
@case
def m12_whole_line_outlined():
    return r1_body() + "0 g\n" + glyph_ops("Notulist: mevrouw Karin Jansen", 72, Y, 11) + "f\n", {}
@case
def m13_form_xobject_inline():
    form = ("<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] >>", "0 g\n" + glyph_ops("Karin Jansen", X2, Y, 11) + "f\n")
    return r1_body() + tline(72, Y, PRE) + "/Fm1 Do\n", {"xobjects": {"Fm1": form}}
@case
def m14_per_letter_fill_control():
    return r1_body() + tline(72, Y, PRE) + "0 g\n" + glyph_ops("Karin Jansen", X2, Y, 11, per_letter_fill="f") + "\n", {}
@case
def m15_pattern_cell():
    cell = "0 g\n" + glyph_ops("Karin Jansen", 0, 3, 11) + "f\n"
    pat = (f"<< /Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 80 15] /XStep 600 /YStep 600 /Resources << >> "
           f"/Matrix [1 0 0 1 {X2:.2f} {Y-3}] >>", cell)
    return (r1_body() + tline(72, Y, PRE) + f"/Pattern cs /P1 scn {X2:.2f} {Y-3} 80 15 re f\n",
            {"xobjects": {"P1": pat}, "patname": "P1"})
@case
def m16_type3_font_wrong_tounicode():
    name = "Jansen"
    procs = {}; objs=[]; diffs=[]; 
    scale = 1000/_F["head"].unitsPerEm
    chars = sorted(set(name)); widths=[]
    for i,ch in enumerate(chars):
        g=_CM[ord(ch)]; adv=_F["hmtx"][g][0]*scale
        pen=Pen(_GS, scale, 0, 0); _GS[g].draw(pen)
        data = f"{adv:.0f} 0 d0\n" + "\n".join(pen.ops) + "\nf\n"
        objs.append(f"<< /Length {len(data)} >>\nstream\n{data}\nendstream")
        diffs.append(f"/g{i}"); widths.append(f"{adv:.0f}")
    n0 = 100
    cp = " ".join(f"/g{i} {n0+i} 0 R" for i in range(len(chars)))
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            "1 begincodespacerange <00> <FF> endcodespacerange "
            f"{len(chars)} beginbfchar " + " ".join(f"<{65+i:02X}> <0078>" for i in range(len(chars)))
            + " endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    objs.append(f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream")
    tu = n0+len(chars)
    objs.append(f"<< /Type /Font /Subtype /Type3 /FontBBox [0 -300 1500 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
                f"/CharProcs << {cp} >> /Encoding << /Type /Encoding /Differences [65 {' '.join(diffs)}] >> "
                f"/FirstChar 65 /LastChar {64+len(chars)} /Widths [{' '.join(widths)}] /Resources << >> /ToUnicode {tu} 0 R >>")
    fnt = n0+len(chars)+1
    codes = "".join(chr(65+chars.index(c)) for c in name)
    return (r1_body() + tline(72, Y, PRE + "K. ") + f"BT /T3 11 Tf {72+tlen(PRE+'K. '):.2f} {Y} Td ({codes}) Tj ET\n",
            {"extra_objs": objs, "extra_res": f"/FontT3 {fnt}"})
@case
def m17_stamp_annotation_ap():
    ap = "0 g\n" + glyph_ops("Karin Jansen", 0, 3, 11) + "f\n"
    objs = [f"<< /Type /XObject /Subtype /Form /BBox [0 0 80 15] /Length {len(ap)} >>\nstream\n{ap}\nendstream",
            f"<< /Type /Annot /Subtype /Stamp /Rect [{X2:.2f} {Y-3} {X2+80:.2f} {Y+12}] /F 4 /AP << /N 100 0 R >> >>"]
    return r1_body() + tline(72, Y, PRE), {"extra_objs": objs, "page_extra": "/Annots [101 0 R]"}


# ---- look-alike cases (fNN): vector art next to real text, no personal data
@case
def f01_rating_dots():
    c = r1_body() + tline(72, Y, "Tevredenheid bewoners over de uitvoering:")
    x = 72 + tlen("Tevredenheid bewoners over de uitvoering:") + 8
    for i in range(5):
        c += ("0.1 0.3 0.6 rg " if i < 4 else "0.8 0.8 0.8 rg ") + circle(x + 10*i + 4, Y + 3.5, 4) + "f\n"
    c += "0 g " + tline(x + 55, Y, "(4 van 5)")
    return c
@case
def f02_social_icons_footer():
    c = r1_body() + tline(72, 60, "Volg ons:", size=9)
    x = 72 + tlen("Volg ons:", 9) + 6
    for i in range(4):
        c += "0.1 0.3 0.6 rg " + rrect(x + 14*i, 57, 11, 11, 2.5) + "f\n"
        c += "1 g " + circle(x + 14*i + 5.5, 62.5, 2.2) + "f\n"  # white glyph inside icon
    c += "0 g " + tline(x + 62, 60, "www.havenstad.nl", size=9)
    return c
@case
def f03_partner_logos_with_lettering():
    c = r1_body() + tline(72, 90, "Mede mogelijk gemaakt door", size=9)
    x = 72 + tlen("Mede mogelijk gemaakt door", 9) + 10
    c += "0.0 0.4 0.2 rg " + circle(x + 6, 93, 6) + "f\n"
    c += "0.0 0.4 0.2 rg " + glyph_ops("Provincie Zuid", x + 15, 89, 9) + "f\n"
    return c
@case
def f04_bullet_list_vector_bullets():
    c = r1_body()
    for i, s in enumerate(["de planning van de werkzaamheden;", "de communicatie met omwonenden;", "de kosten van het project."]):
        c += "0 g " + circle(80, Y - 16*i + 3.5, 2) + "f\n" + tline(90, Y - 16*i, s)
    return c
@case
def f05_table_check_circles_wide():
    c = r1_body() + tline(72, Y + 20, "Maatregel") + "".join(tline(250 + 60*j, Y + 20, q) for j, q in enumerate(["Q1", "Q2", "Q3", "Q4"]))
    for i, m in enumerate(["Onderhoud kademuur", "Nieuwe verlichting", "Herinrichting plein"]):
        y = Y - 16*i
        c += tline(72, y, m)
        for j in range(4):
            if (i + j) % 2 == 0:
                c += "0 0.5 0 rg " + circle(256 + 60*j, y + 3.5, 4) + "f\n0 g\n"
    return c
@case
def f06_gantt_dense_month_dots():
    c = r1_body() + tline(72, Y + 20, "Planning 2024") + "".join(tline(230 + 14*j, Y + 20, "JFMAMJJASOND"[j], size=8) for j in range(12))
    for i, m in enumerate(["Ontwerp", "Aanbesteding", "Uitvoering"]):
        y = Y - 16*i
        c += tline(72, y, m)
        for j in range(12):
            if 3*i <= j < 3*i + 5:
                c += "0.1 0.3 0.6 rg " + circle(232 + 14*j, y + 3.5, 4.5) + "f\n0 g\n"
    return c
@case
def f07_inline_contact_icons():
    c = r1_body()
    items = [("14 020", 0), ("info@havenstad.nl", 1), ("www.havenstad.nl", 2)]
    x = 72
    for s, k in items:
        c += "0.1 0.3 0.6 rg " + circle(x + 5, Y + 3.5, 5) + "f\n1 g " + f"{x+2.5} {Y+2} 5 3 re f\n0 g "
        c += tline(x + 13, Y, s, size=9); x += 13 + tlen(s, 9) + 14
    return c
@case
def f08_likert_filled_scale():
    c = r1_body() + tline(72, Y, "Zeer oneens", size=9)
    x = 72 + tlen("Zeer oneens", 9) + 8
    for i in range(5):
        c += ("0 g " if i == 3 else "0.85 g ") + circle(x + 14*i + 4, Y + 3, 4) + "f\n"
    c += "0 g " + tline(x + 72, Y, "Zeer eens", size=9)
    return c
@case
def f09_status_chips():
    c = r1_body() + tline(72, Y, "Labels:")
    x = 72 + tlen("Labels:") + 8
    for s in ["Woo", "Besluit", "2024", "Openbaar"]:
        w = tlen(s, 8) + 8
        c += "0.85 0.9 1 rg " + rrect(x, Y - 3, w, 13, 4) + "f\n0 g " + tline(x + 4, Y, s, size=8)
        x += w + 4
    return c
@case
def f10_map_numbered_markers():
    c = r1_body() + tline(72, Y, "Route langs de kade:", size=9)
    x = 72 + tlen("Route langs de kade:", 9) + 8
    for i in range(4):
        c += "0.8 0.1 0.1 rg " + circle(x + 14*i + 5, Y + 3, 5) + "f\n1 g " + tline(x + 14*i + 2.5, Y, str(i + 1), size=7) + "0 g\n"
    return c
@case
def f11_letterhead_logo_wordmark_far():
    c = r1_body(700)
    c += "0.1 0.3 0.6 rg " + circle(85, 800, 12) + "f\n" + glyph_ops("Gemeente Havenstad", 102, 794, 14) + "f\n"
    c += "0 g " + tline(420, 796, "Retouradres Postbus 100", size=7)
    return c
@case
def f12_letterhead_logo_wordmark_with_tagline_text():
    c = r1_body(700)
    c += "0.1 0.3 0.6 rg " + circle(85, 800, 12) + "f\n" + glyph_ops("Havenstad", 102, 794, 16) + "f\n"
    c += "0 g " + tline(102 + glyph_width("Havenstad", 16) + 6, 794, "gemeente aan zee", size=9)
    return c
@case
def f13_inline_icons_stacked_column():
    c = r1_body()
    for i, s in enumerate(["14 020", "info@havenstad.nl", "Stadhuisplein 1, Havenstad"]):
        y = Y - 14*i
        c += "0.1 0.3 0.6 rg " + circle(77, y + 3, 4) + "f\n0 g " + tline(86, y, s, size=9)
    return c

def make(name):
    """Write fixtures/lettering/r1_<name>.pdf. Attack cases (mNN) return (content, options),
    look-alike cases (fNN) return only the content stream."""
    fname = "r1_" + name + ".pdf"
    r = cases[name]()
    if isinstance(r, str):
        return build(fname, r)
    c, o = r
    xo = o.get("xobjects")
    extra_res = o.get("extra_res", "")
    extra_fonts = ""
    if "patname" in o:
        # move the pattern from XObject dict to Pattern dict
        dct, data = xo.pop(o["patname"])
        o.setdefault("extra_objs", []).append(dct[:-2] + f" /Length {len(data)} >>\nstream\n{data}\nendstream")
        extra_res += f" /Pattern << /{o['patname']} {100+len(o['extra_objs'])-1} 0 R >>"
    if extra_res.startswith("/FontT3"):
        # the Type3 font goes next to /F1 in the page's /Font dictionary
        extra_fonts = f"/T3 {extra_res.split()[1]} 0 R "
        extra_res = ""
    return build(fname, c, xobjects=xo, extra_res=extra_res, page_extra=o.get("page_extra", ""),
                 extra_objs=o.get("extra_objs"), extra_fonts=extra_fonts)


# name -> (secret drawn as shapes or None, description)
R1_TRUTH = {
    "m00_baseline_inline": ("Karin Jansen", "name as filled DejaVu outlines right after real-text 'Notulist: mevrouw ' on the same line"),
    "m01_signature_own_line": ("Pieter de Vries", "signature block: name outlined on its own line between real-text greeting and job title"),
    "m02_colofon_label_above": ("drs. P. de Vries", "7.5 pt colofon: real-text label 'Contactpersoon' with the outlined value on the line below"),
    "m03_table_value_column": ("Karin Jansen", "real-text label 'Notulist:' with the outlined name in a value column further right"),
    "m04_stroked_outlines": ("Karin Jansen", "glyph outlines stroked (0.6 w S), not filled"),
    "m05_straight_segments_only": ("Karin Jansen", "outlines with every curve flattened to 4 line segments (no curve operators)"),
    "m06_one_subpath_for_whole_name": ("Karin Jansen", "whole name as ONE subpath, contours joined by connector lines back to the baseline origin"),
    "m07_highlight_box_behind_name": ("Karin Jansen", "outlined name on a filled yellow highlight rectangle"),
    "m08_letterspaced_caps": ("JANSEN", "capitals outlined with 14 pt extra letter spacing"),
    "m09_bitmap_as_thin_rects": ("Karin Jansen", "name rasterised at 288 dpi and emitted as run-length rectangles 0.25 pt high"),
    "m10_rotated_margin_line": ("K. Jansen", "9 pt line rotated 90 degrees in the left margin: label real text, name outlined"),
    "m11_clip_path_letters": ("Karin Jansen", "glyph outlines used as a clip path (W n) and a black rectangle filled through it"),
    "m12_whole_line_outlined": ("Karin Jansen", "whole line 'Notulist: mevrouw Karin Jansen' outlined, no real text on that line"),
    "m13_form_xobject_inline": ("Karin Jansen", "outlined name inside a Form XObject drawn with Do after the real-text label"),
    "m14_per_letter_fill_control": ("Karin Jansen", "outlines filled letter by letter (one f per glyph)"),
    "m15_pattern_cell": ("Karin Jansen", "outlined name as the cell of a tiling pattern that fills a rectangle after the label"),
    "m16_type3_font_wrong_tounicode": ("Jansen", "'Jansen' shown with a Type3 font whose CharProcs are DejaVu outlines and whose ToUnicode maps every code to 'x' (after real-text 'K. ')"),
    "m17_stamp_annotation_ap": ("Karin Jansen", "outlined name only in the appearance stream of a Stamp annotation placed after the label"),
    "f01_rating_dots": (None, "row of 5 filled circles (rating 4 of 5) after a real-text label"),
    "f02_social_icons_footer": (None, "footer 'Volg ons:' with 4 rounded-square social icons with white dots"),
    "f03_partner_logos_with_lettering": (None, "partner logo: circle plus outlined org name 'Provincie Zuid' after 'Mede mogelijk gemaakt door'"),
    "f04_bullet_list_vector_bullets": (None, "bullet list with vector circle bullets"),
    "f05_table_check_circles_wide": (None, "table with green check circles in quarter columns"),
    "f06_gantt_dense_month_dots": (None, "gantt planning with dense rows of month dots"),
    "f07_inline_contact_icons": (None, "inline contact line with round icons before real-text phone/e-mail/web of the organisation"),
    "f08_likert_filled_scale": (None, "Likert scale of 5 circles between 'Zeer oneens' and 'Zeer eens'"),
    "f09_status_chips": (None, "rounded label chips with real text ('Woo', 'Besluit', '2024', 'Openbaar')"),
    "f10_map_numbered_markers": (None, "red map markers with real-text white numbers 1..4"),
    "f11_letterhead_logo_wordmark_far": (None, "letterhead: logo circle + outlined wordmark 'Gemeente Havenstad', real text far away"),
    "f12_letterhead_logo_wordmark_with_tagline_text": (None, "letterhead: outlined wordmark 'Havenstad' directly followed by real-text tagline"),
    "f13_inline_icons_stacked_column": (None, "column of round icons before real-text organisation contact lines"),
}


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for f in LOOK + ATT:
        f()
    for name in cases:
        make(name)
        secret, desc = R1_TRUTH[name]
        rec("r1_" + name + ".pdf", "attack" if name.startswith("m") else "lookalike", secret, desc)
    with open(os.path.join(OUT, "truth.json"), "w") as fh:
        json.dump(TRUTH, fh, indent=1)
        fh.write("\n")
    print(len(TRUTH), "files in", OUT)
