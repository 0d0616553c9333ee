#!/usr/bin/env bash
# Installs the Debian packages woo-redact and its tests need. Idempotent.
#   runtime:      tesseract-ocr, tesseract-ocr-nld (OCR of scanned pages; without them a scanned
#                 page is flagged "OCR unavailable", never passed)
#   test oracles: poppler-utils (pdftotext, pdftoppm), qpdf, libxml2-utils (xmllint), bsdutils (script),
#                 chromium (headless: opens the review report and checks its DOM and script)
#   fixtures only (scripts/make_scan_fixtures.py, not needed to build or test): python3-pil,
#                 fonts-dejavu-core
set -euo pipefail
missing=()
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx nld; then
  missing+=(tesseract-ocr-nld)
fi
# `script` runs the program on a pseudo-terminal in the progress-bar test
command -v script >/dev/null 2>&1 || missing+=(bsdutils)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "oracles: $(pdftotext -v 2>&1 | head -1); $(qpdf --version | head -1); $(xmllint --version 2>&1 | head -1); $(chromium --version 2>/dev/null | head -1)"
echo "runtime: $(tesseract --version 2>&1 | head -1), languages: $(tesseract --list-langs 2>/dev/null | tail -n +2 | tr '\n' ' ')"
