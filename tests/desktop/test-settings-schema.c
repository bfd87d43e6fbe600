/* The GSettings schema org.motcua.Desk against the core's office settings.
 *
 * The app keeps the office's choices in GSettings and copies them into the store, which parses
 * them with mc_office_settings_set(). So every office setting of the core needs a GSettings key
 * ("office.name" → "office-name") holding a string with the core's own default, and that default
 * must be accepted by the core: a desk that has never been configured then behaves exactly like
 * the CLI on a fresh database. The app's own keys (paper size, window state, first-start flag)
 * are checked for the types and values the app reads. The schema is read from the compiled
 * schema directory given as the first argument (or $GSETTINGS_SCHEMA_DIR), never from the
 * system's, so the test sees the schema of this source tree.
 */
#include <gio/gio.h>
/* For g_memory_settings_backend_new (): the test never touches the user's settings. */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "mc-office-settings.h"

#define SCHEMA_ID "org.motcua.Desk"

static char *schema_dir;

static GSettingsSchema *
load_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsSchemaSource) source = NULL;
  GSettingsSchema *schema;

  source = g_settings_schema_source_new_from_directory (schema_dir, NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, SCHEMA_ID, FALSE);
  if (schema == NULL)
    g_error ("Schema %s is not compiled into %s", SCHEMA_ID, schema_dir);
  return schema;
}

/* GSettings key names cannot contain dots: "office.name" is "office-name". */
static char *
gsettings_key_for (const char *core_key)
{
  return g_strdelimit (g_strdup (core_key), ".", '-');
}

static GSettings *
settings_in_memory (GSettingsSchema *schema)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  return g_settings_new_full (schema, backend, NULL);
}

static void
test_office_keys_have_core_defaults (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  gsize n_keys;
  const McOfficeSettingInfo *keys = mc_office_settings_keys (&n_keys);

  g_assert_cmpuint (n_keys, >, 0);
  for (gsize i = 0; i < n_keys; i++)
    {
      g_autofree char *name = gsettings_key_for (keys[i].key);
      g_autoptr(GSettingsSchemaKey) key = NULL;
      g_autoptr(GVariant) value = NULL;

      if (!g_settings_schema_has_key (schema, name))
        g_error ("Office setting %s has no GSettings key %s", keys[i].key, name);
      key = g_settings_schema_get_key (schema, name);
      g_assert_cmpstr (g_variant_type_peek_string (g_settings_schema_key_get_value_type (key)), ==, "s");
      value = g_settings_schema_key_get_default_value (key);
      g_assert_cmpstr (g_variant_get_string (value, NULL), ==, keys[i].default_value);
      /* Same English text as the core's description, so both share one translation. */
      g_assert_cmpstr (g_settings_schema_key_get_summary (key), ==, keys[i].description);
    }
}

static void
test_defaults_set_up_the_core_defaults (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  g_autoptr(GSettings) settings = settings_in_memory (schema);
  g_autoptr(McOfficeSettings) expected = mc_office_settings_new_default ();
  g_autoptr(McOfficeSettings) mirrored = mc_office_settings_new_default ();
  gsize n_keys;
  const McOfficeSettingInfo *keys = mc_office_settings_keys (&n_keys);

  /* What the app does at start: copy each GSettings value into the office settings. Start
   * from a different office so that a value which is not copied shows as a difference. */
  g_assert_true (mc_office_settings_set (mirrored, "office.name", "UBND phường Hoàn Kiếm", NULL));
  g_assert_true (mc_office_settings_set (mirrored, "office.hours", "08:00-12:00", NULL));
  g_assert_true (mc_office_settings_set (mirrored, "deadline.mode", "end-of-day", NULL));
  for (gsize i = 0; i < n_keys; i++)
    {
      g_autofree char *name = gsettings_key_for (keys[i].key);
      g_autofree char *value = g_settings_get_string (settings, name);
      g_autoptr(GError) error = NULL;

      if (!mc_office_settings_set (mirrored, keys[i].key, value, &error))
        g_error ("The core refuses the GSettings default of %s (“%s”): %s", name, value, error->message);
    }

  for (gsize i = 0; i < n_keys; i++)
    {
      g_autofree char *got = mc_office_settings_get (mirrored, keys[i].key);
      g_autofree char *want = mc_office_settings_get (expected, keys[i].key);

      g_assert_cmpstr (got, ==, want);
    }
}

/* A key that looks like an office setting but that the core does not know would be edited in
 * the preferences and never reach a slip or an appointment (a renamed core key leaves one). */
static void
test_office_like_keys_are_known_to_the_core (void)
{
  static const char *const office_prefixes[] = { "office-", "desk-", "deadline-", "portal-", "sync-", "reminders-",
                                                   "attachments-" };
  g_autoptr(GSettingsSchema) schema = load_schema ();
  g_auto(GStrv) names = g_settings_schema_list_keys (schema);
  gsize n_keys;
  const McOfficeSettingInfo *keys = mc_office_settings_keys (&n_keys);
  guint checked = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, names[i]);
      gboolean office_like = FALSE;
      gboolean known = FALSE;

      for (gsize p = 0; p < G_N_ELEMENTS (office_prefixes); p++)
        office_like |= g_str_has_prefix (names[i], office_prefixes[p]);
      /* Switches such as portal-simulator are the desk's, not the office's text settings. */
      if (!office_like || !g_variant_type_equal (g_settings_schema_key_get_value_type (key), G_VARIANT_TYPE_STRING))
        continue;
      for (gsize k = 0; k < n_keys && !known; k++)
        {
          g_autofree char *name = gsettings_key_for (keys[k].key);

          known = g_str_equal (name, names[i]);
        }
      if (!known)
        g_error ("GSettings key %s looks like an office setting but the core has no such key", names[i]);
      checked++;
    }
  g_assert_cmpuint (checked, ==, n_keys);
}

static void
test_paper_size_is_a4_or_a5 (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, "paper-size");
  g_autoptr(GSettings) settings = settings_in_memory (schema);
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
  g_autoptr(GVariant) a3 = g_variant_new_string ("a3");
  g_autoptr(GVariant) letter = g_variant_new_string ("letter");
  g_autoptr(GVariant) values = NULL;
  const char *range_type;
  g_autofree const char **nicks = NULL;
  g_autofree char *paper = NULL;

  g_variant_get (range, "(&sv)", &range_type, &values);
  g_assert_cmpstr (range_type, ==, "enum");
  nicks = g_variant_get_strv (values, NULL);
  g_assert_cmpuint (g_strv_length ((char **) nicks), ==, 2);
  g_assert_cmpstr (nicks[0], ==, "a4");
  g_assert_cmpstr (nicks[1], ==, "a5");

  /* A new desk prints on A4, the size of the official forms. */
  paper = g_settings_get_string (settings, "paper-size");
  g_assert_cmpstr (paper, ==, "a4");
  g_assert_false (g_settings_schema_key_range_check (key, a3));
  g_assert_false (g_settings_schema_key_range_check (key, letter));

  g_settings_set_string (settings, "paper-size", "a5");
  g_assert_cmpint (g_settings_get_enum (settings, "paper-size"), ==, 1);
}

/* The keys the app reads at start, with the values a desk that was never configured gets. */
static void
test_new_desk_defaults (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  g_autoptr(GSettings) settings = settings_in_memory (schema);
  g_autofree char *database_path = NULL;
  g_autofree char *clerk = NULL;

  database_path = g_settings_get_string (settings, "database-path");
  g_assert_cmpstr (database_path, ==, "");        /* the CLI's default database */
  clerk = g_settings_get_string (settings, "clerk-name");
  g_assert_cmpstr (clerk, ==, "");
  g_assert_false (g_settings_get_boolean (settings, "setup-done"));  /* first start asks */
  g_assert_true (g_settings_get_boolean (settings, "portal-simulator"));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1200);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 800);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* g_test_init leaves arguments it does not know, such as the schema directory. */
  schema_dir = g_strdup (argc > 1 ? argv[1] : g_getenv ("GSETTINGS_SCHEMA_DIR"));
  if (schema_dir == NULL)
    {
      g_printerr ("usage: %s [GTEST OPTIONS] COMPILED_SCHEMA_DIR (or set GSETTINGS_SCHEMA_DIR)\n", argv[0]);
      return 2;
    }

  g_test_add_func ("/settings-schema/office-keys-have-core-defaults", test_office_keys_have_core_defaults);
  g_test_add_func ("/settings-schema/defaults-set-up-the-core-defaults", test_defaults_set_up_the_core_defaults);
  g_test_add_func ("/settings-schema/office-like-keys-are-known-to-the-core", test_office_like_keys_are_known_to_the_core);
  g_test_add_func ("/settings-schema/paper-size-is-a4-or-a5", test_paper_size_is_a4_or_a5);
  g_test_add_func ("/settings-schema/new-desk-defaults", test_new_desk_defaults);

  status = g_test_run ();
  g_free (schema_dir);
  return status;
}
