#!/usr/bin/env bash
# run-under-xvfb.sh PROGRAM [ARGS…] — runs one UI test with its own X server and its own
# session bus, as headless-testing.md found reliable: one Xvfb per test (a free display chosen
# by Xvfb itself with -displayfd) and one dbus-run-session per test, so parallel tests never
# share a display or a bus.
set -euo pipefail

if [[ ${1:-} == --inner ]]; then
  shift
  display_file=$(mktemp)
  Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$display_file" 2>/dev/null &
  xvfb_pid=$!
  trap 'kill "$xvfb_pid" 2>/dev/null || true; rm -f "$display_file"' EXIT
  for _ in $(seq 1 100); do
    [[ -s $display_file ]] && break
    sleep 0.05
  done
  if [[ ! -s $display_file ]]; then
    echo "run-under-xvfb: Xvfb did not start" >&2
    exit 1
  fi
  export DISPLAY=":$(head -n1 "$display_file")"
  export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1
  "$@"
  exit $?
fi

exec dbus-run-session -- "$0" --inner "$@"
