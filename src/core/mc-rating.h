/* mc-rating.h — the citizen's rating of the service, recorded when the result is returned
 * (domain.md, "What supervisors are measured by": very satisfied / satisfied / not
 * satisfied), which feeds the satisfaction figure. The codes are stored: never renumber. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MC_RATING_NONE            = 0,   /* not asked, or the citizen gave none */
  MC_RATING_VERY_SATISFIED  = 1,   /* Rất hài lòng */
  MC_RATING_SATISFIED       = 2,   /* Hài lòng */
  MC_RATING_NOT_SATISFIED   = 3,   /* Không hài lòng */
} McRating;

#define MC_RATING_FIRST MC_RATING_VERY_SATISFIED
#define MC_RATING_LAST  MC_RATING_NOT_SATISFIED

gboolean    mc_rating_is_valid    (int          code);   /* 1 … 3 */
const char *mc_rating_to_string   (McRating     rating); /* "very-satisfied", "satisfied", "not-satisfied", "none" */
/* Accepts the name, the code ("1") or the Vietnamese words with or without diacritics
 * ("rat hai long"). "none" is refused: leave the option out instead. */
gboolean    mc_rating_parse       (const char  *text,
                                   McRating    *out,
                                   GError     **error);
const char *mc_rating_describe    (McRating     rating); /* Vietnamese: "Rất hài lòng"; "" for NONE */

G_END_DECLS
