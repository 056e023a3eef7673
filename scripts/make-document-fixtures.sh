#!/usr/bin/env bash
# Regenerates the document fixtures in functions/tests/fixtures/documents with the
# real programs users export from: the CSV sources (committed next to their
# results) become XLSX through LibreOffice Calc, parsed as Dutch (`;`, decimal
# comma, day-month-year dates); the PNG is a screenshot by headless Chromium.
# Not run by CI. Needs Debian's `libreoffice-calc-nogui` (or `libreoffice-calc`),
# `chromium` and `iconv`.
set -euo pipefail

cd "$(dirname "$0")/../functions/tests/fixtures/documents"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# CSV import options: separator 59 (;), text delimiter 34 ("), charset 76 (UTF-8),
# from line 1, default column types, language 1043 (nl-NL) for dates and numbers.
# Its own profile directory, so a running LibreOffice elsewhere does not interfere.
for name in payroll_statement absence_report; do
    libreoffice -env:UserInstallation="file://$scratch/libreoffice" --headless \
        --infilter="CSV:59,34,76,1,,1043" --convert-to xlsx --outdir "$scratch" "$name.csv"
    cp "$scratch/$name.xlsx" "$name.xlsx"
done

# The same statement as Excel on a Dutch Windows writes it: Windows-1252.
iconv -f UTF-8 -t WINDOWS-1252 payroll_statement.csv > payroll_statement_1252.csv

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$scratch/chromium" --hide-scrollbars --window-size=560,220 \
    --screenshot="$PWD/screenshot.png" "file://$PWD/screenshot.html"

ls -l payroll_statement.xlsx absence_report.xlsx payroll_statement_1252.csv screenshot.png
