/* main.c — starts Một Cửa Desk: translations, then the application. */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "mc-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(McApplication) application = NULL;
  const char *localedir = g_getenv ("MOTCUA_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = mc_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
