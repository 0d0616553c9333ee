"""Hostile PDFs for vector shapes under redaction boxes (from a hostile review): each writes fixtures/shape_attacks/<name>.pdf and its secrets to truth.json."""
import json, math
from lib import *

LINE = "Aanwezig: de heer Pieter Bakker (voorzitter)"
X, Y, S = 75, 600, 12
SECRETS = {}


def layer():
    return [(LINE, X, Y, S)]


def outlines(c, text=LINE, x=X, y=Y, size=S, spike=None, first_extra=False, paint="f",
             tf=None):
    gl, adv = glyphs(text, x, y, size, tf)
    out = ["0 g"]
    for ch, contours in gl:
        if not contours:
            continue
        for ct in contours:
            ops = []
            for i, (op, pts) in enumerate(ct):
                if op == "h":
                    ops.append("h")
                    continue
                flat = " ".join(fmt(v) for p in pts for v in p)
                if first_extra:
                    flat = "0 " + flat  # one operand too many: poppler uses the last ones
                ops.append(f"{flat} {op}")
                if i == 0 and spike:
                    (px, py) = pts[0]
                    ops.append(f"{fmt(px + spike[0])} {fmt(py + spike[1])} l {fmt(px)} {fmt(py)} l")
            out.append("\n".join(ops))
        out.append(paint)
    return "\n".join(out) + "\n", adv


def rec(name, secret):
    SECRETS[name] = secret


# s01: every contour has a zero-area spike 300 pt to the right: bbox mostly outside the box
def s01(c):
    body(c)
    raw(c, outlines(c, spike=(300, 0))[0])
page("s01_spike_layer.pdf", s01, layer())
rec("s01_spike_layer.pdf", ["Bakker", "Pieter"])


# s02: no text layer, spikes 50 pt down (shapes stay letter-sized): OCR reads the name, the
# redo boxes it, the spiked outlines stay under the box
def s02(c):
    body(c)
    raw(c, outlines(c, spike=(0, -50))[0])
page("s02_spike_nolayer.pdf", s02)
rec("s02_spike_nolayer.pdf", ["Bakker", "Pieter"])


# s03: no text layer, spikes 700 pt: no shape is letter-sized, never read by OCR
def s03(c):
    body(c)
    raw(c, outlines(c, spike=(700, 0))[0])
page("s03_spike_huge_nolayer.pdf", s03)
rec("s03_spike_huge_nolayer.pdf", ["Bakker", "Pieter"])


# s04: the line as a bitmap of 1.6 pt cells (re f), letters 0.4 pt lower than the box bottom
def bitmap_ops(text, x, y, cell, rows=9, overshoot=0.0):
    from PIL import Image, ImageDraw, ImageFont
    f = ImageFont.truetype(FD + "DejaVuSans.ttf", 11)
    w = int(f.getlength(text)) + 2
    im = Image.new("L", (w, 14), 0)
    ImageDraw.Draw(im).text((0, 0), text, fill=255, font=f)
    bb = im.getbbox()
    im = im.crop((0, bb[1], w, bb[3]))
    out = ["0 g"]
    H = im.size[1]
    for yy in range(H):
        for xx in range(im.size[0]):
            if im.getpixel((xx, yy)) > 110:
                out.append(f"{fmt(x + xx * cell)} {fmt(y + (H - 1 - yy) * cell - overshoot)} "
                           f"{fmt(cell)} {fmt(cell)} re f")
    return "\n".join(out) + "\n", H * cell


def s04(c):
    body(c)
    # text layer: name in a size whose box spans the bitmap except 0.4 pt at the bottom
    ops, h = bitmap_ops("Pieter Bakker", 190.5, 597.11 - 0.4, 0.9)
    raw(c, ops)
page("s04_bitmap_cells.pdf", s04, [("Aanwezig: de heer Pieter Bakker", X, Y, S)])
rec("s04_bitmap_cells.pdf", ["Bakker", "Pieter"])


# s05: tiling pattern whose cell draws the outlined name (paths, no text) filling a
# rectangle 1 pt taller than the box
def s05(c):
    body(c)
    cell, adv = outlines(c, text="Pieter Bakker", x=0, y=3)
    c._pattern_cell = cell
    raw(c, "/Pattern cs /P1 scn\n190.31 596.1 96.2 15.4 re f\n")
page("s05_pattern_cell.pdf", s05, layer())
rec("s05_pattern_cell.pdf", ["Bakker", "Pieter"])


# s06: the name as dots: zero-length stroked segments with round caps (not reported: < 0.2 pt)
def dots_ops(text, x, y, cell):
    from PIL import Image, ImageDraw, ImageFont
    f = ImageFont.truetype(FD + "DejaVuSans.ttf", 11)
    w = int(f.getlength(text)) + 2
    im = Image.new("L", (w, 14), 0)
    ImageDraw.Draw(im).text((0, 0), text, fill=255, font=f)
    bb = im.getbbox()
    im = im.crop((0, bb[1], w, bb[3]))
    out = ["0 G 1 J", f"{fmt(cell * 1.15)} w"]
    H = im.size[1]
    for yy in range(H):
        for xx in range(im.size[0]):
            if im.getpixel((xx, yy)) > 110:
                px, py = x + xx * cell + cell / 2, y + (H - 1 - yy) * cell + cell / 2
                out.append(f"{fmt(px)} {fmt(py)} m {fmt(px)} {fmt(py)} l S")
    return "\n".join(out) + "\n"


def s06(c):
    body(c)
    raw(c, dots_ops("Pieter Bakker", 190.5, 597.5, 0.85))
page("s06_dots_layer.pdf", s06, [("Aanwezig: de heer Pieter Bakker", X, Y, S)])
rec("s06_dots_layer.pdf", ["Bakker", "Pieter"])


def s06b(c):
    body(c)
    c.setFont("Helvetica", 12)
    c.drawString(75, 600, "Aanwezig: de heer")
    raw(c, dots_ops("Pieter Bakker", 180, 597.5, 0.85))
page("s06b_dots_nolayer.pdf", s06b)
rec("s06b_dots_nolayer.pdf", ["Bakker", "Pieter"])


# s07: outlines whose construction operators carry one operand too many
def s07(c):
    body(c)
    raw(c, outlines(c, first_extra=True)[0])
page("s07_extra_operand.pdf", s07, layer())
rec("s07_extra_operand.pdf", ["Bakker", "Pieter"])


# s08: one Form XObject (an outlined stamp word) drawn twice: over the name, and elsewhere
def s08(c):
    body(c)
    c.beginForm("Stamp")
    raw(c, outlines(c, text="AKKOORD", x=0, y=0, size=12)[0])
    c.endForm()
    c.saveState(); c.translate(200, 600); c.doForm("Stamp"); c.restoreState()
    c.saveState(); c.translate(350, 400); c.doForm("Stamp"); c.restoreState()
page("s08_form_twice.pdf", s08, layer())
rec("s08_form_twice.pdf", ["Bakker", "Pieter"])


# s09: a rounded frame (outer and inner contour, even-odd, curves) around the name line; the
# inner contour is more than half under the box
def rounded(x0, y0, x1, y1, r):
    k = 0.55 * r
    return (f"{fmt(x0 + r)} {fmt(y0)} m {fmt(x1 - r)} {fmt(y0)} l "
            f"{fmt(x1 - r + k)} {fmt(y0)} {fmt(x1)} {fmt(y0 + r - k)} {fmt(x1)} {fmt(y0 + r)} c "
            f"{fmt(x1)} {fmt(y1 - r)} l "
            f"{fmt(x1)} {fmt(y1 - r + k)} {fmt(x1 - r + k)} {fmt(y1)} {fmt(x1 - r)} {fmt(y1)} c "
            f"{fmt(x0 + r)} {fmt(y1)} l "
            f"{fmt(x0 + r - k)} {fmt(y1)} {fmt(x0)} {fmt(y1 - r + k)} {fmt(x0)} {fmt(y1 - r)} c "
            f"{fmt(x0)} {fmt(y0 + r)} l "
            f"{fmt(x0)} {fmt(y0 + r - k)} {fmt(x0 + r - k)} {fmt(y0)} {fmt(x0 + r)} {fmt(y0)} c h\n")


def s09(c):
    body(c)
    c.setFont("Helvetica", 12)
    c.drawString(300, 600, "(voorzitter)")
    raw(c, outlines(c, text="Aanwezig: de heer Pieter Bakker")[0])
    raw(c, "0.2 0.3 0.6 rg\n" + rounded(186, 586, 291, 615, 4) + rounded(188, 588, 289, 613, 3) + "f*\n0 g\n")
page("s09_evenodd_frame.pdf", s09, [("Aanwezig: de heer Pieter Bakker", X, Y, S)])
rec("s09_evenodd_frame.pdf", ["Bakker", "Pieter"])


# s10: outlines in a form inside a form
def s10(c):
    body(c)
    c.beginForm("Inner")
    raw(c, outlines(c, text=LINE, x=0, y=0)[0])
    c.endForm()
    c.beginForm("Outer")
    c.doForm("Inner")
    c.endForm()
    c.saveState(); c.translate(X, Y); c.doForm("Outer"); c.restoreState()
page("s10_nested_form.pdf", s10, layer())
rec("s10_nested_form.pdf", ["Bakker", "Pieter"])


# s13: outlines drawn under a rotating + mirroring CTM; the layer drawn the same way
def s13(c):
    body(c)
    raw(c, "q -1 0 0 1 500 0 cm\n0 1 -1 0 0 0 cm\n")
    raw(c, outlines(c, text=LINE, x=300, y=-100)[0])
    raw(c, "Q\n")
    c.saveState()
    c.transform(-1, 0, 0, 1, 500, 0)
    c.transform(0, 1, -1, 0, 0, 0)
    t = c.beginText(300, -100); t.setTextRenderMode(3); t.setFont("DejaVuSans", S); t.textOut(LINE)
    c.drawText(t)
    c.restoreState()
page("s13_mirror_rotate.pdf", s13)
rec("s13_mirror_rotate.pdf", ["Bakker", "Pieter"])


# s14: glyph contours chained by `h` then `l` (no `m`) onto a visible header bar far away:
# each `l` after `h` starts a subpath at the bar's corner, so every contour goes there and back
# (a zero-area spike); the tracker sees one subpath with a huge bbox
def s14(c):
    body(c)
    gl, _ = glyphs(LINE, X, Y, S)
    ops = ["0 g", "75 700 m 520 700 l 520 704 l 75 704 l 75 700 l h"]
    for ch, contours in gl:
        for ct in contours:
            (px, py) = ct[0][1][0]
            ops.append(f"{fmt(px)} {fmt(py)} l")
            for (op, pts) in ct[1:]:
                if op != "h":
                    ops.append(" ".join(fmt(v) for p in pts for v in p) + " " + op)
            ops.append(f"{fmt(px)} {fmt(py)} l 75 700 l h")
    raw(c, "\n".join(ops) + "\nf\n")
page("s14_h_l_chain.pdf", s14, layer())
rec("s14_h_l_chain.pdf", ["Bakker", "Pieter"])


# s15: stroked outlines, each contour with a 300 pt tail the dash pattern leaves unpainted
def s15(c):
    body(c)
    gl, _ = glyphs(LINE, X, Y, S)
    out = ["0 G 0.5 w"]
    for ch, contours in gl:
        for ct in contours:
            (px, py) = ct[0][1][0]
            # tail first: 300 pt off and back, in a dash gap; then the contour, all dashed "on"
            s = [f"{fmt(px + 300)} {fmt(py)} m {fmt(px)} {fmt(py)} l"]
            for (op, pts) in ct[1:]:
                if op == "h":
                    s.append(f"{fmt(px)} {fmt(py)} l")
                else:
                    s.append(" ".join(fmt(v) for p in pts for v in p) + " " + op)
            out.append("[0 300 10000] 0 d\n" + "\n".join(s) + "\nS")
    raw(c, "\n".join(out) + "\n[] 0 d\n")
page("s15_dash_tail.pdf", s15, layer())
rec("s15_dash_tail.pdf", ["Bakker", "Pieter"])

json.dump(SECRETS, open(os.path.join(IN, "truth.json"), "w"), indent=1)
