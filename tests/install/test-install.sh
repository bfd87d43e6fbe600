#!/usr/bin/env bash
# test-install.sh MESON BUILD_ROOT SOURCE_ROOT PREFIX BINDIR DATADIR LOCALEDIR APP_ID VERSION
#                 DESKTOP_FILE_VALIDATE APPSTREAMCLI GLIB_COMPILE_SCHEMAS
# — `meson install` puts every file where the desktop and the programs look for it, and the
# installed programs work from there.
#
# The build is installed into a temporary DESTDIR (`--no-rebuild`: meson test has built it
# already, and a nested ninja run would race the one meson test may still hold), so nothing
# outside the temporary directory is touched and no root is needed. Then, on the installed tree
# only: every file is at its path under the prefix; the desktop file, the metainfo (alone and
# with the tree around it: its desktop file and icon) and the schema pass their validators; the
# desktop file's program and icon are installed; the GTK app finds its schema through
# XDG_DATA_DIRS as a desktop session would and answers --version without a display; and the
# installed motcua-cli receives a dossier on a temporary database, shows it in Vietnamese from
# the installed .mo, and imports the installed catalogue and calendar data. The programs' compiled-in
# locale directory is the prefix's, which a DESTDIR moves, so the CLI's MOTCUA_LOCALEDIR points it
# into the DESTDIR. Output is TAP, one line per check.

set -uo pipefail

if (($# != 12)); then
  echo "usage: $0 MESON BUILD_ROOT SOURCE_ROOT PREFIX BINDIR DATADIR LOCALEDIR APP_ID VERSION" \
       "DESKTOP_FILE_VALIDATE APPSTREAMCLI GLIB_COMPILE_SCHEMAS" >&2
  exit 2
fi
meson=$1
build_root=$2
source_root=$3
prefix=$4
bindir=$5
datadir=$6
localedir=$7
app_id=$8
version=$9
desktop_file_validate=${10}
appstreamcli=${11}
glib_compile_schemas=${12}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

count=0
failed=0

# check DESCRIPTION COMMAND… — one TAP result; the command's output is shown only on failure.
check ()
{
  local description=$1
  shift
  count=$((count + 1))
  if "$@" > "$tmp/out" 2>&1; then
    echo "ok $count - $description"
  else
    echo "not ok $count - $description"
    sed 's/^/# /' "$tmp/out"
    failed=$((failed + 1))
  fi
}

# contains FILE TEXT — FILE has a line with TEXT (fixed string).
contains ()
{
  if ! grep -qF -- "$2" "$1"; then
    echo "not found: $2; in:"
    cat "$1"
    return 1
  fi
}

destdir=$tmp/destdir
# Paths as the installed tree has them (prefix, bindir… are absolute from meson).
bin=$destdir$bindir
share=$destdir$datadir
locale=$destdir$localedir

check "meson install --destdir installs the build" \
  "$meson" install -C "$build_root" --destdir "$destdir" --no-rebuild --quiet

expected=(
  "$bin/motcua"
  "$bin/motcua-cli"
  "$share/motcua/catalogue/procedures.json"
  "$share/motcua/calendar/holiday-rules.json"
  "$share/motcua/calendar/announcements.json"
  "$share/glib-2.0/schemas/$app_id.gschema.xml"
  "$share/applications/$app_id.desktop"
  "$share/metainfo/$app_id.metainfo.xml"
  "$share/icons/hicolor/scalable/apps/$app_id.svg"
  "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
)
# One compiled catalogue per language the project translates to.
while read -r language; do
  [[ -z $language || $language == \#* ]] && continue
  expected+=("$locale/$language/LC_MESSAGES/motcua.mo")
done < "$source_root/po/LINGUAS"

for file in "${expected[@]}"; do
  check "installs ${file#"$destdir"}" test -s "$file"
done
check "installs the programs executable" test -x "$bin/motcua" -a -x "$bin/motcua-cli"
# outside_prefix — the files installed anywhere but under the prefix (none, or it fails).
outside_prefix ()
{
  local stray
  stray=$(cd "$destdir" && find . -mindepth 1 -path "./${prefix#/}" -prune -o -type f -print)
  if [[ -n $stray ]]; then
    echo "$stray"
    return 1
  fi
}
check "installs nothing outside the prefix" outside_prefix

desktop=$share/applications/$app_id.desktop
check "installed desktop file is valid" "$desktop_file_validate" "$desktop"
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
icon_name=$(sed -n 's/^Icon=//p' "$desktop")
check "desktop file runs the installed program ($exec_name)" test -x "$bin/$exec_name"
check "desktop file's icon ($icon_name) is in the hicolor theme" \
  test -s "$share/icons/hicolor/scalable/apps/$icon_name.svg"

check "installed metainfo is valid" \
  "$appstreamcli" validate --no-net --strict "$share/metainfo/$app_id.metainfo.xml"
check "installed tree is valid for AppStream (metainfo with its desktop file)" \
  "$appstreamcli" validate-tree --no-net "$destdir$prefix"

check "installed schemas compile strictly" \
  "$glib_compile_schemas" --strict "$share/glib-2.0/schemas"

# GSettings looks in $XDG_DATA_DIRS/glib-2.0/schemas, as in a desktop session whose data
# directories include the prefix's; no display is needed for --version.
env -u DISPLAY -u WAYLAND_DISPLAY -u GSETTINGS_SCHEMA_DIR XDG_DATA_DIRS="$share" \
  "$bin/motcua" --version > "$tmp/app-version" 2>&1
check "installed motcua --version prints the version" contains "$tmp/app-version" "motcua $version"

cli=$bin/motcua-cli
db=$tmp/desk.db
"$cli" --version > "$tmp/cli-version" 2>&1
check "installed motcua-cli --version prints the version" contains "$tmp/cli-version" "motcua-cli $version"

"$cli" --db "$db" receive --procedure 1.004222 --name "Nguyễn Văn Ấn" --id-number 008090001234 \
  --document ct01 --received "2026-03-02 10:00" --json > "$tmp/received" 2>&1
code=$(sed -n 's/^[[:space:]]*"code":[[:space:]]*"\([^"]*\)".*/\1/p' "$tmp/received" | head -n1)
check "installed motcua-cli receives a dossier" test -n "$code"
if [[ -z $code ]]; then
  sed 's/^/# /' "$tmp/received"
fi

LANGUAGE=vi LANG=C.UTF-8 MOTCUA_LOCALEDIR=$locale "$cli" --db "$db" show "$code" > "$tmp/show-vi" 2>&1
check "installed motcua-cli shows the dossier in Vietnamese from the installed .mo" \
  contains "$tmp/show-vi" "Hồ sơ $code"
check "the Vietnamese view names the applicant's citizen ID field" \
  contains "$tmp/show-vi" "Số CCCD:"
# Without the installed catalogue the same command speaks English: the Vietnamese above came
# from the installed .mo, not from somewhere else.
LANGUAGE=vi LANG=C.UTF-8 MOTCUA_LOCALEDIR=$tmp/no-locale "$cli" --db "$db" show "$code" \
  > "$tmp/show-en" 2>&1
check "without the installed .mo the dossier is shown in English" \
  contains "$tmp/show-en" "Dossier $code"

check "installed motcua-cli imports the installed catalogue" \
  "$cli" --db "$db" catalogue import "$share/motcua/catalogue/procedures.json"
check "installed motcua-cli imports the installed calendar announcements" \
  "$cli" --db "$db" calendar import "$share/motcua/calendar/announcements.json"
check "the database is sound afterwards" "$cli" --db "$db" check

echo "1..$count"
((failed == 0))
