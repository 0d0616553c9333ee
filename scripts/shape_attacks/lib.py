"""Helpers: glyph contours from DejaVuSans as raw PDF operators, reportlab page with an
invisible text layer in the same font (so the boxes sit on the outlines)."""
import os
from fontTools.ttLib import TTFont
from fontTools.pens.basePen import BasePen
from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as RLFont

FD = "/usr/share/fonts/truetype/dejavu/"
pdfmetrics.registerFont(RLFont("DejaVuSans", FD + "DejaVuSans.ttf"))
_f = TTFont(FD + "DejaVuSans.ttf")
GS, CMAP, UPEM, HMTX = _f.getGlyphSet(), _f.getBestCmap(), _f["head"].unitsPerEm, _f["hmtx"]
IN = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "fixtures", "shape_attacks")
os.makedirs(IN, exist_ok=True)


class Pen(BasePen):
    def __init__(self, tf):
        super().__init__(GS)
        self.tf = tf
        self.contours = []
    def _moveTo(self, pt):
        self.contours.append([("m", [self.tf(pt)])])
    def _lineTo(self, pt):
        self.contours[-1].append(("l", [self.tf(pt)]))
    def _curveToOne(self, a, b, c):
        self.contours[-1].append(("c", [self.tf(a), self.tf(b), self.tf(c)]))
    def _closePath(self):
        self.contours[-1].append(("h", []))
    _endPath = _closePath


def glyphs(text, x, y, size, tf=None):
    """[(char, [contour, ...])], each contour [(op, [pts])] in the coordinates (x, y) + ..."""
    s = size / UPEM
    adv = 0.0
    out = []
    for ch in text:
        g = CMAP.get(ord(ch), ".notdef")
        f = (lambda pt, a=adv: (x + a + pt[0] * s, y + pt[1] * s))
        if tf:
            f0 = f
            f = lambda pt, f0=f0: tf(*f0(pt))
        p = Pen(f)
        if ch != " ":
            GS[g].draw(p)
        out.append((ch, p.contours))
        adv += HMTX[g][0] * s
    return out, adv


def fmt(v):
    return ("%.3f" % v).rstrip("0").rstrip(".")


def contour_ops(contour, first_as_l=False):
    s = []
    for i, (op, pts) in enumerate(contour):
        flat = " ".join(fmt(c) for p in pts for c in p)
        if op == "h":
            s.append("h")
        else:
            s.append(f"{flat} {'l' if (i == 0 and first_as_l) else op}")
    return "\n".join(s)


def page(name, draw, layer=None, fsize=10.5):
    """draw(c) adds raw code; layer: [(text, x, y, size)] invisible text layer."""
    c = canvas.Canvas(os.path.join(IN, name), pagesize=A4, invariant=1)
    c.setPageCompression(0)
    draw(c)
    for (t, x, y, sz) in layer or []:
        c.saveState()
        to = c.beginText(x, y)
        to.setTextRenderMode(3)
        to.setFont("DejaVuSans", sz)
        to.textOut(t)
        c.drawText(to)
        c.restoreState()
    c.save()


def body(c, y=780, lines=None):
    c.setFont("Helvetica", 10.5)
    for ln in lines or [
        "Het college heeft het voorstel over de herinrichting van de openbare",
        "ruimte besproken. Daarbij is gekeken naar de verkeersveiligheid, de",
        "bereikbaarheid voor hulpdiensten en de kosten van het onderhoud.",
    ]:
        c.drawString(75, y, ln)
        y -= 15
    return y


def raw(c, s):
    c._code.append(s)
