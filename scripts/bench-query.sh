#!/usr/bin/env bash
# Query latency on a large database, whole process (start-up, open, query, output):
# `person`, `statements --by`, `timeline --on`, `search` and `figures --unit`, each with
# several arguments (the most prolific speaker and typical ones, several months, search
# terms of different frequency, two units), RUNS runs each after one warm-up run; prints
# p50 and p95 in milliseconds of wall-clock time and of CPU time (user + system, which a
# busy machine disturbs less), the rows returned and the machine load before and after.
#
#   scripts/bench-query.sh [DB]
#
# When DB does not exist it is built first: BENCH_N articles (default 100000) written by
# scripts/make-corpus.sh (SEED applies) and imported. Without DB, the database is
# target/bench-query/BENCH_N.db, kept for the next run.
# Environment: BENCH_N, RUNS (default 20), DOSSIER (binary to time; default: a release
# build of this checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${BENCH_N:-100000}
runs=${RUNS:-20}
db=${1:-target/bench-query/$n.db}
if [ -z "${DOSSIER:-}" ]; then
    cargo build --release --quiet
    DOSSIER=./target/release/dossier
fi
bin=$DOSSIER
if [ ! -f "$db" ]; then
    mkdir -p "$(dirname "$db")"
    corpus=$(mktemp -d "$(dirname "$db")/corpus.XXXXXX")
    trap 'rm -rf "$corpus"' EXIT
    echo "writing $n articles ..."
    scripts/make-corpus.sh "$n" "$corpus"
    echo "importing them into $db ..."
    start=$(date +%s)
    "$bin" --db "$db" -q import "$corpus"
    echo "imported in $(( $(date +%s) - start ))s"
    rm -rf "$corpus"
fi

sql() { "$bin" --db "$db" sql "$1" --format csv | tail -n +2; }
echo "database: $db ($(du -h "$db" | cut -f1)); $(sql "SELECT count(*) FROM documents") documents, $(sql "SELECT count(*) FROM statements") statements, $(sql "SELECT count(*) FROM figures") figures"
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# Speakers by statement count: the most prolific, then typical ones further down; only
# names that find one entity (an ambiguous name lists the candidates instead).
mapfile -t speakers < <(sql "
    WITH ranked AS (SELECT e.name, count(*) AS n, row_number() OVER (ORDER BY count(*) DESC, e.id) AS r
                    FROM statements s JOIN entities e ON e.id = s.speaker_id
                    WHERE e.kind = 'person'
                      AND (SELECT count(DISTINCT a.entity_id) FROM aliases a WHERE a.normalized = e.normalized) = 1
                    GROUP BY e.id)
    SELECT name || ' (' || n || ' statements)' FROM ranked WHERE r IN (1, 100, 1000) ORDER BY r")
# Three months spread over the publication dates.
mapfile -t months < <(sql "
    WITH m AS (SELECT DISTINCT substr(published, 1, 7) AS month FROM documents WHERE published IS NOT NULL),
         r AS (SELECT month, row_number() OVER (ORDER BY month) AS i, count(*) OVER () AS n FROM m)
    SELECT month FROM r WHERE i IN (n / 4 + 1, n / 2 + 1, 3 * n / 4 + 1) ORDER BY month")
# The most frequent unit and a rarer one.
mapfile -t units < <(sql "
    WITH u AS (SELECT unit, row_number() OVER (ORDER BY count(*) DESC, unit) AS r FROM figures GROUP BY unit)
    SELECT unit FROM u WHERE r IN (1, 10) ORDER BY r")
# A very common word, a mid-frequency word, a rare word, a phrase and a prefix.
terms=(government broadband defibrillator '"interest rates"' 'casino*')

commands=()
add() { commands+=("$(printf '%s\0' "$@" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read().split("\0")[:-1]))')"); }
for s in "${speakers[@]}"; do
    name=${s% (*}
    add person "$name"
    add statements --by "$name"
done
for m in "${months[@]}"; do add timeline --on "$m"; done
for t in "${terms[@]}"; do add search "$t"; done
for u in "${units[@]}"; do add figures --unit "$u"; done
echo "speakers: $(printf '%s; ' "${speakers[@]}")"

python3 - "$bin" "$db" "$runs" "${commands[@]}" <<'PY'
import csv, io, json, math, resource, subprocess, sys, time
binary, db, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])

def pct(values, p):
    values = sorted(values)
    return values[max(0, math.ceil(p * len(values)) - 1)]

print(f"{'wall p50':>8} {'p95':>6} {'cpu p50':>8} {'p95':>6} {'rows':>5}  command ({runs} runs each, ms)")
for line in sys.argv[4:]:
    args = json.loads(line)
    cmd = [binary, "--db", db, *args, "--format", "csv"]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        print(f"failed: {' '.join(args)}: {out.stderr.strip()[:200]}")
        continue
    rows = max(0, sum(1 for _ in csv.reader(io.StringIO(out.stdout))) - 1)
    wall, cpu = [], []
    for _ in range(runs):
        r0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t1, r1 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        wall.append((t1 - t0) * 1000)
        cpu.append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
    print(f"{pct(wall, .5):8.1f} {pct(wall, .95):6.1f} {pct(cpu, .5):8.1f} {pct(cpu, .95):6.1f} {rows:5}  {' '.join(args)}")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
