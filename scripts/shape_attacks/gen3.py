"""Round 2: page-wide pattern (s05b), bigger dots (s06c), even-odd card (s09b), Type3 with blank
text (s16), double-counted overlap (s17)."""
import json, os
import pymupdf as fitz
from lib import *
from gen import outlines, layer, dots_ops, rounded, LINE, X, Y, S
SECRETS = json.load(open(os.path.join(IN, "truth.json")))

def set_res(d, p, key, val):
    res = d.xref_get_key(p.xref, "Resources")
    if res[0] == "xref":
        d.xref_set_key(int(res[1].split()[0]), key, val)
    else:
        d.xref_set_key(p.xref, "Resources/" + key, val)

def save(d, name):
    d.save(IN + "/tmp.pdf"); os.replace(IN + "/tmp.pdf", IN + "/" + name)

# s05b: the whole page filled with a pattern whose one cell draws the name exactly at the box
page("s05b_page_pattern.pdf", lambda c: (body(c), raw(c, "q /Pattern cs /P1 scn 0 0 595 842 re f Q\n")), layer())
d = fitz.open(IN + "/s05b_page_pattern.pdf"); p = d[0]
cell, _ = outlines(None, text="Pieter Bakker", x=190.31, y=600)
x = d.get_new_xref()
d.update_object(x, "<< /Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 595 842] /XStep 595 /YStep 842 /Resources << >> >>")
d.update_stream(x, cell.encode())
set_res(d, p, "Pattern", f"<< /P1 {x} 0 R >>")
save(d, "s05b_page_pattern.pdf")
SECRETS["s05b_page_pattern.pdf"] = ["Bakker", "Pieter"]

# s06c: dotted name, no text layer, large enough to read
def s06c(c):
    body(c)
    c.setFont("Helvetica", 12); c.drawString(75, 600, "Aanwezig: de heer")
    raw(c, dots_ops("Pieter Bakker", 180, 596, 1.5))
page("s06c_dots_big_nolayer.pdf", s06c)
SECRETS["s06c_dots_big_nolayer.pdf"] = ["Bakker", "Pieter"]

# s09b: a blue card (outer contour) with a cut-out (inner contour, even-odd) holding the line;
# the cut-out is about 30 % under the name box
def s09b(c):
    body(c)
    raw(c, "0.2 0.3 0.6 rg\n" + rounded(60, 540, 540, 660, 6) + rounded(150, 585, 380, 625, 4) + "f*\n0 g\n")
    raw(c, outlines(c)[0])
    c.setFont("Helvetica", 10); c.drawString(155, 589, "Lid sinds 2019, afdeling Noord")
page("s09b_evenodd_card.pdf", s09b, layer())
SECRETS["s09b_evenodd_card.pdf"] = ["Bakker", "Pieter"]

# s17: a grey highlight bar (re, 14 pt thick) 60 % under the name box, and an outlined word
# "Notulen" 30 % under it: the rule keeps both (not wholly / not half under)
def s17(c):
    body(c)
    raw(c, "0.8 g 190.31 597.11 160 14.4 re f 0 g\n")
    raw(c, outlines(c, text="Aanwezig: de heer Pieter Bakker")[0])
page("s17_overlap_double_count.pdf", s17, [("Aanwezig: de heer Pieter Bakker", X, Y, S)])
SECRETS["s17_overlap_double_count.pdf"] = ["Bakker", "Pieter"]

# s16: Type3 font whose glyph procs draw the name's letters; ToUnicode maps every code to a
# space; shown under the invisible layer's name
page("s16_type3_blank.pdf", lambda c: (body(c), raw(c, "BT /T3 12 Tf 190.31 600 Td (PIETERBAKKER) Tj ET\n")), layer())
d = fitz.open(IN + "/s16_type3_blank.pdf"); p = d[0]
procs = {}
widths = []
text = "Pieter Bakker"
codes = "PIETERBAKKER"  # hmm: distinct glyph per position
# one code per letter position: A.. for simplicity use codes 65.. in order
chars = [ch for ch in text]
names = []
cp = []
for k, ch in enumerate(chars):
    gl, adv = glyphs(ch, 0, 0, 1000)
    ops = f"{int(adv)} 0 0 -250 {int(adv)} 950 d1\n"
    for _, contours in gl:
        for ct in contours:
            ops += contour_ops(ct) + "\n"
    ops += "f\n"
    xr = d.get_new_xref(); d.update_object(xr, "<< >>"); d.update_stream(xr, ops.encode())
    names.append(f"/g{k}"); cp.append(f"/g{k} {xr} 0 R"); widths.append(int(adv))
tu = d.get_new_xref(); d.update_object(tu, "<< >>")
cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        "1 begincodespacerange <00> <FF> endcodespacerange "
        f"1 beginbfrange <41> <{0x41 + len(chars) - 1:02X}> <0020> endbfrange endcmap "
        "CMapName currentdict /CMap defineresource pop end end")
d.update_stream(tu, cmap.encode())
fx = d.get_new_xref()
d.update_object(fx, f"<< /Type /Font /Subtype /Type3 /FontBBox [0 -250 1000 950] /FontMatrix [0.001 0 0 0.001 0 0] "
                f"/CharProcs << {' '.join(cp)} >> /Encoding << /Type /Encoding /Differences [65 {' '.join(names)}] >> "
                f"/FirstChar 65 /LastChar {65 + len(chars) - 1} /Widths [{' '.join(map(str, widths))}] /ToUnicode {tu} 0 R /Resources << >> >>")
fonts = d.xref_get_key(p.xref, "Resources/Font")
res = d.xref_get_key(p.xref, "Resources")
rx = int(res[1].split()[0]) if res[0] == "xref" else p.xref
f = d.xref_get_key(rx, "Font") if res[0] == "xref" else d.xref_get_key(p.xref, "Resources/Font")
if f[0] == "xref":
    d.xref_set_key(int(f[1].split()[0]), "T3", f"{fx} 0 R")
else:
    d.xref_set_key(rx, "Font/T3", f"{fx} 0 R")
# content used codes 'PIETERBAKKER': rewrite to A.. sequence
cx = d.get_new_xref()
save(d, "s16_type3_blank.pdf")
d = fitz.open(IN + "/s16_type3_blank.pdf"); p = d[0]
for c in p.get_contents():
    s = d.xref_stream(c)
    if b"/T3" in s:
        seq = "".join(chr(65 + k) for k in range(len(chars)))
        d.update_stream(c, s.replace(b"(PIETERBAKKER)", f"({seq})".encode()))
save(d, "s16_type3_blank.pdf")
SECRETS["s16_type3_blank.pdf"] = ["Bakker", "Pieter"]
json.dump(SECRETS, open(os.path.join(IN, "truth.json"), "w"), indent=1)
