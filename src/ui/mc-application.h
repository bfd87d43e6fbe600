/* mc-application.h — the single-instance GtkApplication of the counter desk. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_APPLICATION (mc_application_get_type ())
G_DECLARE_FINAL_TYPE (McApplication, mc_application, MC, APPLICATION, GtkApplication)

McApplication *mc_application_new         (void);
McContext     *mc_application_get_context (McApplication *self);   /* NULL before activation */

G_END_DECLS
