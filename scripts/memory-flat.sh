#!/usr/bin/env bash
# Peak memory (RSS) of `woo-redact redact` on a dossier of about 100 and of about 1,000 documents
# (copies of ../shared/corpus's minutes in subfolders), each run RUNS times (default 3); prints
# the median peak of each size and their ratio. Issue 8 asks the two to differ by less than 20%.
#   scripts/memory-flat.sh [--jobs N]
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED:-../shared}"
RUNS="${RUNS:-3}"
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mapfile -t docs < <(ls "$SHARED"/corpus/*.pdf | grep -v '/hard_')
for size in 100 1000; do
  copies=$(( (size + ${#docs[@]} - 1) / ${#docs[@]} ))
  for i in $(seq 1 "$copies"); do
    mkdir -p "$work/in$size/map$i"
    cp "${docs[@]}" "$work/in$size/map$i/"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A peak
for size in 100 1000; do
  n=$(find "$work/in$size" -name '*.pdf' | wc -l)
  runs=()
  for r in $(seq 1 "$RUNS"); do
    /usr/bin/time -f '%M %U' -o "$work/time" target/release/woo-redact redact "$work/in$size" \
      --out "$work/out$size" --overwrite --quiet --config config/corpus.toml "$@" >/dev/null 2>&1 || true
    read -r kb user < "$work/time"
    runs+=("$kb")
    echo "  $n documents, run $r: peak RSS $((kb / 1024)) MiB, $user CPU-s (user)"
  done
  peak[$size]=$(printf '%s\n' "${runs[@]}" | median)
  echo "$n documents: median peak RSS $((peak[$size] / 1024)) MiB"
done
awk -v a="${peak[100]}" -v b="${peak[1000]}" \
  'BEGIN { printf "1,000 vs 100 documents: %+.1f%% peak RSS\n", (b / a - 1) * 100 }'
