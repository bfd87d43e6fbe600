#!/usr/bin/env bash
# update-po.sh [FRAGMENT.po …] — brings po/vi.po up to date with the sources.
#
# Extracts the messages of every file in po/POTFILES.in with the same xgettext keywords and
# flags as meson's "glib" preset (the ones tests/i18n/check-po-complete.sh uses), merges vi.po
# with them, and takes the translations of new messages from the given fragment files (what a
# developer wrote next to new code). Prints the messages still untranslated; exits 1 if any.
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
po=$srcdir/po/vi.po
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

xgettext --from-code=UTF-8 \
  -k_ -kN_ '-kC_:1c,2' '-kNC_:1c,2' \
  --keyword=g_dcgettext:2 '--keyword=g_dngettext:2,3' '--keyword=g_dpgettext2:2c,3' \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
  --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
  --flag=g_log:3:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
  --flag=g_snprintf:3:c-format \
  --package-name=motcua --msgid-bugs-address=https://example.org/motcua/issues \
  --directory="$srcdir" --files-from="$srcdir/po/POTFILES.in" --output="$tmp/motcua.pot"

# Translations known so far: vi.po first (reviewed), then the fragments for what is new.
cp "$po" "$tmp/known.po"
if (($# > 0)); then
  msgcat --use-first --output-file="$tmp/known.po" "$po" "$@"
fi
msgmerge --quiet --no-fuzzy-matching --lang=vi --output-file="$tmp/vi.po" "$tmp/known.po" "$tmp/motcua.pot"
msgattrib --no-obsolete --output-file="$po" "$tmp/vi.po"

untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
# msgattrib prints the header's empty msgid too when anything is listed
if ((untranslated > 1)); then
  echo "update-po: $((untranslated - 1)) messages untranslated:" >&2
  msgattrib --untranslated --no-obsolete "$po" | grep -A1 '^msgid ' | grep -v '^msgid ""$' >&2 || true
  exit 1
fi
echo "update-po: po/vi.po complete ($(grep -c '^msgid ' "$po") messages)"
