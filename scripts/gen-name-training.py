#!/usr/bin/env python3
"""Generates licence-clean training text for the name model: sentences written for this project,
filled with names from dictionaries/ (frogdata-derived, GPL-3.0+) and invented words.

    scripts/gen-name-training.py OUT.jsonl [N_DOCS] [SEED]

Writes one JSON object per line: {"text": ..., "names": [[start, end], ...]} (character offsets of
person names). Nothing here comes from CoNLL-2002 or any other measurement set: the templates are
hand-written Dutch patterns (news, minutes, letters, signatures, lists), the slot fillers are the
project's own lists and randomly built words.
"""
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DICT = ROOT / "dictionaries"


def lines(name):
    return [l.strip() for l in (DICT / name).read_text(encoding="utf-8").splitlines()
            if l.strip() and not l.startswith("#")]


FIRST = lines("first_names.txt")
COMMON = [w for w in lines("common_words.txt") if len(w) >= 5 and w.isalpha()]
SUR = lines("surnames.txt")
NAME_WORDS = set(lines("name_words.txt"))
PARTICLES = ["van", "de", "van der", "van den", "van de", "den", "ter", "ten", "te", "van 't",
             "op de", "in 't", "der", "le", "la", "du", "di", "da", "von", "el", "al"]
TITLES = ["dhr.", "mevr.", "mw.", "mevrouw", "meneer", "de heer", "drs.", "dr.", "mr.", "ir.",
          "prof.", "ing."]
ROLES = ["wethouder", "burgemeester", "voorzitter", "secretaris", "directeur", "minister",
         "staatssecretaris", "trainer", "bondscoach", "premier", "woordvoerder", "advocaat",
         "rechter", "schrijver", "zanger", "coach", "ploegleider", "aanvoerder", "keeper",
         "professor", "kapitein", "generaal", "koning", "prins", "paus", "kardinaal", "bisschop",
         "officier", "procureur", "gouverneur", "senator", "raadslid", "notulist", "adviseur"]
_firstset = set(FIRST)
PLACES_NL = [p for p in lines("not_person_generated.txt")
             if " " not in p and p not in _firstset][:6000]
PLACES_X = ("Gent Brussel Antwerpen Luik Brugge Leuven Mechelen Namen Charleroi Hasselt Kortrijk "
            "Oostende Aalst Genk Parijs Londen Berlijn Madrid Rome Wenen Praag Moskou Washington "
            "Peking Tokio Sydney Cairns Barcelona Lissabon Athene Istanbul Kopenhagen Stockholm Oslo "
            "Helsinki Warschau Boedapest Belgrado Zagreb Sarajevo Kosovo Servië Kroatië Rusland "
            "Frankrijk Duitsland Engeland Spanje Italië Portugal Griekenland Turkije Marokko Congo "
            "Rwanda Zaïre Israël Irak Iran Egypte China Japan India Brazilië Argentinië Mexico "
            "Amerika Canada Australië Afrika Europa Azië Vlaanderen Wallonië Limburg Brabant Zeeland "
            "Friesland Holland Texas Californië Beieren Toscane Sicilië Corsica Schelde Maas Rijn "
            "Donau Seine Theems Alpen Pyreneeën Ardennen Kempen Zedelgem Lokeren Waregem Roeselare "
            "Zottegem Ninove Tienen Lier Geel Mol Turnhout Ieper Diksmuide Veurne Knokke Heist").split()
ORG_HEADS = ["FC", "KV", "SK", "VV", "Club", "Stichting", "Vereniging", "Ministerie van",
             "Gemeente", "Provincie", "Bank", "Groep", "Partij", "Raad van", "Hof van",
             "Universiteit van", "Hogeschool", "Ziekenhuis", "Omroep", "Radio", "Televisie"]
ORG_FIXED = ("Eurosport CVP SP VLD PS PRL Agalev Vlaams Blok NAVO VN EU UEFA FIFA IOC KBVB "
             "Sabena Philips Shell Unilever Telenet Belgacom Proximus Microsoft Apple Google "
             "Standaard Morgen Volkskrant Trouw NRC VRT RTL VTM BBC CNN Reuters Belga ANP "
             "Anderlecht Ajax Feyenoord PSV Brugge Standard Genk Lokeren Lierse Beveren Barcelona "
             "Juventus Milan Inter Arsenal Chelsea Liverpool Bayern Real Rabobank Mapei Lotto "
             "Telekom Festina Logius Movisie GroenLinks PvdA VVD CDA D66 Kamer Senaat Europol "
             "Interpol Unesco Unicef Greenpeace Amnesty").split()
MISC = ("Tour de France|Golden League|Ronde van Vlaanderen|Olympische Spelen|Champions League|"
        "Wereldbeker|Europese Unie|Nobelprijs|Gouden Schoen|Grand Slam|Roland Garros|Wimbledon|"
        "Giro|Vuelta|Parijs-Roubaix|Luik-Bastenaken-Luik|Kerstmis|Pasen|Ramadan|Belgische|"
        "Nederlandse|Franse|Duitse|Engelse|Amerikaanse|Russische|Vlaamse|Waalse|Europese|"
        "Internet|Windows|Euro|Staten-Generaal|Tweede Kamer|Eerste Kamer|Koran|Bijbel|"
        "Star Wars|Big Brother|Songfestival|Oscar|Grammy|Mercedes|Volkswagen|Renault|Airbus|"
        "Boeing|Titanic|Marshallplan|Brexit|Covid|Omgevingswet|Woo|Awb").split("|")
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()
DAYS = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()
SYL = ("ka ko mi la ra to ne vi sa lo be du ri mo na ta ke ji an el or us ov ich ski ser gan "
       "dor mar tel ven kar bor zy ha nu pe").split()
FOREIGN_SUF = ["ova", "ov", "ić", "escu", "sson", "sen", "ez", "elli", "ski", "ska", "iak", "yan",
               "oğlu", "idis", "opoulos", "ini", "ier", "eau", "aoui", "ani", "ovic", "enko", "ek"]


def pseudo(rng, foreign=True):
    w = "".join(rng.choice(SYL) for _ in range(rng.randint(1, 3)))
    if foreign and rng.random() < 0.7:
        w += rng.choice(FOREIGN_SUF)
    return w[:1].upper() + w[1:]


def first(rng):
    if rng.random() < 0.12:
        return pseudo(rng, False)
    return rng.choice(FIRST)


def sur(rng):
    r = rng.random()
    if r < 0.18:
        return pseudo(rng)
    s = rng.choice(SUR)
    if rng.random() < 0.04:
        s += "-" + rng.choice(SUR)
    return s


def initials(rng):
    n = rng.choice([1, 1, 1, 2, 2, 3])
    return "".join(rng.choice("ABCDEFGHIJKLMNOPRSTVW") + "." for _ in range(n))


def person(rng, ctx="any"):
    """A person name form; returns text."""
    r = rng.random()
    part = rng.choice(PARTICLES) + " " if rng.random() < 0.25 else ""
    if ctx == "bare_sur":
        p = part[:1].upper() + part[1:] if part else ""
        return p + sur(rng)
    if r < 0.45:
        n = first(rng) + " " + part + sur(rng)
    elif r < 0.62:
        n = initials(rng) + " " + part + sur(rng)
    elif r < 0.72:
        n = first(rng) + " " + first(rng) + " " + part + sur(rng)
    elif r < 0.82:
        p = part[:1].upper() + part[1:] if part else ""
        n = p + sur(rng)
    elif r < 0.9:
        n = first(rng)
    else:
        n = first(rng) + " " + sur(rng)
    if rng.random() < 0.05:
        n = n.upper()
    return n


def place(rng):
    return rng.choice(PLACES_X) if rng.random() < 0.5 else rng.choice(PLACES_NL)


def org(rng):
    r = rng.random()
    if r < 0.5:
        return rng.choice(ORG_FIXED)
    if r < 0.75:
        return rng.choice(ORG_HEADS) + " " + (place(rng) if rng.random() < 0.6 else pseudo(rng, False))
    if r < 0.85:
        # organisations named after a person-like word: still not a person
        return pseudo(rng, False) + " " + rng.choice(["BV", "NV", "Holding", "Group", "Consult", "United"])
    return place(rng) + " " + rng.choice(["United", "City", "Sport", "Boys", "Vooruit"])


def misc(rng):
    return rng.choice(MISC)


# templates: {P} person, {S} bare surname, {L} place, {O} organisation, {M} misc, {R} role,
# {T} title, {N} number, {D} day, {MO} month, {F} first name alone
TEMPLATES = r"""\
{P} won gisteren in {L} de rit naar {L}.
Volgens {P} is de zaak nog lang niet rond.
" Het was een moeilijke wedstrijd " , zei {P} na afloop.
{R} {S} van {O} wil de ploeg verjongen.
{P} ( {N} ) van {O} werd tweede in {L}.
De {R} van {O} , {P} , ontkent alles.
In {L} sprak {P} met {P} over de toekomst van {O}.
{O} speelt zondag tegen {O} in {L}.
Het {M} begint dit jaar in {L}.
De winnaar van de {M} , {P} , kreeg een ovatie.
{P} en {P} namen het woord.
Bij {O} is {P} de nieuwe {R}.
Dat bleek gisteren uit een verklaring van {O}.
Staten en regio's moeten samenwerken, aldus {P}.
{T} {S} opent de vergadering om {N}.{N} uur.
Aanwezig : {P} , {P} , {P} en {P}.
Afwezig : {P} ( met kennisgeving ).
Actie : {P} stuurt de notulen rond.
{P} geeft aan dat de planning krap is.
{S} vraagt of {O} al heeft gereageerd.
De {R} , {T} {S} , licht het voorstel toe.
Met vriendelijke groet ,\n{P}\n{R}\n{O}
Hoogachtend ,\n{P}\n{O}\n{L}
{P} ( {R} ) : de begroting is rond.
Op {D} {N} {MO} reisde {P} naar {L}.
De {M} in {L} trok {N} bezoekers.
Het kabinet stuurde {P} naar {L}.
{P} , de {R} van {L} , is overleden.
In een interview met {O} zei {P} dat {S} gelijk had.
Bondscoach {S} selecteerde {P} en {P}.
{S} scoorde twee keer voor {O}.
{F} ging met {F} naar {L}.
Maar {P} wist van niets.
Ook {O} en {O} doen mee.
De {M} wordt dit jaar gewonnen door {P}.
Dit rapport is geschreven door {P} in opdracht van {O}.
Contactpersoon : {P} , {O}.
De {M} werd in {MO} gehouden in {L}.
Tijdens de {M} liep {P} een blessure op.
Na {N} jaar verlaat {P} {O}.
{P} ( {L} ) verloor in de eerste ronde van {P} ( {L} ).
De familie {S} woont al jaren in {L}.
Wie {P} kent , weet dat {S} nooit opgeeft.
{L} en {L} liggen aan de {L}.
{O} uit {L} heeft {P} ontslagen.
De rechtbank van {L} veroordeelde {P} tot {N} jaar cel.
Volgens de {R} van {O} gaat het om een vergissing.
{P} , {N} , uit {L} , werd gearresteerd.
Het boek van {P} over {L} verscheen bij {O}.
Verslag : {P}
Van : {P}\nAan : {P}\nOnderwerp : {M}
Namens {O} ,\n{P}
Geachte heer {S} ,
Beste {F} ,
Geachte mevrouw {S} ,
{T} {P}
Het was {S} die de leiding nam.
Gisteren maakte {O} bekend dat {P} vertrekt.
{R} {P} bezocht {L} en {L}.
Dat de {M} doorgaat , staat vast.
Alle ploegen van {O} rijden de {M}.
{P} legde de ploegleiding van {O} uit hoe het zat.
De {L} regering steunt {P}.
Het {O} -rapport werd door {P} opgesteld.
Burgemeester {S} van {L} opende het nieuwe gemeentehuis.
Toen {F} thuiskwam , was {F} al weg.
In de {M} versloeg {P} de titelverdediger.
Zowel {S} als {S} zijn afwezig.
Hij noemde {P} een goede vriend.
De oud-{R} {P} is {N} jaar geworden.
" Dat is niet de bedoeling " , zegt {S}.
Dat zegt {S} , die al {N} jaar bij {O} werkt.
" We moeten verder " , aldus {S}.
Volgens {S} is de kans klein.
{S} : " Ik heb er alle vertrouwen in. "
{N}. {S} ( {CC} ) {N}:{N} -- {N}. {S} ( {CC} ) op {N} -- {N}. {S} z.t.
{N}. {P} ( {CC} ) {N}u{N}:{N} -- {N}. {S} ( {CC} ) allen z.t.
Uitslag : {N}. {S} {N}:{N} -- {N}. {S} ( {CC} ) -- {N}. {S}
De {N}-jarige {P} uit {L} werd opgepakt.
De Belg {S} eindigde als {N}ste.
De Italiaan {S} won de sprint voor {S}.
De Nederlander {P} is de nieuwe {R} van {O}.
Na de val van {S} nam {S} de leiding.
Ook {S} kon niet volgen.
Het doelpunt van {S} kwam te laat.
{S} , die sinds {MO} bij {O} speelt , blijft.
Tegen {S} had de rechter geen bewijs.
{S} heeft zijn ontslag ingediend.
{S} werd in {L} geboren.
Dat meldt {O} uit {L}.
In {L} kwamen {N} mensen op straat.
Na {L} trok de karavaan naar {L}.
De trein van {L} naar {L} reed niet.
Bij {O} in {L} werken {N} mensen.
Het bestuur van {O} vergadert in {L}.
{O} neemt {O} over voor {N} miljoen euro.
De aandelen van {O} stegen met {N} procent.
Morgen speelt {O} in {L}.
Op de {M} in {L} was {O} niet aanwezig.
{CAP} is het niet eens met {O}.
{CAP} werd er niet gesproken over {L}.
Wie {CAP} zegt , zegt {O}.
Met dank aan {P} en {P}.
Interview : {P}
Foto : {P}
Door {P}
Door onze redacteur {P}
{P} is {R} bij {O}.
{L} ( {O} ) - {P} heeft gisteren ontslag genomen.
Premier {S} en zijn collega {S} praten met {O}.
De zaak-{S} sleept al jaren aan.
Het hof van {L} sprak {P} vrij.
Zowel {O} als {O} steunen het plan van {R} {S}.
{F} zegt dat de planning krap is.
{F} : we moeten dit beter uitleggen.
Actie {F} : stuurt het stuk rond.
o {F} en {F} pakken dit op.
Dit bespreekt {F} met {F} als zij terug is.
Het voorstel van {F} wordt overgenomen.
{F} vraagt of het budget toereikend is.
Afgesproken dat {F} contact opneemt met {O}.
Volgende keer sluit {F} aan bij het overleg.
- {F} licht toe dat {S} nog reageert.
{F} ; mensen lezen niet alles.
Met {F} en het team is afgesproken dat {F} het overzicht maakt.
{F} neemt dit mee in het gesprek met {F}.
Om {F} te laten spreken is meer tijd nodig.
Bij {F} ligt de vraag of {O} meedoet.""".split("\n")


def fill(tpl, rng):
    tpl = tpl.replace("\\n", "\n")
    text = ""
    names = []
    i = 0
    while i < len(tpl):
        if tpl[i] == "{":
            j = tpl.index("}", i)
            slot = tpl[i + 1:j]
            i = j + 1
            if slot == "P":
                v = person(rng)
                names.append((len(text), len(text) + len(v)))
            elif slot == "S":
                v = person(rng, "bare_sur")
                names.append((len(text), len(text) + len(v)))
            elif slot == "F":
                v = first(rng)
                names.append((len(text), len(text) + len(v)))
            elif slot == "L":
                v = place(rng)
            elif slot == "O":
                v = org(rng)
            elif slot == "M":
                v = misc(rng)
            elif slot == "R":
                v = rng.choice(ROLES)
            elif slot == "T":
                v = rng.choice(TITLES)
            elif slot == "N":
                v = str(rng.randint(1, 99))
            elif slot == "D":
                v = rng.choice(DAYS)
            elif slot == "CC":
                v = rng.choice(["Ita", "Spa", "Fra", "Dui", "Ned", "Bel", "Rus", "VSt", "Den", "Zwi", "Noo", "Tsj", "Pol"])
            elif slot == "CAP":
                v = rng.choice(["Dat", "Staten", "Alle", "Het", "Maar", "Toch", "Daar", "Ook", "Wel", "Nu", "Dan", "Zo", "Hier", "Niemand", "Iedereen", "Sommigen", "Velen", "Hij", "Zij", "Men", "Die", "Deze", "Wat", "Wie", "Waarom", "Gisteren", "Morgen"])
            elif slot == "MO":
                v = rng.choice(MONTHS)
            else:
                v = slot
            text += v
        else:
            text += tpl[i]
            i += 1
    # spaces around punctuation as in the templates are normalised half of the time
    return text, names


def normalise(text, names):
    """Removes the space before , . ) and after ( while keeping the name offsets right."""
    out = []
    mapping = []
    k = 0
    while k < len(text):
        c = text[k]
        if c == " " and k + 1 < len(text) and text[k + 1] in ",.):;" :
            mapping.append(len(out))
            k += 1
            continue
        mapping.append(len(out))
        out.append(c)
        if c in "(\"" and k + 1 < len(text) and text[k + 1] == " ":
            mapping.append(len(out))
            k += 2
            continue
        k += 1
    mapping.append(len(out))
    return "".join(out), [(mapping[a], mapping[b]) for a, b in names]


def wrap(text, names, rng):
    """Breaks lines at spaces near a random width, as a PDF page would."""
    width = rng.randint(45, 95)
    out = list(text)
    col = 0
    for k, c in enumerate(out):
        if c == "\n":
            col = 0
            continue
        col += 1
        if c == " " and col >= width:
            out[k] = "\n"
            col = 0
    return "".join(out), names


def acronym(rng):
    return "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWZ") for _ in range(rng.randint(2, 4)))


def heading(rng):
    """A heading or agenda line: capitalised ordinary words and acronyms, no names."""
    words = [rng.choice(COMMON) for _ in range(rng.randint(1, 3))]
    words[0] = words[0][:1].upper() + words[0][1:]
    if rng.random() < 0.3:
        words[rng.randrange(len(words))] = acronym(rng) + ("-" + rng.choice(COMMON) if rng.random() < 0.5 else "")
    if rng.random() < 0.3:
        words = [w[:1].upper() + w[1:] for w in words]
    line = " ".join(words)
    r = rng.random()
    if r < 0.3:
        line = "%d. %s" % (rng.randint(1, 12), line)
    elif r < 0.45:
        line = "o " + line
    elif r < 0.55:
        line = line.upper()
    if rng.random() < 0.3:
        line += ":"
    return line


def doc(rng):
    text = ""
    names = []
    for _ in range(rng.randint(4, 14)):
        if rng.random() < 0.2:
            h = heading(rng)
            text = text + "\n" + h + "\n" if text else h + "\n"
            continue
        t, n = fill(rng.choice(TEMPLATES), rng)
        if rng.random() < 0.7:
            t, n = normalise(t, n)
        sep = "\n" if rng.random() < 0.3 or text.endswith("\n") else " "
        if text.endswith("\n"):
            sep = ""
        base = len(text) + (len(sep) if text else 0)
        text = text + sep + t if text else t
        names += [(a + base, b + base) for a, b in n]
    return wrap(text, names, rng)


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 6000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    rng = random.Random(seed)
    with open(out, "w", encoding="utf-8") as f:
        for _ in range(n):
            text, names = doc(rng)
            f.write(json.dumps({"text": text, "names": names}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
