/* mc-cli-test.h — what every test of motcua-cli shares: the path of the built program (from
 * meson as --cli=PATH, or $MOTCUA_CLI), running it on a database as a user runs it and keeping
 * its exit status and output, failing loudly with that output when a check does not hold, and
 * reading back the JSON and PDFs it writes. The test programs keep their own fixtures and the
 * steps of their own domain (receiving a dossier, adding staff). */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

/* One finished run of motcua-cli. */
typedef struct
{
  int   status;   /* exit status */
  char *out;      /* owned: what it printed on stdout */
  char *err;      /* owned: what it printed on stderr */
} McCliRun;

void        mc_cli_run_free                 (McCliRun *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McCliRun, mc_cli_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* A change to the environment motcua-cli runs in; a list of them ends with { NULL, NULL }. */
typedef struct
{
  const char *name;
  const char *value;   /* NULL: removed from the environment */
} McCliTestEnv;

/* How pdftotext lays out the text it reads. */
typedef enum
{
  MC_CLI_TEST_PDF_RAW,      /* in reading order, as pdftotext does by default */
  MC_CLI_TEST_PDF_LAYOUT,   /* -layout: columns kept side by side, as on paper */
} McCliTestPdfLayout;

/* Takes --cli=PATH out of the arguments (else reads $MOTCUA_CLI), then calls g_test_init().
 * Returns FALSE, with the test program marked skipped, when there is no such program: the caller
 * then returns g_test_run () without adding its tests. */
gboolean    mc_cli_test_init                (int    *argc,
                                             char ***argv);

/* Runs motcua-cli with --db @db (none when @db is NULL) and @args (NULL-terminated), stdin from
 * /dev/null so that nothing may wait for typed input. The environment is the test's, with
 * XDG_DATA_HOME pointed at a scratch folder (never the real default database, even if a test
 * forgets --db) and $MOTCUA_ACCOUNT and $MOTCUA_PASSWORD_FILE removed (a desk without accounts
 * unless a test says otherwise), then changed by @env (may be NULL). A crash, a signal or a
 * failure to start fails the test, whatever the command. */
McCliRun   *mc_cli_test_run                 (const char         *db,
                                             const McCliTestEnv *env,
                                             const char * const *args);

/* The NULL-terminated argument list for mc_cli_test_run(). */
#define MC_CLI_TEST_ARGS(...) ((const char *[]) { __VA_ARGS__, NULL })

/* Fails with the run's stdout and stderr unless it exited with @expected. */
void        mc_cli_test_assert_status       (const McCliRun *run,
                                             int             expected);
/* Fails, showing @text, unless @part is in it as it stands. */
void        mc_cli_test_assert_contains     (const char *text,
                                             const char *part);
/* The same for text read back from a PDF: every run of white space (page breaks too) counts as
 * one space on both sides, so a sentence is found wherever pdftotext breaks its lines. */
void        mc_cli_test_assert_pdf_contains (const char *text,
                                             const char *part);

/* The run's stdout as JSON; fails, showing it, when it is not. Free with cJSON_Delete(). */
cJSON      *mc_cli_test_parse_json          (const McCliRun *run);
/* @object's string member @key; fails, showing @object, when there is none. */
const char *mc_cli_test_json_string         (const cJSON *object,
                                             const char  *key);
/* The number at @path in @object: member names separated by dots ("figures.received"). Fails,
 * showing @object, when a member is missing or the last one is not a number. */
double      mc_cli_test_json_number         (const cJSON *object,
                                             const char  *path);
/* The same, as cJSON's integer value. */
int         mc_cli_test_json_int            (const cJSON *object,
                                             const char  *path);

/* The text of @pdf as pdftotext reads it (free with g_free()); fails when pdftotext fails.
 * Without pdftotext (poppler-utils) the current test is marked skipped and NULL returned. */
char       *mc_cli_test_pdf_text            (const char         *pdf,
                                             McCliTestPdfLayout  layout);

/* Removes @path and everything under it (a test's database folder, with the scans kept
 * beside the database); what cannot be removed is left. */
void        mc_cli_test_remove_tree         (const char *path);

G_END_DECLS
