/* mc-applicant.h — who submits a dossier, validated at the edge.
 *
 * Messages say what is wrong in Vietnamese ("Số CCCD phải có đúng 12 chữ số (đã nhập 11)").
 */
#pragma once

#include "mc-time.h"

G_BEGIN_DECLS

typedef enum
{
  MC_APPLICANT_CITIZEN      = 1,   /* the portal's LoaiDoiTuong */
  MC_APPLICANT_ORGANISATION = 2,
} McApplicantKind;

/* 12 digits; digits 1–3 a province code of the official list; digit 4 gender and century;
 * digits 5–6 the birth year's last two digits. @birth_day may be 0 (unknown) — otherwise
 * the century digit and year digits must agree with it. */
gboolean    mc_citizen_id_validate      (const char  *id,
                                         McDay        birth_day,
                                         gboolean     has_birth_day,
                                         GError     **error);
/* Province name of birth registration for a 3-digit code, or NULL. */
const char *mc_citizen_id_province      (const char  *id);
/* Tax code: 10 digits, or 10 digits '-' 3 digits. */
gboolean    mc_tax_code_validate        (const char  *code,
                                         GError     **error);
/* 10 digits starting with 0, or +84 and 9 digits (spaces, dots, dashes ignored).
 * Returns the canonical form (0xxxxxxxxx), or NULL with an error. */
char       *mc_phone_normalize          (const char  *phone,
                                         GError     **error);
gboolean    mc_email_validate           (const char  *email,
                                         GError     **error);

G_END_DECLS
