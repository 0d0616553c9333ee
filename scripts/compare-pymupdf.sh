#!/usr/bin/env bash
# Pages per CPU-second of woo-redact against PyMuPDF (given the truth strings) on ../shared/corpus,
# run alternately; also our per-page cost on short vs long documents. Needs pymupdf (pip).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import pymupdf" 2>/dev/null || pip install -q "pymupdf==2.0"
cargo build --release --quiet
python3 scripts/compare_pymupdf.py target/release/woo-redact ../shared/corpus \
  --config config/corpus.toml "$@"
