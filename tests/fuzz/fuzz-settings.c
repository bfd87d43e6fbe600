/* fuzz-settings.c — the office's settings as text (`motcua-cli settings set`, the settings
 * page, the database's settings table), through mc_office_settings_set with every key.
 *
 * Input: lines "key=value"; a line whose start is not a known key picks one with its
 * first byte, and the rest of the line is the value (so mutations keep hitting real keys).
 * Beyond not crashing: a refused value changes nothing; an accepted value reads back
 * (mc_office_settings_get) as text that is accepted again and is then a fixed point, and
 * changes no other key; a lookup template stored is one the scanner can read with; and at
 * the end, the settings written out key by key load into fresh default settings unchanged
 * — as the store saves and reloads them.
 */
#include "config.h"

#include "fuzz-common.h"
#include "mc-dossier-code.h"
#include "mc-office-settings.h"

static GPtrArray *
snapshot (const McOfficeSettings *settings)
{
  gsize n_keys;
  const McOfficeSettingInfo *keys = mc_office_settings_keys (&n_keys);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < n_keys; i++)
    {
      char *value = mc_office_settings_get (settings, keys[i].key);

      if (value == NULL)
        g_error ("the setting %s has no value", keys[i].key);
      fuzz_check_text (value, keys[i].key);
      g_ptr_array_add (values, value);
    }
  return values;
}

static void
assert_same_except (GPtrArray  *before,
                    GPtrArray  *after,
                    const char *changed_key,
                    const char *what)
{
  const McOfficeSettingInfo *keys = mc_office_settings_keys (NULL);

  for (guint i = 0; i < before->len; i++)
    if (g_strcmp0 (keys[i].key, changed_key) != 0 && !g_str_equal (before->pdata[i], after->pdata[i]))
      g_error ("%s changed %s from “%s” to “%s”", what, keys[i].key, (char *) before->pdata[i],
               (char *) after->pdata[i]);
}

static void
set_one (McOfficeSettings *settings,
         const char       *key,
         const char       *value)
{
  g_autoptr(GPtrArray) before = snapshot (settings);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *read_back = NULL;
  g_autofree char *read_again = NULL;
  gboolean ok = mc_office_settings_set (settings, key, value, &error);

  fuzz_check_outcome (ok, error, key);
  after = snapshot (settings);
  if (!ok)
    {
      assert_same_except (before, after, NULL, "a refused value");
      return;
    }
  assert_same_except (before, after, key, "setting one key");

  read_back = mc_office_settings_get (settings, key);
  if (!mc_office_settings_set (settings, key, read_back, &error))
    g_error ("%s: “%s” was accepted and reads back as “%s”, which is refused: %s", key, value, read_back,
             error->message);
  read_again = mc_office_settings_get (settings, key);
  if (!g_str_equal (read_back, read_again))
    g_error ("%s: “%s” reads back as “%s”, then as “%s”", key, value, read_back, read_again);

  /* The slip prints QR codes from the template; the scanner must be able to read them. */
  if (g_str_equal (key, "portal.lookup-url-template") && !mc_lookup_template_validate (read_back, &error))
    g_error ("the lookup template “%s” was stored, but scanning refuses it: %s", read_back, error->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 16);
  g_autoptr(McOfficeSettings) settings = mc_office_settings_new_default ();
  g_autoptr(McOfficeSettings) reloaded = mc_office_settings_new_default ();
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_keys;
  const McOfficeSettingInfo *keys = mc_office_settings_keys (&n_keys);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *equals = strchr (lines[i], '=');
      gboolean named = FALSE;

      if (lines[i][0] == '\0')
        continue;
      for (gsize k = 0; k < n_keys && equals != NULL && !named; k++)
        if (strlen (keys[k].key) == (gsize) (equals - lines[i]) &&
            strncmp (lines[i], keys[k].key, (gsize) (equals - lines[i])) == 0)
          {
            set_one (settings, keys[k].key, equals + 1);
            named = TRUE;
          }
      if (!named)
        set_one (settings, keys[(guchar) lines[i][0] % n_keys].key, lines[i] + 1);
    }
  if (mc_office_settings_set (settings, "office.no-such-key", text, &error))
    g_error ("an unknown key was accepted");
  fuzz_check_outcome (FALSE, error, "an unknown key");
  g_clear_error (&error);

  saved = snapshot (settings);
  for (gsize i = 0; i < n_keys; i++)
    if (!mc_office_settings_set (reloaded, keys[i].key, saved->pdata[i], &error))
      g_error ("the saved setting %s = “%s” does not load: %s", keys[i].key, (char *) saved->pdata[i],
               error->message);
  loaded = snapshot (reloaded);
  assert_same_except (saved, loaded, NULL, "saving and loading the settings");
  return 0;
}
