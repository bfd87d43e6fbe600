/* mc-text.h — Vietnamese text: normalisation for storage and folding for search.
 *
 * Names are stored in NFC exactly as typed (trimmed, inner white space collapsed).
 * Search folds both sides: diacritics removed, đ/Đ → d, lower case, so that
 * "nguyen van an" finds "Nguyễn Văn Ấn".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NFC, trimmed, runs of white space collapsed to one space. NULL + error if not UTF-8. */
char *mc_text_normalize (const char  *text,
                         GError     **error);
/* Folded for search; never NULL for valid UTF-8 (invalid bytes are dropped). */
char *mc_text_fold      (const char  *text);

G_END_DECLS
