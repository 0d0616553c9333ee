#!/usr/bin/env python3
"""Less hostile word orders with an OCR layer (invisible, 11.6 pt, one Tj per word as tesseract
writes it, or one Tj for the line): visible words in reverse order; OCR words in reverse order;
visible line whose bold name is drawn after the regular runs (grouped by font); name drawn
before the rest. Writes scatter/order_*.pdf"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mk import SENT, width, line, pdf, page_with, esc
D = sys.argv[1] if len(sys.argv) > 1 else "fixtures/text_layers"
os.makedirs(D, exist_ok=True)
X, Y = 72, 640
def words(size, tr, font="F1"):
    out = []; x = X
    for w in SENT.split(" "):
        out.append(line(w, x, Y, size=size, tr=tr, font=font)); x += width(w + " ", font, size)
    return out
vis = words(11, 0); ocrw = words(11.6, 3)
ocr_line = line(SENT, X, Y, size=11.6, tr=3)
vis_line = line(SENT, X, Y)
cases = {
    "vis_words_reversed__ocr_words": "".join(reversed(vis)) + "".join(ocrw),
    "vis_words_reversed__ocr_line": "".join(reversed(vis)) + ocr_line,
    "vis_line__ocr_words_reversed": vis_line + "".join(reversed(ocrw)),
    "vis_words__ocr_words_reversed": "".join(vis) + "".join(reversed(ocrw)),
    "ocr_words_reversed__vis_line": "".join(reversed(ocrw)) + vis_line,
}
# bold name drawn after the regular runs (producer groups runs by font), OCR line after
pre = SENT[:SENT.index("Pieter")]; post = SENT[SENT.index(" over"):]
xn = X + width(pre); xp = xn + width("Pieter Bakker", "F4", 11)
regular = line(pre, X, Y) + line(post, xp, Y)
bold = line("Pieter Bakker", xn, Y, font="F4")
ocr_b = line(pre + "Pieter Bakker" + post, X, Y, size=11.6, tr=3)
cases["bold_name_last__ocr_line"] = regular + bold + ocr_b
cases["bold_name_first__ocr_line"] = bold + regular + ocr_b
cases["ocr_line__bold_name_last"] = ocr_b + regular + bold
cases["second_half_first__ocr_line"] = line(SENT[40:], X + width(SENT[:40]), Y) + line(SENT[:40], X, Y) + ocr_line
for k, v in cases.items():
    pdf([page_with(v)], path=f"{D}/order_{k}.pdf")

# visible words drawn right to left, OCR line at 10.4 pt (shorter: the last visible words
# overhang it) or at 11.6 pt; and the reverse roles
vis_rev = "".join(reversed(vis))
for s in (10.4, 11.6):
    pdf([page_with(vis_rev + line(SENT, X, Y, size=s, tr=3))], path=f"{D}/order_vis_words_reversed__ocr_line_{s}.pdf")
    pdf([page_with(line(SENT, X, Y, size=s, tr=3) + vis_rev)], path=f"{D}/order_ocr_line_{s}__vis_words_reversed.pdf")
    ow = words(s, 3)
    pdf([page_with(vis_line + "".join(reversed(ow)))], path=f"{D}/order_vis_line__ocr_words_reversed_{s}.pdf")

# the visible line drawn as two runs, the right one first (e.g. a right-aligned or tabbed
# run, a hyperlink, a run in another font written after), OCR line at another size
for cut in (20, 40, 60, 70):
    for s in (10.4, 10.8, 11.3, 11.6):
        two = line(SENT[cut:], X + width(SENT[:cut]), Y) + line(SENT[:cut], X, Y)
        pdf([page_with(two + line(SENT, X, Y, size=s, tr=3))], path=f"{D}/order_tworuns_cut{cut}__ocr_line_{s}.pdf")
        pdf([page_with(line(SENT, X, Y, size=s, tr=3) + two)], path=f"{D}/order_ocr_line_{s}__tworuns_cut{cut}.pdf")
