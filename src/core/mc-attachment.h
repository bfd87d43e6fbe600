/* mc-attachment.h — what a scanned document may be: the file types the desk keeps (PDF,
 * JPEG, PNG), recognised by their content, never by their name, and the rule that a file
 * must be what its name says.
 *
 * A file named "giay-khai-sinh.pdf" that is really a JPEG, or a renamed executable, is
 * refused here with a message that says what the content is, so the store, the CLI and the
 * window refuse the same files in the same words.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MC_ATTACHMENT_UNKNOWN,
  MC_ATTACHMENT_PDF,
  MC_ATTACHMENT_JPEG,
  MC_ATTACHMENT_PNG,
} McAttachmentType;

/* The target of an attachment that is the dossier's result rather than a received document. */
#define MC_ATTACHMENT_RESULT "result"

/* Bytes enough to recognise every type (the PNG signature is the longest). */
#define MC_ATTACHMENT_SNIFF_BYTES 8

/* The type of the content starting with @head (@len bytes of it): "%PDF-", FF D8 FF, or the
 * PNG signature 89 50 4E 47 0D 0A 1A 0A. */
McAttachmentType  mc_attachment_type_sniff       (const guint8     *head,
                                                  gsize             len);
/* The type a file name claims by its extension (.pdf, .jpg, .jpeg, .jpe, .png; any case). */
McAttachmentType  mc_attachment_type_from_name   (const char       *file_name);
const char       *mc_attachment_type_mime        (McAttachmentType  type);   /* "application/pdf" … */
McAttachmentType  mc_attachment_type_from_mime   (const char       *mime);
/* Vietnamese: "tệp PDF", "ảnh JPEG", "ảnh PNG". */
const char       *mc_attachment_type_describe    (McAttachmentType  type);

/* Checks that @file_name claims a type the desk keeps and that the content (@head) is of
 * that very type; returns it through @type. Refuses a name without a known extension, a
 * content that is none of the three, and a content of another type than the name says. */
gboolean          mc_attachment_check            (const char       *file_name,
                                                  const guint8     *head,
                                                  gsize             len,
                                                  McAttachmentType *type,
                                                  GError          **error);

/* Where a file with this SHA-256 (64 lowercase hex digits) lives under the data directory:
 * "attachments/ab/cdef…" with '/' separators; NULL for a malformed hash. */
char             *mc_attachment_relative_path    (const char       *sha256);

G_END_DECLS
