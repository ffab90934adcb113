#!/usr/bin/env bash
# Install the Debian packages kroppress needs when they are missing.
# As root we apt-get them; otherwise we name them and stop.
set -u
need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib libpango-1.0.so.0      || need+=(libpango-1.0-0)
have_lib libpangoft2-1.0.so.0   || need+=(libpangoft2-1.0-0)
have_lib libharfbuzz-subset.so.0 || need+=(libharfbuzz-subset0)
command -v java >/dev/null      || need+=(default-jre-headless)
command -v pdftoppm >/dev/null  || need+=(poppler-utils)
# the tests read the wrap cover's ISBN barcode back with zbarimg
command -v zbarimg >/dev/null   || need+=(zbar-tools)
# the press PDF's CMYK output profile (PDF/X-4), made by kroppress.render.icc:
# FOGRA39 characterization data, and ArgyllCMS's colprof
[ -f /usr/share/color/icc/FOGRA39L.ti3 ] || need+=(icc-profiles-free)
command -v colprof >/dev/null   || need+=(argyll)
# the press preflight's total ink (`check --press`, kroppress.preflight.ink)
command -v gs >/dev/null        || need+=(ghostscript)
if [ "${KROPPRESS_WITH_CHROMIUM:-0}" = 1 ]; then
  command -v chromium >/dev/null || need+=(chromium)
fi
# the real --format azw3 test converts through calibre's ebook-convert
if [ "${KROPPRESS_WITH_CALIBRE:-0}" = 1 ]; then
  command -v ebook-convert >/dev/null || need+=(calibre)
fi
# `make bench` compares the EPUB writer with pandoc's.
if [ "${KROPPRESS_WITH_PANDOC:-0}" = 1 ]; then
  command -v pandoc >/dev/null || need+=(pandoc)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "kroppress: installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || {
    echo "kroppress: apt-get could not install: ${need[*]}" >&2; exit 1; }
else
  echo "kroppress: missing system packages: ${need[*]}" >&2
  echo "kroppress: install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
