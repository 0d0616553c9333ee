#!/usr/bin/env bash
# Baseline of woo-redact against the held-out style leak corpus in fixtures/leaks/.
#
# For every fixture in fixtures/leaks/truth.json: one `woo-redact redact` run into a fresh temp
# dir, the file status from audit.jsonl, and for an output in publish/ or review/ an independent
# scripts/leak_check.py with the fixture's secrets (with --ocr for classes e, f, g).
# Prints one line per fixture and summary counts.
#
#   scripts/hostile_baseline.sh [FIXTURE_GLOB]       e.g. scripts/hostile_baseline.sh 'a*'
# Env: WOO_REDACT (binary, default target/release/woo-redact), NO_OCR=1 (skip OCR).
# Needs python3 with pymupdf, poppler-utils, qpdf, tesseract-ocr(-nld) (scripts/install-deps.sh).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${WOO_REDACT:-$ROOT/target/release/woo-redact}"
FIX="${FIX:-$ROOT/fixtures/leaks}"
GLOB="${1:-*}"
[ -x "$BIN" ] || { echo "no binary at $BIN: cargo build --release" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

python3 - "$FIX/truth.json" "$GLOB" > "$TMP/list" <<'EOF'
import json, sys, fnmatch
for t in json.load(open(sys.argv[1])):
    if fnmatch.fnmatch(t["file"], sys.argv[2]):
        print("\t".join([t["file"], t["class"], t["hidden_name"]] + t["secrets"]))
EOF

printf '%-36s %-5s %-8s %-14s %s\n' fixture class status result "readers (secret: readers)"
n=0; leak_ok=0; leak_flagged=0; caught=0; clean_ok=0; hidden_leaks=0
while IFS=$'\t' read -r file cls hidden secrets_line; do
  IFS=$'\t' read -r -a secrets <<< "$secrets_line"
  n=$((n + 1))
  out="$TMP/run$n"
  "$BIN" redact "$FIX/$file" --out "$out" --overwrite > "$out.log" 2>&1
  status=$(python3 -c '
import json, sys
try:
    for l in open(sys.argv[1]):
        j = json.loads(l)
        if j.get("type") == "file":
            print(j.get("status", "?")); break
    else:
        print("none")
except FileNotFoundError:
    print("no-audit")
' "$out/audit.jsonl")
  pub=""
  for sub in publish review; do
    [ -f "$out/$sub/$file" ] && pub="$out/$sub/$file"
  done
  if [ -z "$pub" ]; then
    result="not-published"; readers=""
  else
    ocr=()
    case "$cls" in e|f|g) [ -z "${NO_OCR:-}" ] && ocr=(--ocr) ;; esac
    json=$(python3 "$ROOT/scripts/leak_check.py" "$pub" --json "${ocr[@]}" --secrets "${secrets[@]}" 2>/dev/null)
    readers=$(python3 -c '
import json, sys
j = json.loads(sys.argv[1]); hidden = sys.argv[2]
parts = [("*" if s == hidden else "") + s + ": " + ",".join(r) for s, r in j["leaked"].items()]
print("; ".join(parts))
' "$json" "$hidden")
    if [ -n "$readers" ]; then result="LEAK"; else result="clean"; fi
  fi
  case "$status/$result" in
    ok/LEAK) leak_ok=$((leak_ok + 1)) ;;
    flagged/LEAK) leak_flagged=$((leak_flagged + 1)) ;;
    ok/clean) clean_ok=$((clean_ok + 1)) ;;
    *) caught=$((caught + 1)) ;;
  esac
  case "$readers" in *"*$hidden:"*) hidden_leaks=$((hidden_leaks + 1)) ;; esac
  printf '%-36s %-5s %-8s %-14s %s\n' "$file" "$cls" "$status" "$result" "$readers"
  rm -rf "$out" "$out.log"
done < "$TMP/list"
echo
echo "fixtures: $n"
echo "leaks in ok:      $leak_ok"
echo "leaks in flagged: $leak_flagged"
echo "caught (failed/error, or flagged without a leak): $caught"
echo "clean ok:         $clean_ok"
echo "fixtures whose hidden (*) name is readable in a published output: $hidden_leaks"
