#!/usr/bin/env bash
# Mutation testing of the core with cargo-mutants: each mutant is one small deliberate bug (a `>`
# made `>=`, a function made to return a default, a `!` dropped); the core's tests must fail for
# it. The survivors are either killed with a new test or listed in docs/mutants.md.
#
#   scripts/mutants.sh [--quick] [--shard K/N] [--minutes N] [--in-place] [--list] [PATH...]
#
#   PATH       files or folders to mutate (default: src/rules src/validate src/duplicates src/store
#              src/import src/package, and the exit codes of the CLI in src/cli/mod.rs)
#   --quick    only mutants on lines the last commit changed (`--in-diff` of HEAD~1..HEAD)
#   --shard    test only shard K of N (0-based; cargo-mutants' default slices: consecutive mutants,
#              so a shard stays in a few files): the default paths hold about 3,200 mutants, so a
#              whole run is N=30 shards of about an hour each on this 2-core machine
#   --minutes  stop after N minutes (the counts of the mutants tested so far are still printed)
#   --in-place mutate this checkout and build in its own target/ (no copy, no dependency build;
#              do not edit or commit src/ while it runs). Otherwise a copy is built in
#              target/mutants, whose dependencies are built once and kept for the next run.
#   --list     list the mutants, test nothing
#   -- ARGS    passed to the test binaries (e.g. `-- --skip some::test` while main has a red test)
#
# Tests run per mutant: the core's unit tests and its integration binary (not the shell, the UI
# or the doc tests), with the crash test at 3 kills, under cargo-nextest's `mutants` profile
# (.config/nextest.toml): the first failing test ends the run, and the tests that catch most
# mutants run first, so a caught mutant costs its build and a few seconds. Each mutant has 180 s
# to finish its tests (the unmutated run takes 50–115 s, with the machine's load) and 600 s to
# build. Results go to mutants.out/ (caught.txt, missed.txt, timeout.txt, unviable.txt,
# outcomes.json); a summary per file and per module is printed at the end. Installs
# cargo-mutants from crates.io if missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[[ -x "$HOME/.cargo/bin/cargo" ]] && export PATH="$HOME/.cargo/bin:$PATH"

quick=0
minutes=""
shard=""
in_place=0
list=0
paths=()
extra=()
while (($#)); do
  case "$1" in
    --quick) quick=1 ;;
    --minutes) minutes="$2"; shift ;;
    --shard) shard="$2"; shift ;;
    --in-place) in_place=1 ;;
    --list) list=1 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) paths+=("$1") ;;
  esac
  shift
done

if ! cargo mutants --version >/dev/null 2>&1; then
  echo "==> installing cargo-mutants from crates.io"
  cargo install cargo-mutants --locked
fi
if ! cargo nextest --version >/dev/null 2>&1; then
  echo "==> installing cargo-nextest from crates.io"
  cargo install cargo-nextest --locked
fi

args=(--package shenbao --test-tool nextest --timeout 180 --build-timeout 600 --output "$ROOT")
if ((${#paths[@]})); then
  for p in "${paths[@]}"; do
    p="${p%/}"
    if [[ -d "$p" ]]; then args+=(--file "$p/**/*.rs"); else args+=(--file "$p"); fi
  done
else
  for d in rules validate duplicates store import package; do args+=(--file "src/$d/**/*.rs"); done
  # Of the CLI, only what decides the exit status: 0 success, 1 a finding, 2 bad input.
  args+=(--file src/cli/mod.rs)
  cli_functions='run|dispatch|Failure::input|programmes|packs|package|registry_from_spreadsheet'
  args+=(--re "^src/(rules|validate|duplicates|store|import|package)/|^src/cli/mod\.rs:.* in ($cli_functions)\$")
fi
if ((quick)); then
  diff_file="$ROOT/mutants.diff"
  git diff HEAD~1 HEAD -- src > "$diff_file"
  args+=(--in-diff "$diff_file")
fi

[[ -n "$shard" ]] && args+=(--shard "$shard")
if ((in_place)); then
  args+=(--in-place)
else
  args+=(--jobs "${MUTANTS_JOBS:-1}")
  # A kept target directory of its own: dependencies are built once, not for every run.
  export CARGO_TARGET_DIR="$ROOT/target/mutants"
  export CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0
fi

if ((list)); then
  exec cargo mutants "${args[@]}" --list
fi

# The crash test's default of 15 kills is for the normal run; 3 still kill mid-edit.
export SHENBAO_CRASH_KILLS=3
test_args=(-- --profile mutants --lib --test integration)
((${#extra[@]})) && test_args+=(-- "${extra[@]}")
status=0
if [[ -n "$minutes" ]]; then
  timeout --signal=INT "$((minutes * 60))" cargo mutants "${args[@]}" "${test_args[@]}" || status=$?
else
  cargo mutants "${args[@]}" "${test_args[@]}" || status=$?
fi

# A summary per file and per module from the outcome lists (a mutant's name starts with its file).
out="$ROOT/mutants.out"
if [[ -d "$out" ]]; then
  echo "==> mutants per file and per module (caught / missed / timeout / unviable; score = caught of caught+missed+timeout)"
  for f in caught missed timeout unviable; do touch "$out/$f.txt"; done
  awk -F: '
    FNR == 1 { kind = FILENAME; sub(/.*\//, "", kind); sub(/\.txt$/, "", kind) }
    {
      # One row per file (src/duplicates/find.rs -> duplicates/find) and one per module.
      f = $1; sub(/^src\//, "", f); sub(/\.rs$/, "", f); split(f, part, "/")
      count[f, kind]++; mods[f] = 1
      m = part[1] " (all)"; count[m, kind]++; mods[m] = 1
    }
    END {
      for (m in mods) {
        c = count[m, "caught"] + 0; x = count[m, "missed"] + 0; t = count[m, "timeout"] + 0; u = count[m, "unviable"] + 0
        viable = c + x + t
        printf "%-24s %5d %5d %5d %5d   %s\n", m, c, x, t, u, (viable ? sprintf("%.0f%%", 100 * c / viable) : "-")
      }
    }' "$out/caught.txt" "$out/missed.txt" "$out/timeout.txt" "$out/unviable.txt" | sort
  [[ -s "$out/missed.txt" ]] && { echo "==> missed (see docs/mutants.md for the known harmless ones):"; cat "$out/missed.txt"; }
fi
# cargo-mutants exits 2 when some mutants were missed, 3 on timeouts, 124/130 when --minutes cut it short.
exit "$status"
