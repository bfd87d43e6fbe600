#!/usr/bin/env bash
# run.sh — build Một Cửa Desk in build/ and start it on the demo office (the README's "run" command).
#
# Installs what is missing, configures build/ (or reconfigures it when it exists), builds, and
# starts the desk on a demo database with the real procedure catalogue:
# ${XDG_DATA_HOME:-~/.local/share}/motcua/demo.db, or wherever $MOTCUA_DEMO_DB says. On its first
# run the demo database gets a year of realistic dossiers, so the lists and figures have
# something to show. When the demo office has no provincial portal configured, the bundled portal
# simulator is started on 127.0.0.1 and the desk syncs to it, so a newcomer sees sync work and
# the slip's QR code leads to the simulator's lookup page. Without a display (a server, CI) the
# app runs under Xvfb for a few seconds and a screenshot is left in build/run-screenshot.png.
# Running it again is harmless: the demo data is made once.

set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir"

"$srcdir/build-aux/install-deps.sh"

if [[ -f build/meson-private/coredata.dat ]]; then
  meson setup --reconfigure build >/dev/null
else
  meson setup build >/dev/null
fi
meson compile -C build

cli=$srcdir/build/src/cli/motcua-cli
app=$srcdir/build/src/ui/motcua
simulator=$srcdir/build/tests/portal-simulator/motcua-portal-sim

# Vietnamese first: the uninstalled build's translations and schema, unless the caller chose a
# language.
export MOTCUA_LOCALEDIR=$srcdir/build/po
export GSETTINGS_SCHEMA_DIR=$srcdir/build/data
export LANG=${LANG:-C.UTF-8}
[[ $LANG == C || $LANG == POSIX ]] && export LANG=C.UTF-8
export LANGUAGE=${LANGUAGE:-vi}

data_dir=${XDG_DATA_HOME:-$HOME/.local/share}/motcua
db=${MOTCUA_DEMO_DB:-$data_dir/demo.db}
mkdir -p "$(dirname "$db")"

mc ()
{
  "$cli" --db "$db" "$@"
}

if [[ ! -f $db ]]; then
  echo "run: making the demo database $db (a year of dossiers; once)"
  mc settings set office.address "Thôn Nà Nưa, xã Minh Tân, tỉnh Tuyên Quang" >/dev/null
  mc generate --dossiers 5000 --years 1 >/dev/null
fi

simulator_pid=
cleanup ()
{
  if [[ -n $simulator_pid ]]; then
    kill "$simulator_pid" 2>/dev/null || true
    wait "$simulator_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# The simulator serves when the demo office has no portal of its own (or one that is a
# simulator on this machine from an earlier run, whose port may have changed).
portal=$(mc settings get portal.base-url 2>/dev/null || true)
if [[ -x $simulator && ( -z $portal || $portal == http://127.0.0.1:* ) ]]; then
  sim_dir=$data_dir/portal-simulator
  mkdir -p "$sim_dir"
  port_file=$sim_dir/port
  rm -f "$port_file"
  "$simulator" --data-dir "$sim_dir" --port 0 --port-file "$port_file" --online 5 \
    >"$sim_dir/simulator.log" 2>&1 &
  simulator_pid=$!
  for _ in $(seq 1 100); do
    [[ -s $port_file ]] && break
    sleep 0.05
  done
  port=$(cat "$port_file")
  password_file=$sim_dir/password
  (umask 077 && printf 'demo' >"$password_file")
  mc settings set portal.base-url "http://127.0.0.1:$port" >/dev/null
  mc settings set portal.username demo >/dev/null
  mc settings set portal.password-file "$password_file" >/dev/null
  mc settings set portal.lookup-url-template "http://127.0.0.1:$port/tra-cuu?ma={code}" >/dev/null
  echo "run: portal simulator on http://127.0.0.1:$port (log: $sim_dir/simulator.log)"
fi

if [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]]; then
  echo "run: starting Một Cửa Desk on $db"
  "$app" --demo --db "$db"
else
  # No display: show that it starts, under Xvfb, and leave a picture of the window.
  seconds=${MOTCUA_HEADLESS_SECONDS:-8}
  shot=$srcdir/build/run-screenshot.png
  echo "run: no display; running the desk under Xvfb for $seconds s (screenshot: $shot)"
  GDK_BACKEND=x11 GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
    dbus-run-session -- xvfb-run -a -s "-screen 0 1280x860x24" bash -c '
      "$1" --demo --db "$2" &
      pid=$!
      sleep "$3"
      import -window root "$4"
      kill "$pid"
      wait "$pid" || true' _ "$app" "$db" "$seconds" "$shot"
  echo "run: the desk started and was closed again; see $shot"
fi
