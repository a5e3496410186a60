#!/usr/bin/env bash
# End-to-end tests of the real app: installs the e2e npm packages, makes sure tauri-driver is
# there, builds the UI and the app, then runs the webdriverio tests under Xvfb.
# Screenshots go to /tmp/e2e-shots/ (SHENBAO_SHOTS overrides).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

command -v WebKitWebDriver >/dev/null || { echo "WebKitWebDriver missing: apt-get install webkit2gtk-driver" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "xvfb-run missing: apt-get install xvfb" >&2; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null; then
  echo "==> installing tauri-driver"
  cargo install tauri-driver --locked
fi

echo "==> e2e npm packages"
(cd "$HERE" && npm ci --no-audit --no-fund --ignore-scripts)

echo "==> building the UI, the app and the CLI (specs seed their databases with it)"
npm --prefix "$ROOT/ui" run build
(cd "$ROOT" && cargo build -p shenbao-app && cargo build --bin shenbao)

cd "$HERE"
RUN=(xvfb-run -a -s "-screen 0 1280x860x24" npx mocha --timeout 180000 --slow 20000 specs/*.spec.mjs)
# Offline proof: the app, the driver and the tests run in a network namespace of their own with
# only a loopback interface (the driver talks to the webview over it), so a single network
# connection the app tried would fail the tests. Needs root (CI and the README's set-up are).
if [[ $(id -u) -eq 0 ]] && unshare -n true 2>/dev/null; then
  echo "==> running the end-to-end tests under Xvfb, in a network namespace with no interfaces but loopback"
  unshare -n -- bash -c 'ip link set lo up && ip -brief link | grep -qv "^lo " && exit 9; exec "$@"' _ "${RUN[@]}"
else
  echo "==> running the end-to-end tests under Xvfb (not root: without the network namespace)"
  "${RUN[@]}"
fi
