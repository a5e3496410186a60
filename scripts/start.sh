#!/usr/bin/env bash
# Builds Shenbao (release) and starts the desktop app. On the first start the app creates its
# database in the user's data directory (or $SHENBAO_DB) and loads the sample application.
# Without a display (a server, CI) it runs under Xvfb. Safe to run again.
set -euo pipefail
source "$(dirname "$0")/install-deps.sh"
install_debian_packages
check_rust
install_ui_packages
build_ui
echo "==> building the app (release)"
cargo build --release -p shenbao-app --manifest-path "$ROOT/Cargo.toml"
APP="$ROOT/target/release/shenbao-app"
echo "==> starting 申报通"
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "(no display: running under Xvfb)"
  exec xvfb-run -a -s "-screen 0 1366x900x24" "$APP"
fi
exec "$APP"
