#!/usr/bin/env bash
# screenshots.sh [BUILD_DIR] — takes the README's screenshots of the running app, as a clerk
# would see it: the desk started under Xvfb on a demo database, driven with the keyboard
# through xdotool (Vietnamese typed as text), each picture taken with ImageMagick's import.
# The slip is the PDF the app's renderer writes, made into a picture with pdftoppm.
# Writes data/screenshots/{list,receive-form,dossier,slip-form-01}.png. Look at them before
# committing them.
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$srcdir/build}" && pwd)
out=$srcdir/data/screenshots
work=$(mktemp -d)
trap 'kill ${app_pid:-} ${xvfb_pid:-} 2>/dev/null || true; rm -rf "$work"' EXIT

cli=$build/src/cli/motcua-cli
db=$work/demo.db
export LANG=C.UTF-8 LANGUAGE=vi MOTCUA_LOCALEDIR=$build/po
export GSETTINGS_SCHEMA_DIR=$build/data GSETTINGS_BACKEND=memory
export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1

"$cli" --db "$db" settings set office.address "Thôn Nà Nưa, xã Minh Tân, tỉnh Tuyên Quang" >/dev/null
"$cli" --db "$db" generate --dossiers 20000 --years 1 --seed 7 >/dev/null

Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb_pid=$!
for _ in $(seq 1 100); do [[ -s $work/display ]] && break; sleep 0.05; done
export DISPLAY=":$(head -n1 "$work/display")"

"$build/src/ui/motcua" --demo --db "$db" &
app_pid=$!
for _ in $(seq 1 100); do
  window=$(xdotool search --onlyvisible --name "Một Cửa Desk" 2>/dev/null | head -n1 || true)
  [[ -n $window ]] && break
  sleep 0.1
done
[[ -n ${window:-} ]] || { echo "screenshots: the window did not appear" >&2; exit 1; }
xdotool windowsize "$window" 1400 900 windowmove "$window" 0 0 windowfocus --sync "$window"
sleep 1

# One key at a time, with a pause: the form reacts to some keys (a pick in the procedure list)
# before the next one may come.
keys () { for key in "$@"; do xdotool key --clearmodifiers "$key"; sleep 0.35; done; }
type_text () { xdotool type --delay 25 "$1"; sleep 0.3; }
shot () { import -window root "$out/$1.png"; echo "screenshots: $out/$1.png"; }

# The dossier list over the whole database.
keys alt+3
sleep 2
shot list

# The receive form, filled from the keyboard in the paper form's order.
keys ctrl+n
type_text "dang ky tam tru"
keys Return Tab Tab
type_text "Trần Thị Bích Ngọc"
keys Tab
type_text "008301001234"
keys Tab
type_text "02/09/2001"
keys Tab
type_text "Thôn Bản Phố, xã Minh Tân"
keys Tab
type_text "0987 654 321"
keys Tab
type_text "ngoc.tran@example.vn"
keys Tab Tab space
sleep 1
shot receive-form

# Save and print: the slip goes to the print dialog; close it, the dossier is kept.
keys ctrl+Return
sleep 2
keys Escape
sleep 1
code=$("$cli" --db "$db" search "Trần Thị Bích Ngọc" --json | jq -r '.dossiers[0].code')

# The dossier page, opened the way a scanner does: its code typed and Enter.
keys ctrl+f
type_text "$code"
keys Return
sleep 2
shot dossier

# The slip the clerk printed, as its PDF.
keys alt+4
# Away from the cards, whose tooltips explain each figure.
xdotool mousemove 1399 899
sleep 3
shot overview

"$cli" --db "$db" slip "$code" --pdf "$work/slip.pdf"
pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$work/slip.pdf" "$out/slip-form-01"
echo "screenshots: $out/slip-form-01.png"
