/* mc-dossier-code.c — making, reading and recognising dossier codes.
 *
 * A code `<agency code>-<yyMMdd>-<NNNN>` is printed on the slip and in its QR code, and comes
 * back through a scanner or a camera when the applicant returns. What comes back is parsed
 * strictly: either the bare code or exactly a URL of the office's lookup template, so a QR of
 * another office, a shop's QR or a half-read code is refused with a message instead of opening
 * the wrong dossier.
 *
 * The agency code's shape follows QCVN 102:2016/BTTTT as the codes in use show it
 * ("000.00.16.H04", "000.00.00.H56", "H55.242", "G22.H56"): the standard builds the code
 * from levels joined by dots, each level a short group of digits or an upper-case letter and
 * digits. We accept 2 to 5 dot-separated groups of 2 or 3 characters from [0-9A-Z] — strict
 * enough to catch a typing error, loose enough for the 2025 renumbering of commune codes.
 */
#include "config.h"

#include <string.h>

#include "mc-dossier-code.h"
#include "mc-error.h"
#include "mc-i18n.h"

#define AGENCY_GROUPS_MIN 2
#define AGENCY_GROUPS_MAX 5
#define AGENCY_GROUP_LEN_MIN 2
#define AGENCY_GROUP_LEN_MAX 3
#define CODE_EXAMPLE "000.00.16.H04-251122-0007"
/* A lookup URL in a slip's QR is a few hundred bytes; anything far longer is not one. */
#define SCANNED_MAX 2048

static gboolean
is_agency_char (char c)
{
  return g_ascii_isdigit (c) || (c >= 'A' && c <= 'Z');
}

/* Checks the @len bytes at @code, which need not be NUL-terminated there. */
static gboolean
agency_code_is_valid_len (const char *code,
                          gsize       len)
{
  int groups = 0;
  gsize group_len = 0;

  if (len == 0)
    return FALSE;
  for (gsize i = 0; i <= len; i++)
    {
      if (i == len || code[i] == '.')
        {
          if (group_len < AGENCY_GROUP_LEN_MIN || group_len > AGENCY_GROUP_LEN_MAX)
            return FALSE;
          groups++;
          group_len = 0;
          continue;
        }
      if (!is_agency_char (code[i]))
        return FALSE;
      group_len++;
    }
  return groups >= AGENCY_GROUPS_MIN && groups <= AGENCY_GROUPS_MAX;
}

gboolean
mc_agency_code_is_valid (const char *code)
{
  if (code == NULL)
    return FALSE;
  return agency_code_is_valid_len (code, strlen (code));
}

char *
mc_dossier_code_format (const char *agency_code,
                        McDay       day,
                        int         sequence)
{
  int year, month, mday;

  g_return_val_if_fail (mc_agency_code_is_valid (agency_code), NULL);
  g_return_val_if_fail (sequence >= 1 && sequence <= 9999, NULL);

  mc_day_to_ymd (day, &year, &month, &mday);
  /* The code has room for a two-digit year only; 2000 + yy is what parsing assumes. */
  g_return_val_if_fail (year >= 2000 && year <= 2099, NULL);

  return g_strdup_printf ("%s-%02d%02d%02d-%04d",
                          agency_code, year - 2000, month, mday, sequence);
}

static gboolean
all_digits (const char *text,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static int
digits_value (const char *text,
              gsize       len)
{
  int value = 0;

  for (gsize i = 0; i < len; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

gboolean
mc_dossier_code_parse (const char     *text,
                       McDossierCode  *out,
                       GError        **error)
{
  g_auto(GStrv) parts = NULL;
  const char *agency, *date, *seq;
  int yy, mm, dd;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING,
                           _("The dossier code is empty"));
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                           _("The dossier code is not valid text"));
      return FALSE;
    }

  parts = g_strsplit (text, "-", -1);
  if (g_strv_length (parts) != 3)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("“%s” is not a dossier code: a code is <agency code>-<yyMMdd>-<NNNN>, "
                     "for example %s"),
                   text, CODE_EXAMPLE);
      return FALSE;
    }
  agency = parts[0];
  date = parts[1];
  seq = parts[2];

  if (!mc_agency_code_is_valid (agency))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("“%s” is not an agency code: it is 2 to 5 groups of 2 or 3 digits or "
                     "capital letters joined by dots, for example 000.00.16.H04"),
                   agency);
      return FALSE;
    }

  if (strlen (date) != 6 || !all_digits (date, 6))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("The date part “%s” of the dossier code must be six digits yyMMdd"),
                   date);
      return FALSE;
    }
  yy = digits_value (date, 2);
  mm = digits_value (date + 2, 2);
  dd = digits_value (date + 4, 2);
  if (!mc_day_is_valid_ymd (2000 + yy, mm, dd))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The date part “%s” of the dossier code is not a real date"),
                   date);
      return FALSE;
    }

  if (strlen (seq) != 4 || !all_digits (seq, 4))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("The sequence “%s” of the dossier code must be four digits"),
                   seq);
      return FALSE;
    }
  if (digits_value (seq, 4) == 0)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The sequence of a dossier code runs from 0001 to 9999 (“%s” given)"),
                   seq);
      return FALSE;
    }

  out->agency_code = g_strdup (agency);
  out->day = mc_day_from_ymd (2000 + yy, mm, dd);
  out->sequence = digits_value (seq, 4);
  return TRUE;
}

void
mc_dossier_code_clear (McDossierCode *code)
{
  if (code == NULL)
    return;
  g_clear_pointer (&code->agency_code, g_free);
  code->day = 0;
  code->sequence = 0;
}

/* Replaces every "{name}" of @template with @value, URL-encoded. */
static char *
substitute (const char *template,
            const char *name,
            const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);
  g_auto(GStrv) pieces = g_strsplit (template, name, -1);

  return g_strjoinv (escaped, pieces);
}

char *
mc_lookup_url_build (const char *url_template,
                     const char *code,
                     const char *id_number)
{
  g_autofree char *with_code = NULL;

  g_return_val_if_fail (url_template != NULL, NULL);
  g_return_val_if_fail (strstr (url_template, "{code}") != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  with_code = substitute (url_template, "{code}", code);
  /* Without an ID number "{id}" becomes empty; mc_scanned_input_to_code accepts that back. */
  return substitute (with_code, "{id}", id_number != NULL ? id_number : "");
}

gboolean
mc_lookup_template_validate (const char  *url_template,
                             GError     **error)
{
  g_autofree char *shown = NULL;
  const char *code_at, *id_at, *after_scheme;

  if (url_template == NULL || *url_template == '\0')
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING,
                           _("The lookup address template is empty"));
      return FALSE;
    }
  /* The template is quoted in every refusal: as typed, but valid UTF-8 to be shown. */
  shown = g_utf8_make_valid (url_template, -1);

  if (g_str_has_prefix (url_template, "https://"))
    after_scheme = url_template + strlen ("https://");
  else if (g_str_has_prefix (url_template, "http://"))
    after_scheme = url_template + strlen ("http://");
  else
    after_scheme = NULL;
  if (after_scheme == NULL || *after_scheme == '\0' || *after_scheme == '/' ||
      *after_scheme == '{')
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The lookup address template “%s” must begin with https:// or http:// "
                     "and a host name"),
                   shown);
      return FALSE;
    }

  code_at = strstr (url_template, "{code}");
  if (code_at == NULL || strstr (code_at + 1, "{code}") != NULL)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The lookup address template “%s” must contain “{code}” exactly once"),
                   shown);
      return FALSE;
    }
  id_at = strstr (url_template, "{id}");
  if (id_at != NULL && strstr (id_at + 1, "{id}") != NULL)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The lookup address template “%s” may contain “{id}” only once"),
                   shown);
      return FALSE;
    }
  /* The ID is a run of digits of any length: read back, it could not tell where it ends
   * if a digit or the code (which may begin with one) came right after it. */
  if (id_at != NULL && (g_ascii_isdigit (id_at[strlen ("{id}")]) ||
                        g_str_has_prefix (id_at + strlen ("{id}"), "{code}")))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("In the lookup address template “%s”, “{id}” must not be followed directly "
                     "by a digit or by “{code}”: the two could not be told apart when scanned"),
                   shown);
      return FALSE;
    }

  for (const char *p = url_template; *p; p++)
    {
      if (g_str_has_prefix (p, "{code}"))
        p += strlen ("{code}") - 1;
      else if (g_str_has_prefix (p, "{id}"))
        p += strlen ("{id}") - 1;
      else if (*p == '{' || *p == '}' || g_ascii_isspace (*p) || (guchar) *p < 0x20 ||
               (guchar) *p >= 0x7f)
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("The lookup address template “%s” contains a character that does "
                         "not belong in a web address"),
                       shown);
          return FALSE;
        }
    }
  return TRUE;
}

/* The scheme and authority of @url ("https://host:port"), as a length; 0 if none. Host
 * names compare without regard to case, the rest of a URL exactly. */
static gsize
scheme_authority_length (const char *url)
{
  const char *sep = strstr (url, "://");
  const char *end;

  if (sep == NULL)
    return 0;
  end = sep + 3;
  while (*end != '\0' && *end != '/' && *end != '?' && *end != '#' && *end != '{')
    end++;
  return (gsize) (end - url);
}

typedef struct
{
  const char *code_start;
  gsize       code_len;
} UrlMatch;

static gboolean
is_code_url_char (char c)
{
  /* What a code may look like inside a URL: its own characters, lower case from an encoder
   * that folds case, and %XX escapes. */
  return g_ascii_isalnum (c) || c == '.' || c == '-' || c == '%';
}

static char *code_from_text (const char  *text,
                             GError     **error);

/* Whether the @len bytes at @text, %-decoded, read as a dossier code (in any case). */
static gboolean
is_code_at (const char *text,
            gsize       len)
{
  g_autofree char *decoded = g_uri_unescape_segment (text, text + len, NULL);
  g_autofree char *code = decoded != NULL ? code_from_text (decoded, NULL) : NULL;

  return code != NULL;
}

/* Matches @input, from its start to its end, against @tmpl, from its start to its end.
 * Literal text must be equal (the scheme and host without regard to case); "{code}" takes a
 * run of code characters and "{id}" a run of digits, possibly empty, trying every length so
 * that a placeholder followed by literal text finds where that text begins. With
 * @code_must_parse, only a run that reads as a dossier code is taken for "{code}": a
 * template whose code is followed by digits ("…{code}{id}") then still finds the code's
 * end, where the longest run would swallow the ID. */
static gboolean
match_template (const char *tmpl,
                const char *input,
                gsize       case_free,
                gboolean    code_must_parse,
                UrlMatch   *match)
{
  /* Literal text, compared in a loop so that recursion happens only at placeholders. */
  while (*tmpl != '\0' && !g_str_has_prefix (tmpl, "{code}") && !g_str_has_prefix (tmpl, "{id}"))
    {
      gboolean same = case_free > 0 ? g_ascii_tolower (*tmpl) == g_ascii_tolower (*input)
                                    : *tmpl == *input;

      if (!same)
        return FALSE;
      tmpl++;
      input++;
      if (case_free > 0)
        case_free--;
    }
  if (*tmpl == '\0')
    return *input == '\0';

  {
    gboolean is_code = tmpl[1] == 'c';
    const char *rest = tmpl + (is_code ? strlen ("{code}") : strlen ("{id}"));
    gsize run = 0;

    while (input[run] != '\0' &&
           (is_code ? is_code_url_char (input[run]) : g_ascii_isdigit (input[run])))
      run++;
    /* Longest first: the code must not stop early at a character that the literal after it
     * happens to begin with. */
    for (gsize len = run + 1; len-- > 0;)
      {
        if (is_code && len == 0)
          break;
        if (match_template (rest, input + len, 0, code_must_parse, match) &&
            (!is_code || !code_must_parse || is_code_at (input, len)))
          {
            if (is_code)
              {
                match->code_start = input;
                match->code_len = len;
              }
            return TRUE;
          }
      }
    return FALSE;
  }
}

/* Upper-cases ASCII letters: a scanner whose keyboard layout or Caps Lock is off sends the
 * agency letters in lower case ("000.00.16.h04-…"); that is the right code, read wrongly. */
static char *
ascii_upper (const char *text)
{
  return g_ascii_strup (text, -1);
}

static char *
code_from_text (const char  *text,
                GError     **error)
{
  g_autofree char *upper = NULL;
  McDossierCode parsed = { 0 };
  char *canonical;

  if (!mc_dossier_code_parse (text, &parsed, error))
    {
      /* Lower-case agency letters are the only leniency: the code read in upper case must
       * then be entirely valid; otherwise the refusal speaks of what was scanned. */
      upper = ascii_upper (text);
      if (g_str_equal (upper, text) || !mc_dossier_code_parse (upper, &parsed, NULL))
        return NULL;
      g_clear_error (error);
    }
  canonical = mc_dossier_code_format (parsed.agency_code, parsed.day, parsed.sequence);
  mc_dossier_code_clear (&parsed);
  return canonical;
}

char *
mc_scanned_input_to_code (const char  *scanned,
                          const char  *url_template,
                          GError     **error)
{
  g_autofree char *trimmed = NULL;

  trimmed = g_strstrip (g_strdup (scanned != NULL ? scanned : ""));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING,
                           _("Nothing was scanned"));
      return NULL;
    }
  if (strlen (trimmed) > SCANNED_MAX)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("The scanned text is too long to be a dossier code or a lookup address "
                     "(%d characters)"),
                   (int) MIN (strlen (trimmed), G_MAXINT));
      return NULL;
    }
  if (!g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                           _("The scanned text is not valid text; scan the code again"));
      return NULL;
    }

  if (strstr (trimmed, "://") != NULL)
    {
      UrlMatch match = { NULL, 0 };
      g_autofree char *raw_code = NULL;
      g_autofree char *decoded = NULL;
      g_autoptr(GError) template_error = NULL;
      gsize authority;

      if (!mc_lookup_template_validate (url_template, &template_error))
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("The scanned text “%s” is a web address, but this office has no valid "
                         "lookup address template to read it with: %s"),
                       trimmed, template_error->message);
          return NULL;
        }
      /* A run that reads as a code first; failing that, the longest run, so that a code
       * that was half read is refused for what is wrong with it. */
      authority = scheme_authority_length (url_template);
      if (!match_template (url_template, trimmed, authority, TRUE, &match) &&
          !match_template (url_template, trimmed, authority, FALSE, &match))
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("The scanned address “%s” is not a lookup address of this office "
                         "(expected %s)"),
                       trimmed, url_template);
          return NULL;
        }

      raw_code = g_strndup (match.code_start, match.code_len);
      decoded = g_uri_unescape_string (raw_code, NULL);
      if (decoded == NULL)
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("The dossier code “%s” in the scanned address is badly encoded"),
                       raw_code);
          return NULL;
        }
      return code_from_text (decoded, error);
    }

  return code_from_text (trimmed, error);
}
