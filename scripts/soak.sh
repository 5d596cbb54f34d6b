#!/usr/bin/env bash
# Soak test: for MINUTES, three importers, a reader, reextract, backup, export and check
# run at once on one database over a generated corpus, and most runs of the writers are
# killed with SIGKILL at a random moment. Bad states are counted as they are found:
#   - `check` failing on the shared database or on a finished backup;
#   - a finished export whose tables name documents that its documents.csv lacks;
#   - at the end, after one more import of every part that runs to completion, an article
#     missing (lost) or stored more than once (duplicated), or `check` failing.
# Prints operations, kills and bad states, and exits 1 on any bad state.
#   scripts/soak.sh MINUTES        (ARTICLES=900 by default; BIN to test another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ] || ! [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
    echo "usage: scripts/soak.sh MINUTES" >&2
    exit 2
fi
articles=${ARTICLES:-900}
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN=$PWD/target/release/dossier
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/soak.db
deadline=$(python3 -c "import time; print(time.time() + $1 * 60)")

scripts/make-corpus.sh "$articles" "$work/corpus" >/dev/null
# Three parts that overlap by a third each, so importers race for the same articles.
mkdir -p "$work/part0" "$work/part1" "$work/part2"
i=0
for f in "$work"/corpus/*/*.txt; do
    part=$((i % 3))
    cp "$f" "$work/part$part/"
    cp "$f" "$work/part$(((part + 1) % 3))/"
    i=$((i + 1))
done
distinct=$(find "$work/corpus" -name '*.txt' -exec sha256sum {} + | cut -d' ' -f1 | sort -u | wc -l)
echo "corpus: $distinct distinct articles in 3 overlapping parts; running for $1 min" >&2

running() { python3 -c "import sys, time; sys.exit(0 if time.time() < $deadline else 1)"; }
log() { echo "$1" >>"$work/events.$2"; }

# Runs dossier with ARGS; with probability 2/3 kills it after 0-2 s. Logs the run under
# NAME (and a run that failed without being killed) and returns dossier's status.
run_maybe_killed() {
    local name=$1
    shift
    "$BIN" --db "$db" -q "$@" >/dev/null 2>>"$work/stderr.$name" &
    local pid=$! status=0 killed=0
    if [ $((RANDOM % 3)) -ne 0 ]; then
        sleep "$(printf '%d.%03d' $((RANDOM % 2)) $((RANDOM % 1000)))"
        kill -9 "$pid" 2>/dev/null && killed=1 && log "$name" kills
    fi
    # (The shell's own "Killed" notice is not wanted.)
    { wait "$pid"; } 2>/dev/null || status=$?
    log "$name" ops
    if [ "$status" -ne 0 ] && [ "$killed" -eq 0 ]; then
        log "$name: $(tail -1 "$work/stderr.$name")" failures
    fi
    return "$status"
}

importer() {
    while running; do run_maybe_killed "import$1" import "$work/part$1" || true; done
}

reader() {
    while running; do
        if [ -e "$db" ]; then
            "$BIN" --db "$db" stats >/dev/null 2>>"$work/stderr.reader" || log "reader: stats failed" errors
            "$BIN" --db "$db" sql "SELECT count(*) FROM statements s JOIN documents d ON d.id = s.document_id" \
                --format csv >/dev/null 2>>"$work/stderr.reader" || log "reader: sql failed" errors
            log reader ops
        fi
        sleep 0.2
    done
}

reextractor() {
    while running; do
        [ -e "$db" ] && { run_maybe_killed reextract reextract --all || true; }
        sleep 1
    done
}

backupper() {
    local n=0
    while running; do
        if [ -e "$db" ]; then
            n=$((n + 1))
            if run_maybe_killed backup backup "$work/backup.db" --force; then
                "$BIN" --db "$work/backup.db" check >/dev/null 2>&1 ||
                    log "backup $n: check failed on the copy" bad
            fi
        fi
        sleep 1
    done
}

exporter() {
    local n=0
    while running; do
        if [ -e "$db" ]; then
            n=$((n + 1))
            if run_maybe_killed export export "$work/export"; then
                python3 - "$work/export" <<'EOF' || log "export $n: tables name documents documents.csv lacks" bad
import csv, sys
from pathlib import Path
out = Path(sys.argv[1])
with open(out / "documents.csv", newline="") as f:
    known = {row["document"] for row in csv.DictReader(f)}
for table in ("sentences", "mentions", "statements", "figures", "dates"):
    with open(out / f"{table}.csv", newline="") as f:
        if any(row["document"] not in known for row in csv.DictReader(f)):
            sys.exit(1)
EOF
            fi
        fi
        sleep 1
    done
}

checker() {
    while running; do
        if [ -e "$db" ]; then
            "$BIN" --db "$db" check >"$work/check.out" 2>&1 ||
                log "check failed: $(tr '\n' ' ' <"$work/check.out")" bad
            log check ops
        fi
        sleep 2
    done
}

importer 0 & importer 1 & importer 2 &
reader & reextractor & backupper & exporter & checker &
wait

# Whatever the kills left, one more import of each part must complete the corpus.
for part in 0 1 2; do
    "$BIN" --db "$db" -q import "$work/part$part" >/dev/null 2>>"$work/stderr.final" ||
        log "final import of part $part failed: $(tail -1 "$work/stderr.final")" bad
done
"$BIN" --db "$db" check >/dev/null 2>&1 || log "final check failed" bad
stored=$("$BIN" --db "$db" sql "SELECT count(*) FROM documents" --format csv | tail -1)
unique=$("$BIN" --db "$db" sql "SELECT count(DISTINCT sha256) FROM documents" --format csv | tail -1)
lost=$((distinct - unique))
duplicated=$((stored - unique))
[ "$lost" -eq 0 ] || log "$lost articles lost" bad
[ "$duplicated" -eq 0 ] || log "$duplicated articles duplicated" bad

lines() { if [ -f "$work/events.$1" ]; then wc -l <"$work/events.$1"; else echo 0; fi; }
ops=$(lines ops)
kills=$(lines kills)
errors=$(lines errors)
failures=$(lines failures)
bad=$(lines bad)
echo "operations $ops (by kind: $(sort "$work/events.ops" | uniq -c | awk '{printf "%s %s, ", $2, $1}' | sed 's/, $//'))"
echo "kills $kills"
echo "reader errors $errors"
echo "runs that failed without being killed $failures"
[ "$failures" -eq 0 ] || sort "$work/events.failures" | uniq -c | sort -rn | head -5 | sed 's/^/  /'
echo "documents $stored, distinct articles $distinct, lost $lost, duplicated $duplicated"
echo "bad states $bad"
if [ "$bad" -gt 0 ]; then
    sed 's/^/  /' "$work/events.bad"
    exit 1
fi
