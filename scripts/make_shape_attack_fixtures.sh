#!/usr/bin/env bash
# Builds fixtures/shape_attacks/*.pdf and truth.json: hostile PDFs that try to keep a name
# readable under a redaction box drawn over vector shapes (spikes out of the box, dots, clip
# paths, patterns, chained subpaths, extra operands, overlapping boxes, Type3 glyphs), written
# by a hostile review of src/redact/paths.rs. Needs python3 with reportlab, fonttools, pymupdf
# and the DejaVu fonts. tests/shape_attacks.rs reads them; the PDFs are committed.
set -euo pipefail
cd "$(dirname "$0")/shape_attacks"
mkdir -p ../../fixtures/shape_attacks
for g in gen.py gen2.py gen3.py gen4.py; do python3 "$g"; done
# every attack hides the same person, "Pieter Bakker" (the scripts import each other, so the
# truth is written once here)
python3 - <<'PY'
import json, os
d = "../../fixtures/shape_attacks"
t = {f: ["Bakker", "Pieter"] for f in sorted(os.listdir(d)) if f.endswith(".pdf")}
json.dump(t, open(os.path.join(d, "truth.json"), "w"), indent=1)
PY
ls ../../fixtures/shape_attacks | wc -l
