/* mc-ui.c — registers the app's GResource by hand: it sits in a static library, where a
 * constructor in an object nobody references would be dropped by the linker. */
#include "config.h"

#include <gio/gio.h>

#include "mc-ui.h"
#include "mc-ui-resources.h"

void
mc_ui_ensure_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      mc_ui_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
