#!/bin/sh
# Re-trains the name model (model/names.bin) from licence-clean data; see model/README.md.
set -eu
cd "$(dirname "$0")/.."
SHARED="${SHARED:-../shared}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 scripts/gen-name-training.py "$tmp/gen.jsonl" 12000 7
cargo run --release --example train_name_model -- \
    --generated "$tmp/gen.jsonl" \
    --europeana "$SHARED/realtext/europeana-dev/europeana-dev.gold.jsonl" \
    --epochs 6 --out model/names.bin
