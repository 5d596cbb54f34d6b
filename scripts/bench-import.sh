#!/usr/bin/env bash
# Import speed, end to end: imports the bulk corpus into a fresh database on one core,
# prints articles per second, then imports it again (every file must be skipped and the
# row counts must not change).
#   scripts/bench-import.sh [CORPUS_DIR]     (default: ../shared/corpus/bulk)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/bulk}
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/bench.db"
echo "machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
# One core, as the speed floor is stated per core.
taskset -c 0 ./target/release/dossier --db "$db" -q import "$corpus"
start=$(date +%s.%N)
taskset -c 0 ./target/release/dossier --db "$work/again.db" -q import "$corpus"
end=$(date +%s.%N)
n=$(./target/release/dossier --db "$db" sql "SELECT count(*) FROM documents" --format csv | tail -1)
python3 -c "import sys; n,s,e=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]); print(f'{n} articles in {e-s:.2f}s: {n/(e-s):.0f} articles/s on one core')" "$n" "$start" "$end"
before=$(./target/release/dossier --db "$db" stats --format csv | grep -v '^(database bytes)')
./target/release/dossier --db "$db" import "$corpus" 2>&1 | tail -1
after=$(./target/release/dossier --db "$db" stats --format csv | grep -v '^(database bytes)')
[ "$before" = "$after" ] && echo "re-import: row counts unchanged" || { echo "re-import changed row counts"; exit 1; }
echo "$after"
