#!/bin/bash
# Builds fixtures/text_layers: one-page minutes whose sentence "... de heer Pieter Bakker ..." is
# drawn in two (or three) layers of text over each other, as a hostile review of the two-layer
# reading built them (offsets, baseline shifts, Tz/Tc, RTL, rotations, Form XObjects, font
# pairs; layers drawn word by word out of order; a form value on a printed fill line).
# tests/text_layers.rs redacts them all and requires that no published file shows the name.
# Needs python3 with reportlab (pip install reportlab).
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures/text_layers
rm -rf "$out"
mkdir -p "$out"
for g in gen_leaks gen_wordorder gen_forms; do
  python3 scripts/text_layers/$g.py "$out"
done
ls "$out" | wc -l
