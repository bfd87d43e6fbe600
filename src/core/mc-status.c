/* mc-status.c — the status machine of a dossier.
 *
 * The ten statuses carry the portal's codes (TrangThaiHoSo) so that what the desk stores is
 * what it sends. The moves a dossier may make are one table, copied from domain.md ("The life
 * of a dossier"), so that the UI's enabled actions, the store's checks and the CLI all ask the
 * same question and get the same answer. Everything else (refusing a move, parsing what a
 * clerk or an import typed) is built on that table.
 */
#include "config.h"

#include <string.h>

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-status.h"
#include "mc-text.h"

typedef struct
{
  McStatus    status;
  const char *name;         /* stable English identifier, used in files and on the CLI */
  const char *description;  /* the portal's Vietnamese name: data, not a UI string */
} StatusInfo;

/* Indexed by code − 1. */
static const StatusInfo status_table[] = {
  { MC_STATUS_SUBMITTED_ONLINE,   "submitted-online",   "Mới đăng ký" },
  { MC_STATUS_RECEIVED,           "received",           "Được tiếp nhận" },
  { MC_STATUS_REFUSED,            "refused",            "Không được tiếp nhận" },
  { MC_STATUS_IN_PROCESSING,      "in-processing",      "Đang xử lý" },
  { MC_STATUS_WAITING_SUPPLEMENT, "waiting-supplement", "Yêu cầu bổ sung giấy tờ" },
  { MC_STATUS_WAITING_PAYMENT,    "waiting-payment",    "Yêu cầu thực hiện nghĩa vụ tài chính" },
  { MC_STATUS_WITHDRAWN,          "withdrawn",          "Công dân yêu cầu rút hồ sơ" },
  { MC_STATUS_STOPPED,            "stopped",            "Dừng xử lý" },
  { MC_STATUS_RESULT_READY,       "result-ready",       "Đã xử lý xong" },
  { MC_STATUS_RETURNED,           "returned",           "Đã trả kết quả" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (status_table) == MC_STATUS_LAST - MC_STATUS_FIRST + 1);

typedef struct
{
  McStatus from;
  McStatus to;
} StatusMove;

/* domain.md, "Allowed moves". Hand-overs between departments happen inside status 4 and are
 * processing steps, not moves; a late dossier keeps its status. */
static const StatusMove allowed_moves[] = {
  { MC_STATUS_SUBMITTED_ONLINE,   MC_STATUS_RECEIVED },           /* 1 → 2 */
  { MC_STATUS_SUBMITTED_ONLINE,   MC_STATUS_REFUSED },            /* 1 → 3 */
  { MC_STATUS_RECEIVED,           MC_STATUS_REFUSED },            /* 2 → 3, same visit */
  { MC_STATUS_RECEIVED,           MC_STATUS_IN_PROCESSING },      /* 2 → 4 */
  { MC_STATUS_RECEIVED,           MC_STATUS_WAITING_SUPPLEMENT }, /* 2 → 5 */
  { MC_STATUS_RECEIVED,           MC_STATUS_WITHDRAWN },          /* 2 → 7 */
  { MC_STATUS_IN_PROCESSING,      MC_STATUS_WAITING_SUPPLEMENT }, /* 4 → 5 */
  { MC_STATUS_IN_PROCESSING,      MC_STATUS_WAITING_PAYMENT },    /* 4 → 6 */
  { MC_STATUS_IN_PROCESSING,      MC_STATUS_WITHDRAWN },          /* 4 → 7 */
  { MC_STATUS_IN_PROCESSING,      MC_STATUS_STOPPED },            /* 4 → 8 */
  { MC_STATUS_IN_PROCESSING,      MC_STATUS_RESULT_READY },       /* 4 → 9 */
  { MC_STATUS_WAITING_SUPPLEMENT, MC_STATUS_IN_PROCESSING },      /* 5 → 4, supplement received */
  { MC_STATUS_WAITING_SUPPLEMENT, MC_STATUS_WITHDRAWN },          /* 5 → 7 */
  { MC_STATUS_WAITING_SUPPLEMENT, MC_STATUS_STOPPED },            /* 5 → 8, deadline passed */
  { MC_STATUS_WAITING_PAYMENT,    MC_STATUS_IN_PROCESSING },      /* 6 → 4, paid */
  { MC_STATUS_WAITING_PAYMENT,    MC_STATUS_WITHDRAWN },          /* 6 → 7 */
  { MC_STATUS_WAITING_PAYMENT,    MC_STATUS_STOPPED },            /* 6 → 8 */
  { MC_STATUS_RESULT_READY,       MC_STATUS_RETURNED },           /* 9 → 10 */
};

gboolean
mc_status_is_valid (int code)
{
  return code >= MC_STATUS_FIRST && code <= MC_STATUS_LAST;
}

static const StatusInfo *
status_info (McStatus status)
{
  if (!mc_status_is_valid ((int) status))
    return NULL;
  return &status_table[status - MC_STATUS_FIRST];
}

const char *
mc_status_to_string (McStatus status)
{
  const StatusInfo *info = status_info (status);

  g_return_val_if_fail (info != NULL, NULL);
  return info->name;
}

const char *
mc_status_describe (McStatus status)
{
  const StatusInfo *info = status_info (status);

  g_return_val_if_fail (info != NULL, NULL);
  return info->description;
}

/* Folds @text for comparison: diacritics and case dropped (mc_text_fold), and every run of
 * white space, hyphens and underscores made one space, so that "in-processing",
 * "IN_PROCESSING", "in processing", "Đang xử lý" and "dang  xu ly" compare as typed. */
static char *
fold_status_name (const char *text)
{
  g_autofree char *folded = mc_text_fold (text);
  GString *out = g_string_sized_new (strlen (folded));
  gboolean pending_space = FALSE;

  for (const char *p = folded; *p; p++)
    {
      if (g_ascii_isspace (*p) || *p == '-' || *p == '_')
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
parse_code (const char *text,
            int        *code)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT, &value, NULL))
    return FALSE;
  *code = (int) value;
  return TRUE;
}

gboolean
mc_status_parse (const char  *text,
                 McStatus    *out,
                 GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  int code;

  g_return_val_if_fail (out != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING,
                           _("The dossier status is empty"));
      return FALSE;
    }

  if (g_ascii_isdigit (*trimmed))
    {
      if (parse_code (trimmed, &code) && mc_status_is_valid (code))
        {
          *out = (McStatus) code;
          return TRUE;
        }
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("“%s” is not a dossier status code (the portal's codes run from 1 to 10)"),
                   trimmed);
      return FALSE;
    }

  folded = fold_status_name (trimmed);
  for (guint i = 0; i < G_N_ELEMENTS (status_table); i++)
    {
      g_autofree char *name = fold_status_name (status_table[i].name);
      g_autofree char *description = fold_status_name (status_table[i].description);

      if (g_str_equal (folded, name) || g_str_equal (folded, description))
        {
          *out = status_table[i].status;
          return TRUE;
        }
    }

  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("“%s” is not a dossier status: give a code from 1 to 10, a name such as "
                 "“in-processing” or the portal's name such as “Đang xử lý”"),
               trimmed);
  return FALSE;
}

gboolean
mc_status_can_move (McStatus from,
                    McStatus to)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_moves); i++)
    if (allowed_moves[i].from == from && allowed_moves[i].to == to)
      return TRUE;
  return FALSE;
}

gboolean
mc_status_check_move (McStatus   from,
                      McStatus   to,
                      GError   **error)
{
  if (!mc_status_is_valid ((int) from) || !mc_status_is_valid ((int) to))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("Unknown dossier status code %d"),
                   mc_status_is_valid ((int) from) ? (int) to : (int) from);
      return FALSE;
    }

  if (mc_status_can_move (from, to))
    return TRUE;

  if (from == to)
    g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED,
                 _("The dossier is already in status “%s” (%d)"),
                 mc_status_describe (from), (int) from);
  else
    g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED,
                 _("A dossier in status “%s” (%d) cannot move to “%s” (%d)"),
                 mc_status_describe (from), (int) from,
                 mc_status_describe (to), (int) to);
  return FALSE;
}

gboolean
mc_status_is_paused (McStatus status)
{
  return status == MC_STATUS_WAITING_SUPPLEMENT || status == MC_STATUS_WAITING_PAYMENT;
}

gboolean
mc_status_is_closed (McStatus status)
{
  return status == MC_STATUS_REFUSED || status == MC_STATUS_WITHDRAWN ||
         status == MC_STATUS_STOPPED || status == MC_STATUS_RETURNED;
}

gboolean
mc_status_is_finished (McStatus status)
{
  return status == MC_STATUS_RESULT_READY || status == MC_STATUS_RETURNED;
}

gboolean
mc_status_is_open (McStatus status)
{
  return status == MC_STATUS_RECEIVED || status == MC_STATUS_IN_PROCESSING;
}
