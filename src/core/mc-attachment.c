/* mc-attachment.c — scanned documents' file types, recognised by content. */
#include "config.h"

#include <string.h>

#include "mc-attachment.h"
#include "mc-error.h"
#include "mc-i18n.h"

static const struct
{
  McAttachmentType  type;
  const char       *mime;
  const char       *description;   /* Vietnamese, as the core's other descriptions */
} type_table[] = {
  { MC_ATTACHMENT_PDF,  "application/pdf", "tệp PDF" },
  { MC_ATTACHMENT_JPEG, "image/jpeg",      "ảnh JPEG" },
  { MC_ATTACHMENT_PNG,  "image/png",       "ảnh PNG" },
};

McAttachmentType
mc_attachment_type_sniff (const guint8 *head,
                          gsize         len)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };

  if (head == NULL)
    return MC_ATTACHMENT_UNKNOWN;
  if (len >= 5 && memcmp (head, "%PDF-", 5) == 0)
    return MC_ATTACHMENT_PDF;
  if (len >= 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff)
    return MC_ATTACHMENT_JPEG;
  if (len >= sizeof png && memcmp (head, png, sizeof png) == 0)
    return MC_ATTACHMENT_PNG;
  return MC_ATTACHMENT_UNKNOWN;
}

McAttachmentType
mc_attachment_type_from_name (const char *file_name)
{
  const char *dot = file_name != NULL ? strrchr (file_name, '.') : NULL;

  if (dot == NULL || strchr (dot, '/') != NULL)
    return MC_ATTACHMENT_UNKNOWN;
  dot++;
  if (g_ascii_strcasecmp (dot, "pdf") == 0)
    return MC_ATTACHMENT_PDF;
  if (g_ascii_strcasecmp (dot, "jpg") == 0 || g_ascii_strcasecmp (dot, "jpeg") == 0 ||
      g_ascii_strcasecmp (dot, "jpe") == 0)
    return MC_ATTACHMENT_JPEG;
  if (g_ascii_strcasecmp (dot, "png") == 0)
    return MC_ATTACHMENT_PNG;
  return MC_ATTACHMENT_UNKNOWN;
}

const char *
mc_attachment_type_mime (McAttachmentType type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (type_table); i++)
    if (type_table[i].type == type)
      return type_table[i].mime;
  return "application/octet-stream";
}

McAttachmentType
mc_attachment_type_from_mime (const char *mime)
{
  for (gsize i = 0; i < G_N_ELEMENTS (type_table); i++)
    if (g_strcmp0 (type_table[i].mime, mime) == 0)
      return type_table[i].type;
  return MC_ATTACHMENT_UNKNOWN;
}

const char *
mc_attachment_type_describe (McAttachmentType type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (type_table); i++)
    if (type_table[i].type == type)
      return type_table[i].description;
  return "";
}

gboolean
mc_attachment_check (const char        *file_name,
                     const guint8      *head,
                     gsize              len,
                     McAttachmentType  *type,
                     GError           **error)
{
  g_autofree char *shown = g_utf8_make_valid (file_name != NULL ? file_name : "", -1);
  McAttachmentType claimed = mc_attachment_type_from_name (file_name);
  McAttachmentType found = mc_attachment_type_sniff (head, len);

  if (claimed == MC_ATTACHMENT_UNKNOWN)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("“%s” is not a scanned document the desk keeps: attach a PDF, JPEG or PNG file"), shown);
      return FALSE;
    }
  if (found == MC_ATTACHMENT_UNKNOWN)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("“%s” is not what its name says: its content is not a PDF, JPEG or PNG file"), shown);
      return FALSE;
    }
  if (found != claimed)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("“%s” is not what its name says: its content is %s, not %s"), shown,
                   mc_attachment_type_describe (found), mc_attachment_type_describe (claimed));
      return FALSE;
    }
  if (type != NULL)
    *type = found;
  return TRUE;
}

char *
mc_attachment_relative_path (const char *sha256)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return NULL;
  for (const char *p = sha256; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return NULL;
  return g_strdup_printf ("attachments/%.2s/%s", sha256, sha256 + 2);
}
