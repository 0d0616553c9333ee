#!/usr/bin/env python3
"""Re-derive the generated name lists in dictionaries/ from Debian packages.

Usage: scripts/derive-dictionaries.py [UNPACK_DIR]
Without UNPACK_DIR it runs `apt-get download frogdata wdutch` into a temp dir
and unpacks them with `dpkg-deb -x`. Hand-written lists (tussenvoegsels.txt,
titles.txt, roles.txt, not_person.txt) are not touched.
"""
import os, re, subprocess, sys, tempfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dictionaries")
STREET_SUFFIX = re.compile(r"(straat|laan|weg|plein|plaats|kade|gracht|singel|park|hof|dreef|pad|dijk|steeg|dwarsstraat|erf|baan)$")
CAP_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿA-ZÀ-ÖØ-Þ'’]*(?:-[A-Za-zß-öø-ÿÀ-ÖØ-Þ][a-zß-öø-ÿA-ZÀ-ÖØ-Þ'’]*)*$")


def unpack():
    if len(sys.argv) > 1:
        return sys.argv[1]
    tmp = tempfile.mkdtemp()
    subprocess.run(["apt-get", "download", "frogdata", "wdutch"], cwd=tmp, check=True)
    for f in os.listdir(tmp):
        if f.endswith(".deb"):
            subprocess.run(["dpkg-deb", "-x", f, "x"], cwd=tmp, check=True)
    return os.path.join(tmp, "x")


def version(pkg):
    try:
        return subprocess.run(["dpkg-deb", "-f", pkg, "Version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"


def plausible(w):
    # capitalised, letters (with inner hyphens/apostrophes), not all caps, 2..30 chars
    return 2 <= len(w) <= 30 and CAP_WORD.match(w) is not None and not (len(w) > 1 and w.isupper())


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [l.strip() for l in f if l.strip()]


def write(name, header, entries):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for h in header:
            f.write("# " + h + "\n")
        for e in entries:
            f.write(e + "\n")


def main():
    root = unpack()
    nld = os.path.join(root, "usr/share/frog/nld")
    debs = os.path.dirname(root)
    fv = wv = "unknown"
    for f in os.listdir(debs):
        if f.startswith("frogdata") and f.endswith(".deb"):
            fv = version(os.path.join(debs, f))
        if f.startswith("wdutch") and f.endswith(".deb"):
            wv = version(os.path.join(debs, f))
    words = read(os.path.join(root, "usr/share/dict/dutch"))
    lower_words = {w for w in words if w == w.lower()}
    particles = {l for l in read(os.path.join(OUT, "tussenvoegsels.txt")) if not l.startswith("#")}
    particle_words = {p for l in particles for p in l.split()}
    first = sorted({w for w in read(os.path.join(nld, "voornamen.ner")) if plausible(w)})
    sur = sorted({w for w in read(os.path.join(nld, "familienamen.ner"))
                  if plausible(w) and w.lower() not in particle_words})
    src = "Debian package frogdata %s (usr/share/frog/nld/%%s), licence GPL-3.0+" % fv
    how = "derived by scripts/derive-dictionaries.py: single capitalised words (letters, inner - or '), not all caps, 2-30 chars"
    write("first_names.txt", ["first names", src % "voornamen.ner", how], first)
    write("surnames.txt", ["surnames (single words; particles are handled by tussenvoegsels.txt)",
                           src % "familienamen.ner", how + ", particles removed"], sur)
    amb = sorted({w for w in set(first) | set(sur) if w.lower() in lower_words})
    write("name_words.txt", ["names that are also ordinary Dutch words: a hit needs a second signal",
                             "names from first_names.txt and surnames.txt whose lower-case form is a lower-case entry of",
                             "Debian package wdutch %s (usr/share/dict/dutch, OpenTaal word list, BSD-2-Clause / CC-BY-3.0)" % wv,
                             "derived by scripts/derive-dictionaries.py"], amb)
    common = sorted({w for w in lower_words if re.fullmatch(r"[a-zß-öø-ÿ]{2,9}", w)})
    write("common_words.txt", ["ordinary Dutch words of 2-9 letters (lower case): a capitalised one at a sentence start is not a name",
                               "Debian package wdutch %s (usr/share/dict/dutch, OpenTaal word list, BSD-2-Clause / CC-BY-3.0)" % wv,
                               "derived by scripts/derive-dictionaries.py: lower-case entries of 2-9 letters"], common)
    places = set()
    for f in ("plaatsen-nld.ner", "gemeenten-nld.ner", "provincies-nld.ner", "landen-europa.ner", "waterschappen-nld.ner"):
        for l in read(os.path.join(nld, f)):
            l = re.sub(r"^(Gemeente|Provincie|Waterschap|Hoogheemraadschap) ", "", l)
            if l[:1].isupper():
                places.add(l)
    write("not_person_generated.txt", ["places that are not persons in government text",
                                       src % "plaatsen-nld.ner, gemeenten-nld.ner, provincies-nld.ner, landen-europa.ner, waterschappen-nld.ner",
                                       "places as listed (prefix Gemeente/Provincie/Waterschap removed)",
                                       "derived by scripts/derive-dictionaries.py"], sorted(places))
    fset = set(first)
    honoured = set()
    for s in read(os.path.join(nld, "straten-nld.ner")):
        parts = s.split()
        if len(parts) == 2 and parts[0] in fset and parts[0].lower() not in particle_words and STREET_SUFFIX.search(parts[1]):
            base = STREET_SUFFIX.sub("", parts[1])
            if plausible(base) and len(base) >= 3:
                honoured.add(parts[0] + " " + base)
    write("street_namesakes.txt", ["people streets and buildings are named after ('Jacob Bontius' from 'Jacob Bontiusplaats'):",
                                   "a place only where the text says it is one ('Uitvoeringslocatie: Jacob Bontius', 'in Jacob Bontius'),",
                                   "elsewhere the name of a person like any other",
                                   src % "straten-nld.ner",
                                   "streets 'Firstname Surname+suffix' with the suffix (straat, laan, plein, ...) removed",
                                   "derived by scripts/derive-dictionaries.py"], sorted(honoured - places))


if __name__ == "__main__":
    main()
