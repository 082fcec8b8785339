#!/usr/bin/env bash
# Re-record every cassette from a real OpenAI-protocol server, then check them for secrets.
#
#   scripts/record.sh              # tests and eval suite, against the embedded Gemma 3 270M
#   scripts/record.sh tests        # only the recorded tests (pytest -m vcr)
#   scripts/record.sh eval [ARGS]  # only the eval datasets; ARGS go to `summarize eval --record`
#                                  # (without ARGS: every dataset and split in evals/datasets/)
#
# With SUMMARIZE_RECORD_BASE_URL set, no server is started and requests go there instead, e.g.
# against OpenAI (the key is sent, never saved: cassettes filter it):
#
#   SUMMARIZE_RECORD_BASE_URL=https://api.openai.com/v1 OPENAI_API_KEY=sk-... \
#     scripts/record.sh eval --provider openai --model gpt-4o-mini --prompt deal-structured
#
# Without it, the embedded model is served on a free loopback port for the length of the run
# and stopped afterwards, whatever happens.
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
server_pid=""

stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap stop_server EXIT

if [[ -z "${SUMMARIZE_RECORD_BASE_URL:-}" ]]; then
  port=$("$python" -c 'from summarize.providers.embedded import free_port; print(free_port())')
  log=$(mktemp -t summarize-serve.XXXXXX.log)
  echo "starting the embedded model server on 127.0.0.1:$port (log: $log)" >&2
  "$python" -m summarize serve --port "$port" >"$log" 2>&1 &
  server_pid=$!
  export SUMMARIZE_RECORD_BASE_URL="http://127.0.0.1:$port/v1"
  "$python" - "$SUMMARIZE_RECORD_BASE_URL" "$server_pid" <<'PY'
import os, sys, time, urllib.request

url, pid = sys.argv[1], int(sys.argv[2])
deadline = time.monotonic() + 300
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("the embedded model server exited before it was ready; see its log")
    try:
        with urllib.request.urlopen(f"{url}/models", timeout=2) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit("the embedded model server was not ready after 300 s; see its log")
PY
fi
echo "recording against $SUMMARIZE_RECORD_BASE_URL" >&2

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
