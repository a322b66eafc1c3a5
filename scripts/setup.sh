#!/usr/bin/env bash
# Set up dossier-review on a fresh Debian machine (run as root): system packages for OCR and
# fonts, a virtual environment in .venv, and the package with its test tools.
# fonts-arphic-uming, fonts-arphic-gbsn00lp and fonts-lxgw-wenkai are the typefaces of the frozen
# template family C (samplegen/family_c.py), chosen to differ from families A and B.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=0
# libreoffice-writer-nogui and chromium print the 意见书/通报 and the HTML reports to PDF
# (report.printing, the print tests); the arphic and LXGW faces stand in for 仿宋/宋体/楷体
PACKAGES="tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim fonts-wqy-zenhei fonts-arphic-ukai poppler-utils
          fonts-arphic-uming fonts-arphic-gbsn00lp fonts-lxgw-wenkai libreoffice-writer-nogui chromium"
for pkg in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_apt=1
done
if [ "$need_apt" = 1 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "setup: system packages missing; run this script as root (apt-get needs it)" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086  # the list splits into package names
    apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
fi
# the official faces the documents name (仿宋_GB2312, 宋体, 黑体) mapped to the faces installed
FONTS_CONF=/etc/fonts/conf.d/64-dossier-review-cjk.conf
if [ "$(id -u)" = 0 ] && ! cmp -s dossier_review/report/fonts/dossier-review-cjk.conf "$FONTS_CONF"; then
    cp dossier_review/report/fonts/dossier-review-cjk.conf "$FONTS_CONF" && fc-cache -f >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
.venv/bin/pip install -q --disable-pip-version-check -e ".[dev,dask]"
echo "setup: ready ($(tesseract --version 2>&1 | head -1); venv .venv)"
