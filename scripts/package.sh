#!/usr/bin/env bash
# Builds Shenbao's Debian package with Tauri's bundler:
#   target/release/bundle/deb/shenbao_<version>_<arch>.deb
# holding /usr/bin/shenbao-app (the window) and /usr/bin/shenbao (the CLI), the desktop entry
# 申报通 with its icons, the MIME type application/x-shenbao-package for *.shenbao with the app as
# its handler, and the Noto fonts with their licence. Installs the Tauri CLI from crates.io if it
# is missing. Safe to run twice; prints the package's path last.
set -euo pipefail
source "$(dirname "$0")/install-deps.sh"
install_debian_packages
check_rust
install_ui_packages
cd "$ROOT"

if ! cargo tauri --version 2>/dev/null | grep -q '^tauri-cli 2\.'; then
  echo "==> installing the Tauri CLI (crates.io)"
  cargo install tauri-cli --version '^2' --locked
fi

build_ui
echo "==> building the CLI (release)"
cargo build --release --locked --bin shenbao
echo "==> building the app and its Debian package (release)"
(cd src-tauri && cargo tauri build --bundles deb -- --locked)

version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json | head -1)
deb="$ROOT/target/release/bundle/deb/shenbao_${version}_$(dpkg --print-architecture).deb"
[[ -f "$deb" ]] || { echo "the bundler wrote no $deb" >&2; exit 1; }
echo "$deb"
