#!/usr/bin/env bash
# build-deb.sh [--output DIR] — build the Debian packages of Một Cửa Desk (source and binary)
# from this tree with dpkg-buildpackage, outside the tree.
#
# The tree as it stands (git's tracked and untracked-but-not-ignored files, so work not yet
# committed is packaged too; every file but build directories without git) is copied into a
# fresh temporary directory, an orig tarball is made from it without debian/ (the package is
# "3.0 (quilt)" with Debian revision -1), and `dpkg-buildpackage -us -uc` runs there, so none of
# debhelper's files, obj-* directories or packages ever land in the source tree. The build
# dependencies come from debian/control itself: dpkg-checkbuilddeps asks first, and only when
# something is missing does apt-get build-dep install it (as root; otherwise the command to run
# is printed and the script fails). With --output the packages, the source package and the build
# logs are copied into DIR and the temporary directory is removed; without it the temporary
# directory is kept and named. The last line printed names the binary package.

set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
output=

while (($# > 0)); do
  case $1 in
    --output)
      output=${2:?--output needs a directory}
      shift 2
      ;;
    --output=*)
      output=${1#--output=}
      shift
      ;;
    *)
      echo "usage: $0 [--output DIR]" >&2
      exit 2
      ;;
  esac
done
if [[ -n $output ]]; then
  mkdir -p "$output"
  output=$(cd "$output" && pwd)
fi

export DEBIAN_FRONTEND=noninteractive
export LC_ALL=C.UTF-8

# dpkg-dev reads the changelog and checks the build dependencies; nothing works without it.
if ! command -v dpkg-parsechangelog > /dev/null || ! command -v dpkg-checkbuilddeps > /dev/null; then
  if ((EUID != 0)); then
    echo "build-deb: dpkg-dev is missing. Run: sudo apt-get install --no-install-recommends dpkg-dev" >&2
    exit 1
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends dpkg-dev
fi

name=$(dpkg-parsechangelog -l "$srcdir/debian/changelog" -S Source)
version=$(dpkg-parsechangelog -l "$srcdir/debian/changelog" -S Version)
upstream=${version%-*}
arch=$(dpkg-architecture -q DEB_HOST_ARCH)

work=$(mktemp -d "${TMPDIR:-/tmp}/$name-deb.XXXXXX")
if [[ -n $output ]]; then
  trap 'rm -rf "$work"' EXIT
fi
tree=$work/$name-$upstream
mkdir -p "$tree"

# The files of the project, without build output and without debian/ (added after the orig
# tarball is made). Paths git still lists but that were deleted in the working tree are left out.
if git -C "$srcdir" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  git -C "$srcdir" ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' path; do
      [[ $path == debian/* || $path == obj-* ]] && continue
      [[ -e $srcdir/$path || -L $srcdir/$path ]] && printf '%s\0' "$path"
    done |
    tar -C "$srcdir" --null --files-from=- -cf - | tar -C "$tree" -xf -
else
  tar -C "$srcdir" --exclude='./build*' --exclude=./build-aux --exclude='./_build*' \
      --exclude='./obj-*' --exclude=./debian --exclude=./.git -cf - . | tar -C "$tree" -xf -
  tar -C "$srcdir" -cf - build-aux | tar -C "$tree" -xf -
fi

# Sorted names, no owner: the same tree gives the same tarball.
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner \
    -cJf "$work/${name}_$upstream.orig.tar.xz" "$name-$upstream"

# debian/ without debhelper's leftovers from a build someone may have run in the tree.
tar -C "$srcdir" --exclude=debian/.debhelper --exclude="debian/$name" --exclude=debian/files \
    --exclude='debian/*.substvars' --exclude=debian/debhelper-build-stamp \
    --exclude='debian/*.debhelper.log' -cf - debian | tar -C "$tree" -xf -

cd "$tree"
if ! dpkg-checkbuilddeps > /dev/null 2>&1; then
  if ((EUID != 0)); then
    dpkg-checkbuilddeps || true
    echo "build-deb: build dependencies are missing. Run:" >&2
    echo "  sudo apt-get build-dep --no-install-recommends $srcdir" >&2
    exit 1
  fi
  echo "build-deb: installing the build dependencies of debian/control" >&2
  apt-get update -qq
  apt-get build-dep -y -qq --no-install-recommends "$tree" > /dev/null
fi

jobs=$(nproc 2> /dev/null || echo 1)
export DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-parallel=$jobs}"
echo "build-deb: dpkg-buildpackage in $tree (log: $work/build.log)" >&2
if ! dpkg-buildpackage -us -uc > "$work/build.log" 2>&1; then
  tail -n 60 "$work/build.log" >&2
  echo "build-deb: dpkg-buildpackage failed; full log: $work/build.log" >&2
  [[ -n $output ]] && cp "$work/build.log" "$output/"
  exit 1
fi

deb=${name}_${version}_$arch.deb
if [[ -n $output ]]; then
  cp "$work"/*.deb "$work"/*.dsc "$work"/*.tar.* "$work"/*.buildinfo "$work"/*.changes \
     "$work/build.log" "$output/"
  echo "$output/$deb"
else
  echo "$work/$deb"
fi
