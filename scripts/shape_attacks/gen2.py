"""Post-processed cases: pattern (s05), annotation (s11), render mode 7 (s12)."""
import json
import pymupdf as fitz
from lib import *
from gen import outlines, layer, LINE, X, Y, S, SECRETS

def fix_pattern():
    d = fitz.open(IN + "/s05_pattern_cell.pdf")
    p = d[0]
    cell, _ = outlines(None, text="Pieter Bakker", x=0, y=3.9)
    x = d.get_new_xref()
    d.update_object(x, "<< /Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 100 16] /XStep 1000 /YStep 1000 /Resources << >> /Matrix [1 0 0 1 190.31 596.1] >>")
    d.update_stream(x, cell.encode())
    res = d.xref_get_key(p.xref, "Resources")
    if res[0] == "xref":
        rx = int(res[1].split()[0])
        d.xref_set_key(rx, "Pattern", f"<< /P1 {x} 0 R >>")
    else:
        d.xref_set_key(p.xref, "Resources/Pattern", f"<< /P1 {x} 0 R >>")
    d.save(IN + "/s05_pattern_cell.tmp.pdf")
    import os; os.replace(IN + "/s05_pattern_cell.tmp.pdf", IN + "/s05_pattern_cell.pdf")

fix_pattern()

# s11: a Stamp annotation whose appearance draws the outlined name over the name's box
page("s11_annot_ap.pdf", lambda c: body(c), layer())
d = fitz.open(IN + "/s11_annot_ap.pdf")
p = d[0]
ap, _ = outlines(None, text="Pieter Bakker", x=0, y=2.89)
apx = d.get_new_xref()
d.update_object(apx, "<< /Type /XObject /Subtype /Form /BBox [0 0 97 15] /Resources << >> >>")
d.update_stream(apx, ap.encode())
ax = d.get_new_xref()
d.update_object(ax, f"<< /Type /Annot /Subtype /Stamp /Rect [190.31 597.11 287.31 612.11] /F 4 /AP << /N {apx} 0 R >> >>")
d.xref_set_key(p.xref, "Annots", f"[{ax} 0 R]")
d.save(IN + "/s11.tmp.pdf"); import os; os.replace(IN + "/s11.tmp.pdf", IN + "/s11_annot_ap.pdf")
SECRETS["s11_annot_ap.pdf"] = ["Bakker", "Pieter"]

# s12: the name in render mode 7 (clip), a band painted through it, and the layer with it
def s12(c):
    body(c)
    c.setFont("Helvetica", 12)
    c.drawString(75, 600, "Aanwezig: de heer")
    c.drawString(75, 560, "Deze regel staat onder de band en hoort zichtbaar te blijven.")
    c.saveState()
    t = c.beginText(180, 600); t.setTextRenderMode(7); t.setFont("Helvetica", 12); t.textOut("Pieter Bakker")
    c.drawText(t)
    raw(c, "0.1 0.2 0.6 rg 60 540 480 90 re f\n")
    c.restoreState()
page("s12_mode7.pdf", s12)
SECRETS["s12_mode7.pdf"] = ["Bakker", "Pieter"]
json.dump(SECRETS, open(os.path.join(IN, "truth.json"), "w"), indent=1)
