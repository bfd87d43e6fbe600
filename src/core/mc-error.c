/* mc-error.c — the core's error domain. */
#include "mc-error.h"

G_DEFINE_QUARK (mc-core-error-quark, mc_core_error)
