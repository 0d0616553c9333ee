#!/usr/bin/env python3
"""Pages per CPU-second: woo-redact vs a PyMuPDF redaction of the same files, run alternately.

PyMuPDF is given the truth strings of ../shared/corpus (perfect detection, so it does less
than we do: no detection, no dossier pass, no verification). For each round both tools redact
the same files; CPU time is the children's user+system time (resource.getrusage). Also prints
our per-page cost on short documents against long ones.

usage: compare_pymupdf.py BIN CORPUS [--rounds N] [--config CFG]
"""
import argparse
import glob
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_ours(binary, files, config, jobs):
    out = tempfile.mkdtemp(prefix="woo-cmp-")
    try:
        before = cpu_children()
        cmd = [binary, "redact", *files, "--out", out, "--quiet"]
        if config:
            cmd += ["--config", config]
        if jobs:
            cmd += ["--jobs", str(jobs)]
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if r.returncode not in (0, 1):
            # a usage or configuration error would time a run that did nothing
            sys.exit(f"woo-redact exited {r.returncode}: {r.stderr.decode(errors='replace').strip()}")
        return cpu_children() - before
    finally:
        shutil.rmtree(out, ignore_errors=True)


PYMUPDF_WORKER = r'''
import json, sys, pymupdf, os
jobs = json.load(open(sys.argv[1]))
out = sys.argv[2]
for pdf, strings in jobs:
    try:
        doc = pymupdf.open(pdf)
        if doc.needs_pass:
            continue
    except Exception:
        continue
    for page in doc:
        # perfect detection knows which strings are on the page: search only those
        text = " ".join(page.get_text().split())
        for s in strings:
            if " ".join(s.split()) not in text:
                continue
            for r in page.search_for(s):
                page.add_redact_annot(r, text="5.1, 2, e", fill=(0, 0, 0))
        page.apply_redactions()
    doc.set_metadata({})
    doc.del_xml_metadata()
    doc.save(os.path.join(out, os.path.basename(pdf)), garbage=3, deflate=True)
'''


def run_pymupdf(jobs_file):
    out = tempfile.mkdtemp(prefix="mupdf-cmp-")
    try:
        before = cpu_children()
        subprocess.run([sys.executable, "-c", PYMUPDF_WORKER, jobs_file, out],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return cpu_children() - before
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("corpus")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--config")
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args()
    jobs, pages, files = [], 0, []
    per_file_pages = {}
    for tf in sorted(glob.glob(os.path.join(a.corpus, "*.truth.json"))):
        t = json.load(open(tf, encoding="utf-8"))
        pdf = os.path.join(a.corpus, t["file"])
        if t.get("expect") != "redact":
            continue
        strings = sorted({s["text"] for s in t["sensitive"]}, key=len, reverse=True)
        jobs.append((pdf, strings))
        files.append(pdf)
        pages += t.get("pages") or 0
        per_file_pages[pdf] = t.get("pages") or 0
    jf = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump(jobs, jf)
    jf.close()
    ours, theirs = [], []
    for r in range(a.rounds):
        ours.append(run_ours(a.binary, files, a.config, a.jobs))
        theirs.append(run_pymupdf(jf.name))
        print(f"round {r + 1}: woo-redact {ours[-1]:.2f} CPU-s, PyMuPDF {theirs[-1]:.2f} CPU-s",
              file=sys.stderr)
    o, t = statistics.median(ours), statistics.median(theirs)
    print(f"{len(files)} documents, {pages} pages, median of {a.rounds} alternate rounds")
    print(f"woo-redact: {pages / o:8.1f} pages per CPU-second ({o:.2f} CPU-s)")
    print(f"PyMuPDF   : {pages / t:8.1f} pages per CPU-second ({t:.2f} CPU-s, truth strings given)")
    print(f"ratio     : {t / o:8.1f}x")
    # short vs long documents: per-page CPU cost, ours
    long_docs = [f for f in files if per_file_pages[f] >= 20]
    short_docs = [f for f in files if per_file_pages[f] <= 8]
    if long_docs and short_docs:
        lp = sum(per_file_pages[f] for f in long_docs)
        sp = sum(per_file_pages[f] for f in short_docs)
        lc = statistics.median(run_ours(a.binary, long_docs, a.config, a.jobs) for _ in range(a.rounds))
        sc = statistics.median(run_ours(a.binary, short_docs, a.config, a.jobs) for _ in range(a.rounds))
        print(f"short documents ({len(short_docs)}, {sp} pages): {1000 * sc / sp:.1f} ms CPU per page")
        print(f"long documents ({len(long_docs)}, {lp} pages): {1000 * lc / lp:.1f} ms CPU per page")
        print(f"short/long per-page cost: {(sc / sp) / (lc / lp):.2f}x")
    os.unlink(jf.name)


if __name__ == "__main__":
    main()
