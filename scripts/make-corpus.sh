#!/usr/bin/env bash
# Writes N realistic, distinct articles into DIR for scale tests, recombining the sentences
# of ../shared/corpus/bulk (or CORPUS_SOURCE) with other people, dates and figures; SEED
# (default 1) makes it reproducible. See scripts/make-corpus.py for how.
#   scripts/make-corpus.sh N DIR [--source DIR] [--seed S]
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: scripts/make-corpus.sh N DIR [--source DIR] [--seed S]" >&2
    exit 2
fi
exec python3 "$(dirname "$0")/make-corpus.py" "$@"
