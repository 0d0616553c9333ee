#!/usr/bin/env python3
"""Hostile two-layer constructions; writes leaks/*.pdf. Each case: a page of Dutch filler text
with the sentence SENT (holding 'de heer Pieter Bakker') drawn in two or more layers."""
import os, sys, math
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mk
from mk import SENT, line, glyph_positions, glyph_op, esc, width, page_with, pdf

D = sys.argv[1] if len(sys.argv) > 1 else "fixtures/text_layers"
os.makedirs(D, exist_ok=True)
Y = 640
X = 72


def save(name, ops, xobjects=None):
    pdf([page_with(ops, Y)], xobjects=xobjects, path=os.path.join(D, name + ".pdf"))


def per_glyph(text, x, y, font="F1", size=11, tr=0, scale=1.0, tc=0.0, dx=0.0, dy=0.0, order=None):
    pos = glyph_positions(text, x, y, font, size, scale, tc)
    idx = list(range(len(pos))) if order is None else order(len(pos))
    ops = ""
    for i in idx:
        c, gx, gy = pos[i]
        if c == " ":
            continue
        extra = f"{scale*100:.1f} Tz" if scale != 1.0 else ""
        ops += f"BT {tr} Tr /{font} {size} Tf {extra} {gx+dx:.3f} {gy+dy:.3f} Td ({esc(c)}) Tj ET\n"
    return ops


# 01 sanity: the case of the commit's test (visible 11, invisible 11.6 over it), both orders
save("L01a_commit_case_visible_first", line(SENT, X, Y) + line(SENT, X, Y, size=11.6, tr=3))
save("L01b_commit_case_invisible_first", line(SENT, X, Y, size=10.4, tr=3) + line(SENT, X, Y))

# 02 constant offset of the second layer, same font and size, as a whole Tj
for d in (0.4, 0.8, 1.1, 1.5, 2.0, 2.5, 3.0, 3.3, 4.0, 5.5):
    save(f"L02_offset_{d}pt", line(SENT, X, Y) + line(SENT, X + d, Y, tr=3))
    save(f"L02r_offset_{d}pt_inv_first", line(SENT, X + d, Y, tr=3) + line(SENT, X, Y))

# 03 Courier: every glyph 0.6 em; second layer shifted by half a glyph so it straddles two
for d in (3.3, 3.29, 3.31, 3.0, 3.6):
    save(f"L03_courier_halfshift_{d}", line(SENT, 40, Y, font="F3", size=11) + line(SENT, 40 + d, Y, font="F3", size=11, tr=3))

# 04 baseline shifted by 0.3 .. 0.55 em (visible over invisible)
for f in (0.3, 0.45, 0.49, 0.5, 0.55):
    save(f"L04_baseline_{f}em", line(SENT, X, Y) + line(SENT, X, Y + f * 11, size=11.6, tr=3))
    save(f"L04b_baseline_{f}em_offset2pt", line(SENT, X, Y) + line(SENT, X + 2, Y - f * 11, tr=3))

# 05 alternating: one Tj per letter, layers alternate in the stream
def alternating(s1, s2, dx, font2="F1", size2=11, dy=0.0):
    p1 = glyph_positions(SENT, X, Y, "F1", 11)
    p2 = glyph_positions(SENT, X + dx, Y + dy, font2, size2, s2)
    ops = ""
    for (c1, x1, y1), (c2, x2, y2) in zip(p1, p2):
        if c1 != " ":
            ops += glyph_op(c1, x1, y1, "F1", 11, 0)
        if c2 != " ":
            ops += glyph_op(c2, x2, y2, font2, size2, 3)
    return ops

for dx in (0.0, 0.3, 0.8, 1.5, 3.0):
    save(f"L05_alternating_dx{dx}", alternating(1, 1.0, dx))
save("L05_alternating_wider_1.05", alternating(1, 1.05, 0.0, size2=11.55))
save("L05_alternating_narrower_0.95", alternating(1, 0.95, 0.0, size2=10.45))

# 05c alternating, invisible layer first
def alternating_inv_first(dx, size2=11):
    p1 = glyph_positions(SENT, X, Y, "F1", 11)
    p2 = glyph_positions(SENT, X + dx, Y, "F1", size2)
    ops = ""
    for (c1, x1, y1), (c2, x2, y2) in zip(p1, p2):
        if c2 != " ":
            ops += glyph_op(c2, x2, y2, "F1", size2, 3)
        if c1 != " ":
            ops += glyph_op(c1, x1, y1, "F1", 11, 0)
    return ops
for dx in (0.8, 2.0):
    save(f"L05c_alternating_inv_first_dx{dx}", alternating_inv_first(dx))
save("L05c_alternating_inv_first_size11.6", alternating_inv_first(0.0, 11.6))

# 06 second layer drawn right to left (one Tj per letter, last letter first)
rev = lambda n: list(range(n - 1, -1, -1))
save("L06_rtl_second_layer", line(SENT, X, Y) + per_glyph(SENT, X, Y, size=11.6, tr=3, order=rev))
save("L06b_rtl_second_layer_offset1", line(SENT, X, Y) + per_glyph(SENT, X, Y, tr=3, dx=1.0, order=rev))
save("L06c_rtl_both_layers", per_glyph(SENT, X, Y, order=rev) + per_glyph(SENT, X, Y, size=11.6, tr=3, order=rev))
save("L06d_rtl_first_layer_then_ltr", per_glyph(SENT, X, Y, order=rev) + line(SENT, X, Y, size=11.6, tr=3))
# a TJ drawn right to left: big negative adjustments walk backwards
def tj_rtl(text, x, y, font="F1", size=11, tr=0):
    # place at right end, then each glyph: move back by its width + previous width
    ws = [width(c, font, size) for c in text]
    total = sum(ws)
    parts = []
    # start at x+total-w_last; after drawing glyph k (advance w_k) we must move to x_{k-1}: back w_k + w_{k-1}
    parts.append(f"({esc(text[-1])})")
    for k in range(len(text) - 1, 0, -1):
        back = (ws[k] + ws[k - 1]) * 1000 / size
        parts.append(f"{back:.2f} ({esc(text[k-1])})")
    return f"BT {tr} Tr /{font} {size} Tf {x + total - ws[-1]:.3f} {y} Td [{' '.join(parts)}] TJ ET\n"
save("L06e_tj_rtl_second_layer", line(SENT, X, Y) + tj_rtl(SENT, X + 0.8, Y, tr=3))

# 07 horizontal scaling / character spacing on the second layer
for tz in (90, 95, 105, 110, 50, 200):
    save(f"L07_tz{tz}", line(SENT, X, Y) + f"BT 3 Tr /F1 11 Tf {tz} Tz {X} {Y} Td ({esc(SENT)}) Tj ET\n")
for tc in (-0.5, -1.0, 0.3, 1.0, 3.0):
    save(f"L07_tc{tc}", line(SENT, X, Y) + f"BT 3 Tr /F1 11 Tf {tc} Tc {X} {Y} Td ({esc(SENT)}) Tj ET\n")
# Tc on the name only: start the second layer at the name
name_x = X + width(SENT[:SENT.index("Pieter")])
save("L07_tc_name_only", line(SENT, X, Y) + f"BT 3 Tr /F1 11 Tf 0.6 Tc {name_x:.3f} {Y} Td (Pieter Bakker) Tj ET\n")
save("L07_tz_name_only_105", line(SENT, X, Y) + f"BT 3 Tr /F1 11 Tf 105 Tz {name_x:.3f} {Y} Td (Pieter Bakker) Tj ET\n")

# 08 three layers
save("L08_three_layers", line(SENT, X, Y) + line(SENT, X, Y, size=11.6, tr=3) + line(SENT, X + 0.7, Y, size=10.5, tr=3))
save("L08b_three_layers_inv_first", line(SENT, X, Y, size=10.4, tr=3) + line(SENT, X + 1, Y, size=11.3, tr=3) + line(SENT, X, Y))

# 09 second layer inside a Form XObject (and the first one)
fx = line(SENT, X, Y, size=11.6, tr=3)
save("L09_second_in_form", line(SENT, X, Y) + "q /Fm1 Do Q\n", {"Fm1": (fx, [0, 0, 595, 842])})
save("L09b_first_in_form", "q /Fm1 Do Q\n" + line(SENT, X, Y, size=11.6, tr=3), {"Fm1": (line(SENT, X, Y), [0, 0, 595, 842])})
save("L09c_form_with_matrix", line(SENT, X, Y) + "q 1.05 0 0 1 -3.6 0 cm /Fm1 Do Q\n", {"Fm1": (line(SENT, X, Y, tr=3), [0, 0, 595, 842])})

# 10 rotated text: both layers rotated by the same angle
def rot(text, x, y, ang, size=11, tr=0, font="F1"):
    c, s = math.cos(math.radians(ang)), math.sin(math.radians(ang))
    return f"BT {tr} Tr /{font} {size} Tf {c:.5f} {s:.5f} {-s:.5f} {c:.5f} {x:.3f} {y:.3f} Tm ({esc(text)}) Tj ET\n"
for ang in (90, 30, 1.5, 180):
    save(f"L10_rot{ang}", rot(SENT, 150, 300, ang) + rot(SENT, 150, 300, ang, size=11.6, tr=3))
# layers at slightly different angles (deskewed OCR layer over a skewed scan text)
save("L10b_angles_0_vs_0.5", rot(SENT, X, Y, 0) + rot(SENT, X, Y, 0.5, size=11.3, tr=3))
save("L10c_angles_0_vs_0.3", rot(SENT, X, Y, 0) + rot(SENT, X, Y, 0.3, size=11.6, tr=3))
save("L10d_angles_1_vs_0", rot(SENT, X, Y, 1.0) + rot(SENT, X, Y, 0, size=11.6, tr=3))

# 11 different fonts
for f1, f2 in (("F1", "F2"), ("F2", "F1"), ("F1", "F3"), ("F3", "F1"), ("F2", "F3")):
    save(f"L11_font_{mk.FONTS[f1]}_over_{mk.FONTS[f2]}", line(SENT, X, Y, font=f1) + line(SENT, X, Y, font=f2, tr=3))
