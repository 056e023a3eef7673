#!/usr/bin/env bash
# Regenerates the PDF fixtures under functions/tests/fixtures/documents/pdf from
# sources written here, with the real tools employers' offices use (LibreOffice,
# Chromium) plus hand-made broken files. CI does not run this: the outputs are
# committed, and their exact text is asserted in crates/docread/tests/pdf.rs.
#
# Needs: libreoffice-calc-nogui libreoffice-writer-nogui chromium qpdf python3.
# The benchmark's large PDF (not committed) comes from scripts/make-pdf-bench.sh.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/functions/tests/fixtures/documents/pdf"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# LibreOffice needs a writable profile; a fresh one keeps runs reproducible.
lo() {
  libreoffice -env:UserInstallation="file://$work/lo-profile" --headless "$@" >/dev/null 2>&1
}
chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/chrome-profile" "$@" >/dev/null 2>&1
}

# A flat ODS spreadsheet: column widths wide enough that no header is clipped, and
# money right-aligned as payroll software prints it. Arguments: file, sheet name,
# column widths in cm (comma-separated),
# then rows as '|'-separated cells; a cell starting with '>' is right-aligned.
# Landscape A4 so that every column fits one page width.
fods() {
  python3 - "$@" <<'PY'
import sys
from xml.sax.saxutils import escape
path, sheet, widths, *rows = sys.argv[1:]
def cell(c):
    if c == "":
        return "<table:table-cell/>"
    style = ""
    if c.startswith(">"):
        c, style = c[1:], ' table:style-name="ce1"'
    return f'<table:table-cell{style} office:value-type="string"><text:p>{escape(c)}</text:p></table:table-cell>'
ws = widths.split(",")
colstyles = "".join(f'<style:style style:name="co{i}" style:family="table-column"><style:table-column-properties style:column-width="{w}cm"/></style:style>' for i, w in enumerate(ws))
columns = "".join(f'<table:table-column table:style-name="co{i}"/>' for i in range(len(ws)))
body = "".join("<table:table-row>" + "".join(cell(c) for c in r.split("|")) + "</table:table-row>" for r in rows)
open(path, "w", encoding="utf-8").write(f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties style:print-orientation="landscape" fo:page-width="29.7cm" fo:page-height="21cm"/></style:page-layout>
<style:style style:name="ta1" style:family="table" style:master-page-name="Default"/>
{colstyles}
<style:style style:name="ce1" style:family="table-cell"><style:paragraph-properties fo:text-align="end"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Default" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}" table:style-name="ta1">
{columns}
{body}
</table:table></office:spreadsheet></office:body></office:document>''')
PY
}

# 1. Payroll statement from a spreadsheet (Calc → PDF): company line, header,
#    an empty "Datum uit dienst", a Totaal row.
fods "$work/verzamelloonstaat.fods" "Loonstaat 2024" "3.6,2.6,3.2,3.2,3.6" \
  "Bakkerij De Korenbloem B.V." \
  "Verzamelloonstaat 2024" \
  "Naam|Voorletters|Datum in dienst|Datum uit dienst|>SV-loon (kolom 8)" \
  "Jansen|J.|01-01-2024||>45.000,00" \
  "de Vries|A.B.|01-03-2020|30-09-2024|>28.312,50" \
  "Bakker|M.|15-06-2024||>19.875,25" \
  "Totaal||||>93.187,75"
lo --convert-to pdf --outdir "$work" "$work/verzamelloonstaat.fods"
cp "$work/verzamelloonstaat.pdf" "$out/libreoffice-calc-payroll.pdf"

# 2. Absence report (Calc → PDF), with a name outside ASCII for the ToUnicode map
#    and an empty recovery date (still sick).
fods "$work/arborapportage.fods" "Arborapportage" "3.6,2.6,3.2,3.2,5.0,1.8,1.8" \
  "Arborapportage 2024 Bakkerij De Korenbloem B.V." \
  "Naam|Voorletters|Eerste ziektedag|Datum melding|Datum (gedeeltelijk) herstel|>AO%|>ATW%" \
  "Jansen|J.|04-03-2024|05-03-2024|18-03-2024|>100|>0" \
  "Müller-Özdemir|É.|10-06-2024|10-06-2024||>50|>25"
lo --convert-to pdf --outdir "$work" "$work/arborapportage.fods"
cp "$work/arborapportage.pdf" "$out/libreoffice-calc-absence.pdf"

# 3. A Writer document: a letterhead paragraph and a table.
cat > "$work/brief.html" <<'HTML'
<html><head><meta charset="utf-8"><title>Arborapportage</title></head><body>
<p>Arbodienst Gezond Werk B.V.</p>
<p>Arborapportage over 2024 voor Bakkerij De Korenbloem B.V.</p>
<table border="1" cellpadding="4">
<tr><th>Naam</th><th>Voorletters</th><th>Eerste ziektedag</th><th>Datum melding</th><th>AO%</th></tr>
<tr><td>Jansen</td><td>J.</td><td>04-03-2024</td><td>05-03-2024</td><td>100</td></tr>
</table>
</body></html>
HTML
lo --infilter="HTML (StarWriter)" --convert-to pdf --outdir "$work" "$work/brief.html"
cp "$work/brief.pdf" "$out/libreoffice-writer-letter.pdf"

# 4. Headless Chromium printing an HTML table (Skia's PDF backend).
cat > "$work/table.html" <<'HTML'
<html><head><meta charset="utf-8"><style>
body{font-family:sans-serif;font-size:12px} td,th{padding:2px 12px;text-align:left}
</style></head><body>
<h3>Bakkerij De Korenbloem B.V.</h3>
<table>
<tr><th>Naam</th><th>Voorletters</th><th>Datum in dienst</th><th>Datum uit dienst</th><th>SV-loon (kolom 8)</th></tr>
<tr><td>Jansen</td><td>J.</td><td>01-01-2024</td><td></td><td>45.000,00</td></tr>
<tr><td>de Vries</td><td>A.B.</td><td>01-03-2020</td><td>30-09-2024</td><td>28.312,50</td></tr>
<tr><td>Totaal</td><td></td><td></td><td></td><td>73.312,50</td></tr>
</table></body></html>
HTML
chrome --no-pdf-header-footer --print-to-pdf="$work/chromium.pdf" "file://$work/table.html"
cp "$work/chromium.pdf" "$out/chromium-table.pdf"

# The same through qpdf with object streams and a compressed xref stream (PNG
# predictor), as Word, Acrobat and most recent producers write them.
qpdf --object-streams=generate "$work/chromium.pdf" "$out/object-streams.pdf"

# 5. A screenshot of that table, printed to PDF: pages with only a picture.
chrome --screenshot="$work/shot.png" --window-size=640,200 "file://$work/table.html"
cat > "$work/shot.html" <<HTML
<html><body style="margin:0"><img src="file://$work/shot.png"></body></html>
HTML
chrome --no-pdf-header-footer --print-to-pdf="$work/shot.pdf" "file://$work/shot.html"
cp "$work/shot.pdf" "$out/chromium-screenshot.pdf"

# 6. Hand-made edge cases.
# Encrypted (AES-256, empty user password: still encrypted, we do not decrypt).
qpdf --encrypt "" owner 256 -- "$out/libreoffice-calc-payroll.pdf" "$out/encrypted.pdf"
# Truncated in the middle, as an interrupted upload would be.
head -c 3000 "$out/libreoffice-calc-payroll.pdf" > "$out/truncated.pdf"
python3 - "$out" <<'PY'
import sys, zlib, re
out = sys.argv[1]
src = open(f"{out}/libreoffice-calc-payroll.pdf", "rb").read()
# Broken xref: startxref points nowhere, so objects must be found by scanning.
i = src.rindex(b"startxref")
open(f"{out}/broken-xref.pdf", "wb").write(src[:i] + b"startxref\n999999\n%%EOF\n")

def pdf(objects, trailer_extra=b""):
    # A classic PDF with a correct xref table for the given object bodies.
    body = b"%PDF-1.4\n"
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        body += b"%010d 00000 n \n" % off
    body += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return body

def stream(data, extra=b""):
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"

page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
pages = b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>"
helv = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
# Deflate bomb: one content stream inflating to 100 MB of spaces.
bomb = zlib.compress(b" " * (100 * 1024 * 1024), 9)
open(f"{out}/deflate-bomb.pdf", "wb").write(pdf([catalog, pages, stream(bomb, b" /Filter /FlateDecode"), helv, page]))
# No text and no image: an empty page.
open(f"{out}/blank.pdf", "wb").write(pdf([catalog, pages, stream(b"0 0 m 100 100 l S"), helv, page]))
# An inline image only (BI ... ID ... EI), as some scanners write.
inline = b"q 100 0 0 100 0 0 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xffEI\x00 EI Q"
open(f"{out}/inline-image.pdf", "wb").write(pdf([catalog, pages, stream(inline), helv, page]))
# Standard 14 font with WinAnsi bytes, Td/TJ/T*/' and a screenshot tool as producer.
text = (b"BT /F1 10 Tf 12 TL 50 800 Td (Caf\xe9 \x80 5) Tj 200 0 Td [(Tot) -20 (aal)] TJ "
        b"-200 -12 Td (tweede regel) Tj T* (derde) Tj (regel) ' ET")
info = b"<< /Producer (Greenshot) /Creator (\xfe\xff\x00S\x00n\x00i\x00p) >>"
open(f"{out}/winansi-standard-font.pdf", "wb").write(
    pdf([catalog, pages, stream(text), helv, page, info], b" /Info 6 0 R"))
PY

ls -l "$out"
