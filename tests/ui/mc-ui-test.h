/* mc-ui-test.h — what every UI test shares: a desk on a temporary database with a few
 * dossiers, the real McContext, and a way to let the main loop run until something happened.
 * Tests run under tests/ui/run-under-xvfb.sh (own X server, own session bus). */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"
#include "mc-store.h"

G_BEGIN_DECLS

typedef struct
{
  char      *dir;       /* temporary folder, removed at teardown */
  char      *db_path;
  McStore   *store;     /* the context's store: use only while no job runs */
  GSettings *settings;  /* memory backend: nothing leaks into the user's dconf */
  McContext *context;
} McUiFixture;

void       mc_ui_test_init          (int         *argc,
                                     char      ***argv);
void       mc_ui_fixture_setup      (McUiFixture  *fixture,
                                     gconstpointer data);
void       mc_ui_fixture_teardown   (McUiFixture  *fixture,
                                     gconstpointer data);

/* The passwords of the accounts mc_ui_fixture_setup_with_accounts makes. */
#define MC_UI_TEST_ADMIN_PASSWORD   "quan-tri-2025"
#define MC_UI_TEST_CLERK_PASSWORD   "tiep-nhan-2025"
#define MC_UI_TEST_OFFICER_PASSWORD "xu-ly-2025!"

/* The same desk with an administrator ("admin", Hoàng Văn Quản), a clerk ("thu.lt", Lê Thị
 * Thu) and an officer ("binh.tv", Trần Văn Bình), nobody signed in, and a context made after
 * them (a context learns whether the desk has accounts when it is made). */
void       mc_ui_fixture_setup_with_accounts (McUiFixture  *fixture,
                                     gconstpointer data);

/* Receives a residence-registration dossier (procedure 1.004222, every required document
 * ticked) straight through the store; @received is "YYYY-MM-DD HH:MM" local, or NULL for now. */
McDossier *mc_ui_test_receive       (McUiFixture  *fixture,
                                     const char   *applicant_name,
                                     const char   *id_number,
                                     const char   *received);

/* Runs the main loop until @condition (@data) holds or @timeout_ms passes; returns the last
 * value of the condition. */
gboolean   mc_ui_test_wait_until    (gboolean   (*condition) (gpointer data),
                                     gpointer     data,
                                     guint        timeout_ms);
/* Runs the main loop for @ms milliseconds (lets GTK lay out and draw). */
void       mc_ui_test_run_for       (guint        ms);

/* Finds the first descendant of @root of @type whose GtkWidget:name (set in the templates for
 * the fields a test drives) is @name (NULL: any name); NULL if none. */
GtkWidget *mc_ui_test_find          (GtkWidget   *root,
                                     GType        type,
                                     const char  *name);

G_END_DECLS
