/* mc-i18n.h — gettext for every layer, without GTK. */
#pragma once

#include <glib/gi18n-lib.h>
