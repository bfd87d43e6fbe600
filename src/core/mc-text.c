/* mc-text.c — NFC for storage, folding for diacritic-insensitive search. */
#include "config.h"

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-text.h"

char *
mc_text_normalize (const char  *text,
                   GError     **error)
{
  g_autoptr(GString) out = NULL;
  gboolean pending_space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                           _("The text is not valid UTF-8"));
      return NULL;
    }

  /* Controls out and white space collapsed first, NFC last: a control character between a
   * letter and its accent ("e", U+0001, U+0301) keeps them apart under NFC, so removing it
   * afterwards would leave a decomposed letter — and a second pass would change the text. */
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0)
        {
          pending_space = out->len > 0;
          continue;
        }
      if (g_unichar_iscntrl (c))
        continue;
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_utf8_normalize (out->str, -1, G_NORMALIZE_NFC);
}

char *
mc_text_fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfd = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  nfd = g_utf8_normalize (valid, -1, G_NORMALIZE_NFD);
  out = g_string_sized_new (strlen (nfd));
  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;
      /* đ and Đ are letters of their own, not d plus a mark: NFD keeps them. */
      if (c == 0x0111 || c == 0x0110)
        c = 'd';
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}
