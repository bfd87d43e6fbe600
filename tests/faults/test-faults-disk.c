/* test-faults-disk.c — a full disk and a read-only database: the clerk gets a clear message,
 * nothing is committed half-way, the desk keeps answering reads, and once space (or the
 * permission) returns the next receipt succeeds with the next number.
 *
 * The full disk is made two ways. Without root: RLIMIT_FSIZE, so that every write the store
 * makes fails with EFBIG (SIGXFSZ ignored) — in this process, and for motcua-cli run in
 * Vietnamese. As root (CI): a small tmpfs mounted in a private mount namespace (it goes away
 * with the test, whatever happens) and filled up to the last byte. The read-only database is
 * a file the desk's user cannot write (run as nobody when the test runs as root, since root
 * writes anything), then a folder it cannot write.
 */
#define _GNU_SOURCE  /* unshare () and CLONE_NEWNS */

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <locale.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "faults-test.h"
#include "mc-store-private.h"

static FaultsCli cli_default;
static gboolean private_mounts;  /* root, in a mount namespace of its own */

typedef struct
{
  char    *dir;
  char    *db_path;
  McStore *store;                /* the desk app, running through the fault */
} Desk;

static Desk *
desk_new (const char *dir)
{
  Desk *desk = g_new0 (Desk, 1);
  g_autoptr(GError) error = NULL;

  desk->dir = g_strdup (dir);
  desk->db_path = g_build_filename (dir, "desk.db", NULL);
  desk->store = mc_store_open (desk->db_path, &error);
  g_assert_no_error (error);
  return desk;
}

static void
desk_free (Desk *desk)
{
  g_clear_object (&desk->store);
  g_free (desk->db_path);
  g_free (desk->dir);
  g_free (desk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Desk, desk_free)

/* Empties the WAL into the database file and truncates it, so that the next commit must
 * claim new room on the disk (a WAL that has room left from earlier would take a few more
 * receipts before the full disk shows). */
static void
desk_truncate_wal (Desk *desk)
{
  g_assert_cmpint (sqlite3_exec (desk->store->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
}

static gint64
desk_count (Desk *desk)
{
  g_autoptr(GError) error = NULL;
  McStoreCounts counts = { 0 };

  g_assert_true (mc_store_count (desk->store, 0, G_MAXINT64, mc_time_now (), &counts, &error));
  g_assert_no_error (error);
  return counts.received;
}

static void
desk_assert_check_clean (Desk *desk)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_check (desk->store, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("# problem: %s\n", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* What a full disk must look like to the desk app: receipts refused with the disk named,
 * nothing of them stored, every read still answered. */
static void
desk_assert_full (Desk       *desk,
                  const char *earlier_code,
                  gint64      n_before)
{
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(McDossierDraft) draft = faults_draft (desk->store, "Bùi Thị Lan");
      g_autoptr(GError) error = NULL;
      g_autoptr(McDossier) refused = mc_store_receive (desk->store, draft, "clerk-faults", &error);

      g_assert_null (refused);
      g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_IO);
      g_test_message ("refused on a full disk: %s", error->message);
      g_assert_nonnull (strstr (error->message, "the disk is full"));
    }

  /* Reads go on: the dossier, its history, the list, search, figures, the check. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(McDossier) earlier = mc_store_get_dossier (desk->store, earlier_code, &error);
    g_autoptr(GPtrArray) history = mc_store_get_history (desk->store, earlier_code, NULL);
    g_autoptr(GPtrArray) found = mc_store_search (desk->store, "nguyen van", 10, NULL);

    g_assert_no_error (error);
    g_assert_cmpstr (earlier->code, ==, earlier_code);
    g_assert_cmpuint (history->len, ==, 1);
    g_assert_cmpuint (found->len, ==, (guint) n_before);
    g_assert_cmpint (desk_count (desk), ==, n_before);
    desk_assert_check_clean (desk);
  }
}

/* After the fault, the next receipt takes the next number: none was used up by the refusals. */
static void
desk_assert_recovered (Desk *desk,
                       int   last_sequence)
{
  g_autoptr(McDossier) next = faults_receive (desk->store, "Bùi Thị Lan");

  g_assert_cmpint (faults_code_sequence (next->code), ==, last_sequence + 1);
  desk_assert_check_clean (desk);
}

static void
test_full_disk_refuses_receipt_then_recovers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("motcua-faults-XXXXXX", &error);
  g_autoptr(Desk) desk = desk_new (dir);
  g_autoptr(McDossier) first = faults_receive (desk->store, "Nguyễn Văn An");
  g_autoptr(McDossier) second = faults_receive (desk->store, "Nguyễn Văn Bình");
  struct rlimit saved, limit;
  void (*saved_handler) (int);

  /* The disk is full from here on for this process: not one more byte in any file. */
  desk_truncate_wal (desk);
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 1;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  desk_assert_full (desk, first->code, 2);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);
  desk_assert_recovered (desk, faults_code_sequence (second->code));
  g_clear_pointer (&desk, desk_free);
  faults_remove_tree (dir);
}

static void
test_full_disk_message_in_vietnamese_and_reads_go_on (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("motcua-faults-XXXXXX", &error);
  g_autoptr(Desk) desk = desk_new (dir);
  g_autoptr(McDossier) first = faults_receive (desk->store, "Nguyễn Văn An");
  FaultsCli full = cli_default;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *receive[] = { "receive", "--procedure", "1.004222", "--name", "Trần Thị Cúc",
                            "--id-number", "008090001234", "--all-mandatory", NULL };

  /* The desk app stays open (as it would at the counter) while motcua-cli hits the full disk. */
  desk_truncate_wal (desk);
  full.vietnamese = TRUE;
  full.file_size_limit = 1;
  g_assert_cmpint (faults_cli_run (&full, &out, &err, "--db", desk->db_path, receive[0], receive[1], receive[2],
                                   receive[3], receive[4], receive[5], receive[6], receive[7], NULL), ==, 1);
  g_test_message ("motcua-cli on a full disk: %s", err);
  g_assert_nonnull (strstr (err, "ổ đĩa đã đầy"));
  g_assert_null (strstr (out, "000.00"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (faults_cli_run (&full, &out, &err, "--db", desk->db_path, "show", first->code, NULL), ==, 0);
  g_assert_nonnull (strstr (out, first->code));
  g_assert_nonnull (strstr (out, "Nguyễn Văn An"));

  g_clear_pointer (&out, g_free);
  full.file_size_limit = 0;
  g_assert_cmpint (faults_cli_run (&full, &out, NULL, "--db", desk->db_path, "--json", receive[0], receive[1],
                                   receive[2], receive[3], receive[4], receive[5], receive[6], receive[7], NULL),
                   ==, 0);
  {
    g_autofree char *expected = g_strndup (first->code, strlen (first->code) - 4);
    g_autofree char *next = g_strdup_printf ("%s%04d", expected, faults_code_sequence (first->code) + 1);

    g_assert_nonnull (strstr (out, next));
  }
  g_assert_cmpint (faults_cli_run (&full, NULL, NULL, "--db", desk->db_path, "check", NULL), ==, 0);
  g_clear_pointer (&desk, desk_free);
  faults_remove_tree (dir);
}

/* Fills the file system of @dir to the last byte; returns the filler's path. */
static char *
fill_disk (const char *dir)
{
  char *path = g_build_filename (dir, "filler", NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  char block[65536];
  gsize chunk = sizeof block;

  g_assert_cmpint (fd, >=, 0);
  memset (block, 0x5a, sizeof block);
  /* Big writes first, then smaller ones for the last blocks. */
  while (chunk > 0)
    {
      gssize written = write (fd, block, chunk);

      if (written < 0 && errno == ENOSPC)
        chunk /= 2;
      else
        g_assert_cmpint (written, >, 0);
    }
  close (fd);
  return path;
}

static void
test_full_tmpfs_refuses_receipt_then_recovers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *filler = NULL;
  g_autoptr(Desk) desk = NULL;
  g_autoptr(McDossier) first = NULL;
  g_autoptr(McDossier) second = NULL;

  if (!private_mounts)
    {
      g_test_skip ("a real full file system needs root (a tmpfs is mounted); "
                   "the RLIMIT_FSIZE tests cover a full disk without it");
      return;
    }
  dir = g_dir_make_tmp ("motcua-faults-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mount ("motcua-faults", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=16m,mode=0700"), ==, 0);

  desk = desk_new (dir);
  first = faults_receive (desk->store, "Nguyễn Văn An");
  second = faults_receive (desk->store, "Nguyễn Văn Bình");
  desk_truncate_wal (desk);
  filler = fill_disk (dir);

  desk_assert_full (desk, first->code, 2);

  /* Space returns: the desk that kept running receives again, with the next number. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  desk_assert_recovered (desk, faults_code_sequence (second->code));
  g_clear_pointer (&desk, desk_free);
  g_assert_cmpint (umount2 (dir, MNT_DETACH), ==, 0);
  g_rmdir (dir);
}

static void
test_read_only_database_refuses_writes_keeps_reads (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("motcua-faults-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "desk.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *first_code = NULL;
  FaultsCli clerk = cli_default;
  const char *receive[] = { "receive", "--procedure", "1.004222", "--name", "Trần Thị Cúc",
                            "--id-number", "008090001234", "--all-mandatory", "--json", NULL };
#define RECEIVE receive[0], receive[1], receive[2], receive[3], receive[4], receive[5], receive[6], receive[7], receive[8]

  /* The desk's user owns the folder and the database (nobody, when the test runs as root). */
  clerk.as_nobody = TRUE;
  if (geteuid () == 0)
    g_assert_cmpint (chown (dir, 65534, 65534), ==, 0);
  g_assert_cmpint (faults_cli_run (&clerk, &out, &err, "--db", db_path, RECEIVE, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"code\""));
  first_code = g_strndup (strstr (out, "000.00.16.H04-"), strlen ("000.00.16.H04-yyMMdd-NNNN"));

  /* The file read-only: reads are answered, a receipt is refused with the reason, in Vietnamese. */
  g_assert_cmpint (g_chmod (db_path, 0444), ==, 0);
  clerk.vietnamese = TRUE;
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (faults_cli_run (&clerk, &out, &err, "--db", db_path, RECEIVE, NULL), ==, 1);
  g_test_message ("motcua-cli on a read-only database: %s", err);
  g_assert_nonnull (strstr (err, "chỉ cho phép đọc"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (faults_cli_run (&clerk, &out, NULL, "--db", db_path, "show", first_code, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Trần Thị Cúc"));
  g_assert_cmpint (faults_cli_run (&clerk, NULL, NULL, "--db", db_path, "check", NULL), ==, 0);

  /* Writable again: the next receipt has the next number. */
  g_assert_cmpint (g_chmod (db_path, 0644), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (faults_cli_run (&clerk, &out, NULL, "--db", db_path, RECEIVE, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "-0002\""));

  /* The folder read-only (a read-only disk): refused when opening, with the reason, no crash. */
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (faults_cli_run (&clerk, NULL, &err, "--db", db_path, RECEIVE, NULL), ==, 1);
  g_test_message ("motcua-cli in a read-only folder: %s", err);
  g_assert_nonnull (strstr (err, "chỉ cho phép đọc"));
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (faults_cli_run (&clerk, &out, NULL, "--db", db_path, RECEIVE, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "-0003\""));
  g_assert_cmpint (faults_cli_run (&clerk, NULL, NULL, "--db", db_path, "check", NULL), ==, 0);
#undef RECEIVE
  faults_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  cli_default.cli = faults_take_option (&argc, argv, "--cli=");
  cli_default.localedir = faults_take_option (&argc, argv, "--localedir=");

  /* As root, a mount namespace of this test's own, before any thread exists: the tmpfs it
   * mounts cannot outlive it or be seen by anything else. */
  if (geteuid () == 0 && unshare (CLONE_NEWNS) == 0 &&
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0)
    private_mounts = TRUE;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (cli_default.cli == NULL)
    g_error ("usage: test-faults-disk --cli=PATH [--localedir=PATH]");

  g_test_add_func ("/faults/disk/full-disk-refuses-receipt-then-recovers",
                   test_full_disk_refuses_receipt_then_recovers);
  g_test_add_func ("/faults/disk/full-disk-message-in-vietnamese-and-reads-go-on",
                   test_full_disk_message_in_vietnamese_and_reads_go_on);
  g_test_add_func ("/faults/disk/full-tmpfs-refuses-receipt-then-recovers",
                   test_full_tmpfs_refuses_receipt_then_recovers);
  g_test_add_func ("/faults/disk/read-only-database-refuses-writes-keeps-reads",
                   test_read_only_database_refuses_writes_keeps_reads);
  return g_test_run ();
}
