#!/usr/bin/env bash
# Installs what Shenbao needs on Debian 12 (idempotent): system packages, the UI's npm packages.
# Sourced by start.sh and test.sh; safe to run any number of times.
set -euo pipefail

DEB_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libssl-dev libayatana-appindicator3-dev
  xvfb xauth webkit2gtk-driver
  poppler-utils qpdf fonts-noto-cjk imagemagick
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
  if ! command -v cargo >/dev/null; then
    [[ -x "$HOME/.cargo/bin/cargo" ]] && export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if ! command -v cargo >/dev/null; then
    echo "Shenbao needs the Rust toolchain (rustup, Rust 1.85 or newer); Debian 12's rustc is too old." >&2
    exit 1
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
