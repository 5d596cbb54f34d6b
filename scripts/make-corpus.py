#!/usr/bin/env python3
"""Writes N realistic, distinct news articles for scale tests, by recombining the sentences
of a source corpus (default: ../shared/corpus/bulk) with other people, dates and numbers.

    python3 scripts/make-corpus.py N DIR [--source DIR] [--seed S]

Each article starts with `date YYYY-MM-DD` (spread over 2006-2025), then a title and 8-25
sentences in paragraphs. The sentences come mostly from one source article, in order, so
the text stays coherent; short sources are topped up from articles of the same topic
(the file-name prefix, e.g. `business_`). In every article:

- people are swapped: the two-word person names of the source ("Richard Parsons", and
  the bare surname "Mr Parsons" that refers back to them) become people drawn from a pool
  built by recombining the corpus' first names and surnames. The pool grows with N (about
  N/20 people, tens of thousands for a million articles) and is drawn with a Zipf-like
  frequency, so a few people are very prolific and most appear a handful of times;
- recent years are shifted by the distance between the source's year (2005) and the new
  publication year, so "in 2004" stays "last year";
- figures are perturbed ("£3.5bn" -> "£4.1bn", "12%" -> "9%", "300 jobs" -> "341 jobs"),
  keeping their format (decimals, thousands separators, currency, scale word).

Only the source corpus is held in memory: articles are written one by one, so memory
does not grow with N. The output is the same for the same N, source and seed (`SEED`
environment variable or --seed, default 1). Files go into subfolders of at most 5,000
files (`DIR/0000/0000001_business.txt`).
"""

import argparse
import math
import os
import random
import re
import sys
from datetime import date, timedelta

PER_FOLDER = 5000
SOURCE_YEAR = 2005
FIRST_DAY = date(2006, 1, 1)
DAYS = (date(2025, 12, 31) - FIRST_DAY).days + 1

# A capitalized word that can be part of a name ("McDonald", "O'Neill", "Smith-Jones").
NAME_WORD = r"(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
PAIR = re.compile(rf"\b({NAME_WORD}) ({NAME_WORD})\b")
HONORIFIC = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady) ({NAME_WORD})\b")
SPEECH = re.compile(rf"\b({NAME_WORD}) ({NAME_WORD}),? (?:said|says|told|added|insisted|argued|warned)\b")
# Words that start capitalized pairs without being first names.
NOT_FIRST = set(
    """The A An But And Or If In On At Of For To From By With As It Its This That These Those
    He She They We You I His Her Their Our My Mr Mrs Ms Miss Dr Sir Lord Lady Prime Chancellor
    President Minister Secretary Chief Home Foreign Labour Tory Tories Conservative Liberal
    Democrat Democrats Shadow Deputy General Great New North South East West United Royal
    British English Scottish Welsh Irish European American French German Chinese Japanese
    Indian Russian Italian Spanish Australian Premiership Champions League Cup World Grand
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Christmas Easter Last Next Former
    When While After Before Since During Under Over Some Many Most All Both Such Other One Two
    Three Four Five Six Seven Eight Nine Ten Mrs Saint St Fort Mount Lake Bank Street Road
    Hall House Office Park Centre Center Club City Town County Party Council Court Police
    BBC Radio Channel Top Best Team Manager Coach Captain Film Music Records Studios Awards
    However Meanwhile Although Despite Yet So Then There Here What Who Why How Where Which
    Mobile Internet Web Online Digital Microsoft Apple Google Sony Nintendo Warner Time
    Senator Judge Colonel Captain Governor King Queen Prince Princess Pope Archbishop Bishop
    Reverend Professor Detective Inspector Sergeant Striker Singer Actor Actress Director
    Producer Chairman Spokesman Spokeswoman Boss Analyst Economist Mayor Ambassador""".split()
)
NOT_LAST = NOT_FIRST | set(
    """Said Says Told Added Minister Secretary Party Office Council Committee Commission Group
    Bank Union Club United City Street Square Road Park Centre Awards Festival Cup League
    Games Company Corporation Inc Ltd Plc Times Post News Journal Records Studios Show""".split()
)

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
# A figure: optional currency, digits (with separators and decimals), optional scale,
# unit or percent. Years and day-of-month numbers are told apart below.
NUMBER = re.compile(
    r"(?<![\w.,£$€])([£$€])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(bn|m|k|%|(?= ?(?:billion|million|thousand|per ?cent|percent)))?(?![\w.,]?\d)(?![A-Za-z])"
)
YEAR = re.compile(r"(?<![\w£$€.,])(19[5-9]\d|200\d|2010)(?![\w%]|[.,]\d)")
DAY_BEFORE = re.compile(rf"(?:{MONTHS}) $")
DAY_AFTER = re.compile(rf"^(?:st|nd|rd|th)? (?:of )?(?:{MONTHS})\b")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"']?\s+(?=[\"'A-Z0-9£$])")


def load(source):
    """Reads the source articles: (topic, title, paragraphs of sentences)."""
    articles = []
    for name in sorted(os.listdir(source)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(source, name), encoding="utf-8") as fh:
            text = fh.read()
        lines = text.split("\n")
        if lines and lines[0].startswith("date "):
            lines = lines[1:]
        paragraphs = [p.strip() for p in "\n".join(lines).split("\n\n") if p.strip()]
        if len(paragraphs) < 2:
            continue
        title = paragraphs[0].replace("\n", " ")
        sentences = []
        for p in paragraphs[1:]:
            sentences.extend(s.strip() for s in SENTENCE_END.split(p.replace("\n", " ")) if s.strip())
        topic = name.split("_", 1)[0] if "_" in name else "news"
        articles.append((topic, title, sentences))
    return articles


def find_people(articles):
    """Person names per article with their gender, and the corpus' male and female first
    names and surnames.

    A capitalized pair is a person when its surname is used with an honorific in the same
    article ("Richard Parsons" ... "Mr Parsons") or the pair is the subject of a speech
    verb ("Richard Parsons said"). Pairs whose surname carries an honorific give the
    pools: first names with their gender (Mr, or Mrs/Ms/Miss) and surnames. Then any pair
    made of a pooled first name and surname counts as a person too. A person's gender is
    the article's honorific, else the first name's, else male."""
    votes, lasts, local = {}, set(), []
    for _, title, sentences in articles:
        text = title + "\n" + " ".join(sentences)
        honored = {}
        for m in HONORIFIC.finditer(text):
            word = m.group(0).split(" ", 1)[0]
            if word in ("Mrs", "Ms", "Miss", "Lady"):
                honored[m.group(1)] = "f"
            elif word in ("Mr", "Sir", "Lord"):
                honored.setdefault(m.group(1), "m")
        found = {}
        for first, last in PAIR.findall(text):
            if first not in NOT_FIRST and last not in NOT_LAST and last in honored:
                found[(first, last)] = honored[last]
                lasts.add(last)
                tally = votes.setdefault(first, [0, 0])
                tally[honored[last] == "f"] += 1
        for first, last in SPEECH.findall(text):
            if first not in NOT_FIRST and last not in NOT_LAST:
                found.setdefault((first, last), None)
        local.append((found, honored))
    gender = {f: "f" if fem > male else "m" for f, (male, fem) in votes.items()}
    # Surnames of speakers with a known first name ("Gordon Strachan said") too.
    for found, _ in local:
        lasts.update(l for (f, l), g in found.items() if g is None and f in gender)
    lasts -= set(gender)
    people = []
    for (_, title, sentences), (found, honored) in zip(articles, local):
        text = title + "\n" + " ".join(sentences)
        for first, last in PAIR.findall(text):
            if first in gender and last in lasts:
                found.setdefault((first, last), None)
        # A surname shared by two people of one article would be ambiguous: keep the first.
        by_last = {}
        for (first, last), g in sorted(found.items()):
            g = g or honored.get(last) or gender.get(first, "m")
            by_last.setdefault(last, (first, last, g))
        people.append(sorted(by_last.values()))
    firsts = {g: sorted(f for f, fg in gender.items() if fg == g) for g in "mf"}
    return firsts, sorted(lasts), people


def template(text, people):
    """Splits `text` into literal strings and slots: ('P', i) full name of local person i,
    ('S', i) their surname alone, ('Y', year), ('N', currency, digits, decimals, suffix)."""
    spans = []
    if people:
        names = "|".join(re.escape(f"{f} {l}") for f, l, _ in people)
        surnames = "|".join(re.escape(l) for _, l, _ in people)
        index = {f"{f} {l}": i for i, (f, l, _) in enumerate(people)}
        by_last = {l: i for i, (_, l, _) in enumerate(people)}
        for m in re.finditer(rf"\b(?:{names})\b", text):
            spans.append((m.start(), m.end(), ("P", index[m.group(0)])))
        for m in re.finditer(rf"\b(?:{surnames})\b", text):
            if not any(s <= m.start() < e for s, e, _ in spans):
                spans.append((m.start(), m.end(), ("S", by_last[m.group(0)])))
    for m in YEAR.finditer(text):
        spans.append((m.start(), m.end(), ("Y", int(m.group(1)))))
    for m in NUMBER.finditer(text):
        if YEAR.fullmatch(m.group(0)):
            continue
        before, after = text[max(0, m.start() - 12) : m.start()], text[m.end() : m.end() + 16]
        if not m.group(1) and not m.group(4) and (DAY_BEFORE.search(before) or DAY_AFTER.match(after)):
            continue  # a day of the month
        if not m.group(1) and not m.group(4) and (before.endswith(":") or after.startswith(":")):
            continue  # a time of day or a score
        spans.append((m.start(), m.end(), ("N", m.group(1) or "", m.group(2), m.group(3) or "", m.group(4) or "")))
    spans.sort()
    parts, pos = [], 0
    for start, end, slot in spans:
        if start < pos:
            continue
        if start > pos:
            parts.append(text[pos:start])
        parts.append(slot)
        pos = end
    if pos < len(text):
        parts.append(text[pos:])
    return parts


def perturb(rng, currency, digits, decimals, suffix):
    """A nearby figure in the same format."""
    value = float(digits.replace(",", "") + decimals)
    new = value * rng.uniform(0.55, 1.8)
    places = len(decimals) - 1 if decimals else 0
    if places:
        text = f"{new:.{places}f}"
    else:
        n = max(1, round(new)) if value >= 1 else round(new)
        text = f"{n:,}" if "," in digits else str(n)
    return currency + text + suffix


class People:
    """The generated population: person k is a fixed (first name, surname) pair, and
    `draw` picks k with probability falling like 1/(k+3), so the first few are prolific."""

    def __init__(self, firsts, lasts, size, seed):
        self.firsts, self.lasts = firsts, lasts
        combos = len(firsts) * len(lasts)
        self.size = max(1, min(size, combos))
        self.combos = combos
        # A stride coprime to the number of combinations maps k to distinct pairs.
        rng = random.Random(seed)
        stride = rng.randrange(1, combos)
        while math.gcd(stride, combos) != 1:
            stride += 1
        self.stride, self.offset = stride, rng.randrange(combos)
        self.log_span = math.log((self.size + 3) / 3)

    def name(self, k):
        i = (k * self.stride + self.offset) % self.combos
        return self.firsts[i % len(self.firsts)], self.lasts[i // len(self.firsts)]

    def draw(self, rng):
        k = int(3 * math.exp(rng.random() * self.log_span)) - 3
        return min(k, self.size - 1)


def render(parts, rng, names, year_shift, pub_year):
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append(p)
        elif p[0] == "P":
            first, last = names(p[1])
            out.append(f"{first} {last}")
        elif p[0] == "S":
            out.append(names(p[1])[1])
        elif p[0] == "Y":
            year = p[1]
            # Recent years move with the publication date; older ones are history.
            out.append(str(min(year + year_shift, pub_year + 5) if year >= 1995 else year))
        else:
            out.append(perturb(rng, *p[1:]))
    return "".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many articles to write")
    parser.add_argument("dir", help="output folder (created)")
    parser.add_argument(
        "--source",
        default=os.environ.get("CORPUS_SOURCE", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "bulk")),
        help="folder of source articles (default: $CORPUS_SOURCE or ../shared/corpus/bulk)",
    )
    parser.add_argument("--seed", type=int, default=int(os.environ.get("SEED", "1")))
    args = parser.parse_args()
    if args.n < 0:
        parser.error("N must not be negative")
    if not os.path.isdir(args.source):
        sys.exit(f"make-corpus: error: {args.source}: not a folder")

    articles = load(args.source)
    if not articles:
        sys.exit(f"make-corpus: error: {args.source}: no articles (*.txt with a title and text)")
    firsts, lasts, people = find_people(articles)
    if not firsts["m"] or not firsts["f"] or not lasts:
        sys.exit(f"make-corpus: error: {args.source}: found no person names to recombine")
    titles = [template(title, people[i]) for i, (_, title, _) in enumerate(articles)]
    bodies = [[template(s, people[i]) for s in sentences] for i, (_, _, sentences) in enumerate(articles)]
    by_topic = {}
    for i, (topic, _, sentences) in enumerate(articles):
        if sentences:
            by_topic.setdefault(topic, []).append(i)
    # About N/20 people, a quarter of them women (as in the source).
    size = args.n // 20 + 1000
    population = {
        "m": People(firsts["m"], lasts, size - size // 4, args.seed),
        "f": People(firsts["f"], lasts, size // 4, args.seed + 1),
    }
    print(
        f"make-corpus: {len(articles)} source articles; {len(firsts['m'])} male and "
        f"{len(firsts['f'])} female first names, {len(lasts)} surnames; "
        f"{population['m'].size + population['f'].size} people",
        file=sys.stderr,
    )

    rng = random.Random(args.seed)
    os.makedirs(args.dir, exist_ok=True)
    folder = None
    for i in range(args.n):
        src = rng.randrange(len(articles))
        topic = articles[src][0]
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        shift = day.year - SOURCE_YEAR
        want = rng.randint(8, 25)
        # The lead of the source article, in order, then sentences of same-topic articles.
        chosen = [(src, j) for j in range(min(want, len(bodies[src])))]
        while len(chosen) < want:
            other = rng.choice(by_topic[topic])
            start = rng.randrange(len(bodies[other]))
            take = min(want - len(chosen), rng.randint(2, 5), len(bodies[other]) - start)
            chosen.extend((other, start + j) for j in range(take))
        # Each source person of this article becomes one generated person.
        cast, used = {}, set()

        def names(article, local):
            key = (article, local)
            if key not in cast:
                gender = people[article][local][2]
                pool = population[gender]
                k = pool.draw(rng)
                while (gender, k) in used and len(used) < pool.size:
                    k = pool.draw(rng)
                used.add((gender, k))
                cast[key] = pool.name(k)
            return cast[key]

        title = render(titles[src], rng, lambda p: names(src, p), shift, day.year)
        paragraphs, current = [], []
        for a, j in chosen:
            current.append(render(bodies[a][j], rng, lambda p, a=a: names(a, p), shift, day.year))
            if len(current) >= rng.randint(1, 4):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        if i % PER_FOLDER == 0:
            folder = os.path.join(args.dir, f"{i // PER_FOLDER:04d}")
            os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"{i:07d}_{topic}.txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(f"date {day.isoformat()}\n{title}\n\n" + "\n\n".join(paragraphs) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
