#!/usr/bin/env bash
# test.sh — the project's whole test run, as CI and a developer run it: a clean -Werror build with
# every test, then the same under AddressSanitizer + UndefinedBehaviorSanitizer; as root (CI) also
# the Debian package, built, installed with apt, used and removed (check-deb.sh, one result).
# The plain build also runs the core suites under Valgrind memcheck, and a clang build (build-fuzz)
# runs every fuzz target of tests/fuzz for a bounded time.
#
# Every stage always runs, even when one fails, so one run shows everything that is wrong.
# Each stage starts from a wiped build directory (build-ci, build-asan, build-fuzz) so nothing
# stale from an earlier configuration can hide a problem. Benchmarks are not run: `meson test`
# without --benchmark leaves benchmark() targets out (they are still compiled, so they cannot rot).
# The totals come from meson's own testlog.json, read with jq, and the very last line printed is
# "tests: N passed, M failed" (", K skipped" when some were), which CI reads. A stage that cannot
# configure or build counts as one failure. Exit status is 0 only when nothing failed and every
# stage built.

set -uo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir" || exit 1

total_passed=0
total_failed=0
total_skipped=0
all_built=1
failures=()

banner ()
{
  printf '\n===== %s =====\n' "$*"
}

# count_results STAGE DIR MESON_TEST_STATUS
# Adds the results in DIR/meson-logs/testlog*.json to the totals: meson names the log after a
# --wrap program (testlog-valgrind.json), and run_tests removes the logs of earlier runs. OK and
# EXPECTEDFAIL pass; SKIP is neither; anything else (FAIL, TIMEOUT, ERROR, UNEXPECTEDPASS,
# INTERRUPT) fails.
count_results ()
{
  local stage=$1 dir=$2 status=$3
  local logs=("$dir"/meson-logs/testlog*.json)
  local log=${logs[0]}
  local passed=0 failed=0 skipped=0

  if [[ -s $log ]]; then
    read -r passed failed skipped < <(jq -rs '
      map(.result) as $r
      | [ ($r | map(select(. == "OK" or . == "EXPECTEDFAIL")) | length),
          ($r | map(select(. != "OK" and . != "EXPECTEDFAIL" and . != "SKIP")) | length),
          ($r | map(select(. == "SKIP")) | length) ]
      | @tsv' "$log")
    if [[ -z ${passed:-} || -z ${failed:-} || -z ${skipped:-} ]]; then
      echo "test.sh: $stage: could not read $log" >&2
      passed=0 failed=1 skipped=0
    fi
    while IFS= read -r name; do
      [[ -n $name ]] && failures+=("$stage: $name")
    done < <(jq -r 'select(.result != "OK" and .result != "EXPECTEDFAIL" and .result != "SKIP")
                    | "\(.name) (\(.result))"' "$log")
  elif ((status != 0)); then
    echo "test.sh: $stage: meson test failed and wrote no results" >&2
    failed=1
    failures+=("$stage: meson test (no results)")
  fi

  # meson test failing while every recorded result passed means something outside the tests
  # went wrong (a broken test setup, a missing wrapper): never let that pass silently.
  if ((status != 0 && failed == 0)); then
    failed=1
    failures+=("$stage: meson test exited with status $status")
  fi

  echo "$stage: $passed passed, $failed failed, $skipped skipped"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  total_skipped=$((total_skipped + skipped))
}

# run_tests STAGE DIR
# Runs the tests of the built DIR and counts them. The tests' environment and extra meson test
# options come from the stage_env and stage_test_args arrays the caller sets.
run_tests ()
{
  local stage=$1 dir=$2

  banner "$stage: test"
  local status=0
  rm -f "$dir"/meson-logs/testlog*.json
  env "${stage_env[@]}" meson test -C "$dir" --no-rebuild --print-errorlogs --num-processes 2 \
    "${stage_test_args[@]}" || status=$?
  count_results "$stage" "$dir" "$status"
}

# run_stage STAGE DIR [MESON SETUP ARGUMENTS...]
# Configures and builds DIR afresh, then run_tests. Returns 1 when it could not build.
run_stage ()
{
  local stage=$1 dir=$2
  shift 2

  banner "$stage: configure ($dir)"
  rm -rf "$dir"
  if ! meson setup "$dir" --werror "$@"; then
    echo "test.sh: $stage: meson setup failed" >&2
    all_built=0
    total_failed=$((total_failed + 1))
    failures+=("$stage: configure")
    return 1
  fi

  banner "$stage: build"
  # -k0: report every file that does not compile, not just the first.
  if ! meson compile -C "$dir" --ninja-args=-k0; then
    echo "test.sh: $stage: build failed" >&2
    all_built=0
    total_failed=$((total_failed + 1))
    failures+=("$stage: build")
    return 1
  fi

  run_tests "$stage" "$dir"
}

# Two runs in one tree would wipe each other's build directories halfway: take turns.
lock=${TMPDIR:-/tmp}/motcua-test-$(printf '%s' "$srcdir" | md5sum | cut -c1-12).lock
exec 9> "$lock"
if ! flock -n 9; then
  echo "test.sh: another test run in $srcdir is under way; waiting for it to end" >&2
  flock 9
fi

start=$SECONDS

banner "dependencies"
if ! "$srcdir/build-aux/install-deps.sh"; then
  echo "test.sh: dependencies are missing; trying to build anyway" >&2
  total_failed=$((total_failed + 1))
  failures+=("dependencies")
fi

# Stage 1: the plain build, as users get it.
stage_env=()
stage_test_args=()
if run_stage "plain" build-ci; then
  # Stage 1, continued: the core suites of that build under Valgrind memcheck, for what ASan
  # cannot see (reads of uninitialised memory) and leaks, without building again. GLib's own
  # suppressions cover its one-time allocations; memory definitely or indirectly lost fails the
  # test. Code runs some 20 times slower under Valgrind: give timeouts room.
  stage_env=(G_SLICE=always-malloc)
  stage_test_args=(--suite core --timeout-multiplier 10
    "--wrap=valgrind --quiet --leak-check=full --error-exitcode=1 --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --num-callers=30 --suppressions=/usr/share/glib-2.0/valgrind/glib.supp")
  run_tests "valgrind" build-ci
fi

# Stage 2: memory errors, leaks and undefined behaviour. GLib's slice allocator would hide
# allocations from ASan, so plain malloc. Sanitized code runs slower: give timeouts some room.
# The i18n suite checks source files only and ran in stage 1: no point in counting it twice.
stage_env=(
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  LSAN_OPTIONS=suppressions=$srcdir/build-aux/lsan.supp:print_suppressions=0
  G_SLICE=always-malloc
)
stage_test_args=(--timeout-multiplier 2 --no-suite i18n)
run_stage "asan+ubsan" build-asan \
  -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fno-omit-frame-pointer

# Stage 3: the Debian package, built outside the tree, installed with apt, used from /usr/bin and
# removed again (build-aux/check-deb.sh). It changes the system, so only as root (CI); one result.
banner "deb: build, install, use, remove"
if ((EUID == 0)); then
  deb_start=$SECONDS
  if "$srcdir/build-aux/check-deb.sh"; then
    total_passed=$((total_passed + 1))
  else
    total_failed=$((total_failed + 1))
    failures+=("deb: build-aux/check-deb.sh")
  fi
  echo "deb: took $((SECONDS - deb_start)) s"
else
  echo "deb: skipped (needs root to install the package; run build-aux/check-deb.sh as root)"
  total_skipped=$((total_skipped + 1))
fi

# Stage 4: the fuzz targets (tests/fuzz: clang, libFuzzer, ASan + UBSan), each for a bounded
# time from its seed corpus; only the suite 'fuzz' runs, the others ran above. They run two at a
# time, so each gets the budget divided by the rounds of two: adding a target keeps the stage at
# the budget (360 s by default; MOTCUA_FUZZ_BUDGET sets it in seconds).
fuzz_budget=${MOTCUA_FUZZ_BUDGET:-360}
fuzz_targets=("$srcdir"/tests/fuzz/fuzz-*.c)
fuzz_rounds=$(((${#fuzz_targets[@]} + 1) / 2))
fuzz_seconds=$((fuzz_budget / fuzz_rounds))
if ((fuzz_seconds < 10)); then
  fuzz_seconds=10
fi
echo "fuzz: ${#fuzz_targets[@]} targets, $fuzz_seconds s each, two at a time"
stage_env=()
stage_test_args=(--suite fuzz)
CC=clang run_stage "fuzz" build-fuzz -Dfuzz_seconds="$fuzz_seconds"

banner "summary"
if ((${#failures[@]} > 0)); then
  echo "failed:"
  printf '  %s\n' "${failures[@]}"
fi
echo "took $((SECONDS - start)) s"

summary="tests: $total_passed passed, $total_failed failed"
if ((total_skipped > 0)); then
  summary+=", $total_skipped skipped"
fi
echo "$summary"

if ((total_failed == 0 && all_built == 1)); then
  exit 0
fi
exit 1
