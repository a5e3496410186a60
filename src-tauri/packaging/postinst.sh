#!/bin/sh
# After install: make the desktop see the new MIME type, the desktop entry, the icons and the fonts.
set -e
command -v update-mime-database >/dev/null 2>&1 && update-mime-database /usr/share/mime || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
command -v fc-cache >/dev/null 2>&1 && fc-cache -f /usr/share/fonts/opentype/shenbao || true
exit 0
