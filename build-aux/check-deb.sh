#!/usr/bin/env bash
# check-deb.sh — build the Debian package with build-deb.sh, install it with apt, use the
# installed programs from /usr/bin as a clerk's machine would, and remove the package again.
# Root only (apt installs into the system); test.sh runs it as its "deb" stage in CI.
#
# After the install, everything comes from the system's own places, with no environment
# overrides: the programs from /usr/bin, the Vietnamese from /usr/share/locale (the compiled-in
# locale directory), the GSettings schema compiled by GLib's dpkg trigger (motcua --version
# fails without it), the desktop file, metainfo and icon where the desktop looks. If motcua was
# installed before this ran, it is left installed (the package just built replaces it); otherwise
# it is removed at the end, also when a check fails. Exit status 0 only when every step passed.

set -uo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if ((EUID != 0)); then
  echo "check-deb: needs root (apt-get install); skipped" >&2
  exit 77
fi

export DEBIAN_FRONTEND=noninteractive
tmp=$(mktemp -d "${TMPDIR:-/tmp}/motcua-check-deb.XXXXXX")
was_installed=0
if [[ $(dpkg-query -W -f='${Status}' motcua 2> /dev/null) == "install ok installed" ]]; then
  was_installed=1
fi

cleanup ()
{
  if ((was_installed == 0)) &&
     [[ $(dpkg-query -W -f='${Status}' motcua 2> /dev/null) == "install ok installed" ]]; then
    echo "check-deb: removing the package" >&2
    apt-get remove -y -qq motcua > "$tmp/remove.log" 2>&1 || cat "$tmp/remove.log" >&2
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

failed=0
# step DESCRIPTION COMMAND… — one step; its output is shown when it fails.
step ()
{
  local description=$1
  shift
  if "$@" > "$tmp/out" 2>&1; then
    echo "check-deb: ok: $description"
  else
    echo "check-deb: FAILED: $description"
    sed 's/^/  | /' "$tmp/out"
    failed=$((failed + 1))
  fi
}

# contains FILE TEXT — FILE has TEXT (fixed string); shows FILE when not.
contains ()
{
  if ! grep -qF -- "$2" "$1"; then
    echo "not found: $2; in:"
    cat "$1"
    return 1
  fi
}

start=$SECONDS
deb=$("$srcdir/build-aux/build-deb.sh" --output "$tmp/out-deb" | tail -n1)
if [[ -z $deb || ! -f $deb ]]; then
  echo "check-deb: FAILED: build-deb.sh built no package"
  exit 1
fi
echo "check-deb: ok: built $(basename "$deb") in $((SECONDS - start)) s"

# apt resolves the runtime dependencies from the archive (apt-get update only when it must).
if ! apt-get install -y -qq --reinstall --no-install-recommends "$deb" > "$tmp/install.log" 2>&1; then
  apt-get update -qq > /dev/null 2>&1
  if ! apt-get install -y -qq --reinstall --no-install-recommends "$deb" > "$tmp/install.log" 2>&1; then
    echo "check-deb: FAILED: apt-get install $deb"
    sed 's/^/  | /' "$tmp/install.log"
    exit 1
  fi
fi
echo "check-deb: ok: apt-get install $(basename "$deb")"

# What the package put where, as the system sees it.
for path in /usr/bin/motcua /usr/bin/motcua-cli \
            /usr/share/applications/org.motcua.Desk.desktop \
            /usr/share/metainfo/org.motcua.Desk.metainfo.xml \
            /usr/share/icons/hicolor/scalable/apps/org.motcua.Desk.svg \
            /usr/share/locale/vi/LC_MESSAGES/motcua.mo \
            /usr/share/motcua/catalogue/procedures.json; do
  step "package installs $path" test -s "$path"
done

run_clean ()
{
  # No overrides left from the caller: the installed program finds everything by itself.
  env -u MOTCUA_LOCALEDIR -u GSETTINGS_SCHEMA_DIR -u XDG_DATA_DIRS -u DISPLAY -u WAYLAND_DISPLAY \
      -u MOTCUA_DB LANG=C.UTF-8 "$@"
}

run_clean /usr/bin/motcua-cli --help > "$tmp/help" 2>&1
step "motcua-cli --help from /usr/bin" contains "$tmp/help" "motcua-cli [--db PATH]"
version=$(dpkg-query -W -f='${Version}' motcua)
run_clean /usr/bin/motcua --version > "$tmp/app-version" 2>&1
step "motcua --version finds its schema compiled by the package's trigger" \
  contains "$tmp/app-version" "motcua ${version%-*}"

db=$tmp/desk.db
run_clean /usr/bin/motcua-cli --db "$db" receive --procedure 1.004222 --name "Nguyễn Văn Ấn" \
  --id-number 008090001234 --document ct01 --received "2026-03-02 10:00" --json > "$tmp/received" 2>&1
code=$(sed -n 's/^[[:space:]]*"code":[[:space:]]*"\([^"]*\)".*/\1/p' "$tmp/received" | head -n1)
step "motcua-cli receives a dossier" test -n "$code"
run_clean LANGUAGE=vi /usr/bin/motcua-cli --db "$db" show "$code" > "$tmp/show" 2>&1
step "motcua-cli shows it in Vietnamese from /usr/share/locale" contains "$tmp/show" "Hồ sơ $code"
step "the database is sound" run_clean /usr/bin/motcua-cli --db "$db" check

echo "check-deb: took $((SECONDS - start)) s"
((failed == 0))
