#!/usr/bin/env python3
"""Generate fixtures/sanitize/*.pdf: one small PDF per sanitising target.

Each file carries one fictitious personal name ONLY in the place it tests; the
page text ("Verslag van het overleg ...") and a link annotation to a public
site are clean and must survive sanitising.  fixtures/sanitize/names.json maps
each file to its name, so the Rust tests do not hard-code them twice.

Run with PyMuPDF:  /work/venv/bin/python scripts/make_sanitize_fixtures.py
"""

import json
import os
import sys

import pymupdf

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "sanitize")

PAGE_TEXT = "Verslag van het overleg Jeugdzorg, 11 maart 2024. Aanwezig: wethouder Meliani."
LINK_RECT = pymupdf.Rect(72, 700, 250, 720)  # top-down coords; far from any test area
LINK_URI = "https://www.amsterdam.nl/woo"


def base(extra_text=None):
    """A one-page document with the clean page text and a clean link."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), PAGE_TEXT, fontsize=11, fontname="helv")
    page.insert_text((72, 715), "Meer informatie", fontsize=11, fontname="helv")
    if extra_text:
        page.insert_text((72, 130), extra_text, fontsize=11, fontname="helv")
    page.insert_link({"kind": pymupdf.LINK_URI, "from": LINK_RECT, "uri": LINK_URI})
    doc.set_metadata({"producer": "fixture", "creator": "fixture", "author": "", "title": ""})
    return doc


def save(doc, name, **kw):
    path = os.path.join(OUT, name)
    doc.save(path, garbage=0, deflate=True, **kw)
    doc.close()
    return path


def info_author(name):
    doc = base()
    doc.set_metadata({"author": name, "title": "Verslag", "producer": "fixture"})
    save(doc, "info_author.pdf")


def xmp_creator(name):
    doc = base()
    xmp = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:creator><rdf:Seq><rdf:li>{name}</rdf:li></rdf:Seq></dc:creator>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    doc.set_xml_metadata(xmp)
    save(doc, "xmp_creator.pdf")


def outline_title(name):
    doc = base()
    doc.set_toc([[1, "Opening", 1], [1, f"Overleg met {name}", 1], [2, "Rondvraag", 1]])
    save(doc, "outline_title.pdf")


def sticky_note(name):
    doc = base()
    page = doc[0]
    annot = page.add_text_annot((400, 300), f"Graag terugbellen: {name}")
    annot.set_info(title=name, subject="Notitie")
    annot.update()
    save(doc, "sticky_note.pdf")


def freetext(name):
    doc = base()
    page = doc[0]
    annot = page.add_freetext_annot(pymupdf.Rect(300, 300, 550, 340), f"Besproken met {name}", fontsize=10)
    annot.set_info(title="Secretariaat")
    annot.update()
    save(doc, "freetext.pdf")


def form_field(name):
    doc = base()
    page = doc[0]
    w = pymupdf.Widget()
    w.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    w.field_name = "contactpersoon"
    w.field_value = name
    w.rect = pymupdf.Rect(300, 300, 550, 330)
    page.add_widget(w)
    save(doc, "form_field.pdf")


def embedded_file(name):
    doc = base()
    payload = f"Contactpersoon: {name}\n".encode("utf-8")
    doc.embfile_add("bijlage.txt", payload, filename="bijlage.txt", desc="bijlage")
    save(doc, "embedded_file.pdf")


def javascript(name):
    doc = base()
    cat = doc.pdf_catalog()
    js = doc.get_new_xref()
    doc.update_object(js, f'<< /S /JavaScript /JS (app.alert\\("Welkom {name}"\\);) >>')
    doc.xref_set_key(cat, "OpenAction", f"{js} 0 R")
    save(doc, "javascript.pdf")


def struct_alt(name):
    doc = base()
    cat = doc.pdf_catalog()
    page_xref = doc[0].xref
    root = doc.get_new_xref()
    doc_el = doc.get_new_xref()
    fig = doc.get_new_xref()
    doc.update_object(root, f"<< /Type /StructTreeRoot /K {doc_el} 0 R >>")
    doc.update_object(doc_el, f"<< /Type /StructElem /S /Document /P {root} 0 R /K [{fig} 0 R] >>")
    doc.update_object(
        fig,
        f"<< /Type /StructElem /S /Figure /P {doc_el} 0 R /Pg {page_xref} 0 R "
        f"/Alt (Foto van {name}) /K 0 >>",
    )
    doc.xref_set_key(cat, "StructTreeRoot", f"{root} 0 R")
    doc.xref_set_key(cat, "MarkInfo", "<< /Marked true >>")
    save(doc, "struct_alt.pdf")


def incremental(name, author):
    """Revision 1 names the minute-taker and an author; revision 2 removes both."""
    path = os.path.join(OUT, "incremental.pdf")
    doc = base(extra_text=f"Notulist: {name}")
    doc.set_metadata({"author": author, "producer": "fixture"})
    doc.save(path, garbage=0, deflate=False)
    doc.close()
    doc = pymupdf.open(path)
    page = doc[0]
    for rect in page.search_for(f"Notulist: {name}"):
        page.add_redact_annot(rect)
    page.apply_redactions()
    doc.set_metadata({"author": "", "producer": "fixture"})
    doc.saveIncr()
    doc.close()


NAMES = {
    "info_author.pdf": "Marieke Dijkstra",
    "xmp_creator.pdf": "Jorrit Hoekstra",
    "outline_title.pdf": "Fatima Benali",
    "sticky_note.pdf": "Wouter Brandsma",
    "freetext.pdf": "Soraya Ramdin",
    "form_field.pdf": "Kees Veltman",
    "embedded_file.pdf": "Annelies Vos",
    "javascript.pdf": "Tjeerd Wiersma",
    "struct_alt.pdf": "Lotte Zwaneveld",
    "incremental.pdf": "Ruud Gerritsen",
}
INCREMENTAL_AUTHOR = "Ingrid Bakkenes"


def main():
    os.makedirs(OUT, exist_ok=True)
    info_author(NAMES["info_author.pdf"])
    xmp_creator(NAMES["xmp_creator.pdf"])
    outline_title(NAMES["outline_title.pdf"])
    sticky_note(NAMES["sticky_note.pdf"])
    freetext(NAMES["freetext.pdf"])
    form_field(NAMES["form_field.pdf"])
    embedded_file(NAMES["embedded_file.pdf"])
    javascript(NAMES["javascript.pdf"])
    struct_alt(NAMES["struct_alt.pdf"])
    incremental(NAMES["incremental.pdf"], INCREMENTAL_AUTHOR)
    manifest = {f: [n] for f, n in NAMES.items()}
    manifest["incremental.pdf"].append(INCREMENTAL_AUTHOR)
    with open(os.path.join(OUT, "names.json"), "w") as fh:
        json.dump(manifest, fh, indent=1, sort_keys=True)
        fh.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
