#!/usr/bin/env bash
# Remakes tests/fixtures/evidence/ with real writers: ImageMagick for the scans, krilla (the
# example make_evidence_fixtures) for the PDFs, qpdf for
# the encrypted ones. Run from anywhere; the files are committed so the tests need neither tool.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/tests/fixtures/evidence"
mkdir -p "$out"
cd "$out"
rm -f ./*.jpg ./*.png ./*.pdf
export MAGICK_TIME=0 SOURCE_DATE_EPOCH=0

# A scanned certificate: A4 portrait at 150 dpi, a frame and a seal, JPEG.
convert -size 1240x1754 xc:white -stroke black -strokewidth 12 -fill none -draw "rectangle 80,80 1160,1674" \
  -stroke red -strokewidth 8 -draw "circle 900,1400 900,1520" -fill black -stroke none \
  -draw "rectangle 200,300 1040,340" -draw "rectangle 200,420 900,450" -quality 70 certificate-scan.jpg

# A phone photo stored sideways (landscape pixels) with EXIF orientation 6 (display turned
# clockwise): the black bar along the stored top must end up on the right of the printed page.
# (The example below adds the EXIF segment: ImageMagick 6 writes none for a new image.)
convert -size 1800x1300 xc:white -fill black -draw "rectangle 0,0 1799,160" -quality 70 sideways.jpg

# A screenshot too small to print legibly.
convert -size 600x800 xc:white -fill black -draw "rectangle 50,50 550,100" small.png
# A GIF under a JPEG name: refused by content.
convert -size 1240x1754 xc:white gif:disguised-gif.jpg

# PDFs (vector, written by krilla): a 3-page A4 agreement, an A4 landscape invoice, a US Letter page,
# full-bleed A4 pages (portrait and landscape) red to every edge.
cargo run --quiet --example make_evidence_fixtures -- "$out"

# Encrypted: one needs a password to open, one only restricts printing and copying.
qpdf --encrypt secret owner 256 -- agreement-3p.pdf encrypted.pdf
qpdf --encrypt "" owner 256 --print=none -- agreement-3p.pdf permissions.pdf
# Damaged: the first 600 bytes of a real PDF.
head -c 600 agreement-3p.pdf > damaged.pdf
ls -l
