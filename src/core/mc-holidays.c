/* mc-holidays.c — the official days off of each year, computed from two JSON documents.
 *
 * The rules document (data/calendar/holiday-rules.json) says what the Labour Code grants
 * and from which year to which: fixed solar days, lunar days, Tết around lunar New Year,
 * the day next to National Day, and the compensatory rule.  The announcements document
 * (data/calendar/announcements.json) says what the government announced for a given year:
 * the exact Tết days, the chosen day next to 2 September, extra days off from a day swap
 * and the Saturdays worked in exchange.  Both are validated whole when loaded, so that a
 * typing mistake in a legal calendar is refused with the place named rather than silently
 * shifting deadlines.  A McHolidayRules never changes after it is built; the days of a
 * year are computed on demand from it, without caches, so it can be shared freely
 * between threads.  See data/calendar/README.md for the formats and sources.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <gio/gio.h>

#include "data/mc-data-resources.h"
#include "mc-error.h"
#include "mc-holidays.h"
#include "mc-i18n.h"
#include "mc-lunar.h"

#define RULES_RESOURCE         "/org/motcua/Desk/data/calendar/holiday-rules.json"
#define ANNOUNCEMENTS_RESOURCE "/org/motcua/Desk/data/calendar/announcements.json"
#define FORMAT_VERSION         1
#define FIRST_YEAR             1900
#define LAST_YEAR              2199

/* Names used when the data gives none. */
#define DEFAULT_TET_NAME          "Tết Nguyên đán"
#define DEFAULT_TET_COMP_NAME     "Nghỉ bù Tết Nguyên đán"
#define DEFAULT_ADJACENT_NAME     "Quốc khánh (ngày liền kề 2/9)"

typedef enum
{
  RULE_SOLAR,
  RULE_LUNAR,
  RULE_TET,
  RULE_ADJACENT,
} RuleKind;

typedef struct
{
  RuleKind  kind;
  char     *name;                /* owned */
  char     *compensatory_name;   /* owned: "Nghỉ bù " + name */
  int       from_year;
  int       until_year;          /* G_MAXINT when open-ended */
  int       month;               /* solar or lunar month; for "adjacent" the anchor's */
  int       day;
  int       days_before;         /* tet */
  int       days_from_new_year;  /* tet */
} Rule;

typedef struct
{
  Rule *rules;
  guint n_rules;
  int   compensatory_from;      /* G_MAXINT when the document has no compensatory rule */
} RuleSet;

typedef struct
{
  McDay         day;
  McDayOffKind  kind;
  char         *name;   /* owned; NULL: the rule's name */
} AnnouncedDay;

typedef struct
{
  int       year;
  gboolean  confirmed;
  GArray   *tet;          /* AnnouncedDay, NULL when the year's Tết was not announced */
  gboolean  has_adjacent;
  McDay     adjacent;
  GArray   *days_off;     /* AnnouncedDay */
  GArray   *working;      /* AnnouncedDay */
} Announcement;

struct _McHolidayRules
{
  gatomicrefcount  ref_count;
  RuleSet         *rules;          /* shared, atomic rc box */
  GPtrArray       *announcements;  /* Announcement, each a shared atomic rc box; sorted by year */
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* One day while a year is being computed. */
typedef struct
{
  McDay         day;
  McDayOffKind  kind;
  const char   *name;
  const char   *compensatory_name;  /* NULL: this day gives no compensatory day */
} Entry;

/* ------------------------------------------------------------------------------------ */
/* Lifetime                                                                             */

static void
rule_set_clear (gpointer data)
{
  RuleSet *set = data;

  for (guint i = 0; i < set->n_rules; i++)
    {
      g_free (set->rules[i].name);
      g_free (set->rules[i].compensatory_name);
    }
  g_free (set->rules);
}

static void
announced_day_clear (gpointer data)
{
  AnnouncedDay *day = data;

  g_clear_pointer (&day->name, g_free);
}

static GArray *
announced_days_new (void)
{
  GArray *days = g_array_new (FALSE, TRUE, sizeof (AnnouncedDay));

  g_array_set_clear_func (days, announced_day_clear);
  return days;
}

static void
announcement_clear (gpointer data)
{
  Announcement *a = data;

  g_clear_pointer (&a->tet, g_array_unref);
  g_clear_pointer (&a->days_off, g_array_unref);
  g_clear_pointer (&a->working, g_array_unref);
}

static void
announcement_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, announcement_clear);
}

static McHolidayRules *
holiday_rules_new (RuleSet   *rules,
                   GPtrArray *announcements)
{
  McHolidayRules *self = g_new0 (McHolidayRules, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->rules = rules;
  self->announcements = announcements;
  return self;
}

McHolidayRules *
mc_holiday_rules_ref (McHolidayRules *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mc_holiday_rules_unref (McHolidayRules *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_atomic_rc_box_release_full (self->rules, rule_set_clear);
      g_ptr_array_unref (self->announcements);
      g_free (self);
    }
}

/* ------------------------------------------------------------------------------------ */
/* Reading JSON with the place named                                                    */

static char *
path_member (const char *path,
             const char *key)
{
  return *path ? g_strdup_printf ("%s.%s", path, key) : g_strdup (key);
}

static char *
path_index (const char *path,
            int         index)
{
  return g_strdup_printf ("%s[%d]", path, index);
}

static cJSON *
parse_document (const char  *text,
                gboolean     is_rules,
                GError     **error)
{
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithOpts (text, &end, TRUE);

  if (root == NULL)
    {
      int line = 1;
      int column = 1;
      const char *stop = end != NULL ? end : text + strlen (text);

      for (const char *p = text; p < stop && *p; p++)
        {
          if (*p == '\n')
            {
              line++;
              column = 1;
            }
          else if (((guchar) *p & 0xC0) != 0x80)
            column++;
        }
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   is_rules
                     ? _("The holiday rules are not valid JSON (near line %d, column %d)")
                     : _("The holiday announcements are not valid JSON (near line %d, column %d)"),
                   line, column);
    }
  return root;
}

/* Refuses members other than @allowed (NULL-terminated): a misspelt key in a legal
 * calendar must not be ignored silently. */
static gboolean
check_members (const cJSON         *object,
               const char          *path,
               const char * const  *allowed,
               GError             **error)
{
  const cJSON *child;

  cJSON_ArrayForEach (child, object)
    {
      if (child->string == NULL || !g_strv_contains (allowed, child->string))
        {
          /* The key is the file's, not ours: it may be any bytes, and the message is shown. */
          g_autofree char *key = g_utf8_make_valid (child->string ? child->string : "?", -1);
          g_autofree char *place = path_member (path, key);

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("%s is not a known field"), place);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
expect_object (const cJSON  *node,
               const char   *path,
               GError      **error)
{
  if (!cJSON_IsObject (node))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: expected an object"), *path ? path : "/");
      return FALSE;
    }
  return TRUE;
}

/* The member @key of @object, or NULL (with error when @required). */
static const cJSON *
get_member (const cJSON  *object,
            const char   *path,
            const char   *key,
            gboolean      required,
            GError      **error)
{
  const cJSON *member = cJSON_GetObjectItemCaseSensitive (object, key);

  if (member == NULL && required)
    {
      g_autofree char *place = path_member (path, key);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING,
                   _("%s is missing"), place);
    }
  return member;
}

static gboolean
read_int (const cJSON  *object,
          const char   *path,
          const char   *key,
          gboolean      required,
          int           min,
          int           max,
          int          *out,
          GError      **error)
{
  const cJSON *member = get_member (object, path, key, required, error);
  g_autofree char *place = NULL;

  if (member == NULL)
    return !required;

  place = path_member (path, key);
  /* floor, not a cast: a number beyond any integer type ("1e999" is infinity) must be
   * refused by the range check below, not converted first. */
  if (!cJSON_IsNumber (member) || member->valuedouble != floor (member->valuedouble))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: expected a whole number"), place);
      return FALSE;
    }
  if (member->valuedouble < min || member->valuedouble > max)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("%s: %.0f is out of range (%d to %d)"), place, member->valuedouble, min, max);
      return FALSE;
    }
  *out = (int) member->valuedouble;
  return TRUE;
}

static gboolean
read_bool (const cJSON  *object,
           const char   *path,
           const char   *key,
           gboolean     *out,
           GError      **error)
{
  const cJSON *member = get_member (object, path, key, TRUE, error);

  if (member == NULL)
    return FALSE;
  if (!cJSON_IsBool (member))
    {
      g_autofree char *place = path_member (path, key);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: expected true or false"), place);
      return FALSE;
    }
  *out = cJSON_IsTrue (member);
  return TRUE;
}

static gboolean
text_is_blank (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* A string member; *out is borrowed from the document (NULL when absent and optional). */
static gboolean
read_string (const cJSON  *object,
             const char   *path,
             const char   *key,
             gboolean      required,
             const char  **out,
             GError      **error)
{
  const cJSON *member = get_member (object, path, key, required, error);
  g_autofree char *place = NULL;

  *out = NULL;
  if (member == NULL)
    return !required;

  place = path_member (path, key);
  if (!cJSON_IsString (member))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: expected text"), place);
      return FALSE;
    }
  if (!g_utf8_validate (member->valuestring, -1, NULL) || text_is_blank (member->valuestring))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("%s: the text is empty or not UTF-8"), place);
      return FALSE;
    }
  *out = member->valuestring;
  return TRUE;
}

/* A day written exactly YYYY-MM-DD that exists in the calendar. */
static gboolean
read_date (const cJSON  *object,
           const char   *path,
           const char   *key,
           McDay        *out,
           GError      **error)
{
  const char *text;
  g_autofree char *place = NULL;
  int year, month, mday;
  char tail;

  if (!read_string (object, path, key, TRUE, &text, error))
    return FALSE;

  place = path_member (path, key);
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &mday, &tail) != 3
      || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[8]))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: “%s” is not a date written YYYY-MM-DD"), place, text);
      return FALSE;
    }
  if (!mc_day_is_valid_ymd (year, month, mday))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("%s: %s is not a day of the calendar"), place, text);
      return FALSE;
    }
  if (year < FIRST_YEAR || year > LAST_YEAR)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE,
                   _("%s: %s is outside the years %d to %d"), place, text, FIRST_YEAR, LAST_YEAR);
      return FALSE;
    }
  *out = mc_day_from_ymd (year, month, mday);
  return TRUE;
}

static gboolean
read_format (const cJSON  *root,
             GError      **error)
{
  int format = 0;

  if (!read_int (root, "", "format", TRUE, 0, G_MAXINT, &format, error))
    return FALSE;
  if (format != FORMAT_VERSION)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("format: version %d is not supported (this program reads version %d)"),
                   format, FORMAT_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------ */
/* The rules document                                                                   */

static gboolean
parse_rule (const cJSON  *node,
            const char   *path,
            const char   *compensatory_prefix,
            Rule         *rule,
            GError      **error)
{
  static const char * const solar_keys[] = { "id", "kind", "name", "month", "day", "from", "until", "source", "note", NULL };
  static const char * const tet_keys[] = { "id", "kind", "name", "days_before", "days_from_new_year", "from", "until", "source", "note", NULL };
  const char *kind;
  const char *name;
  const char *id;

  if (!expect_object (node, path, error)
      || !read_string (node, path, "kind", TRUE, &kind, error))
    return FALSE;

  if (g_str_equal (kind, "solar"))
    rule->kind = RULE_SOLAR;
  else if (g_str_equal (kind, "lunar"))
    rule->kind = RULE_LUNAR;
  else if (g_str_equal (kind, "tet"))
    rule->kind = RULE_TET;
  else if (g_str_equal (kind, "adjacent"))
    rule->kind = RULE_ADJACENT;
  else
    {
      g_autofree char *place = path_member (path, "kind");

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("%s: “%s” is not a known kind (solar, lunar, tet, adjacent)"), place, kind);
      return FALSE;
    }

  if (!check_members (node, path, rule->kind == RULE_TET ? tet_keys : solar_keys, error)
      || !read_string (node, path, "id", FALSE, &id, error)
      || !read_string (node, path, "name", TRUE, &name, error)
      || !read_int (node, path, "from", TRUE, FIRST_YEAR, LAST_YEAR, &rule->from_year, error))
    return FALSE;

  rule->until_year = G_MAXINT;
  if (!read_int (node, path, "until", FALSE, FIRST_YEAR, LAST_YEAR, &rule->until_year, error))
    return FALSE;
  if (rule->until_year < rule->from_year)
    {
      g_autofree char *place = path_member (path, "until");

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("%s: the last year %d is before the first year %d"),
                   place, rule->until_year, rule->from_year);
      return FALSE;
    }

  if (rule->kind == RULE_TET)
    {
      if (!read_int (node, path, "days_before", TRUE, 0, 10, &rule->days_before, error)
          || !read_int (node, path, "days_from_new_year", TRUE, 1, 10, &rule->days_from_new_year, error))
        return FALSE;
    }
  else
    {
      if (!read_int (node, path, "month", TRUE, 1, 12, &rule->month, error)
          || !read_int (node, path, "day", TRUE, 1, rule->kind == RULE_LUNAR ? 30 : 31, &rule->day, error))
        return FALSE;
      /* 29 February is allowed: it simply does not occur in common years. */
      if (rule->kind != RULE_LUNAR && !mc_day_is_valid_ymd (2000, rule->month, rule->day))
        {
          g_autofree char *place = path_member (path, "day");

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("%s: month %d has no day %d"), place, rule->month, rule->day);
          return FALSE;
        }
    }

  rule->name = g_strdup (name);
  rule->compensatory_name = g_strdup_printf ("%s %s", compensatory_prefix, name);
  return TRUE;
}

static RuleSet *
parse_rules (const char  *text,
             GError     **error)
{
  static const char * const root_keys[] = { "format", "description", "compensatory", "rules", NULL };
  static const char * const comp_keys[] = { "from", "name_prefix", "source", "note", NULL };
  g_autoptr(cJSON) root = NULL;
  const cJSON *rules;
  const cJSON *compensatory;
  const char *prefix = "Nghỉ bù";
  RuleSet *set;
  int compensatory_from = G_MAXINT;
  int index = 0;
  const cJSON *node;

  root = parse_document (text, TRUE, error);
  if (root == NULL
      || !expect_object (root, "", error)
      || !check_members (root, "", root_keys, error)
      || !read_format (root, error))
    return NULL;

  compensatory = get_member (root, "", "compensatory", FALSE, error);
  if (compensatory != NULL)
    {
      if (!expect_object (compensatory, "compensatory", error)
          || !check_members (compensatory, "compensatory", comp_keys, error)
          || !read_int (compensatory, "compensatory", "from", TRUE, FIRST_YEAR, LAST_YEAR, &compensatory_from, error)
          || !read_string (compensatory, "compensatory", "name_prefix", FALSE, &prefix, error))
        return NULL;
      if (prefix == NULL)
        prefix = "Nghỉ bù";
    }

  rules = get_member (root, "", "rules", TRUE, error);
  if (rules == NULL)
    return NULL;
  if (!cJSON_IsArray (rules))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE, _("%s: expected a list"), "rules");
      return NULL;
    }

  set = g_atomic_rc_box_new0 (RuleSet);
  set->compensatory_from = compensatory_from;
  set->rules = g_new0 (Rule, cJSON_GetArraySize (rules) + 1);

  cJSON_ArrayForEach (node, rules)
    {
      g_autofree char *path = path_index ("rules", index++);

      /* A rule owns its names only once it is read whole, so n_rules counts what to free. */
      if (!parse_rule (node, path, prefix, &set->rules[set->n_rules], error))
        {
          g_atomic_rc_box_release_full (set, rule_set_clear);
          return NULL;
        }
      set->n_rules++;
    }

  return set;
}

/* ------------------------------------------------------------------------------------ */
/* The announcements document                                                           */

static gboolean
parse_day_list (const cJSON  *list,
                const char   *path,
                gboolean      is_tet,
                gboolean      is_working,
                int           year,
                GArray       *out,
                GError      **error)
{
  static const char * const tet_keys[] = { "date", "kind", "name", "note", NULL };
  static const char * const day_keys[] = { "date", "name", "source", "note", NULL };
  const cJSON *node;
  int index = 0;

  if (!cJSON_IsArray (list))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE, _("%s: expected a list"), path);
      return FALSE;
    }

  cJSON_ArrayForEach (node, list)
    {
      g_autofree char *item = path_index (path, index++);
      AnnouncedDay day = { 0, MC_DAY_OFF_ANNOUNCED, NULL };
      const char *name = NULL;

      if (!expect_object (node, item, error)
          || !check_members (node, item, is_tet ? tet_keys : day_keys, error)
          || !read_date (node, item, "date", &day.day, error)
          || !read_string (node, item, "name", !is_tet, &name, error))
        return FALSE;

      if (is_tet)
        {
          const char *kind;
          int day_year;

          if (!read_string (node, item, "kind", TRUE, &kind, error))
            return FALSE;
          if (g_str_equal (kind, "statutory"))
            day.kind = MC_DAY_OFF_STATUTORY;
          else if (g_str_equal (kind, "compensatory"))
            day.kind = MC_DAY_OFF_COMPENSATORY;
          else
            {
              g_autofree char *place = path_member (item, "kind");

              g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                           _("%s: “%s” is not a known kind (statutory, compensatory)"), place, kind);
              return FALSE;
            }
          /* Tết always falls in January or February of its year. */
          mc_day_to_ymd (day.day, &day_year, NULL, NULL);
          if (day_year != year)
            {
              g_autofree char *place = path_member (item, "date");
              g_autofree char *text = mc_day_format (day.day);

              g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                           _("%s: %s is not in the year %d"), place, text, year);
              return FALSE;
            }
        }
      else if (is_working && mc_day_weekday (day.day) < 6)
        {
          g_autofree char *place = path_member (item, "date");
          g_autofree char *text = mc_day_format (day.day);

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("%s: %s is not a Saturday or Sunday"), place, text);
          return FALSE;
        }

      day.name = g_strdup (name);
      g_array_append_val (out, day);
    }
  return TRUE;
}

static Announcement *
parse_announcement (const cJSON  *node,
                    const char   *path,
                    GError      **error)
{
  static const char * const keys[] = { "year", "confirmed", "source", "note", "tet",
                                       "national_day_adjacent", "days_off", "working_weekends", NULL };
  Announcement *a = g_atomic_rc_box_new0 (Announcement);
  const cJSON *member;
  const char *source;

  a->days_off = announced_days_new ();
  a->working = announced_days_new ();

  if (!expect_object (node, path, error)
      || !check_members (node, path, keys, error)
      || !read_int (node, path, "year", TRUE, FIRST_YEAR, LAST_YEAR, &a->year, error)
      || !read_bool (node, path, "confirmed", &a->confirmed, error)
      || !read_string (node, path, "source", a->confirmed, &source, error))
    goto fail;

  member = get_member (node, path, "tet", FALSE, error);
  if (member != NULL)
    {
      g_autofree char *place = path_member (path, "tet");

      a->tet = announced_days_new ();
      if (!parse_day_list (member, place, TRUE, FALSE, a->year, a->tet, error))
        goto fail;
    }

  if (get_member (node, path, "national_day_adjacent", FALSE, error) != NULL)
    {
      int year, month, mday;

      if (!read_date (node, path, "national_day_adjacent", &a->adjacent, error))
        goto fail;
      mc_day_to_ymd (a->adjacent, &year, &month, &mday);
      if (year != a->year || month != 9 || (mday != 1 && mday != 3))
        {
          g_autofree char *place = path_member (path, "national_day_adjacent");
          g_autofree char *text = mc_day_format (a->adjacent);
          g_autofree char *year_text = g_strdup_printf ("%d", a->year);

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("%s: %s is neither 1 nor 3 September %s"), place, text, year_text);
          goto fail;
        }
      a->has_adjacent = TRUE;
    }

  member = get_member (node, path, "days_off", FALSE, error);
  if (member != NULL)
    {
      g_autofree char *place = path_member (path, "days_off");

      if (!parse_day_list (member, place, FALSE, FALSE, a->year, a->days_off, error))
        goto fail;
    }

  member = get_member (node, path, "working_weekends", FALSE, error);
  if (member != NULL)
    {
      g_autofree char *place = path_member (path, "working_weekends");

      if (!parse_day_list (member, place, FALSE, TRUE, a->year, a->working, error))
        goto fail;
    }

  return a;

fail:
  announcement_unref (a);
  return NULL;
}

static int
compare_announcements (gconstpointer a,
                       gconstpointer b)
{
  const Announcement *x = *(const Announcement * const *) a;
  const Announcement *y = *(const Announcement * const *) b;

  return (x->year > y->year) - (x->year < y->year);
}

/* The announcements of @text, sorted by year; each year at most once. */
static GPtrArray *
parse_announcements (const char  *text,
                     GError     **error)
{
  static const char * const root_keys[] = { "format", "description", "announcements", NULL };
  g_autoptr(cJSON) root = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (announcement_unref);
  const cJSON *list;
  const cJSON *node;
  int index = 0;

  root = parse_document (text, FALSE, error);
  if (root == NULL
      || !expect_object (root, "", error)
      || !check_members (root, "", root_keys, error)
      || !read_format (root, error))
    return NULL;

  list = get_member (root, "", "announcements", TRUE, error);
  if (list == NULL)
    return NULL;
  if (!cJSON_IsArray (list))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE, _("%s: expected a list"), "announcements");
      return NULL;
    }

  cJSON_ArrayForEach (node, list)
    {
      g_autofree char *path = path_index ("announcements", index++);
      Announcement *a = parse_announcement (node, path, error);

      if (a == NULL)
        return NULL;
      for (guint i = 0; i < result->len; i++)
        {
          if (((Announcement *) result->pdata[i])->year == a->year)
            {
              g_autofree char *place = path_member (path, "year");

              g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                           _("%s: the year %d is announced twice"), place, a->year);
              announcement_unref (a);
              return NULL;
            }
        }
      g_ptr_array_add (result, a);
    }

  g_ptr_array_sort (result, compare_announcements);
  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------------------------------ */
/* Construction                                                                         */

static McHolidayRules *check_working_weekends (McHolidayRules  *self,
                                               GError         **error);

McHolidayRules *
mc_holiday_rules_new_from_json (const char  *rules_json,
                                const char  *announcements_json,
                                GError     **error)
{
  RuleSet *rules;
  GPtrArray *announcements;

  g_return_val_if_fail (rules_json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rules = parse_rules (rules_json, error);
  if (rules == NULL)
    return NULL;

  if (announcements_json != NULL)
    {
      announcements = parse_announcements (announcements_json, error);
      if (announcements == NULL)
        {
          g_atomic_rc_box_release_full (rules, rule_set_clear);
          return NULL;
        }
    }
  else
    announcements = g_ptr_array_new_with_free_func (announcement_unref);

  return check_working_weekends (holiday_rules_new (rules, announcements), error);
}

McHolidayRules *
mc_holiday_rules_with_announcements (McHolidayRules  *self,
                                     const char      *announcements_json,
                                     GError         **error)
{
  g_autoptr(GPtrArray) incoming = NULL;
  GPtrArray *merged;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (announcements_json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  incoming = parse_announcements (announcements_json, error);
  if (incoming == NULL)
    return NULL;

  /* The years of the new document replace ours; the rest are shared, not copied. */
  merged = g_ptr_array_new_with_free_func (announcement_unref);
  for (guint i = 0; i < self->announcements->len; i++)
    {
      Announcement *old = self->announcements->pdata[i];
      gboolean replaced = FALSE;

      for (guint j = 0; j < incoming->len && !replaced; j++)
        replaced = ((Announcement *) incoming->pdata[j])->year == old->year;
      if (!replaced)
        g_ptr_array_add (merged, g_atomic_rc_box_acquire (old));
    }
  for (guint j = 0; j < incoming->len; j++)
    g_ptr_array_add (merged, g_atomic_rc_box_acquire (incoming->pdata[j]));
  g_ptr_array_sort (merged, compare_announcements);

  return check_working_weekends (holiday_rules_new (g_atomic_rc_box_acquire (self->rules), merged), error);
}

static char *
load_resource (const char  *path,
               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data;

  /* Looked up in our own resource rather than the global set: naming it also keeps the
   * linker from dropping it out of the static library. */
  bytes = g_resource_lookup_data (mc_data_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING,
                   _("Cannot load the bundled calendar data %s: %s"), path, local_error->message);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

McHolidayRules *
mc_holiday_rules_new_default (GError **error)
{
  g_autofree char *rules = NULL;
  g_autofree char *announcements = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rules = load_resource (RULES_RESOURCE, error);
  if (rules == NULL)
    return NULL;
  announcements = load_resource (ANNOUNCEMENTS_RESOURCE, error);
  if (announcements == NULL)
    return NULL;

  return mc_holiday_rules_new_from_json (rules, announcements, error);
}

/* ------------------------------------------------------------------------------------ */
/* Computing a year                                                                     */

static const Announcement *
find_announcement (McHolidayRules *self,
                   int             year)
{
  for (guint i = 0; i < self->announcements->len; i++)
    {
      const Announcement *a = self->announcements->pdata[i];

      if (a->year == year)
        return a;
    }
  return NULL;
}

gboolean
mc_holiday_rules_year_is_confirmed (McHolidayRules *self,
                                    int             year)
{
  const Announcement *a;

  g_return_val_if_fail (self != NULL, FALSE);

  a = find_announcement (self, year);
  return a != NULL && a->confirmed;
}

static gboolean
rule_in_force (const Rule *rule,
               int         year)
{
  return year >= rule->from_year && year <= rule->until_year;
}

static gboolean
is_weekend (McDay day)
{
  return mc_day_weekday (day) >= 6;
}

static void
add_entry (GArray       *entries,
           McDay         day,
           McDayOffKind  kind,
           const char   *name,
           const char   *compensatory_name)
{
  Entry entry = { day, kind, name, compensatory_name };

  g_array_append_val (entries, entry);
}

static int
year_of (McDay day)
{
  int year;

  mc_day_to_ymd (day, &year, NULL, NULL);
  return year;
}

/* Our default for the day next to 2 September (domain.md): of the day before and the
 * day after, the one that is a weekday; if both are, the one nearer a weekend; if they
 * are equally near, the day before. */
static McDay
default_adjacent_day (McDay anchor)
{
  McDay before = anchor - 1;
  McDay after = anchor + 1;
  int wd_before = mc_day_weekday (before);
  int wd_after = mc_day_weekday (after);
  int near_before, near_after;

  if (is_weekend (before) != is_weekend (after))
    return is_weekend (before) ? after : before;
  if (is_weekend (before))
    return before;

  /* Days to the Sunday before or the Saturday after, whichever is closer. */
  near_before = MIN (wd_before, 6 - wd_before);
  near_after = MIN (wd_after, 6 - wd_after);
  return near_after < near_before ? after : before;
}

static void
add_announced_tet (const GArray       *days,
                   const char         *fallback_name,
                   const char         *fallback_comp_name,
                   GArray             *entries)
{
  for (guint i = 0; i < days->len; i++)
    {
      const AnnouncedDay *d = &g_array_index (days, AnnouncedDay, i);
      const char *name = d->name;

      if (name == NULL)
        name = d->kind == MC_DAY_OFF_COMPENSATORY ? fallback_comp_name : fallback_name;
      /* Announced Tết days are exact: they give no further compensatory day. */
      add_entry (entries, d->day, d->kind, name, NULL);
    }
}

/* The statutory and announced days of @year, compensatory days not yet included. */
static void
collect_year (McHolidayRules *self,
              int             year,
              GArray         *entries)
{
  const Announcement *a = find_announcement (self, year);
  gboolean tet_done = FALSE;
  gboolean adjacent_done = FALSE;

  for (guint i = 0; i < self->rules->n_rules; i++)
    {
      const Rule *rule = &self->rules->rules[i];

      if (!rule_in_force (rule, year))
        continue;

      switch (rule->kind)
        {
        case RULE_SOLAR:
          if (mc_day_is_valid_ymd (year, rule->month, rule->day))
            add_entry (entries, mc_day_from_ymd (year, rule->month, rule->day),
                       MC_DAY_OFF_STATUTORY, rule->name, rule->compensatory_name);
          break;

        case RULE_LUNAR:
          /* A late lunar month of the previous lunar year may fall in January. */
          for (int lunar_year = year - 1; lunar_year <= year; lunar_year++)
            {
              McLunarDate lunar = { lunar_year, rule->month, rule->day, FALSE };
              McDay day;

              if (lunar_year < MC_LUNAR_FIRST_YEAR || lunar_year > MC_LUNAR_LAST_YEAR)
                continue;
              if (mc_lunar_to_day (&lunar, &day, NULL) && year_of (day) == year)
                add_entry (entries, day, MC_DAY_OFF_STATUTORY, rule->name, rule->compensatory_name);
            }
          break;

        case RULE_TET:
          if (tet_done)
            break;
          tet_done = TRUE;
          if (a != NULL && a->tet != NULL)
            add_announced_tet (a->tet, rule->name, rule->compensatory_name, entries);
          else if (year >= MC_LUNAR_FIRST_YEAR && year <= MC_LUNAR_LAST_YEAR)
            {
              McDay new_year = mc_lunar_new_year_day (year);

              for (McDay day = new_year - rule->days_before; day < new_year + rule->days_from_new_year; day++)
                add_entry (entries, day, MC_DAY_OFF_STATUTORY, rule->name, rule->compensatory_name);
            }
          break;

        case RULE_ADJACENT:
          if (adjacent_done || !mc_day_is_valid_ymd (year, rule->month, rule->day))
            break;
          adjacent_done = TRUE;
          add_entry (entries,
                     a != NULL && a->has_adjacent
                       ? a->adjacent
                       : default_adjacent_day (mc_day_from_ymd (year, rule->month, rule->day)),
                     MC_DAY_OFF_STATUTORY, rule->name, rule->compensatory_name);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* What the government announced stands even where no rule of ours expects it. */
  if (a != NULL && a->tet != NULL && !tet_done)
    add_announced_tet (a->tet, DEFAULT_TET_NAME, DEFAULT_TET_COMP_NAME, entries);
  if (a != NULL && a->has_adjacent && !adjacent_done)
    add_entry (entries, a->adjacent, MC_DAY_OFF_STATUTORY, DEFAULT_ADJACENT_NAME, NULL);

  /* Swapped days may be announced in the neighbouring year's document (a Saturday of
   * late December worked for 2 January), so every document is looked at. */
  for (guint i = 0; i < self->announcements->len; i++)
    {
      const Announcement *other = self->announcements->pdata[i];

      for (guint j = 0; j < other->days_off->len; j++)
        {
          const AnnouncedDay *d = &g_array_index (other->days_off, AnnouncedDay, j);

          if (year_of (d->day) == year)
            add_entry (entries, d->day, MC_DAY_OFF_ANNOUNCED, d->name, NULL);
        }
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a;
  const Entry *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  /* On the same day the law's own day wins over a compensatory or announced one. */
  return (x->kind > y->kind) - (x->kind < y->kind);
}

static gboolean
entries_contain (const GArray *entries,
                 McDay         day)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_array_index (entries, Entry, i).day == day)
      return TRUE;
  return FALSE;
}

GArray *
mc_holiday_rules_days_off (McHolidayRules *self,
                           int             year)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  GArray *result;
  gboolean provisional;
  guint n_statutory;

  g_return_val_if_fail (self != NULL, NULL);

  result = g_array_new (FALSE, FALSE, sizeof (McDayOff));
  if (year < FIRST_YEAR || year > LAST_YEAR)
    return result;

  /* The previous year too, in case a day off late in December moves into January. */
  if (year > FIRST_YEAR)
    collect_year (self, year - 1, entries);
  collect_year (self, year, entries);
  g_array_sort (entries, compare_entries);

  /* The compensatory rule: a day off on a Saturday or Sunday gives a day off on the next
   * working day, that is the next weekday that is not already a day off.  Taken in order
   * of day, so that the five days of Tết push their compensatory days after the block. */
  n_statutory = entries->len;
  for (guint i = 0; i < n_statutory; i++)
    {
      Entry entry = g_array_index (entries, Entry, i);
      McDay day;

      if (entry.compensatory_name == NULL || !is_weekend (entry.day)
          || year_of (entry.day) < self->rules->compensatory_from)
        continue;

      day = entry.day + 1;
      while (is_weekend (day) || entries_contain (entries, day))
        day++;
      add_entry (entries, day, MC_DAY_OFF_COMPENSATORY, entry.compensatory_name, NULL);
    }
  g_array_sort (entries, compare_entries);

  provisional = !mc_holiday_rules_year_is_confirmed (self, year);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = &g_array_index (entries, Entry, i);
      McDayOff off = { entry->day, entry->kind, entry->name, provisional };

      if (year_of (entry->day) != year)
        continue;
      if (result->len > 0 && g_array_index (result, McDayOff, result->len - 1).day == entry->day)
        continue;
      g_array_append_val (result, off);
    }

  return result;
}

static int
compare_working (gconstpointer a,
                 gconstpointer b)
{
  const McWorkingWeekend *x = a;
  const McWorkingWeekend *y = b;

  return (x->day > y->day) - (x->day < y->day);
}

GArray *
mc_holiday_rules_working_weekends (McHolidayRules *self,
                                   int             year)
{
  GArray *result;

  g_return_val_if_fail (self != NULL, NULL);

  result = g_array_new (FALSE, FALSE, sizeof (McWorkingWeekend));
  for (guint i = 0; i < self->announcements->len; i++)
    {
      const Announcement *a = self->announcements->pdata[i];

      for (guint j = 0; j < a->working->len; j++)
        {
          const AnnouncedDay *d = &g_array_index (a->working, AnnouncedDay, j);
          McWorkingWeekend w = { d->day, d->name };
          gboolean seen = FALSE;

          if (year_of (d->day) != year)
            continue;
          for (guint k = 0; k < result->len && !seen; k++)
            seen = g_array_index (result, McWorkingWeekend, k).day == d->day;
          if (!seen)
            g_array_append_val (result, w);
        }
    }
  g_array_sort (result, compare_working);
  return result;
}

/* Takes @self; returns it, or NULL with @error when a working weekend of an announcement
 * is also a day off. A Saturday cannot be both worked and a holiday: such a document holds
 * a typing mistake (a swapped day put on the wrong list, a wrong date), and a work calendar
 * built from it would silently count the day off as worked. Checked once the set is whole,
 * because the day off may come from another year's document or from the rules. */
static McHolidayRules *
check_working_weekends (McHolidayRules  *self,
                        GError         **error)
{
  for (guint i = 0; i < self->announcements->len; i++)
    {
      const Announcement *a = self->announcements->pdata[i];

      for (guint j = 0; j < a->working->len; j++)
        {
          McDay day = g_array_index (a->working, AnnouncedDay, j).day;
          g_autoptr(GArray) off = mc_holiday_rules_days_off (self, year_of (day));

          for (guint k = 0; k < off->len; k++)
            {
              const McDayOff *clash = &g_array_index (off, McDayOff, k);
              g_autofree char *text = NULL;

              if (clash->day != day)
                continue;
              text = mc_day_format (day);
              g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                           _("announcements, year %d: %s is both a working weekend and a day off (%s)"),
                           a->year, text, clash->name);
              mc_holiday_rules_unref (self);
              return NULL;
            }
        }
    }
  return self;
}

const char *
mc_day_off_kind_to_string (McDayOffKind kind)
{
  switch (kind)
    {
    case MC_DAY_OFF_STATUTORY:
      return "statutory";
    case MC_DAY_OFF_COMPENSATORY:
      return "compensatory";
    case MC_DAY_OFF_ANNOUNCED:
      return "announced";
    default:
      g_return_val_if_reached (NULL);
    }
}
