/* mc-rating.c — the citizen's rating at the return of a result: names, codes and the
 * Vietnamese words a clerk may type for it. */
#include "config.h"

#include <string.h>

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-rating.h"
#include "mc-text.h"

static const struct
{
  McRating    rating;
  const char *name;
  const char *description;   /* fixed Vietnamese, as the status names: stored and printed */
} rating_table[] = {
  { MC_RATING_VERY_SATISFIED, "very-satisfied", "Rất hài lòng" },
  { MC_RATING_SATISFIED,      "satisfied",      "Hài lòng" },
  { MC_RATING_NOT_SATISFIED,  "not-satisfied",  "Không hài lòng" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (rating_table) == MC_RATING_LAST - MC_RATING_FIRST + 1);

gboolean
mc_rating_is_valid (int code)
{
  return code >= MC_RATING_FIRST && code <= MC_RATING_LAST;
}

const char *
mc_rating_to_string (McRating rating)
{
  if (!mc_rating_is_valid ((int) rating))
    return "none";
  return rating_table[rating - MC_RATING_FIRST].name;
}

const char *
mc_rating_describe (McRating rating)
{
  if (!mc_rating_is_valid ((int) rating))
    return "";
  return rating_table[rating - MC_RATING_FIRST].description;
}

/* Folded, with hyphens, underscores and runs of spaces as one space: "not_satisfied",
 * "Không hài lòng" and "khong  hai long" compare as typed. */
static char *
fold_words (const char *text)
{
  g_autofree char *folded = mc_text_fold (text);
  GString *out = g_string_sized_new (strlen (folded));
  gboolean pending_space = FALSE;

  for (const char *p = folded; *p; p++)
    {
      if (g_ascii_isspace (*p) || *p == '-' || *p == '_')
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

gboolean
mc_rating_parse (const char  *text,
                 McRating    *out,
                 GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *folded = NULL;
  guint64 code = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (g_ascii_string_to_unsigned (trimmed, 10, MC_RATING_FIRST, MC_RATING_LAST, &code, NULL))
    {
      *out = (McRating) code;
      return TRUE;
    }
  folded = fold_words (trimmed);
  for (gsize i = 0; i < G_N_ELEMENTS (rating_table); i++)
    {
      g_autofree char *name = fold_words (rating_table[i].name);
      g_autofree char *description = fold_words (rating_table[i].description);

      if (*folded != '\0' && (g_str_equal (folded, name) || g_str_equal (folded, description)))
        {
          *out = rating_table[i].rating;
          return TRUE;
        }
    }
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("“%s” is not a rating: give very-satisfied, satisfied or not-satisfied (1, 2 or 3)"),
               trimmed);
  return FALSE;
}
