#!/usr/bin/env bash
# Run Ace by DAISY (accessibility checker) on an EPUB with the system Chromium.
#
#   scripts/ace.sh BOOK.epub OUTDIR     check; the report is OUTDIR/report.json
#   scripts/ace.sh --install            install Ace (npm) into $KROPPRESS_ACE_DIR
#
# Ace is looked for in $KROPPRESS_ACE_DIR (default ~/.cache/kroppress/ace), then
# on PATH. Exit 0: Ace ran (it exits 0 even when it finds violations: read the
# report). Exit 3: Ace or Chromium is not available (callers skip, saying why).
set -u
ACE_DIR=${KROPPRESS_ACE_DIR:-$HOME/.cache/kroppress/ace}

if [ "${1:-}" = --install ]; then
  command -v npm >/dev/null || { echo "ace.sh: npm is missing (apt-get install npm)" >&2; exit 3; }
  mkdir -p "$ACE_DIR" && cd "$ACE_DIR" || exit 3
  [ -f package.json ] || echo '{"private": true}' > package.json
  # the browser is the system's Chromium: skip every bundled browser download
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 \
    npm install --no-audit --no-fund @daisy/ace >/dev/null || { echo "ace.sh: npm install failed" >&2; exit 3; }
  echo "$ACE_DIR/node_modules/.bin/ace-puppeteer"
  exit 0
fi

[ $# -eq 2 ] || { echo "usage: scripts/ace.sh BOOK.epub OUTDIR | --install" >&2; exit 2; }
epub=$1; out=$2

chromium=${PUPPETEER_EXECUTABLE_PATH:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] && [ -x "$chromium" ] || {
  echo "ace.sh: Chromium not found (apt-get install chromium, or KROPPRESS_WITH_CHROMIUM=1 make system)" >&2; exit 3; }

if [ -x "$ACE_DIR/node_modules/.bin/ace-puppeteer" ]; then
  ace="$ACE_DIR/node_modules/.bin/ace-puppeteer"
elif command -v ace-puppeteer >/dev/null; then
  ace=$(command -v ace-puppeteer)
else
  echo "ace.sh: Ace is not installed (run scripts/ace.sh --install)" >&2; exit 3
fi

rm -rf "$out"
PUPPETEER_EXECUTABLE_PATH=$chromium "$ace" --force --silent --outdir "$out" "$epub" >&2
[ -f "$out/report.json" ] || { echo "ace.sh: Ace wrote no report (see messages above)" >&2; exit 1; }
