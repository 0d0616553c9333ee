#!/usr/bin/env bash
# OCR throughput at 300 dpi A4: scans dense corpus pages (pdftoppm, 300 dpi gray JPEG, img2pdf)
# and times render + tesseract per page with examples/ocr_throughput.rs on one thread.
# Needs poppler-utils and img2pdf (apt-get install img2pdf; bench only, not a runtime need).
set -euo pipefail
cd "$(dirname "$0")/.."
src="${1:-../shared/corpus/m002_lo.pdf}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pdftoppm -r 300 -gray -jpeg -jpegopt quality=75 -f 1 -l 5 "$src" "$tmp/p"
img2pdf --pagesize A4 -o "$tmp/dense_scan.pdf" "$tmp"/p-*.jpg
cargo run -q --release --example ocr_throughput -- "$tmp/dense_scan.pdf" fixtures/scans/scan_jpeg_300.pdf fixtures/scans/scan_g4_300.pdf
