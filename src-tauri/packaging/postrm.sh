#!/bin/sh
# After removal: forget the MIME type, the desktop entry and the fonts. The user's database and
# backups (in their home directory) are never touched.
set -e
command -v update-mime-database >/dev/null 2>&1 && update-mime-database /usr/share/mime || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
command -v fc-cache >/dev/null 2>&1 && fc-cache -f || true
exit 0
