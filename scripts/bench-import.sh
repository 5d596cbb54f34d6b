#!/usr/bin/env bash
# Import speed, end to end. Imports a corpus into a fresh database with all extractors, on
# one core and on all cores, RUNS times each (best run reported, as the machine is shared),
# and prints articles/s, MB/s, peak memory (RSS), the database size and the parallel
# speed-up. Then imports the corpus again (every file must be skipped and the row counts
# must not change), and times a bare SQLite insert of the same files with a full-text index
# and no extraction, as a floor to compare against.
#   scripts/bench-import.sh [CORPUS_DIR]     (default: ../shared/corpus/bulk; RUNS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/bulk}
runs=${RUNS:-3}
cargo build --release --quiet
bin=$PWD/target/release/dossier
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bytes=$(find "$corpus" -type f \( -name '*.txt' -o -name '*.md' \) ! -iname 'readme*' ! -iname 'licen[cs]e*' -printf '%s\n' | awk '{s += $1} END {print s}')
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); corpus: $corpus ($((bytes / 1000)) kB)"

# One import into a fresh database; prints "seconds peak_kB db_bytes articles".
import_once() {
    local cores=$1 db="$work/bench-$1.db"
    rm -f "$db" "$db-wal" "$db-shm"
    local start end
    start=$(date +%s.%N)
    taskset -c "$cores" /usr/bin/time -f '%M' -o "$work/rss" "$bin" --db "$db" -q import "$corpus"
    end=$(date +%s.%N)
    local n
    n=$("$bin" --db "$db" sql "SELECT count(*) FROM documents" --format csv | tail -1)
    echo "$start $end $(cat "$work/rss") $(stat -c %s "$db") $n"
}

report() {
    local label=$1 cores=$2 best=""
    for _ in $(seq "$runs"); do
        read -r start end rss size n < <(import_once "$cores")
        secs=$(python3 -c "print(f'{$end - $start:.3f}')")
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $secs < $best else 1)"; then
            best=$secs best_rss=$rss best_size=$size best_n=$n
        fi
    done
    python3 - "$label" "$best" "$best_rss" "$best_size" "$best_n" "$bytes" <<'PY'
import sys
label, secs, rss, size, n, total = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
print(f"{label:<10} {n} articles in {secs:.2f}s: {n / secs:6.0f} articles/s, {total / 1e6 / secs:5.2f} MB/s, "
      f"peak RSS {rss / 1024:.0f} MB, database {size / 1e6:.1f} MB ({size / n / 1024:.1f} kB per article)")
PY
    echo "$best" >"$work/secs-$label"
}

report "one core" 0
report "all cores" "0-$(($(nproc) - 1))"
python3 -c "import sys; print(f'speed-up on {sys.argv[3]} cores: {float(sys.argv[1]) / float(sys.argv[2]):.2f}x')" \
    "$(cat "$work/secs-one core")" "$(cat "$work/secs-all cores")" "$(nproc)"

db="$work/bench-0-$(($(nproc) - 1)).db"
before=$("$bin" --db "$db" stats --format csv | grep -v '^(database bytes)')
"$bin" --db "$db" import "$corpus" 2>&1 | tail -1
after=$("$bin" --db "$db" stats --format csv | grep -v '^(database bytes)')
[ "$before" = "$after" ] && echo "re-import: row counts unchanged" || { echo "re-import changed row counts"; exit 1; }

# The floor: the same files inserted into a bare table with a full-text index, no extraction.
python3 - "$corpus" "$work/floor.db" <<'PY'
import os, sqlite3, sys, time
corpus, path = sys.argv[1], sys.argv[2]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.endswith((".txt", ".md")) and not f.upper().startswith(("README", "LICEN")))
t0 = time.perf_counter()
db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode=WAL")
db.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, source TEXT, body TEXT)")
db.execute("CREATE VIRTUAL TABLE documents_fts USING fts5(body, content='documents', content_rowid='id')")
with db:
    for f in files:
        with open(f, encoding="utf-8") as fh:
            cur = db.execute("INSERT INTO documents (source, body) VALUES (?, ?)", (f, fh.read()))
        db.execute("INSERT INTO documents_fts (rowid, body) VALUES (?, (SELECT body FROM documents WHERE id = ?))", (cur.lastrowid, cur.lastrowid))
secs = time.perf_counter() - t0
print(f"floor      {len(files)} files inserted with a full-text index and no extraction in {secs:.2f}s: {len(files) / secs:.0f} articles/s")
PY
