/* mc-store-accounts.c — the desk's local accounts, sign-in, and the role check of every change.
 *
 * A desk starts in single-user mode: no account exists, every change is allowed and the
 * audit trail names whoever the caller says (the CLI's --actor, the app's clerk name). The
 * first account must be an administrator's; from then on every change needs a signed-in,
 * active account whose roles allow it (mc-roles.h), checked here on each audit entry, on each
 * setting and on each account change, whichever program makes it. The roles are read from the
 * database at each check, so an account disabled by another program stops working at once.
 *
 * Passwords are hashed with yescrypt through libcrypt's crypt_r, with a salt from the
 * operating system's random source (crypt_gensalt_rn with no random bytes given), and
 * compared in constant time. Neither the password nor its hash ever leaves this file: the
 * hash is not part of McAccount, and nothing here logs.
 */
#include "config.h"

#include <crypt.h>
#include <string.h>

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-store-private.h"
#include "mc-text.h"

#define ACCOUNT_COLUMNS "id, username, full_name, roles, active, created_at, updated_at"

/* Longer than anyone types; within what crypt_r takes (CRYPT_MAX_PASSPHRASE_SIZE). */
#define PASSWORD_MAX_BYTES 256
#define PASSWORD_MIN_CHARS 8

void
mc_account_free (McAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->username);
  g_free (account->full_name);
  g_free (account);
}

McAccount *
mc_account_copy (const McAccount *account)
{
  McAccount *copy;

  if (account == NULL)
    return NULL;
  copy = g_memdup2 (account, sizeof *account);
  copy->username = g_strdup (account->username);
  copy->full_name = g_strdup (account->full_name);
  return copy;
}

/* Zeroes memory that held a password or a hash before it is freed; the volatile writes are
 * not optimised away as a memset before free may be. */
static void
wipe (void   *data,
      size_t  length)
{
  volatile unsigned char *p = data;

  while (p != NULL && length-- > 0)
    *p++ = 0;
}

static void
wipe_string (char *text)
{
  if (text != NULL)
    wipe (text, strlen (text));
  g_free (text);
}

/* ---- passwords ---------------------------------------------------------------------- */

static gboolean
check_new_password (const char  *username,
                    const char  *password,
                    GError     **error)
{
  if (password == NULL || !g_utf8_validate (password, -1, NULL))
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, _("The password is not valid text"));
      return FALSE;
    }
  if (g_utf8_strlen (password, -1) < PASSWORD_MIN_CHARS)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("The password must have at least %d characters"), PASSWORD_MIN_CHARS);
      return FALSE;
    }
  if (strlen (password) > PASSWORD_MAX_BYTES)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("The password must not be longer than %d bytes"), PASSWORD_MAX_BYTES);
      return FALSE;
    }
  if (username != NULL && g_ascii_strcasecmp (password, username) == 0)
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                           _("The password must not be the user name"));
      return FALSE;
    }
  return TRUE;
}

/* A new yescrypt hash ("$y$…") of @password with a fresh random salt. */
static char *
hash_password (const char  *password,
               GError     **error)
{
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  struct crypt_data *data = g_new0 (struct crypt_data, 1);
  char *hash = NULL;
  const char *output;

  /* No random bytes given: libcrypt takes them from the operating system (getrandom). */
  if (crypt_gensalt_rn ("$y$", 0, NULL, 0, setting, sizeof setting) == NULL || setting[0] != '$')
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_IO,
                           _("Cannot make a password hash: the system’s random source or yescrypt is unavailable"));
      goto out;
    }
  output = crypt_r (password, setting, data);
  if (output == NULL || !g_str_has_prefix (output, "$y$"))
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_IO,
                           _("Cannot make a password hash: yescrypt is unavailable"));
      goto out;
    }
  hash = g_strdup (output);

out:
  wipe (data, sizeof *data);
  g_free (data);
  return hash;
}

/* Equal strings, compared in a time that depends on their length only. */
static gboolean
equal_in_constant_time (const char *a,
                        const char *b)
{
  size_t length_a = strlen (a);
  size_t length_b = strlen (b);
  volatile unsigned char difference = length_a != length_b;

  for (size_t i = 0; i < length_a && i < length_b; i++)
    difference |= (unsigned char) a[i] ^ (unsigned char) b[i];
  return difference == 0;
}

static gboolean
verify_password (const char *password,
                 const char *hash)
{
  struct crypt_data *data;
  const char *output;
  gboolean ok;

  if (password == NULL || hash == NULL || hash[0] != '$' || strlen (password) > PASSWORD_MAX_BYTES)
    return FALSE;
  data = g_new0 (struct crypt_data, 1);
  output = crypt_r (password, hash, data);
  ok = output != NULL && output[0] == '$' && equal_in_constant_time (output, hash);
  wipe (data, sizeof *data);
  g_free (data);
  return ok;
}

/* A hash of nothing anyone knows, checked against when the user name does not exist, so that
 * a wrong name takes as long as a wrong password and does not tell which names exist. */
static const char *
decoy_hash (void)
{
  static char *decoy;

  if (g_once_init_enter (&decoy))
    {
      g_autofree char *secret = g_strdup_printf ("%08x%08x%08x%08x", g_random_int (), g_random_int (),
                                                 g_random_int (), g_random_int ());
      char *hash = hash_password (secret, NULL);

      g_once_init_leave (&decoy, hash != NULL ? hash : g_strdup ("*"));
    }
  return decoy;
}

/* ---- user names ---------------------------------------------------------------------- */

/* 2–32 of a–z, 0–9, ".", "_", "-", starting with a letter; typed in any case, kept in lower
 * case, so "An.NV" and "an.nv" are one account. */
static char *
normalize_username (const char  *username,
                    GError     **error)
{
  g_autofree char *lower = NULL;
  size_t length;

  if (username == NULL || !g_utf8_validate (username, -1, NULL))
    goto bad;
  lower = g_ascii_strdown (username, -1);
  g_strstrip (lower);
  length = strlen (lower);
  if (length < 2 || length > 32 || !g_ascii_islower (lower[0]))
    goto bad;
  for (size_t i = 0; i < length; i++)
    if (!g_ascii_islower (lower[i]) && !g_ascii_isdigit (lower[i]) && strchr ("._-", lower[i]) == NULL)
      goto bad;
  return g_steal_pointer (&lower);

bad:
  {
    g_autofree char *shown = username != NULL ? g_utf8_make_valid (username, -1) : g_strdup ("");

    g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                 _("“%s” is not a user name: use 2 to 32 letters a–z, digits, dots, hyphens or underscores, beginning with a letter"),
                 shown);
  }
  return NULL;
}

static char *
normalize_full_name (const char  *full_name,
                     GError     **error)
{
  g_autofree char *clean = mc_text_normalize (full_name != NULL ? full_name : "", error);

  if (clean == NULL)
    return NULL;
  if (*clean == '\0' || g_utf8_strlen (clean, -1) > 100)
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                           _("An account needs the person’s full name (at most 100 characters), as forms print it"));
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* ---- reading ------------------------------------------------------------------------- */

static McAccount *
account_from_row (sqlite3_stmt *stmt)
{
  McAccount *account = g_new0 (McAccount, 1);

  account->id = sqlite3_column_int64 (stmt, 0);
  account->username = mc_column_text (stmt, 1);
  account->full_name = mc_column_text (stmt, 2);
  if (!mc_roles_parse ((const char *) sqlite3_column_text (stmt, 3), &account->roles, NULL))
    account->roles = MC_ROLES_NONE;   /* a damaged row grants nothing */
  account->active = sqlite3_column_int (stmt, 4) != 0;
  account->created_at = mc_column_time (stmt, 5);
  account->updated_at = mc_column_time (stmt, 6);
  return account;
}

/* The account @username (already normalised), or NULL: with NOT_FOUND when there is none. */
static McAccount *
load_account (McStore     *self,
              const char  *username,
              char       **password_hash,
              GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT " ACCOUNT_COLUMNS ", password_hash FROM accounts"
                                               " WHERE username = ?1", error);
  McAccount *account = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  mc_bind_text (stmt, 1, username);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      account = account_from_row (stmt);
      if (password_hash != NULL)
        *password_hash = mc_column_text (stmt, 7);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading the accounts failed"), error);
      return NULL;
    }
  if (account == NULL)
    g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND, _("There is no account “%s”"), username);
  return account;
}

gboolean
mc_store_has_accounts (McStore *self)
{
  sqlite3_stmt *stmt;
  gboolean any = FALSE;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  stmt = mc_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM accounts)", NULL);
  /* A database that cannot be read is not treated as open to everyone. */
  if (stmt == NULL)
    return TRUE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    any = sqlite3_column_int (stmt, 0) != 0;
  else
    any = TRUE;
  sqlite3_reset (stmt);
  return any;
}

McAccount *
mc_store_get_account (McStore     *self,
                      const char  *username,
                      GError     **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  if ((name = normalize_username (username, error)) == NULL)
    return NULL;
  return load_account (self, name, NULL, error);
}

GPtrArray *
mc_store_list_accounts (McStore  *self,
                        GError  **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_account_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  stmt = mc_store_prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY username", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, account_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading the accounts failed"), error);
      return NULL;
    }
  return g_steal_pointer (&accounts);
}

/* ---- who is signed in, and what they may do ---------------------------------------------- */

const McAccount *
mc_store_get_current_account (McStore *self)
{
  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  return self->account;
}

static void
set_forbidden_from (GError       **error,
                    const GError  *reason)
{
  g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN, reason->message);
}

gboolean
mc_store_current_roles (McStore  *self,
                        McRoles  *roles,
                        GError  **error)
{
  g_autoptr(McAccount) fresh = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!mc_store_has_accounts (self))
    {
      *roles = MC_ROLES_ALL;
      return TRUE;
    }
  if (self->account == NULL)
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN,
                           _("This desk has accounts: sign in before making changes"));
      return FALSE;
    }
  /* As the database has it now: another program may have disabled the account or changed
   * its roles since the sign-in. */
  fresh = load_account (self, self->account->username, NULL, &local_error);
  if (fresh == NULL && !g_error_matches (local_error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (fresh == NULL || !fresh->active || fresh->id != self->account->id)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN,
                   _("The account “%s” has been disabled; sign in with another account"),
                   self->account->username);
      return FALSE;
    }
  /* Updated in place: what mc_store_get_current_account () returned stays valid. */
  g_free (self->account->full_name);
  self->account->full_name = g_steal_pointer (&fresh->full_name);
  self->account->roles = fresh->roles;
  self->account->updated_at = fresh->updated_at;
  *roles = self->account->roles;
  return TRUE;
}

gboolean
mc_store_check_event_roles (McStore   *self,
                            int        from_status,
                            McStatus   to_status,
                            GError   **error)
{
  g_autoptr(GError) reason = NULL;
  McRoles roles;
  gboolean allowed;

  if (!mc_store_current_roles (self, &roles, error))
    return FALSE;
  if (roles == MC_ROLES_ALL)
    return TRUE;
  if (from_status == 0)
    allowed = mc_roles_check_receive (roles, &reason);
  else if ((McStatus) from_status == to_status)
    allowed = mc_roles_check_step (roles, to_status, &reason);
  else
    allowed = mc_roles_check_move (roles, (McStatus) from_status, to_status, &reason);
  if (!allowed)
    set_forbidden_from (error, reason);
  return allowed;
}

gboolean
mc_store_check_setting_roles (McStore     *self,
                              const char  *key,
                              GError     **error)
{
  g_autoptr(GError) reason = NULL;
  McRoles roles;

  if (!mc_store_current_roles (self, &roles, error))
    return FALSE;
  if (!mc_roles_check_setting (roles, key, &reason))
    {
      set_forbidden_from (error, reason);
      return FALSE;
    }
  return TRUE;
}

const McAccount *
mc_store_refresh_current_account (McStore  *self,
                                  GError  **error)
{
  McRoles roles;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  if (self->account == NULL)
    return NULL;
  /* mc_store_current_roles updates the signed-in account in place. */
  if (!mc_store_current_roles (self, &roles, error))
    return NULL;
  return self->account;
}

gboolean
mc_store_check_office_task (McStore       *self,
                            McOfficeTask   task,
                            GError       **error)
{
  g_autoptr(GError) reason = NULL;
  McRoles roles;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if (!mc_store_current_roles (self, &roles, error))
    return FALSE;
  if (!mc_roles_check_office_task (roles, task, &reason))
    {
      set_forbidden_from (error, reason);
      return FALSE;
    }
  return TRUE;
}

gboolean
mc_store_check_apology_roles (McStore  *self,
                              GError  **error)
{
  g_autoptr(GError) reason = NULL;
  McRoles roles;

  if (!mc_store_current_roles (self, &roles, error))
    return FALSE;
  if (!mc_roles_check_apology (roles, &reason))
    {
      set_forbidden_from (error, reason);
      return FALSE;
    }
  return TRUE;
}

const char *
mc_store_effective_actor (McStore    *self,
                          const char *actor)
{
  /* Signed in, the audit trail and the forms name the account's holder, whatever the caller
   * passed; without accounts, the caller's name is all there is. */
  if (self->account != NULL)
    return self->account->full_name;
  return actor;
}

McAccount *
mc_store_sign_in (McStore     *self,
                  const char  *username,
                  const char  *password,
                  GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(McAccount) account = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean verified;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  /* Whatever happens next, the previous person is no longer signed in. */
  mc_store_sign_out (self);

  name = normalize_username (username, NULL);
  if (name != NULL)
    account = load_account (self, name, &hash, &local_error);
  if (account == NULL && local_error != NULL &&
      !g_error_matches (local_error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  verified = verify_password (password, hash != NULL ? hash : decoy_hash ());
  wipe_string (g_steal_pointer (&hash));
  /* One message for a wrong name and a wrong password: it does not tell which names exist. */
  if (account == NULL || !verified)
    {
      /* The name as typed (a valid user name or nothing): many refusals in a row show someone
       * guessing. */
      mc_store_log_desk_event_quietly (self, "sign-in-refused", name, NULL);
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN,
                           _("Wrong user name or password"));
      return NULL;
    }
  if (!account->active)
    {
      mc_store_log_desk_event_quietly (self, "sign-in-refused", name, "disabled");
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN,
                   _("The account “%s” has been disabled; ask the administrator"), account->username);
      return NULL;
    }
  self->account = mc_account_copy (account);
  mc_store_log_desk_event_quietly (self, "signed-in", account->username, NULL);
  return g_steal_pointer (&account);
}

void
mc_store_sign_out (McStore *self)
{
  g_return_if_fail (MC_IS_STORE (self));
  g_clear_pointer (&self->account, mc_account_free);
}

/* ---- changing accounts --------------------------------------------------------------- */

/* Account changes need a signed-in administrator, except the very first account of a desk. */
static gboolean
check_account_roles (McStore  *self,
                     GError  **error)
{
  g_autoptr(GError) reason = NULL;
  McRoles roles;

  if (!mc_store_current_roles (self, &roles, error))
    return FALSE;
  if (!mc_roles_check_accounts (roles, &reason))
    {
      set_forbidden_from (error, reason);
      return FALSE;
    }
  return TRUE;
}

/* Active administrators other than @except_id. */
static gboolean
count_other_administrators (McStore  *self,
                            gint64    except_id,
                            gint64   *count,
                            GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
      "SELECT count (*) FROM accounts WHERE active = 1 AND id <> ?1"
      " AND instr (',' || roles || ',', ',administrator,') > 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, except_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return mc_store_set_sqlite_error (self, rc, _("Reading the accounts failed"), error);
  return TRUE;
}

McAccount *
mc_store_add_account (McStore     *self,
                      const char  *username,
                      const char  *full_name,
                      McRoles      roles,
                      const char  *password,
                      GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *clean_name = NULL;
  g_autofree char *roles_text = NULL;
  char *hash = NULL;
  sqlite3_stmt *stmt;
  McTime now = mc_time_now ();
  gboolean first;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  if ((name = normalize_username (username, error)) == NULL ||
      (clean_name = normalize_full_name (full_name, error)) == NULL)
    return NULL;
  if ((roles & MC_ROLES_ALL) == MC_ROLES_NONE || (roles & ~MC_ROLES_ALL) != 0)
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                           _("An account needs at least one role: clerk, officer, supervisor or administrator"));
      return NULL;
    }
  if (!check_new_password (name, password, error))
    return NULL;

  /* Hashing is slow on purpose: done before the write transaction, not inside it. */
  if ((hash = hash_password (password, error)) == NULL)
    return NULL;
  roles_text = mc_roles_to_string (roles);

  if (!mc_store_begin (self, error))
    goto fail_free;
  first = !mc_store_has_accounts (self);
  if (first && !(roles & MC_ROLE_ADMINISTRATOR))
    {
      /* Otherwise the desk would lock everyone out of its settings and accounts. */
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                           _("The first account of a desk must be an administrator’s"));
      goto fail;
    }
  if (!first && !check_account_roles (self, error))
    goto fail;

  stmt = mc_store_prepare (self,
      "INSERT INTO accounts (username, full_name, roles, password_hash, active, created_at, updated_at)"
      " VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)", error);
  if (stmt == NULL)
    goto fail;
  mc_bind_text (stmt, 1, name);
  mc_bind_text (stmt, 2, clean_name);
  mc_bind_text (stmt, 3, roles_text);
  mc_bind_text (stmt, 4, hash);
  sqlite3_bind_int64 (stmt, 5, now);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  /* The bound copy of the hash goes with the statement's bindings. */
  sqlite3_clear_bindings (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CONFLICT, _("There is already an account “%s”"), name);
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Saving the account failed"), error);
      goto fail;
    }
  {
    g_autofree char *detail = g_strdup_printf ("%s (%s)", clean_name, roles_text);

    if (!mc_store_log_desk_event (self, "account-added", name, detail, error))
      goto fail;
  }
  if (!mc_store_commit (self, error))
    goto fail_free;
  wipe_string (hash);
  return load_account (self, name, NULL, error);

fail:
  mc_store_rollback (self);
fail_free:
  wipe_string (hash);
  return NULL;
}

/* Loads @username for a change by an administrator, inside the caller's transaction. */
static McAccount *
begin_account_change (McStore     *self,
                      const char  *username,
                      GError     **error)
{
  g_autofree char *name = NULL;
  McAccount *account;

  if ((name = normalize_username (username, error)) == NULL || !mc_store_begin (self, error))
    return NULL;
  account = load_account (self, name, NULL, error);
  if (account == NULL || !check_account_roles (self, error))
    {
      mc_account_free (account);
      mc_store_rollback (self);
      return NULL;
    }
  return account;
}

gboolean
mc_store_update_account (McStore     *self,
                         const char  *username,
                         const char  *full_name,
                         McRoles      roles,
                         GError     **error)
{
  g_autoptr(McAccount) account = NULL;
  g_autofree char *clean_name = NULL;
  g_autofree char *roles_text = NULL;
  sqlite3_stmt *stmt;
  gint64 others = 0;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if (full_name != NULL && (clean_name = normalize_full_name (full_name, error)) == NULL)
    return FALSE;
  if ((roles & ~MC_ROLES_ALL) != 0)
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, _("Unknown role"));
      return FALSE;
    }
  if ((account = begin_account_change (self, username, error)) == NULL)
    return FALSE;
  if (roles != MC_ROLES_NONE && !(roles & MC_ROLE_ADMINISTRATOR) && (account->roles & MC_ROLE_ADMINISTRATOR) &&
      account->active)
    {
      if (!count_other_administrators (self, account->id, &others, error))
        goto fail;
      if (others == 0)
        {
          g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                               _("This is the desk’s last active administrator: give another account the administrator role first"));
          goto fail;
        }
    }
  roles_text = mc_roles_to_string (roles != MC_ROLES_NONE ? roles : account->roles);
  stmt = mc_store_prepare (self, "UPDATE accounts SET full_name = ?2, roles = ?3, updated_at = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, account->id);
  mc_bind_text (stmt, 2, clean_name != NULL ? clean_name : account->full_name);
  mc_bind_text (stmt, 3, roles_text);
  sqlite3_bind_int64 (stmt, 4, mc_time_now ());
  if (!mc_store_step_done (self, stmt, error))
    goto fail;
  {
    g_autofree char *old_roles = mc_roles_to_string (account->roles);
    g_autofree char *detail = g_strdup_printf ("%s (%s) → %s (%s)", account->full_name, old_roles,
                                               clean_name != NULL ? clean_name : account->full_name, roles_text);

    if (!mc_store_log_desk_event (self, "account-changed", account->username, detail, error))
      goto fail;
  }
  if (!mc_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  mc_store_rollback (self);
  return FALSE;
}

gboolean
mc_store_set_account_active (McStore     *self,
                             const char  *username,
                             gboolean     active,
                             GError     **error)
{
  g_autoptr(McAccount) account = NULL;
  sqlite3_stmt *stmt;
  gint64 others = 0;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if ((account = begin_account_change (self, username, error)) == NULL)
    return FALSE;
  if (!active && self->account != NULL && self->account->id == account->id)
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                           _("You cannot disable the account you are signed in with"));
      goto fail;
    }
  if (!active && (account->roles & MC_ROLE_ADMINISTRATOR))
    {
      if (!count_other_administrators (self, account->id, &others, error))
        goto fail;
      if (others == 0)
        {
          g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                               _("This is the desk’s last active administrator: give another account the administrator role first"));
          goto fail;
        }
    }
  stmt = mc_store_prepare (self, "UPDATE accounts SET active = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, account->id);
  sqlite3_bind_int (stmt, 2, active ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, mc_time_now ());
  if (!mc_store_step_done (self, stmt, error) ||
      !mc_store_log_desk_event (self, active ? "account-enabled" : "account-disabled", account->username,
                                NULL, error) ||
      !mc_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  mc_store_rollback (self);
  return FALSE;
}

gboolean
mc_store_set_password (McStore     *self,
                       const char  *username,
                       const char  *password,
                       GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(McAccount) account = NULL;
  sqlite3_stmt *stmt;
  char *hash = NULL;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if ((name = normalize_username (username, error)) == NULL || !check_new_password (name, password, error))
    return FALSE;
  if ((hash = hash_password (password, error)) == NULL)
    return FALSE;
  if (!mc_store_begin (self, error))
    goto fail_free;
  if ((account = load_account (self, name, NULL, error)) == NULL)
    goto fail;
  /* Anyone signed in may change their own password; an administrator anyone's. */
  if (self->account == NULL || self->account->id != account->id)
    {
      if (!check_account_roles (self, error))
        goto fail;
    }
  else
    {
      McRoles roles;

      /* Still active: a disabled account cannot renew itself. */
      if (!mc_store_current_roles (self, &roles, error))
        goto fail;
    }
  stmt = mc_store_prepare (self, "UPDATE accounts SET password_hash = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, account->id);
  mc_bind_text (stmt, 2, hash);
  sqlite3_bind_int64 (stmt, 3, mc_time_now ());
  if (!mc_store_step_done (self, stmt, error))
    goto fail;
  sqlite3_clear_bindings (stmt);
  if (!mc_store_log_desk_event (self, "password-changed", account->username, NULL, error))
    goto fail;
  if (!mc_store_commit (self, error))
    goto fail_free;
  wipe_string (hash);
  return TRUE;

fail:
  mc_store_rollback (self);
fail_free:
  wipe_string (hash);
  return FALSE;
}
