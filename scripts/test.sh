#!/usr/bin/env bash
# Runs every test of Shenbao: formatting, clippy, the Rust tests (core, CLI, shell), the UI's
# type check, lint and unit tests, the staleness check of the generated TypeScript bindings,
# and the end-to-end tests of the real app under Xvfb. Installs what it needs first.
set -euo pipefail
source "$(dirname "$0")/install-deps.sh"
install_debian_packages
check_rust
install_ui_packages
cd "$ROOT"

# A clean checkout builds the whole workspace from nothing: incremental caches would roughly
# double the ~20 GB the debug build takes and a CI run never reuses them. Say so up front when
# the disk cannot hold the build, rather than failing mid-compile with "No space left on device".
if [[ -n "${CI:-}" ]]; then
  export CARGO_INCREMENTAL=0
fi
free_gb=$(df -Pk "$ROOT" | awk 'NR==2 {print int($4 / 1048576)}')
if ((free_gb < 15)); then
  echo "warning: only ${free_gb} GB free on the disk of $ROOT; a build from nothing needs about 15 GB" >&2
fi

echo "==> cargo fmt --check"
cargo fmt --all -- --check

echo "==> building the UI (the shell embeds it)"
build_ui

echo "==> cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "==> cargo test"
cargo test --workspace --locked

echo "==> every built-in pack's cases through shenbao packs test"
for pack in assets/programmes/*.toml; do
  id=$(basename "$pack" .toml)
  cargo run --locked --quiet --bin shenbao -- packs test "$pack" "tests/cases/${id%%-*}"
done

echo "==> generated TypeScript bindings are up to date"
if ! git diff --exit-code --stat -- ui/src/bindings || [[ -n "$(git ls-files --others --exclude-standard ui/src/bindings)" ]]; then
  echo "ui/src/bindings is stale: run 'cargo test' and commit the regenerated files" >&2
  git ls-files --others --exclude-standard ui/src/bindings >&2
  exit 1
fi

echo "==> UI: type check, lint, unit tests"
(cd ui && npm run --silent typecheck && npm run --silent lint && npm test --silent)

if [[ -x "$ROOT/tests/e2e/run.sh" ]]; then
  echo "==> end-to-end tests of the real app"
  "$ROOT/tests/e2e/run.sh"
fi
echo "==> all tests passed"
