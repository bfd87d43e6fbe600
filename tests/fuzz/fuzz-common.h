/* fuzz-common.h — what every fuzz target shares: the libFuzzer entry point's prototype, the
 * input as the text a person or a device would hand over, and the checks that hold for any
 * parser of outside data: it either accepts, or refuses with an error whose message can be
 * shown to the clerk as it is (valid UTF-8, not empty). A broken invariant aborts, which
 * libFuzzer reports as a crash with the input that caused it.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* The input up to its first NUL, as C strings arrive from a keyboard, a scanner or a file. */
static inline char *
fuzz_text (const uint8_t *data,
           size_t         size)
{
  return g_strndup ((const char *) data, size);
}

/* Splits @text at its first newline: the part before in *@first (owned), the rest in *@rest
 * (owned); with no newline *@first is "" and *@rest all of @text. Targets that take two
 * values (a template and a scan, a key and a value) read them so. */
static inline void
fuzz_split_line (const char  *text,
                 char       **first,
                 char       **rest)
{
  const char *newline = strchr (text, '\n');

  if (newline == NULL)
    {
      *first = g_strdup ("");
      *rest = g_strdup (text);
      return;
    }
  *first = g_strndup (text, (gsize) (newline - text));
  *rest = g_strdup (newline + 1);
}

static inline void
fuzz_check_text (const char *text,
                 const char *what)
{
  if (text == NULL)
    g_error ("%s is missing", what);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *escaped = g_strescape (text, NULL);

      g_error ("%s is not valid UTF-8 text: “%s”", what, escaped);
    }
}

/* @ok is what the parser returned: success without an error, or failure with one that
 * says something readable. */
static inline void
fuzz_check_outcome (gboolean      ok,
                    const GError *error,
                    const char   *what)
{
  if (ok && error != NULL)
    g_error ("%s succeeded but set an error: %s", what, error->message);
  if (!ok && error == NULL)
    g_error ("%s failed without saying why", what);
  if (!ok)
    {
      if (error->message == NULL || *error->message == '\0')
        g_error ("%s failed with an empty message", what);
      fuzz_check_text (error->message, what);
    }
}
