#!/usr/bin/env bash
# The package test (issue: an installable desktop product). Builds the .deb with scripts/package.sh,
# installs it with dpkg on this machine, and checks what a user gets:
#   - /usr/bin/shenbao-app and /usr/bin/shenbao, the desktop entry 申报通 (valid, opening files with
#     %f), the icons, the MIME type of *.shenbao known to the desktop, the fonts and their licence;
#   - the installed app started under Xvfb with a fresh home directory shows its home screen with
#     the sample (tests/e2e/installed.spec.mjs, through tauri-driver), and a screenshot of it;
#   - `dpkg -r` removes the app and leaves the user's database in place.
# Needs root. It is a separate command, not part of scripts/test.sh: a release build from scratch
# and the Tauri CLI's install take about 30-40 minutes on a 2-core machine, most of CI's budget.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
[[ $(id -u) -eq 0 ]] || { echo "the package test installs a package: run it as root" >&2; exit 1; }
fail() { echo "package test FAILED: $*" >&2; exit 1; }

deb=$("$ROOT/scripts/package.sh" | tail -1)
echo "==> package: $deb"
dpkg-deb --info "$deb"
dpkg-deb --field "$deb" Depends | grep -q 'libwebkit2gtk-4.1-0' || fail "Depends lacks the WebKitGTK runtime"

echo "==> installing the package's dependencies and the package"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends desktop-file-utils shared-mime-info dbus-daemon >/dev/null
dpkg -r shenbao >/dev/null 2>&1 || true
dpkg -i "$deb"

echo "==> what was installed"
for f in /usr/bin/shenbao-app /usr/bin/shenbao /usr/share/applications/shenbao.desktop \
  /usr/share/mime/packages/shenbao.xml /usr/share/doc/shenbao/OFL.txt \
  /usr/share/fonts/opentype/shenbao/NotoSansCJKsc-Regular.otf /usr/share/fonts/opentype/shenbao/NotoSerifCJKsc-Regular.otf; do
  [[ -e "$f" ]] || fail "$f is missing"
done
for size in 32x32 128x128 256x256 512x512; do
  [[ -e "/usr/share/icons/hicolor/$size/apps/shenbao-app.png" ]] || fail "icon $size is missing"
done
desktop-file-validate /usr/share/applications/shenbao.desktop || fail "the desktop entry is not valid"
grep -qx 'Name=申报通' /usr/share/applications/shenbao.desktop || fail "the desktop entry is not named 申报通"
grep -qx 'Exec=shenbao-app %f' /usr/share/applications/shenbao.desktop || fail "the desktop entry does not pass the file"
grep -qx 'MimeType=application/x-shenbao-package' /usr/share/applications/shenbao.desktop || fail "the entry does not handle .shenbao"
grep -q '^application/x-shenbao-package:\*\.shenbao$' /usr/share/mime/globs || fail "the desktop does not know *.shenbao (update-mime-database)"
/usr/bin/shenbao --version | grep -q "$(dpkg-deb --field "$deb" Version)" || fail "shenbao --version"

echo "==> starting the installed app with a fresh home directory"
home=$(mktemp -d /tmp/shenbao-installed-home-XXXX)
export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
(cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
(cd "$ROOT/tests/e2e" && SHENBAO_APP=/usr/bin/shenbao-app SHENBAO_HOME="$home" \
  xvfb-run -a -s "-screen 0 1280x860x24" npx mocha --timeout 180000 installed.spec.mjs)
db="$home/.local/share/shenbao/shenbao.sqlite"
[[ -s "$db" ]] || fail "the app made no database at $db"
sum=$(sha256sum "$db" | cut -d' ' -f1)

echo "==> removing the package"
dpkg -r shenbao
[[ ! -e /usr/bin/shenbao-app ]] || fail "/usr/bin/shenbao-app is still there after dpkg -r"
[[ ! -e /usr/share/applications/shenbao.desktop ]] || fail "the desktop entry is still there after dpkg -r"
[[ "$(sha256sum "$db" | cut -d' ' -f1)" == "$sum" ]] || fail "dpkg -r touched the user's database"
echo "==> package test passed: installed, started with the sample, removed; the user's database kept ($db)"
