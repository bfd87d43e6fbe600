/* sync-test.h — what the sync tests share: a portal simulator of their own (spawned on a
 * free port in a temporary folder), a desk database with dossiers and their moves,
 * motcua-cli run as a user runs it, and the comparison of the portal's copy with the desk's
 * record, field by field and step by step.
 */
#pragma once

#include <gio/gio.h>
#include <cjson/cJSON.h>

#include "mc-store.h"

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char        *data_dir;     /* owned: the simulator's files */
  char        *log_path;     /* owned: its log of calls */
  int          port;
  char        *base_url;     /* owned: http://127.0.0.1:PORT */
} TestSim;

typedef struct
{
  char        *dir;          /* owned: a temporary folder, removed with the desk */
  char        *db_path;      /* owned */
  char        *password_file;/* owned: "demo", mode 0600 */
  McStore     *store;        /* owned */
} TestDesk;

/* Takes --sim=PATH and --cli=PATH out of the arguments. */
void      sync_test_init          (int          *argc,
                                   char       ***argv);
const char *sync_test_cli_path    (void);

/* A simulator with its data in @dir/sim, on @port (0: any free one), with the extra
 * arguments given (NULL-terminated). Fails the test if it does not come up. */
TestSim  *test_sim_start          (const char   *dir,
                                   int           port,
                                   ...) G_GNUC_NULL_TERMINATED;
TestSim  *test_sim_startv         (const char   *dir,
                                   int           port,
                                   const char   *const *args);
void      test_sim_stop           (TestSim      *sim);
void      test_sim_free           (TestSim      *sim);
/* GET or POST (with @body) one of the simulator's paths; the answer as JSON. */
cJSON    *test_sim_get            (TestSim      *sim,
                                   const char   *path);
cJSON    *test_sim_post           (TestSim      *sim,
                                   const char   *path,
                                   const char   *body);
gint64    test_sim_stat           (const cJSON  *state,
                                   const char   *name);

TestDesk *test_desk_new           (void);
void      test_desk_free          (TestDesk     *desk);
/* Points the desk at @sim: base URL, user "demo" with its password file, short timeouts
 * (@timeout_seconds a call), backoff capped at one second. */
void      test_desk_connect       (TestDesk     *desk,
                                   TestSim      *sim,
                                   int           timeout_seconds);
void      test_desk_set           (TestDesk     *desk,
                                   const char   *key,
                                   const char   *value);
/* A residence registration received at @received by @actor; returns its code. */
char     *test_desk_receive       (TestDesk     *desk,
                                   const char   *name,
                                   McTime        received,
                                   const char   *actor);
void      test_desk_move          (TestDesk     *desk,
                                   const char   *code,
                                   McStatus      to,
                                   McTime        at,
                                   const char   *actor);
/* @n dossiers received over the last weeks, each with a random life of 0–5 moves (seeded),
 * all dated in the past. Returns their codes. */
GPtrArray *test_desk_fill         (TestDesk     *desk,
                                   guint         n,
                                   guint32       seed);
/* Moves each dossier of @codes one step further along its life where it can go, at
 * @at; returns how many moved. */
guint     test_desk_advance       (TestDesk     *desk,
                                   GPtrArray    *codes,
                                   McTime        at,
                                   GRand        *rand);
McOutboxCounts test_desk_counts   (TestDesk     *desk);

/* motcua-cli --db DESK ARGS…; returns the exit status, the outputs in @out / @err (may be
 * NULL; what they held before is freed). */
int       test_cli_run            (TestDesk     *desk,
                                   char        **out,
                                   char        **err,
                                   ...) G_GNUC_NULL_TERMINATED;
/* The same, not waited for. */
GSubprocess *test_cli_spawn       (TestDesk     *desk,
                                   ...) G_GNUC_NULL_TERMINATED;

/* Every dossier of the desk on the portal, exactly once, with its latest status and dates;
 * every step exactly once with the values stored; nothing left in the outbox; the
 * database's check clean. */
void      test_assert_portal_matches (TestDesk  *desk,
                                   TestSim      *sim);
void      test_assert_check_clean (TestDesk     *desk);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestSim, test_sim_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDesk, test_desk_free)

G_END_DECLS
