/* faults-test.h — what the fault tests share: their own options, temporary folders, valid
 * drafts, and motcua-cli run as a user runs it (optionally under a file size limit, as
 * another user, or in Vietnamese). */
#pragma once

#include <gio/gio.h>

#include "mc-store.h"

G_BEGIN_DECLS

/* Removes "PREFIX…" from argv (before g_test_init) and returns its value, or NULL. */
char        *faults_take_option        (int          *argc,
                                        char        **argv,
                                        const char   *prefix);
/* Removes a test's folder and everything in it. */
void         faults_remove_tree        (const char   *dir);
/* A residence registration draft with every mandatory document ticked. */
McDossierDraft *
             faults_draft              (McStore      *store,
                                        const char   *name);
McDossier   *faults_receive            (McStore      *store,
                                        const char   *name);
/* The sequence number of a dossier code. */
int          faults_code_sequence      (const char   *code);

typedef struct
{
  const char *cli;            /* motcua-cli */
  const char *localedir;      /* the build's po/ for LANGUAGE=vi, or NULL */
  guint64     file_size_limit; /* RLIMIT_FSIZE in bytes (SIGXFSZ ignored), or 0 */
  gboolean    as_nobody;      /* run as user nobody (when the test runs as root) */
  gboolean    vietnamese;
} FaultsCli;

/* Runs motcua-cli with @argv (NULL-terminated, after the program); returns the exit status
 * (-signal when killed) and its output. */
int          faults_cli_run            (const FaultsCli *how,
                                        char        **out,
                                        char        **err,
                                        const char   *first_arg,
                                        ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
