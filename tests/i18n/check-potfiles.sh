#!/usr/bin/env bash
# check-potfiles.sh SOURCE_ROOT — po/POTFILES.in names every file with translatable strings.
#
# A source file missing from POTFILES.in is the usual way a message silently stays English: its
# strings never reach the .pot, so no translator sees them and no test notices. This check lists
# every C file under src/ that calls _(), N_(), C_(), NC_() or g_dngettext() and the like, and
# every GtkBuilder template under ui/ with translatable="yes", and fails naming each one
# POTFILES.in lacks; it also fails on listed files that no longer exist (xgettext would stop).

set -uo pipefail

if (($# != 1)); then
  echo "usage: $0 SOURCE_ROOT" >&2
  exit 2
fi
srcdir=$1
potfiles=$srcdir/po/POTFILES.in

if [[ ! -f $potfiles ]]; then
  echo "not ok: $potfiles does not exist"
  exit 1
fi

cd "$srcdir" || exit 1

# The files POTFILES.in lists: comments and blank lines dropped, surrounding spaces trimmed.
mapfile -t listed < <(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
                          -e '/^$/d' po/POTFILES.in | sort -u)

# The files with translatable strings: the gettext macros and GLib's plural and context
# functions. The character before a macro must not be part of an identifier, so g_strdup_( or
# MC_( are not mistaken for gettext calls.
gettext_call='(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|g_dcgettext|g_dpgettext2)[[:space:]]*\('
mapfile -t needed < <(
  {
    if [[ -d src ]]; then
      find src -type f \( -name '*.c' -o -name '*.h' \) -print0 |
        xargs -0 -r grep -lE "$gettext_call"
    fi
    if [[ -d ui ]]; then
      find ui -type f -name '*.ui' -print0 | xargs -0 -r grep -l 'translatable="yes"'
    fi
  } | sort -u)

status=0

for file in "${listed[@]}"; do
  if [[ ! -f $file ]]; then
    echo "not ok: po/POTFILES.in lists $file, which does not exist"
    status=1
  fi
done

for file in "${needed[@]}"; do
  found=0
  for entry in "${listed[@]}"; do
    if [[ $entry == "$file" ]]; then
      found=1
      break
    fi
  done
  if ((found == 0)); then
    echo "not ok: $file has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done

if ((status == 0)); then
  echo "ok: po/POTFILES.in lists all ${#needed[@]} files with translatable strings"
fi
exit $status
