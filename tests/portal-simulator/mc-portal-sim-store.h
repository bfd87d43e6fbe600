/* mc-portal-sim-store.h — what the portal simulator has received, in memory and on disk.
 *
 * The simulator's portal keeps dossiers keyed by MaHoSo, progress steps keyed by (MaHoSo,
 * ThoiDiemXuLy, TrangThai), the online submissions it offers to the desk, and counters that
 * let a test prove exactly-once delivery. Every change goes to disk before the answer leaves,
 * so a simulator restarted on the same directory keeps what it said it stored.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

/* One dossier as the portal holds it. */
typedef struct
{
  char    *code;               /* MaHoSo, owned */
  cJSON   *dossier;            /* owned: the last stored dossier object, exactly as received */
  int      creates;            /* creates applied (0 or 1; 0 for an online submission) */
  int      replaces;           /* replaces applied */
  int      duplicate_creates;  /* creates refused with error_code 3 because it existed */
  gboolean online;             /* the portal's own: submitted online, not sent by the desk */
} McSimDossier;

/* One progress step; a repeated step with the same key is counted, not stored twice. */
typedef struct
{
  char  *key;              /* MaHoSo \x1f ThoiDiemXuLy \x1f TrangThai, owned */
  cJSON *step;             /* owned: the step as first received */
  int    received_count;   /* how many times this key arrived */
  int    mismatch_count;   /* repeats whose other values differed from the first */
} McSimStep;

/* Counters of the whole run; the names are the keys of /_sim/state's "stats". */
typedef struct
{
  gint64 calls;             /* /service calls */
  gint64 logins;            /* /login calls */
  gint64 logins_refused;
  gint64 records;           /* dossier and step records received */
  gint64 creates;
  gint64 replaces;
  gint64 duplicates;        /* creates answered 3 */
  gint64 missing;           /* replaces answered 4 */
  gint64 refused;           /* records refused for their content (400–499) */
  gint64 steps_stored;
  gint64 steps_absorbed;
  gint64 fault_fail;
  gint64 fault_expire;
  gint64 fault_timeout_before;
  gint64 fault_timeout_after;
  gint64 fault_reset_before;
  gint64 fault_reset_after;
  gint64 fault_truncate_before;
  gint64 fault_truncate_after;
  gint64 fault_slow;
} McSimStats;

typedef struct _McSimStore McSimStore;

McSimStore         *mc_sim_store_open             (const char    *dir,
                                                   GError       **error);
void                mc_sim_store_free             (McSimStore    *store);

McSimStats         *mc_sim_store_stats            (McSimStore    *store);

const McSimDossier *mc_sim_store_lookup_dossier   (McSimStore    *store,
                                                   const char    *code);
void                mc_sim_store_put_dossier      (McSimStore    *store,
                                                   const char    *code,
                                                   const cJSON   *dossier,
                                                   gboolean       replace);
void                mc_sim_store_count_duplicate  (McSimStore    *store,
                                                   const char    *code);

void                mc_sim_store_put_step         (McSimStore    *store,
                                                   const char    *code,
                                                   const char    *time,
                                                   const char    *status,
                                                   const cJSON   *step);
GPtrArray          *mc_sim_store_steps_of         (McSimStore    *store,
                                                   const char    *code);

void                mc_sim_store_add_online       (McSimStore    *store,
                                                   const cJSON   *submission);
guint               mc_sim_store_n_online         (McSimStore    *store);
cJSON              *mc_sim_store_online_since     (McSimStore    *store,
                                                   const char    *since,
                                                   int            limit);

gboolean            mc_sim_store_commit           (McSimStore    *store,
                                                   GError       **error);
gboolean            mc_sim_store_reset            (McSimStore    *store,
                                                   GError       **error);
gboolean            mc_sim_store_compact          (McSimStore    *store,
                                                   GError       **error);

cJSON              *mc_sim_store_state_json       (McSimStore    *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McSimStore, mc_sim_store_free)

G_END_DECLS
