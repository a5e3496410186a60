#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS each (default 60) and prints the executions
# per target. Not part of scripts/test.sh: it needs a nightly compiler and minutes per target.
#   ./scripts/fuzz.sh [SECONDS] [TARGET...]
# A crash leaves its input in fuzz/artifacts/TARGET/; replay it with
#   (cd fuzz && cargo +nightly fuzz run TARGET artifacts/TARGET/crash-…)
# and turn it into a regression test in tests/integration before fixing it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_PER_TARGET="${1:-60}"
shift || true

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

# cargo-fuzz needs nightly flags (-Z sanitizer): a nightly toolchain if there is one, else the
# stable compiler with RUSTC_BOOTSTRAP=1.
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  FUZZ=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  FUZZ=(cargo fuzz)
fi

cd "$ROOT/fuzz"
if [[ $# -gt 0 ]]; then TARGETS=("$@"); else mapfile -t TARGETS < <("${FUZZ[@]}" list); fi

# Seed inputs: real files of each format, so the fuzzer starts from valid documents.
seed() {
  local dir="seeds/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do cp -f "$f" "$dir/"; done
}
seed interchange_json "$ROOT"/assets/samples/*.json
seed pack_loader "$ROOT"/assets/programmes/*.toml
seed evidence_attach "$ROOT"/tests/fixtures/evidence/*
mkdir -p seeds/resident_id seeds/uscc seeds/linebreak seeds/roster_import seeds/package_json
printf '{"format": "shenbao.package", "version": 1, "centre": {}, "sections": {}}\n' > seeds/package_json/min.json
printf '\x00姓名,证件类型,身份证号码,性别,出生年月,学历,职称,工作单位,是否全职\n张三,居民身份证,11010519491231002X,男,1949-12,博士研究生,正高级,示范大学,是\n' \
  > seeds/roster_import/staff.csv
printf '11010519491231002X' > seeds/resident_id/valid
printf '91350100M000100Y43' > seeds/uscc/valid
printf '\x40\x40（一）建设目标：围绕新材料领域，开展关键共性技术研发，“十四五”期间形成3~5项成果。' > seeds/linebreak/para

for t in "${TARGETS[@]}"; do
  "${FUZZ[@]}" build -O "$t" 2>&1 | tail -n 1
done

BIN="target/$(rustc -vV | sed -n 's/^host: //p')/release"
failed=()
summary=()
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t" "logs"
  log="logs/$t.log"
  echo "==> $t for ${SECONDS_PER_TARGET}s"
  # The binary built above, run directly: `cargo fuzz run` would rebuild first.
  if ASAN_OPTIONS="detect_odr_violation=0" "$BIN/$t" "corpus/$t" "seeds/$t" \
      -artifact_prefix="artifacts/$t/" -max_total_time="$SECONDS_PER_TARGET" -max_len=262144 -timeout=10 \
      -print_final_stats=1 >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed+=("$t")
    tail -n 30 "$log"
  fi
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -n 1)
  summary+=("$(printf '%-18s %12s execs  %4ss  %s' "$t" "${execs:-?}" "$SECONDS_PER_TARGET" "$status")")
done

echo
echo "target             executions  time  result"
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "crashes in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
