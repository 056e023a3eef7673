#!/usr/bin/env bash
# Writes the PDF benchmark input, target/pdf-bench/large.pdf: a LibreOffice Calc
# export of a 50,000-row payroll CSV, about 2 MB of text PDF. Read by
# crates/docread/benches/pdf.rs and tests/benches/documents.rs; not committed,
# and unlike make-pdf-fixtures.sh it leaves the committed fixtures alone.
#
# Needs: libreoffice-calc-nogui python3.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/target/pdf-bench"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$bench"

python3 - "$work/large.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("Naam;Voorletters;Datum in dienst;Datum uit dienst;SV-loon (kolom 8)\n")
    for i in range(50000):
        f.write(f"Werknemer{i};A.B.;01-01-2020;;{i*7 % 90000},{i % 100:02d}\n")
PY
# A fresh LibreOffice profile keeps runs reproducible.
libreoffice -env:UserInstallation="file://$work/lo-profile" --headless \
  --infilter="CSV:59,34,76,1,1/2/2/2/3/2/4/2/5/2" --convert-to pdf --outdir "$work" \
  "$work/large.csv" >/dev/null 2>&1
cp "$work/large.pdf" "$bench/large.pdf"
ls -l "$bench/large.pdf"
