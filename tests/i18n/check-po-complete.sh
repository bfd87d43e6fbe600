#!/usr/bin/env bash
# check-po-complete.sh SOURCE_ROOT LANG XGETTEXT MSGCMP MSGFMT MSGMERGE MSGATTRIB
# — po/LANG.po translates every message of the sources, none fuzzy, with matching printf formats.
#
# The clerks read Vietnamese: an untranslated or fuzzy message shows up in English at the
# counter, and a translation whose %s count differs from the source's crashes or prints garbage.
# So the messages are extracted afresh from the files in po/POTFILES.in into a temporary .pot
# (with the keywords the real .pot is made with), and then: msgfmt -c checks the .po itself;
# msgcmp fails on every source message the .po lacks, leaves untranslated or marks fuzzy; a
# merge with the fresh .pot followed by msgfmt -c checks each translation's format directives
# against the source's (the c-format flags come from xgettext, so a .po entry without the flag
# is still checked). The messages that lack a translation are printed with their source
# location. Entries of the .po that the sources no longer use are reported, not failed.

set -uo pipefail

if (($# != 7)); then
  echo "usage: $0 SOURCE_ROOT LANG XGETTEXT MSGCMP MSGFMT MSGMERGE MSGATTRIB" >&2
  exit 2
fi
srcdir=$1
lang=$2
xgettext=$3
msgcmp=$4
msgfmt=$5
msgmerge=$6
msgattrib=$7

# The tools' own messages are parsed by nobody but read by people: keep them in English.
export LC_ALL=C.UTF-8
unset LANGUAGE

po=$srcdir/po/$lang.po
if [[ ! -f $po ]]; then
  echo "not ok: $po does not exist"
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pot=$tmp/messages.pot

# The keywords and flags of meson's "glib" preset, which po/meson.build uses to make the real
# .pot: g_dngettext for plurals, and the flags that mark printf-style strings as c-format.
xgettext_args=(
  --from-code=UTF-8
  -k_ -kN_ '-kC_:1c,2' '-kNC_:1c,2'
  --keyword=g_dcgettext:2 '--keyword=g_dngettext:2,3' '--keyword=g_dpgettext2:2c,3'
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format
  --flag=g_dngettext:2:pass-c-format
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format
  --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format
  --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format
  --flag=g_log:3:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format
  --flag=g_snprintf:3:c-format
)

if ! "$xgettext" "${xgettext_args[@]}" \
       --directory="$srcdir" --files-from="$srcdir/po/POTFILES.in" \
       --output="$pot"; then
  echo "not ok: xgettext could not extract the messages of the files in po/POTFILES.in"
  exit 1
fi

if [[ ! -f $pot ]]; then
  # xgettext writes nothing when there is nothing to translate.
  echo "ok: the files in po/POTFILES.in have no translatable strings"
  exit 0
fi

status=0

if ! "$msgfmt" --check --output-file=/dev/null "$po"; then
  echo "not ok: msgfmt --check rejects po/$lang.po"
  status=1
fi

if grep -n '^#,.*\bfuzzy\b' "$po"; then
  echo "not ok: po/$lang.po has fuzzy entries (lines above): review them and drop the flag"
  status=1
fi

merged=$tmp/merged.po
if ! "$msgmerge" --quiet --no-fuzzy-matching --output-file="$merged" "$po" "$pot"; then
  echo "not ok: msgmerge could not merge po/$lang.po with the messages of the sources"
  exit 1
fi

# msgcmp decides. Its own report points into the temporary .pot, so show the merged entries
# instead: untranslated ones, and fuzzy ones (the merge also marks fuzzy a translation whose
# format directives do not match the source's).
if ! "$msgcmp" "$po" "$pot" > "$tmp/msgcmp.log" 2>&1; then
  {
    "$msgattrib" --untranslated --no-obsolete --no-wrap "$merged"
    "$msgattrib" --only-fuzzy --no-obsolete --no-wrap "$merged"
  } | sed -n '/^#:/,/^$/p' > "$tmp/lacking.po"
  count=$(grep -c '^msgid ' "$tmp/lacking.po" || true)
  echo "not ok: po/$lang.po lacks a usable translation for $count messages of the sources"
  echo "(untranslated, fuzzy, or with format directives unlike the source's):"
  cat "$tmp/lacking.po"
  status=1
fi

# Warnings about the header were shown for the .po itself above; here only the entries matter.
if ! "$msgfmt" --check --output-file=/dev/null "$merged" 2> "$tmp/msgfmt.log"; then
  grep -v 'warning: header field' "$tmp/msgfmt.log"
  echo "not ok: translations in po/$lang.po do not match the format directives of the sources"
  status=1
fi

# Reverse comparison: what the .po has that the sources no longer do. Informative only.
stale=$("$msgcmp" --use-untranslated --use-fuzzy "$pot" "$po" 2>&1 |
          grep -c 'this message is used but not defined' || true)
if ((stale > 0)); then
  echo "note: po/$lang.po has $stale entries that the sources no longer use"
fi

total=$(grep -c '^msgid ' "$pot")
total=$((total - 1)) # the header entry
if ((status == 0)); then
  echo "ok: po/$lang.po translates all $total messages of the sources"
fi
exit $status
