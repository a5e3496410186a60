#!/usr/bin/env bash
# Installs what Shenbao needs on Debian 12 (idempotent): system packages, the UI's npm packages.
# Sourced by start.sh and test.sh; safe to run any number of times.
set -euo pipefail

DEB_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libssl-dev libayatana-appindicator3-dev
  xvfb xauth webkit2gtk-driver
  # The e2e test of a file handed to the running app runs its own session bus, as a desktop has.
  dbus-daemon
  # The e2e test of the 网上填报对照表 reads what the app copied from the X clipboard.
  xclip
  # The e2e test of attaching supporting material picks the file in the system file dialog.
  xdotool
  # The tests fail without these (no silent skips): the PDFs are read back with poppler and qpdf,
  # the read-only test runs the CLI as another user with setpriv, the full-disk tests mount a tmpfs.
  poppler-utils qpdf fonts-noto-cjk imagemagick
  util-linux mount
  nodejs npm
)

install_debian_packages() {
  local missing=()
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # A machine that already has node/npm from elsewhere does not need Debian's.
  if command -v node >/dev/null && command -v npm >/dev/null; then
    local keep=()
    for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || keep+=("$p"); done
    missing=("${keep[@]}")
  fi
  if ((${#missing[@]})); then
    echo "==> installing Debian packages: ${missing[*]}"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

check_rust() {
  [[ -x "$HOME/.cargo/bin/cargo" ]] && export PATH="$HOME/.cargo/bin:$PATH"
  if ! command -v cargo >/dev/null; then
    # Debian 12's rustc is too old for Tauri 2: take the stable toolchain from rustup.
    echo "==> installing the Rust toolchain (rustup, stable)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
      sh -s -- -y --profile minimal --component clippy,rustfmt >/dev/null ||
      { echo "Shenbao needs Rust 1.89 or newer; installing it with rustup failed (no network?)." >&2; exit 1; }
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if command -v rustup >/dev/null; then
    for c in clippy rustfmt; do
      rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c" >/dev/null
    done
  fi
}

install_ui_packages() {
  echo "==> npm ci (ui/)"
  (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
}

build_ui() {
  echo "==> building the UI"
  (cd "$ROOT/ui" && npm run --silent build)
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
