#!/usr/bin/env python3
"""Checks the type dossier gives well-known names across the bulk corpus.

Imports ../shared/corpus/bulk (beside the repository) into a temporary database, or reads
an existing one (--db), and for each name below counts the mentions whose text is exactly
that name by the kind of entity they were resolved to. A name passes when at least
--share (default 0.95) of its mentions have the expected kind; "!person" means "not a
person" (an award, a club or a company is fine, or no entity at all). Exits 1 when a name
fails, so it can gate a change to the recognizer; it reads the whole bulk corpus, hence a
script rather than a test.

Usage:
  python3 scripts/bulk-name-types.py [--bin target/release/dossier] [--db DB] [--share 0.95]
"""
import argparse, csv, io, os, subprocess, sys, tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BULK = os.path.join(os.path.dirname(REPO), "shared", "corpus", "bulk")

# Names that British and world news of the bulk corpus's kind use often, and what they
# are there (general knowledge, not read off the corpus).
EXPECTED = {
    "person": ["Tony Blair", "Blair", "Gordon Brown", "Michael Howard", "Charles Kennedy",
               "Kennedy", "Bush", "Livingstone", "Blunkett", "Kilroy-Silk", "Straw",
               "Roddick", "Nadal", "Mourinho", "Wenger", "Gerrard", "Ebbers", "Glazer"],
    "organization": ["Labour", "Labour Party", "BBC", "Microsoft", "Chelsea", "Yukos",
                     "Deutsche Boerse", "Freddie Mac", "Sony", "Google", "UKIP", "Gazprom",
                     "Nintendo", "Reuters", "IBM", "IMF", "Rosneft", "Euronext", "Intel",
                     "Boeing", "WorldCom", "Yahoo", "Home Office"],
    "place": ["US", "UK", "England", "London", "France", "China", "India", "Iraq", "Athens",
              "Paris", "Madrid", "Dublin", "Edinburgh"],
    "!person": ["Oscar", "New Labour"],
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(REPO, "target/release/dossier"))
    ap.add_argument("--db", help="an existing database of the bulk corpus")
    ap.add_argument("--share", type=float, default=0.95)
    args = ap.parse_args()
    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = os.path.join(tmp.name, "bulk.db")
        subprocess.run([args.bin, "--db", db, "-q", "import", BULK], check=True)
    names = [n for group in EXPECTED.values() for n in group]
    quoted = ",".join("'" + n.replace("'", "''") + "'" for n in names)
    out = subprocess.run(
        [args.bin, "--db", db, "sql", "--format", "csv",
         f"SELECT m.surface, e.kind, count(*) FROM mentions m JOIN entities e "
         f"ON e.id = m.entity_id WHERE m.surface IN ({quoted}) GROUP BY 1, 2"],
        check=True, capture_output=True, text=True).stdout
    counts = {}
    for surface, kind, n in list(csv.reader(io.StringIO(out)))[1:]:
        counts.setdefault(surface, {})[kind] = int(n)
    failed = 0
    print(f"{'name':20} {'expected':13} {'share':>6}  mentions by kind")
    for expected, group in EXPECTED.items():
        for name in group:
            by_kind = counts.get(name, {})
            total = sum(by_kind.values())
            if expected == "!person":
                good = total - by_kind.get("person", 0)
                share = good / total if total else 1.0
            else:
                share = by_kind.get(expected, 0) / total if total else 0.0
            ok = share >= args.share
            failed += not ok
            shown = ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())) or "none"
            print(f"{name:20} {expected:13} {share:6.2f}  {shown}{'' if ok else '  FAIL'}")
    print(f"{len(names) - failed} of {len(names)} names pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
