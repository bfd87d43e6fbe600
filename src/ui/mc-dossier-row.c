/* mc-dossier-row.c — one row of a dossier list as a GObject with a property per column.
 *
 * The model builds a row only when the view asks for its position, from the page of
 * summaries it fetched; the row then holds its own copies, so the page can be evicted while
 * the view still shows the row. The texts a cell shows (dates, the status's name, the mark's
 * word) are computed once here rather than on every bind.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-dossier-row.h"
#include "mc-status.h"

struct _McDossierRow
{
  GObject        parent_instance;

  gint64         id;
  char          *code;             /* owned */
  char          *applicant_name;   /* owned */
  char          *procedure_name;   /* owned */
  McStatus       status;
  McTime         received_at;
  char          *received_text;    /* owned */
  McTime         due_at;
  char          *due_text;         /* owned */
  McDossierMark  mark;
};

G_DEFINE_FINAL_TYPE (McDossierRow, mc_dossier_row, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (McDossierMark, mc_dossier_mark,
  G_DEFINE_ENUM_VALUE (MC_DOSSIER_MARK_NONE, "none"),
  G_DEFINE_ENUM_VALUE (MC_DOSSIER_MARK_DUE_SOON, "due-soon"),
  G_DEFINE_ENUM_VALUE (MC_DOSSIER_MARK_OVERDUE, "overdue"))

enum
{
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_APPLICANT_NAME,
  PROP_PROCEDURE_NAME,
  PROP_STATUS,
  PROP_STATUS_TEXT,
  PROP_RECEIVED_AT,
  PROP_RECEIVED_TEXT,
  PROP_DUE_AT,
  PROP_DUE_TEXT,
  PROP_MARK,
  PROP_MARK_TEXT,
  PROP_MARK_ICON_NAME,
  PROP_MARK_CSS_CLASS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
mc_dossier_row_format_time (McTime t)
{
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;

  if (t == MC_TIME_NONE)
    return g_strdup ("—");
  day = mc_day_format_vi (mc_time_local_day (t));
  clock = mc_clock_format (mc_time_local_seconds (t));
  return g_strconcat (day, " ", clock, NULL);
}

static void
mc_dossier_row_finalize (GObject *object)
{
  McDossierRow *self = MC_DOSSIER_ROW (object);

  g_free (self->code);
  g_free (self->applicant_name);
  g_free (self->procedure_name);
  g_free (self->received_text);
  g_free (self->due_text);

  G_OBJECT_CLASS (mc_dossier_row_parent_class)->finalize (object);
}

static void
mc_dossier_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  McDossierRow *self = MC_DOSSIER_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_APPLICANT_NAME:
      g_value_set_string (value, self->applicant_name);
      break;
    case PROP_PROCEDURE_NAME:
      g_value_set_string (value, self->procedure_name);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, mc_dossier_row_get_status_text (self));
      break;
    case PROP_RECEIVED_AT:
      g_value_set_int64 (value, self->received_at);
      break;
    case PROP_RECEIVED_TEXT:
      g_value_set_string (value, self->received_text);
      break;
    case PROP_DUE_AT:
      g_value_set_int64 (value, self->due_at);
      break;
    case PROP_DUE_TEXT:
      g_value_set_string (value, self->due_text);
      break;
    case PROP_MARK:
      g_value_set_enum (value, self->mark);
      break;
    case PROP_MARK_TEXT:
      g_value_set_string (value, mc_dossier_row_get_mark_text (self));
      break;
    case PROP_MARK_ICON_NAME:
      g_value_set_string (value, mc_dossier_row_get_mark_icon_name (self));
      break;
    case PROP_MARK_CSS_CLASS:
      g_value_set_string (value, mc_dossier_row_get_mark_css_class (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_dossier_row_class_init (McDossierRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mc_dossier_row_finalize;
  object_class->get_property = mc_dossier_row_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_APPLICANT_NAME] = g_param_spec_string ("applicant-name", NULL, NULL, NULL, flags);
  properties[PROP_PROCEDURE_NAME] = g_param_spec_string ("procedure-name", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, MC_STATUS_LAST, 0, flags);
  properties[PROP_STATUS_TEXT] = g_param_spec_string ("status-text", NULL, NULL, NULL, flags);
  properties[PROP_RECEIVED_AT] = g_param_spec_int64 ("received-at", NULL, NULL, G_MININT64, G_MAXINT64,
                                                     MC_TIME_NONE, flags);
  properties[PROP_RECEIVED_TEXT] = g_param_spec_string ("received-text", NULL, NULL, NULL, flags);
  properties[PROP_DUE_AT] = g_param_spec_int64 ("due-at", NULL, NULL, G_MININT64, G_MAXINT64,
                                                MC_TIME_NONE, flags);
  properties[PROP_DUE_TEXT] = g_param_spec_string ("due-text", NULL, NULL, NULL, flags);
  properties[PROP_MARK] = g_param_spec_enum ("mark", NULL, NULL, MC_TYPE_DOSSIER_MARK,
                                             MC_DOSSIER_MARK_NONE, flags);
  properties[PROP_MARK_TEXT] = g_param_spec_string ("mark-text", NULL, NULL, NULL, flags);
  properties[PROP_MARK_ICON_NAME] = g_param_spec_string ("mark-icon-name", NULL, NULL, NULL, flags);
  properties[PROP_MARK_CSS_CLASS] = g_param_spec_string ("mark-css-class", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_dossier_row_init (McDossierRow *self)
{
  self->received_at = MC_TIME_NONE;
  self->due_at = MC_TIME_NONE;
}

/* Replaces *@field with a copy of @value; TRUE when it changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
apply (McDossierRow           *self,
       const McDossierSummary *summary,
       McDossierMark           mark,
       gboolean                notify)
{
  McDossierSummary empty = { .id = self->id, .received_at = MC_TIME_NONE, .current_due_at = MC_TIME_NONE };
  gboolean changed[N_PROPS] = { FALSE };

  if (summary == NULL)
    summary = &empty;

  changed[PROP_CODE] = set_string (&self->code, summary->code ? summary->code : "");
  changed[PROP_APPLICANT_NAME] = set_string (&self->applicant_name,
                                             summary->applicant_name ? summary->applicant_name : "");
  changed[PROP_PROCEDURE_NAME] = set_string (&self->procedure_name,
                                             summary->procedure_name ? summary->procedure_name : "");
  if (self->status != summary->status)
    {
      self->status = summary->status;
      changed[PROP_STATUS] = changed[PROP_STATUS_TEXT] = TRUE;
    }
  if (self->received_at != summary->received_at || self->received_text == NULL)
    {
      self->received_at = summary->received_at;
      g_free (self->received_text);
      self->received_text = mc_dossier_row_format_time (summary->received_at);
      changed[PROP_RECEIVED_AT] = changed[PROP_RECEIVED_TEXT] = TRUE;
    }
  if (self->due_at != summary->current_due_at || self->due_text == NULL)
    {
      self->due_at = summary->current_due_at;
      g_free (self->due_text);
      self->due_text = mc_dossier_row_format_time (summary->current_due_at);
      changed[PROP_DUE_AT] = changed[PROP_DUE_TEXT] = TRUE;
    }
  if (self->mark != mark)
    {
      self->mark = mark;
      changed[PROP_MARK] = changed[PROP_MARK_TEXT] = TRUE;
      changed[PROP_MARK_ICON_NAME] = changed[PROP_MARK_CSS_CLASS] = TRUE;
    }

  if (!notify)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    if (changed[i])
      g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

McDossierRow *
mc_dossier_row_new (gint64                  id,
                    const McDossierSummary *summary,
                    McDossierMark           mark)
{
  McDossierRow *self = g_object_new (MC_TYPE_DOSSIER_ROW, NULL);

  g_return_val_if_fail (summary == NULL || summary->id == id, self);

  self->id = id;
  apply (self, summary, mark, FALSE);
  return self;
}

void
mc_dossier_row_update (McDossierRow           *self,
                       const McDossierSummary *summary,
                       McDossierMark           mark)
{
  g_return_if_fail (MC_IS_DOSSIER_ROW (self));
  g_return_if_fail (summary == NULL || summary->id == self->id);

  apply (self, summary, mark, TRUE);
}

gint64
mc_dossier_row_get_id (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), 0);
  return self->id;
}

const char *
mc_dossier_row_get_code (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), NULL);
  return self->code;
}

const char *
mc_dossier_row_get_applicant_name (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), NULL);
  return self->applicant_name;
}

const char *
mc_dossier_row_get_procedure_name (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), NULL);
  return self->procedure_name;
}

McStatus
mc_dossier_row_get_status (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), 0);
  return self->status;
}

const char *
mc_dossier_row_get_status_text (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), NULL);
  return mc_status_is_valid (self->status) ? mc_status_describe (self->status) : "";
}

McTime
mc_dossier_row_get_received_at (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), MC_TIME_NONE);
  return self->received_at;
}

const char *
mc_dossier_row_get_received_text (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), NULL);
  return self->received_text;
}

McTime
mc_dossier_row_get_due_at (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), MC_TIME_NONE);
  return self->due_at;
}

const char *
mc_dossier_row_get_due_text (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), NULL);
  return self->due_text;
}

McDossierMark
mc_dossier_row_get_mark (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), MC_DOSSIER_MARK_NONE);
  return self->mark;
}

const char *
mc_dossier_row_get_mark_text (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), NULL);

  switch (self->mark)
    {
    case MC_DOSSIER_MARK_DUE_SOON:
      return _("Due soon");
    case MC_DOSSIER_MARK_OVERDUE:
      return _("Overdue");
    case MC_DOSSIER_MARK_NONE:
    default:
      return "";
    }
}

const char *
mc_dossier_row_get_mark_icon_name (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), NULL);

  switch (self->mark)
    {
    case MC_DOSSIER_MARK_DUE_SOON:
      return "alarm-symbolic";
    case MC_DOSSIER_MARK_OVERDUE:
      return "dialog-warning-symbolic";
    case MC_DOSSIER_MARK_NONE:
    default:
      return NULL;
    }
}

const char *
mc_dossier_row_get_mark_css_class (McDossierRow *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_ROW (self), NULL);

  switch (self->mark)
    {
    case MC_DOSSIER_MARK_DUE_SOON:
      return "due-soon";
    case MC_DOSSIER_MARK_OVERDUE:
      return "overdue";
    case MC_DOSSIER_MARK_NONE:
    default:
      return NULL;
    }
}
