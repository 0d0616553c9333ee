#!/usr/bin/env python3
"""Independent leak check for a (redacted) PDF: can any of the given secrets still be read?

    scripts/leak_check.py OUT.pdf --secrets "Karin Jansen" "karin.jansen@gmail.com" [--ocr] [--json]

Shares no code with woo-redact.  Each reader gives one or more texts of the file:

  pdftotext          poppler text, default mode
  pdftotext-raw      poppler text, content-stream order (-raw)
  pdftotext-layout   poppler text, physical layout (-layout)
  qpdf               `qpdf --qdf --object-streams=disable --stream-data=uncompress` dump, plus
                     every string and name in it decoded (escapes, hex, UTF-16, #xx)
  mupdf-text         PyMuPDF page text (sort=True)
  mupdf-objects      PyMuPDF: every xref object's strings and names, decoded, and every
                     stream's decoded data (with the strings in it)
  bytes              the raw file bytes (every revision, data after a wrong /Length, objects
                     the xref does not point to) and every stream body decoded leniently
                     (Flate, ASCII85 with bad groups skipped, ASCII85+Flate), strings decoded
  ocr (--ocr)        `pdftoppm -r 300` + `tesseract -l nld` per page

Every text and every secret is folded the same way: HTML/XML entities and %xx escapes decoded,
NFKC, format characters (U+200B-U+200F, U+00AD, U+2060, U+FEFF) removed, Cyrillic/Greek
look-alikes mapped to Latin, casefold, all whitespace removed.  A secret is readable by a reader
when its folded form is a substring of one of that reader's folded texts.

Exit status: 0 no secret readable, 1 some secret readable, 2 usage or file error.
"""

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import urllib.parse
import zlib

FORMAT_CHARS = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u00ad\u2060\ufeff\u180e"), None)
# Cyrillic and Greek letters that look like Latin ones (lower and upper case)
CONFUSABLES = str.maketrans(
    "аеорсухіјѕԁɡһӏոԛԝАВЕКМНОРСТХІЈЅԜΑΒΕΖΗΙΚΜΝΟΡΤΥΧνο",
    "aeopcyxijsdghlnqwABEKMHOPCTXIJSWABEZHIKMNOPTYXvo",
)


def fold(s):
    if "&" in s:
        s = html.unescape(s)
    if "%" in s:
        s = urllib.parse.unquote(s, errors="replace")
    s = unicodedata.normalize("NFKC", s)
    s = s.translate(FORMAT_CHARS).translate(CONFUSABLES)
    s = unicodedata.normalize("NFKC", s.casefold())
    return re.sub(r"\s+", "", s)


# ------------------------------------------------------------------ PDF string decoding
LANG_ESC = re.compile("\x1b[^\x1b]{0,8}\x1b")


def decode_text_bytes(b):
    """A PDF text string's bytes to str: UTF-16BE (BOM, language escapes dropped), UTF-8 (BOM),
    otherwise PDFDocEncoding approximated by cp1252."""
    if b[:2] == b"\xfe\xff":
        raw = b[2:]
        # drop language escapes: 0x001B, 2-4 bytes of language code, 0x001B
        raw = re.sub(rb"\x00\x1b[\x00-\xff]{2,4}?\x00\x1b", b"", raw)
        return LANG_ESC.sub("", raw.decode("utf-16-be", errors="replace"))
    if b[:2] == b"\xff\xfe":
        return b[2:].decode("utf-16-le", errors="replace")
    if b[:3] == b"\xef\xbb\xbf":
        return b[3:].decode("utf-8", errors="replace")
    return b.decode("cp1252", errors="replace")


ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f",
           ord("("): b"(", ord(")"): b")", ord("\\"): b"\\"}


def pdf_strings(data):
    """Every literal string, hex string and name in PDF syntax `data` (bytes), decoded, in order."""
    out = []
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if c == 0x28:  # (
            depth, j, buf = 1, i + 1, bytearray()
            while j < n and depth:
                ch = data[j]
                if ch == 0x5C and j + 1 < n:  # backslash
                    nx = data[j + 1]
                    if nx in ESCAPES:
                        buf += ESCAPES[nx]
                        j += 2
                    elif 0x30 <= nx <= 0x37:
                        k = j + 1
                        while k < n and k < j + 4 and 0x30 <= data[k] <= 0x37:
                            k += 1
                        buf.append(int(data[j + 1:k], 8) & 0xFF)
                        j = k
                    elif nx in (0x0A, 0x0D):
                        j += 2
                        if nx == 0x0D and j < n and data[j] == 0x0A:
                            j += 1
                    else:
                        buf.append(nx)
                        j += 2
                    continue
                if ch == 0x28:
                    depth += 1
                elif ch == 0x29:
                    depth -= 1
                    if depth == 0:
                        break
                buf.append(ch)
                j += 1
            out.append(decode_text_bytes(bytes(buf)))
            i = j + 1
        elif c == 0x3C and i + 1 < n and data[i + 1] != 0x3C:  # <hex>
            j = data.find(b">", i + 1)
            if j < 0:
                break
            hx = re.sub(rb"[^0-9A-Fa-f]", b"", data[i + 1:j])
            if len(hx) % 2:
                hx += b"0"
            try:
                out.append(decode_text_bytes(bytes.fromhex(hx.decode())))
            except ValueError:
                pass
            i = j + 1
        elif c == 0x3C:
            i += 2
        elif c == 0x2F:  # /Name with #xx escapes
            m = re.compile(rb"/([^\s/\[\]<>(){}%]*)").match(data, i)
            nm = m.group(1)
            if b"#" in nm:
                nm = re.sub(rb"#([0-9A-Fa-f]{2})", lambda g: bytes([int(g.group(1), 16)]), nm)
            out.append(nm.decode("utf-8", errors="replace"))
            i = m.end() if m.end() > i else i + 1
        elif c == 0x25:  # comment
            j = data.find(b"\n", i)
            i = n if j < 0 else j + 1
        else:
            i += 1
    return "\n".join(out)


def a85_lenient(b):
    """ASCII85 decode that skips a group it cannot decode and goes on."""
    b = re.sub(rb"\s", b"", b)
    if b.startswith(b"<~"):
        b = b[2:]
    end = b.find(b"~>")
    if end >= 0:
        b = b[:end]
    out, group = bytearray(), []
    for ch in b:
        if ch == ord("z") and not group:
            out += b"\0\0\0\0"
            continue
        if not (33 <= ch <= 117):
            continue
        group.append(ch - 33)
        if len(group) == 5:
            v = 0
            for g in group:
                v = v * 85 + g
            if v <= 0xFFFFFFFF:
                out += v.to_bytes(4, "big")
            group = []
    if len(group) > 1:
        k = len(group)
        group += [84] * (5 - k)
        v = 0
        for g in group:
            v = v * 85 + g
        out += (v & 0xFFFFFFFF).to_bytes(4, "big")[:k - 1]
    return bytes(out)


def inflate(b):
    try:
        return zlib.decompressobj().decompress(b)
    except zlib.error:
        try:
            return zlib.decompressobj(-15).decompress(b[2:])
        except zlib.error:
            return None


def lenient_stream_texts(raw):
    texts = []
    for m in re.finditer(rb"stream\r?\n", raw):
        start = m.end()
        end = raw.find(b"endstream", start)
        if end < 0:
            continue
        body = raw[start:end]
        cands = []
        z = inflate(body)
        if z:
            cands.append(z)
        if re.fullmatch(rb"[!-uz\s]*(~>)?\s*", body[:4096]) and len(body) > 4:
            a = a85_lenient(body)
            cands.append(a)
            z = inflate(a)
            if z:
                cands.append(z)
        for c in cands:
            texts.append(c.decode("latin-1"))
            texts.append(pdf_strings(c))
            if c[:3] == b"\xef\xbb\xbf" or b"<?xpacket" in c[:200]:
                texts.append(c.decode("utf-8", errors="replace"))
    return texts


# ------------------------------------------------------------------ readers
def run(cmd, timeout=300):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.stdout
    except (subprocess.TimeoutExpired, FileNotFoundError):
        return b""


def read_poppler(path, mode):
    args = ["pdftotext", "-q", "-enc", "UTF-8"] + ([mode] if mode else []) + [path, "-"]
    return [run(args).decode("utf-8", errors="replace")]


def read_qpdf(path):
    dump = run(["qpdf", "--qdf", "--object-streams=disable", "--stream-data=uncompress",
                "--decode-level=generalized", path, "-"])
    return [dump.decode("latin-1"), pdf_strings(dump)]


def read_mupdf_text(path):
    import pymupdf
    out = []
    with pymupdf.open(path) as doc:
        for page in doc:
            out.append(page.get_text(sort=True))
    return ["\n".join(out)]


def read_mupdf_objects(path):
    import pymupdf
    pymupdf.TOOLS.mupdf_display_errors(False)
    out = []
    with pymupdf.open(path) as doc:
        for x in range(1, doc.xref_length()):
            try:
                obj = doc.xref_object(x, compressed=False)
            except Exception:
                continue
            out.append(pdf_strings(obj.encode("latin-1", errors="replace")))
            try:
                if doc.xref_is_stream(x):
                    data = doc.xref_stream(x)
                    if data:
                        out.append(data.decode("latin-1"))
                        out.append(pdf_strings(data))
                        if b"<?xpacket" in data[:200] or data[:3] == b"\xef\xbb\xbf":
                            out.append(data.decode("utf-8", errors="replace"))
            except Exception:
                pass
        # document information and XMP as PyMuPDF reports them
        out.append("\n".join(str(v) for v in (doc.metadata or {}).values()))
    return out


def read_bytes(path):
    with open(path, "rb") as f:
        raw = f.read()
    return [raw.decode("latin-1"), pdf_strings(raw)] + lenient_stream_texts(raw)


def read_ocr(path):
    if not shutil.which("tesseract") or not shutil.which("pdftoppm"):
        raise SystemExit("leak_check: --ocr needs pdftoppm and tesseract (scripts/install-deps.sh)")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-q", "-r", "300", "-png", path, os.path.join(tmp, "p")], check=False)
        for png in sorted(os.listdir(tmp)):
            out.append(run(["tesseract", os.path.join(tmp, png), "-", "-l", "nld"]).decode("utf-8", "replace"))
    return ["\n".join(out)]


READERS = [
    ("pdftotext", lambda p: read_poppler(p, None)),
    ("pdftotext-raw", lambda p: read_poppler(p, "-raw")),
    ("pdftotext-layout", lambda p: read_poppler(p, "-layout")),
    ("qpdf", read_qpdf),
    ("mupdf-text", read_mupdf_text),
    ("mupdf-objects", read_mupdf_objects),
    ("bytes", read_bytes),
]


def check(path, secrets, ocr=False):
    readers = READERS + ([("ocr", read_ocr)] if ocr else [])
    folded = {s: fold(s) for s in secrets}
    hits = {s: [] for s in secrets}
    errors = {}
    for name, fn in readers:
        try:
            texts = [fold(t) for t in fn(path) if t]
        except Exception as e:  # a reader that cannot read the file reads nothing
            errors[name] = f"{type(e).__name__}: {e}"
            continue
        for s, f in folded.items():
            if f and any(f in t for t in texts):
                hits[s].append(name)
    return hits, errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdf")
    ap.add_argument("--secrets", nargs="+", required=True)
    ap.add_argument("--ocr", action="store_true", help="also render at 300 dpi and OCR (tesseract nld)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of lines")
    a = ap.parse_args()
    if not os.path.isfile(a.pdf):
        print(f"leak_check: no such file: {a.pdf}", file=sys.stderr)
        return 2
    hits, errors = check(a.pdf, a.secrets, a.ocr)
    leaked = {s: r for s, r in hits.items() if r}
    if a.json:
        print(json.dumps({"file": a.pdf, "leaked": leaked, "errors": errors}, ensure_ascii=False))
    else:
        for s, r in hits.items():
            print(f"{'LEAK ' if r else 'clean'} {s!r}: {', '.join(r) if r else '-'}")
        for k, v in errors.items():
            print(f"note: reader {k} failed: {v}", file=sys.stderr)
    return 1 if leaked else 0


if __name__ == "__main__":
    sys.exit(main())
