#!/usr/bin/env bash
# Installs the Debian tools the tests use as independent oracles (poppler-utils, qpdf, libxml2-utils for xmllint). Idempotent.
set -euo pipefail
missing=()
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
# `script` runs the program on a pseudo-terminal in the progress-bar test
command -v script >/dev/null 2>&1 || missing+=(bsdutils)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "oracles: $(pdftotext -v 2>&1 | head -1); $(qpdf --version | head -1); $(xmllint --version 2>&1 | head -1)"
