/* mc-store-restore.h — putting a backup back in place of the desk's database.
 *
 * A restore is refused unless the backup is a sound desk database (integrity check and the
 * project's invariants), and it never loses a dossier number: every printed slip carries a
 * code, so a code issued after the backup was taken must not be issued again to another
 * citizen. The restored database therefore keeps each day's sequence counter at the
 * higher of the two databases. The replaced database is kept aside, never deleted.
 */
#pragma once

#include "mc-store.h"

G_BEGIN_DECLS

typedef enum
{
  MC_RESTORE_DEFAULT = 0,
  /* Replace a database that cannot be read at all (damaged beyond reading): its counters
   * cannot be carried over, so codes issued after the backup may be issued again. */
  MC_RESTORE_FORCE   = 1 << 0,
} McRestoreFlags;

typedef struct
{
  char       *previous_path;        /* where the replaced database is kept; NULL when there was none */
  GPtrArray  *missing_codes;        /* char*: dossiers of the replaced database the backup lacks */
  GPtrArray  *rolled_back_codes;    /* char*: dossiers whose later steps the backup lacks */
  guint       n_counters_raised;    /* daily counters raised to the replaced database's */
  gint64      n_dossiers;           /* dossiers in the restored database */
  gboolean    previous_unreadable;  /* forced over a database that could not be read */
} McRestoreReport;

/* Replaces the database at @db_path (NULL: the default) by a copy of the backup at
 * @backup_path, which is left untouched. Refuses a file that is not a desk database, a
 * backup that fails the check (the problems are in the message), and a database that
 * another program has open (close Một Cửa Desk first). The replaced database is kept as
 * "<db>.before-restore-<yyyyMMdd-HHmmss>"; the new one appears in one atomic rename. */
gboolean          mc_store_restore              (const char            *backup_path,
                                                 const char            *db_path,
                                                 McRestoreFlags         flags,
                                                 McRestoreReport       *report,
                                                 GError               **error);
void              mc_restore_report_clear       (McRestoreReport       *report);

G_END_DECLS
