/* mc-time.h — days and moments, in Vietnam's local time.
 *
 * A McDay counts days since 1970-01-01 in the proleptic Gregorian calendar; a McTime is a
 * Unix time in seconds. Vietnam keeps UTC+7 all year (no daylight saving), so the local
 * day and clock of a moment are plain arithmetic, the same on every desk whatever the
 * machine's time zone.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint32 McDay;
typedef gint64 McTime;

#define MC_LOCAL_UTC_OFFSET (7 * 3600)
#define MC_SECONDS_PER_DAY  (24 * 3600)
/* "No moment": a dossier without statutory time has no due date. */
#define MC_TIME_NONE        G_MININT64

McDay    mc_day_from_ymd              (int          year,
                                       int          month,
                                       int          mday);
void     mc_day_to_ymd                (McDay        day,
                                       int         *year,
                                       int         *month,
                                       int         *mday);
/* ISO weekday: 1 = Monday … 7 = Sunday. */
int      mc_day_weekday               (McDay        day);
gboolean mc_day_is_valid_ymd          (int          year,
                                       int          month,
                                       int          mday);
int      mc_days_in_month             (int          year,
                                       int          month);
/* "YYYY-MM-DD" (also "DD/MM/YYYY"). */
gboolean mc_day_parse                 (const char  *text,
                                       McDay       *out,
                                       GError     **error);
char    *mc_day_format                (McDay        day);          /* YYYY-MM-DD */
char    *mc_day_format_vi             (McDay        day);          /* dd/MM/yyyy */

McDay    mc_time_local_day            (McTime       t);
/* Seconds since local midnight, 0 … 86399. */
int      mc_time_local_seconds        (McTime       t);
McTime   mc_time_from_local           (McDay        day,
                                       int          seconds_of_day);
/* "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]" in local time. */
gboolean mc_time_parse_local          (const char  *text,
                                       McTime      *out,
                                       GError     **error);
/* "yyyyMMddHHmmss", the portal's form; "" is MC_TIME_NONE. */
gboolean mc_time_parse_portal         (const char  *text,
                                       McTime      *out,
                                       GError     **error);
char    *mc_time_format_local         (McTime       t);   /* YYYY-MM-DD HH:MM */
char    *mc_time_format_iso           (McTime       t);   /* YYYY-MM-DDTHH:MM:SS+07:00 */
char    *mc_time_format_portal        (McTime       t);   /* yyyyMMddHHmmss, "" for NONE */
char    *mc_time_format_slip          (McTime       t);   /* "HH giờ mm phút, ngày dd/MM/yyyy" */
McTime   mc_time_now                  (void);

/* "HH:MM" → seconds of day. */
gboolean mc_clock_parse               (const char  *text,
                                       int         *seconds_of_day,
                                       GError     **error);
char    *mc_clock_format              (int          seconds_of_day);

G_END_DECLS
