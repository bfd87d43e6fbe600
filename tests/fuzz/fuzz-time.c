/* fuzz-time.c — dates and times as they come from the command line, files and the portal:
 * mc_day_parse ("2025-11-24", "24/11/2025"), mc_time_parse_local ("2025-11-24 10:00"),
 * mc_time_parse_portal ("20251124100000") and mc_clock_parse ("15:00"). Each line of the
 * input is tried as all four.
 *
 * Beyond not crashing: what is accepted is a real day of years 1 to 9999, and the
 * project's own written forms of it (mc_day_format, mc_time_format_local / _iso /
 * _portal, mc_clock_format) read back to the same day or moment.
 */
#include "config.h"

#include "fuzz-common.h"
#include "mc-time.h"

static void
check_day (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *vi = NULL;
  McDay day, again;
  int y, m, d;
  gboolean ok = mc_day_parse (text, &day, &error);

  fuzz_check_outcome (ok, error, "mc_day_parse");
  if (!ok)
    return;
  mc_day_to_ymd (day, &y, &m, &d);
  if (!mc_day_is_valid_ymd (y, m, d) || mc_day_from_ymd (y, m, d) != day)
    g_error ("“%s” was read as a day that does not exist", text);

  iso = mc_day_format (day);
  vi = mc_day_format_vi (day);
  if (!mc_day_parse (iso, &again, &error) || again != day)
    g_error ("“%s” is written “%s”, which does not read back", text, iso);
  if (!mc_day_parse (vi, &again, &error) || again != day)
    g_error ("“%s” is written “%s”, which does not read back", text, vi);
}

static void
check_written_time (const char *text,
                    McTime      t,
                    char     *(*format) (McTime),
                    gboolean  (*parse) (const char *, McTime *, GError **),
                    gboolean    to_the_minute)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *written = format (t);
  McTime again;

  if (!parse (written, &again, &error))
    g_error ("“%s” is written “%s”, which does not read back: %s", text, written, error->message);
  if (again != (to_the_minute ? t - mc_time_local_seconds (t) % 60 : t))
    g_error ("“%s” is written “%s”, which reads back as another moment", text, written);
}

static void
check_time (const char *text,
            gboolean  (*parse) (const char *, McTime *, GError **),
            const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *slip = NULL;
  McTime t;
  gboolean ok = parse (text, &t, &error);

  fuzz_check_outcome (ok, error, what);
  if (!ok || t == MC_TIME_NONE)
    return;
  if (mc_time_local_day (t) < mc_day_from_ymd (1, 1, 1) ||
      mc_time_local_day (t) > mc_day_from_ymd (9999, 12, 31))
    g_error ("“%s” was read as a moment outside years 1 to 9999", text);
  check_written_time (text, t, mc_time_format_local, mc_time_parse_local, TRUE);
  check_written_time (text, t, mc_time_format_iso, mc_time_parse_local, FALSE);
  check_written_time (text, t, mc_time_format_portal, mc_time_parse_portal, FALSE);
  slip = mc_time_format_slip (t);
  fuzz_check_text (slip, "the slip's form of a time");
}

static void
check_clock (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  int seconds, again;
  gboolean ok = mc_clock_parse (text, &seconds, &error);

  fuzz_check_outcome (ok, error, "mc_clock_parse");
  if (!ok)
    return;
  if (seconds < 0 || seconds > 24 * 3600 || seconds % 60 != 0)
    g_error ("“%s” was read as %d seconds of the day", text, seconds);
  written = mc_clock_format (seconds);
  if (!mc_clock_parse (written, &again, &error) || again != seconds)
    g_error ("“%s” is written “%s”, which does not read back", text, written);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 8);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      check_day (lines[i]);
      check_time (lines[i], mc_time_parse_local, "mc_time_parse_local");
      check_time (lines[i], mc_time_parse_portal, "mc_time_parse_portal");
      check_clock (lines[i]);
    }
  return 0;
}
