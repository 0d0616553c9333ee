#!/usr/bin/env python3
"""Derive dictionaries/ner_lexicon.txt from Debian frogdata's named-entity lexicon.

Usage: scripts/derive-ner-lexicon.py [UNPACK_DIR]
Without UNPACK_DIR it runs `apt-get download frogdata` into a temp dir and unpacks it with
`dpkg-deb -x`. Reads usr/share/frog/nld/nergen.data.lex: per word form, how often Frog's NER
training text (SoNaR-1, hand-annotated Dutch) tagged it as a person, organisation, location,
product / event / other name, or as no name. Keeps capitalised word forms seen at least twice as
part of a name, with those counts.
"""
import os, subprocess, sys, tempfile


def unpack():
    if len(sys.argv) > 1:
        return sys.argv[1], "unknown"
    tmp = tempfile.mkdtemp()
    subprocess.run(["apt-get", "download", "frogdata"], cwd=tmp, check=True)
    deb = next(f for f in os.listdir(tmp) if f.endswith(".deb"))
    version = subprocess.run(["dpkg-deb", "-f", deb, "Version"], cwd=tmp, capture_output=True,
                             text=True).stdout.strip()
    subprocess.run(["dpkg-deb", "-x", deb, "x"], cwd=tmp, check=True)
    return os.path.join(tmp, "x"), version


def main():
    root, version = unpack()
    path = os.path.join(root, "usr/share/frog/nld/nergen.data.lex")
    rows = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3:
                continue
            word = parts[1]
            if not word[:1].isupper() or not any(c.isalpha() for c in word):
                continue
            c = {"per": 0, "org": 0, "loc": 0, "other": 0, "plain": 0}
            for t in parts[2:]:
                tag, n = t.rsplit(":", 1)
                cat = "plain" if tag == "O" else tag.split("-")[-1]
                c[cat if cat in c else "other"] += int(n)
            if c["per"] + c["org"] + c["loc"] + c["other"] < 2:
                continue
            rows.append((word, c))
    rows.sort(key=lambda r: r[0])
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dictionaries",
                       "ner_lexicon.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Capitalised word forms with how often hand-annotated Dutch text tagged them as part of a\n")
        f.write("# person, organisation, location or other name (product, event, misc), or as no name.\n")
        f.write("# Columns (tab-separated): word, person, organisation, location, other name, no name.\n")
        f.write(f"# source: Debian frogdata {version}, usr/share/frog/nld/nergen.data.lex (the lexicon of\n")
        f.write("# Frog's named-entity tagger, counted on its SoNaR-1 training text); licence: GPL-3.0-or-later.\n")
        f.write("# Regenerate: scripts/derive-ner-lexicon.py\n")
        for word, c in rows:
            f.write("\t".join([word] + [str(c[k]) for k in ("per", "org", "loc", "other", "plain")]) + "\n")
    print(f"{len(rows)} word forms -> {out}")


if __name__ == "__main__":
    main()
