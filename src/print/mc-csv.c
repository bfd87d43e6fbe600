/* mc-csv.c — the CSV writer of the desk's exports (see mc-csv.h). */
#include "config.h"

#include <string.h>

#include "mc-csv.h"
#include "mc-form-page.h"
#include "mc-i18n.h"

/* The byte order mark Excel looks for to read the file as UTF-8. */
#define UTF8_BOM "\xEF\xBB\xBF"

GString *
mc_csv_new (void)
{
  return g_string_new (UTF8_BOM);
}

void
mc_csv_field (GString    *out,
              const char *text,
              gboolean    is_text)
{
  const char *value = text != NULL ? text : "";
  gboolean formula = is_text && (*value == '=' || *value == '+' || *value == '-' || *value == '@');

  g_return_if_fail (out != NULL);

  if (!formula && strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
mc_csv_line (GString            *out,
             const char * const *fields,
             const gboolean     *is_text,
             guint               n)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n == 0);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      mc_csv_field (out, fields[i], is_text != NULL && is_text[i]);
    }
  g_string_append (out, "\r\n");
}

gboolean
mc_csv_write_file (const char  *path,
                   const char  *csv,
                   GError     **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_set_contents (path, csv, -1, &local))
    {
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FILE, _("Cannot write the CSV file “%s”: %s"),
                   path, local->message);
      return FALSE;
    }
  return TRUE;
}
