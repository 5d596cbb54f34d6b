#!/usr/bin/env bash
# Query speed on a large database: builds a database of N articles (default 100000) from the
# bulk corpus — each copy gets its own publication date and a marker line, so every copy is a
# distinct document — then times `person`, `statements --by` and `timeline --on` (best of 5
# runs each, whole process) and prints their query plans.
#   scripts/bench-queries.sh [N] [DB]     (DB is kept and reused when it exists)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
db=${2:-/tmp/dossier-bench-$n.db}
corpus=../shared/corpus/bulk
cargo build --release --quiet
bin=./target/release/dossier
if [ ! -f "$db" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    python3 - "$corpus" "$work" "$n" <<'PY'
import os, sys, datetime
corpus, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(f for f in os.listdir(corpus) if f.endswith(".txt"))
start = datetime.date(2000, 1, 1)
for i in range(n):
    name = files[i % len(files)]
    with open(os.path.join(corpus, name), encoding="utf-8") as fh:
        text = fh.read().split("\n", 1)[1]
    day = start + datetime.timedelta(days=(i * 7) % 9000)
    sub = os.path.join(out, f"{i // 5000:03d}")
    os.makedirs(sub, exist_ok=True)
    with open(os.path.join(sub, f"{i:06d}_{name}"), "w", encoding="utf-8") as fh:
        fh.write(f"date {day.isoformat()}\n{text}\nCopy {i}.\n")
PY
    echo "importing $n articles into $db ..."
    $bin --db "$db" -q import "$work"
fi
echo "machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
$bin --db "$db" stats --format csv | head -12
person=$($bin --db "$db" sql "SELECT e.name FROM entities e JOIN statements s ON s.speaker_id = e.id WHERE e.kind = 'person' GROUP BY e.id ORDER BY count(*) DESC LIMIT 1" --format csv | tail -1)
month=$($bin --db "$db" sql "SELECT substr(published, 1, 7) FROM documents WHERE published IS NOT NULL ORDER BY id DESC LIMIT 1" --format csv | tail -1)
echo "person: $person; month: $month"
time_best() {
    python3 - "$@" <<'PY'
import subprocess, sys, time
best = min(
    (lambda t0: (subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True), time.perf_counter() - t0)[1])(time.perf_counter())
    for _ in range(5))
print(f"{best * 1000:7.1f} ms  {' '.join(sys.argv[3:])}")
PY
}
time_best $bin --db "$db" person "$person" --format csv
time_best $bin --db "$db" statements --by "$person" --format csv
time_best $bin --db "$db" timeline --on "$month" --format csv
time_best $bin --db "$db" sql "SELECT 1" --format csv
