"""s09c: even-odd card whose cut-out is ~30 % under the name box (doubled to 60 %)."""
import json
from lib import *
from gen import outlines, layer, rounded
SECRETS = json.load(open(os.path.join(IN, "truth.json")))
def s09c(c):
    body(c)
    c.setFont("Helvetica", 10); c.drawString(155, 582, "Lid sinds 2019, afdeling Noord")
    raw(c, "0.2 0.3 0.6 rg\n" + rounded(60, 540, 540, 660, 6) + rounded(150, 592, 330, 618, 4) + "f*\n0 g\n")
    raw(c, outlines(c)[0])
page("s09c_evenodd_card.pdf", s09c, layer())
SECRETS["s09c_evenodd_card.pdf"] = ["Bakker", "Pieter"]
json.dump(SECRETS, open(os.path.join(IN, "truth.json"), "w"), indent=1)
