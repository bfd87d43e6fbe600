#!/usr/bin/env bash
# test.sh — the project's whole test run, as CI and a developer run it: a clean -Werror build with
# every test, then the same under AddressSanitizer + UndefinedBehaviorSanitizer.
#
# Both stages always run, even when the first fails, so one run shows everything that is wrong.
# Each stage starts from a wiped build directory (build-ci, build-asan) so nothing stale from an
# earlier configuration can hide a problem. Benchmarks are not run: `meson test` without
# --benchmark leaves benchmark() targets out (they are still compiled, so they cannot rot).
# The totals come from meson's own testlog.json, read with jq, and the very last line printed is
# "tests: N passed, M failed" (", K skipped" when some were), which CI reads. A stage that cannot
# configure or build counts as one failure. Exit status is 0 only when nothing failed and both
# stages built.

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
# Adds the results in DIR/meson-logs/testlog.json to the totals. OK and EXPECTEDFAIL pass; SKIP is
# neither; anything else (FAIL, TIMEOUT, ERROR, UNEXPECTEDPASS, INTERRUPT) fails.
count_results ()
{
  local stage=$1 dir=$2 status=$3
  local log=$dir/meson-logs/testlog.json
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

# run_stage STAGE DIR [MESON SETUP ARGUMENTS...]
# The tests' environment and extra meson test options come from the stage_env and
# stage_test_args arrays the caller sets.
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
    return
  fi

  banner "$stage: build"
  # -k0: report every file that does not compile, not just the first.
  if ! meson compile -C "$dir" --ninja-args=-k0; then
    echo "test.sh: $stage: build failed" >&2
    all_built=0
    total_failed=$((total_failed + 1))
    failures+=("$stage: build")
    return
  fi

  banner "$stage: test"
  local status=0
  env "${stage_env[@]}" meson test -C "$dir" --no-rebuild --print-errorlogs --num-processes 2 \
    "${stage_test_args[@]}" || status=$?
  count_results "$stage" "$dir" "$status"
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
run_stage "plain" build-ci

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
