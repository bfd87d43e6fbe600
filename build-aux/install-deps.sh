#!/usr/bin/env bash
# install-deps.sh — install the Debian 12 packages that building, running and testing Một Cửa Desk
# need, and nothing when they are all there already.
#
# Run by build-aux/run.sh and build-aux/test.sh before every build, so a fresh machine (or CI on a
# new one) gets what the project needs from the project's own files. It asks dpkg first and only
# touches apt when something is missing, so it stays quiet and fast on a ready machine. As root it
# installs; as anyone else it prints the command to run with sudo and fails, rather than half-work.
# dbus-x11 is refused on purpose: it makes every GTK process start its own session bus, which
# breaks the one-bus-per-test set-up of the UI tests.

set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev
  libsqlite3-dev libcurl4-openssl-dev libcjson-dev libqrencode-dev
  libsoup-3.0-dev
  libxlsxwriter-dev
  gettext
  xvfb xauth dbus
  appstream desktop-file-utils
  zbar-tools poppler-utils imagemagick xdotool
  fonts-dejavu-core fonts-liberation2
  jq python3
  clang libclang-rt-14-dev valgrind
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  if [[ $status != "install ok installed" ]]; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

# "dbus-x11-" (trailing minus) tells apt to keep dbus-x11 out even if something recommends it.
install_args=(install -y --no-install-recommends "${missing[@]}" dbus-x11-)

if ((EUID != 0)); then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "Run:" >&2
  echo "  sudo apt-get update && sudo apt-get ${install_args[*]}" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get "${install_args[@]}" -qq
