#!/usr/bin/env python3
"""A filled-in form: the value drawn over a printed fill line of underscores / dots / hyphens /
en dashes (before or after the value). Writes forms/*.pdf."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mk import line, pdf, page_with
D = sys.argv[1] if len(sys.argv) > 1 else "fixtures/text_layers"
os.makedirs(D, exist_ok=True)
for nm, fill in (("underscore", "_" * 30), ("dots", "." * 60), ("hyphens", "-" * 40), ("endash", "\u2013" * 25)):
    label = "Naam aanvrager: "
    printed = line(label + fill, 72, 640)
    value = line("Pieter Bakker", 170, 641)
    pdf([page_with(printed + value)], path=f"{D}/form_{nm}_value_after.pdf")
    pdf([page_with(value + printed)], path=f"{D}/form_{nm}_value_first.pdf")
