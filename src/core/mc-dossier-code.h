/* mc-dossier-code.h — the dossier code (mã hồ sơ) `<agency code>-<yyMMdd>-<NNNN>`.
 *
 * Parsing is strict: what a QR or a scanner types back is either a bare code or a URL made
 * from the office's lookup template; anything else is refused with a message.
 */
#pragma once

#include "mc-time.h"

G_BEGIN_DECLS

typedef struct
{
  char  *agency_code;   /* e.g. "000.00.16.H04" */
  McDay  day;           /* date of receipt */
  int    sequence;      /* 1 … 9999 */
} McDossierCode;

/* Agency codes follow QCVN 102:2016/BTTTT: groups of digits/upper-case letters joined by dots,
 * e.g. "000.00.16.H04", "G22.H56". */
gboolean mc_agency_code_is_valid       (const char      *code);
char    *mc_dossier_code_format        (const char      *agency_code,
                                        McDay            day,
                                        int              sequence);
gboolean mc_dossier_code_parse         (const char      *text,
                                        McDossierCode   *out,     /* agency_code owned by caller */
                                        GError         **error);
void     mc_dossier_code_clear         (McDossierCode   *code);
/* A lookup URL for @code from @url_template ("…?ma={code}"; "{id}" may also appear). */
char    *mc_lookup_url_build           (const char      *url_template,
                                        const char      *code,
                                        const char      *id_number);
/* Checks a lookup URL template setting: http(s)://host…, "{code}" exactly once, "{id}" at
 * most once, nothing else in braces, no spaces. For the settings page, before saving. */
gboolean mc_lookup_template_validate   (const char      *url_template,
                                        GError         **error);
/* What a scanner typed: a bare code, or a URL built from @url_template (any {id} value).
 * Returns the canonical code, or NULL with an error. Surrounding white space is ignored. */
char    *mc_scanned_input_to_code      (const char      *scanned,
                                        const char      *url_template,
                                        GError         **error);

G_END_DECLS
