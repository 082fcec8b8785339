#!/usr/bin/env bash
# Re-record every cassette from a real OpenAI-protocol server, then check them for secrets.
#
#   scripts/record.sh              # tests and eval suite, against the embedded models
#   scripts/record.sh tests        # only the recorded tests (pytest -m vcr)
#   scripts/record.sh eval [ARGS]  # only the eval datasets; ARGS go to `summarize eval --record`
#                                  # (without ARGS: every split of every dataset in evals/datasets/)
#
# Without SUMMARIZE_RECORD_BASE_URL the toolkit starts the embedded server of the model each
# prompt is written for (Gemma 3 270M for the recorded tests and deal-embedded, Qwen2.5-Coder
# 1.5B for deal-reader) on a free loopback port, and stops it when the run ends. With it, no
# server is started and requests go there instead, e.g. against OpenAI (the key is sent, never
# saved: cassettes filter it):
#
#   SUMMARIZE_RECORD_BASE_URL=https://api.openai.com/v1 OPENAI_API_KEY=sk-... \
#     scripts/record.sh eval --provider openai --model gpt-4o-mini --prompt deal-structured
set -euo pipefail

cd "$(dirname "$0")/.."
what="${1:-all}"
[[ $# -gt 0 ]] && shift
case "$what" in
  all | tests | eval) ;;
  *) echo "usage: scripts/record.sh [all|tests|eval] [summarize eval args...]" >&2; exit 2 ;;
esac

python=${PYTHON:-python}
started=$(date +%s)

echo "recording against ${SUMMARIZE_RECORD_BASE_URL:-the embedded models}" >&2

if [[ "$what" == all || "$what" == tests ]]; then
  "$python" -m pytest -p no:cacheprovider -q -m vcr --record-mode=rewrite
fi
if [[ "$what" == all || "$what" == eval ]]; then
  if [[ $# -gt 0 ]]; then
    "$python" -m summarize eval --record "$@"
  else
    # every shipped dataset, each split holding labeled articles ("-": a dataset without splits)
    for dataset in evals/datasets/*/; do
      name=$(basename "$dataset")
      splits=$("$python" -c 'import sys; from summarize.evals.dataset import splits_with_articles
print(" ".join(s or "-" for s in splits_with_articles(sys.argv[1])))' "$name")
      for split in $splits; do
        if [[ "$split" == - ]]; then
          "$python" -m summarize eval --record --dataset "$name"
        else
          "$python" -m summarize eval --record --dataset "$name" --split "$split"
        fi
      done
    done
  fi
fi

"$python" -m pytest -p no:cacheprovider -q tests/test_cassettes.py
echo "recorded in $(($(date +%s) - started)) s; cassettes/ is $(du -sh cassettes | cut -f1)" >&2
