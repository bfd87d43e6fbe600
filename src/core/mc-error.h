/* mc-error.h — the core's error domain.
 *
 * Every rule in src/core that can refuse input reports through MC_CORE_ERROR with a
 * message that is translatable and, for the user, in Vietnamese.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MC_CORE_ERROR (mc_core_error_quark ())

typedef enum
{
  MC_CORE_ERROR_INVALID,      /* a value that breaks a rule: wrong ID, bad time, … */
  MC_CORE_ERROR_PARSE,        /* malformed text or JSON */
  MC_CORE_ERROR_OUT_OF_RANGE, /* a date outside what the tables cover */
  MC_CORE_ERROR_NOT_ALLOWED,  /* a move the status machine forbids */
  MC_CORE_ERROR_MISSING,      /* a required value or document is missing */
} McCoreError;

GQuark mc_core_error_quark (void);

G_END_DECLS
