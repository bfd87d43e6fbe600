/* mc-ui.h — the app's bundled templates and style. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the app's GResource (templates, CSS) once. Every widget class with a template
 * calls it in class_init, so widgets work the same in the app and in tests. */
void mc_ui_ensure_resources (void);

G_END_DECLS
