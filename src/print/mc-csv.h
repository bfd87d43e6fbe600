/* mc-csv.h — CSV as spreadsheets read it, shared by every table the desk exports (the
 * register, the period report's tables): RFC 4180 (comma-separated, CRLF line ends, a field
 * quoted when it holds a comma, a quote or a line break, quotes doubled), UTF-8 with a byte
 * order mark so that Excel opens the Vietnamese letters as they are, and free text that
 * begins with =, +, - or @ kept from being run as a formula by a leading apostrophe.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An empty document: the byte order mark alone. */
GString  *mc_csv_new         (void);
/* Appends one field; @is_text marks free text that could be taken for a formula. NULL is
 * an empty field. */
void      mc_csv_field       (GString             *out,
                              const char          *text,
                              gboolean             is_text);
/* One line of @n fields, comma-separated and ended by CRLF; @is_text may be NULL (no field
 * is free text). */
void      mc_csv_line        (GString             *out,
                              const char * const  *fields,
                              const gboolean      *is_text,
                              guint                n);
/* Writes @csv to @path; MC_PRINT_ERROR_FILE naming the file on failure. */
gboolean  mc_csv_write_file  (const char          *path,
                              const char          *csv,
                              GError             **error);

G_END_DECLS
