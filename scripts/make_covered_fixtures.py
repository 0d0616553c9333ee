#!/usr/bin/env python3
"""Generate fixtures/covered/*.pdf and fixtures/covered/truth.json: pages where a redaction box
hides vector shapes, which redaction must remove, not cover (src/redact/paths.rs).

* "searchable" pages: the visible text is drawn as vector outlines (filled, stroked, as a
  clipping path, inside a Form XObject) and an invisible text layer (render mode 3, the same
  font, so it lies exactly over the outlines) makes it searchable -- as print-ready or OCR'd
  vector PDFs are. Detection finds the name in the text layer; the outlines under its box must
  go too. Expected: published (`ok`).
* "area" pages: a name and a handwritten signature drawn only as vector shapes. OCR reads the
  name (and it is removed where it is drawn); the signature reads as nothing, and only a
  reviewer's area (`areas` in truth.json, PDF user space) removes it.

truth.json: file, group, secret (the words that must not survive), areas, description.

Needs Python 3 with reportlab and fontTools and the DejaVu fonts (see
make_lettering_fixtures.py, whose outline helper this uses). The PDFs are committed; rerun only
to change the set:

    python3 scripts/make_covered_fixtures.py        # rewrites fixtures/covered/
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_lettering_fixtures as L  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont as RLFont  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "covered")
L.OUT = OUT
TRUTH = []
pdfmetrics.registerFont(RLFont("DejaVuSans", L.FD + "DejaVuSans.ttf"))


def layer(c, text, x, y, size):
    """The invisible text layer over outlines drawn with the same font."""
    c.saveState()
    t = c.beginText(x, y)
    t.setTextRenderMode(3)
    t.setFont("DejaVuSans", size)
    t.textOut(text)
    c.drawText(t)
    c.restoreState()


def searchable(c, text, x, y, size=10.5, **kw):
    """A line drawn as outlines with its invisible text layer on top."""
    L.outline(c, text, x, y, size, **kw)
    layer(c, text, x, y, size)


def outlined_page(c, lines, y=770, size=10.5, lead=15.5, **kw):
    for s in lines:
        searchable(c, s, 75, y, size, **kw)
        y -= lead
    return y


def rec(fname, group, secret, desc, areas=None):
    TRUTH.append({"file": fname, "group": group, "secret": secret, "areas": areas or [],
                  "description": desc})


BODY = [
    "Het college heeft het voorstel over de herinrichting van de openbare",
    "ruimte besproken. Daarbij is gekeken naar de verkeersveiligheid, de",
    "bereikbaarheid voor hulpdiensten en de kosten van het onderhoud.",
]


def c01():
    name = "c01_outlined_text_with_invisible_layer.pdf"
    c = L.new(name)
    y = outlined_page(c, ["Verslag van het overleg van 12 maart 2024", ""] + BODY)
    y = outlined_page(c, ["Aanwezig: de heer Pieter Bakker (voorzitter), mevrouw",
                          "Annelies Verhoeven en de secretaris.", ""] + BODY, y=y - 10)
    c.save()
    rec(name, "searchable", ["Bakker", "Verhoeven"],
        "every line outlined (filled DejaVu outlines, one path per glyph) with an invisible "
        "text layer in the same font; two names in an attendance line")


def c02():
    name = "c02_stroked_signature_with_invisible_layer.pdf"
    c = L.new(name)
    y = L.body(c, 780, n=2)
    c.setFont("Helvetica", 10.5)
    c.drawString(75, y - 10, "Met vriendelijke groet,")
    searchable(c, "Marieke Jansen-Hofstra", 75, y - 60, 13, fill=None, stroke=(0, 0, 0), lw=0.5)
    c.setFont("Helvetica", 10.5)
    c.drawString(75, y - 76, "beleidsmedewerker Ruimte")
    c.save()
    rec(name, "searchable", ["Marieke", "Hofstra"],
        "signature name drawn as stroked outlines (no fill) with an invisible text layer, "
        "under real-text lines")


def c03():
    name = "c03_clip_letters_with_invisible_layer.pdf"
    c = L.new(name)
    y = L.body(c, 780, n=1)
    c.setFont("Helvetica", 10.5)
    c.drawString(75, y - 10, "Behandeld door:")
    x, yy, size, text = 160, y - 10, 12, "Ruud Kleinjan"
    # the name's outlines as a clipping path; a coloured band painted through them
    c.saveState()
    p = c.beginPath()
    f, gs, cmap, upem, hmtx = L.font("DejaVuSans")
    s = size / upem
    adv = 0.0
    for ch in text:
        g = cmap.get(ord(ch), ".notdef")
        if ch != " ":
            gs[g].draw(L.RLPen(gs, p, lambda pt, a=adv: (x + a + pt[0] * s, yy + pt[1] * s)))
        adv += hmtx[g][0] * s
    c.clipPath(p, stroke=0, fill=0)
    c.setFillColorRGB(0.1, 0.2, 0.5)
    c.rect(x - 2, yy - 4, adv + 4, size + 6, stroke=0, fill=1)
    c.restoreState()
    layer(c, text, x, yy, size)
    L.body(c, y - 40, n=1, start=2)
    c.save()
    rec(name, "searchable", ["Ruud", "Kleinjan"],
        "name as a clipping path of glyph outlines with a filled band painted through it, "
        "invisible text layer on top")


def c04():
    name = "c04_outlines_in_form_with_invisible_layer.pdf"
    c = L.new(name)
    y = L.body(c, 780, n=1)
    c.setFont("Helvetica", 10.5)
    c.drawString(75, y - 10, "Contactpersoon:")
    c.beginForm("Naam")
    L.outline(c, "Sandra Oosterveld", 0, 0, 10.5)
    c.endForm()
    c.saveState()
    c.translate(165, y - 10)
    c.doForm("Naam")
    c.restoreState()
    layer(c, "Sandra Oosterveld", 165, y - 10, 10.5)
    c.setFont("Helvetica", 10.5)
    c.drawString(75, y - 26, "Telefoon: 14 020")
    L.body(c, y - 50, n=1, start=3)
    c.save()
    rec(name, "searchable", ["Sandra", "Oosterveld"],
        "name outlined inside a Form XObject, invisible text layer on the page")


def c05():
    name = "c05_reviewer_area_over_vector_signature.pdf"
    c = L.new(name)
    y = L.body(c, 780, n=2)
    c.setFont("Helvetica", 10.5)
    c.drawString(75, y - 10, "Hoogachtend,")
    # a handwritten signature from a signing pad: long strokes, taller than a line of text
    rnd = random.Random(5)
    sx, sy = 80, y - 110
    p = c.beginPath()
    p.moveTo(sx, sy + 40)
    for i in range(1, 14):
        p.curveTo(sx + i * 11 - 6, sy + 40 + rnd.uniform(-45, 45),
                  sx + i * 11 - 3, sy + 40 + rnd.uniform(-45, 45),
                  sx + i * 11, sy + 40 + rnd.uniform(-20, 20))
    c.setLineWidth(1.2)
    c.drawPath(p, stroke=1, fill=0)
    c.setLineWidth(1)
    # the signer's name as outlines only (no text layer)
    L.outline(c, "Hendrik Dijkgraaf", 80, sy - 18, 10.5)
    c.setFont("Helvetica", 10.5)
    c.drawString(80, sy - 34, "directeur Bedrijfsvoering")
    c.save()
    # user space (origin bottom-left): signature box and the name line
    areas = [[74, sy - 10, 240, sy + 92], [74, sy - 23, 200, sy - 7]]
    rec(name, "area", ["Hendrik", "Dijkgraaf"],
        "vector signature (strokes taller than a letter) and the signer's outlined name with "
        "no text layer; a reviewer's areas cover both", areas)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for f in (c01, c02, c03, c04, c05):
        f()
    with open(os.path.join(OUT, "truth.json"), "w") as fh:
        json.dump(TRUTH, fh, indent=1)
        fh.write("\n")
    print(len(TRUTH), "files in", OUT)
