#!/usr/bin/env bash
# run.sh — build Một Cửa Desk in build/ and show it working (the README's "run" command).
#
# Installs what is missing, configures build/ (or reconfigures it when it exists) and builds.
# Until the desk's window exists, "running it" means a short session with motcua-cli on a demo
# database: the office settings, one dossier received over the counter (its code and
# appointment), the dossiers due soon, and this year's days off. The demo database lives at
# ${XDG_DATA_HOME:-~/.local/share}/motcua/demo.db, or wherever $MOTCUA_DEMO_DB says. Running it
# again is harmless: settings are set to the same values, and the sample dossier is received only
# once (found again by the applicant's ID number), so the demo never piles up duplicates.

set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir"

"$srcdir/build-aux/install-deps.sh"

if [[ -f build/meson-private/coredata.dat ]]; then
  meson setup --reconfigure build
else
  meson setup build
fi
meson compile -C build

cli=$srcdir/build/src/cli/motcua-cli
# Vietnamese first: the uninstalled build's translations, unless the caller chose a language.
export MOTCUA_LOCALEDIR=$srcdir/build/po
export LANG=${LANG:-C.UTF-8}
[[ $LANG == C || $LANG == POSIX ]] && export LANG=C.UTF-8
export LANGUAGE=${LANGUAGE:-vi}
db=${MOTCUA_DEMO_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/motcua/demo.db}
mkdir -p "$(dirname "$db")"

# The sample applicant. A valid citizen ID: 008 Tuyên Quang, 0 a man born in the 1900s, 90 the
# year of birth (1990), then a sequence.
applicant_name="Nguyễn Văn Ấn"
applicant_id=008090001234
applicant_phone=0912345678
procedure=1.004222 # Đăng ký thường trú, 7 working days

mc ()
{
  "$cli" --db "$db" "$@"
}

heading ()
{
  printf '\n== %s ==\n' "$*"
}

heading "Demo database: $db"

heading "Office settings"
mc settings set office.name "Bộ phận Một cửa UBND xã Minh Tân"
mc settings set office.parent-agency "UBND tỉnh Tuyên Quang"
mc settings set office.agency-code "000.00.16.H04"
mc settings set office.address "Thôn Nà Nưa, xã Minh Tân, tỉnh Tuyên Quang"

heading "A dossier received at the counter"
# Received once; on later runs the same dossier is found again by the applicant's ID number.
code=$(mc search "$applicant_id" --json | jq -r '.dossiers[0].code // empty')
if [[ -z $code ]]; then
  dossier=$(mc receive --procedure "$procedure" --name "$applicant_name" \
                       --id-number "$applicant_id" --phone "$applicant_phone" \
                       --all-mandatory --json)
  echo "Received now."
else
  dossier=$(mc show "$code" --json)
  echo "Received on an earlier run of this demo."
fi
jq -r '
  "Dossier code:  \(.code)",
  "Procedure:     \(.procedure_code) \(.procedure_name) (\(.time_limit_description))",
  "Applicant:     \(.applicant_name) (\(.id_number))",
  "Received at:   \(.received_at)",
  "Appointment:   \(.due_at_slip)"' <<<"$dossier"
code=$(jq -r '.code' <<<"$dossier")

heading "Why that appointment"
mc show "$code" --json | jq -r '.explanation // empty'

heading "Dossiers due soon"
mc list --due-soon

heading "Days off in $(date +%Y)"
mc calendar holidays "$(date +%Y)"
