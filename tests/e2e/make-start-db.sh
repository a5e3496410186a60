#!/usr/bin/env bash
# Makes a database of about SIZE megabytes for the start bench (measure-start.mjs), as a user's
# file grows: the sample application with scanned 印证材料 (A4 pages at 300 dpi, JPEG) attached
# until the file holds SIZE — attached files are what makes a real database large. (Copies of the
# sample would claim every person many times over: a conflicts bench, not a start bench.)
#   tests/e2e/make-start-db.sh OUT.sqlite [SIZE_MB=60] [CLI=target/release/shenbao]
set -euo pipefail
out=$1
size_mb=${2:-60}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli=${3:-$root/target/release/shenbao}
[[ ! -e "$out" ]] || { echo "$out exists: give a new file" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$cli" --db "$out" init --sample >/dev/null
item=$("$cli" --db "$out" evidence list 1 | cut -f1 | head -1)
[[ -n "$item" ]] || { echo "the sample has no evidence item to attach to" >&2; exit 1; }
page=0
while (($(stat -c %s "$out") < size_mb * 1024 * 1024)); do
  page=$((page + 1))
  # Noise does not compress: each page adds about its own size to the file.
  convert -size 2480x3508 xc:white +noise Random -quality 85 -density 300 -units PixelsPerInch "$work/scan-$page.jpg"
  "$cli" --db "$out" evidence add 1 --item "$item" "$work/scan-$page.jpg" >/dev/null
done
echo "$out: $(($(stat -c %s "$out") / 1024 / 1024)) MB, the sample application with $page scanned pages"
