/* mc-store-generate.c — realistic bulk dossiers for demo desks and benchmarks.
 *
 * A desk that is shown to supervisors, or measured, needs years of history that looks
 * like a real commune's: receipts on working days in office hours, busier in recent years,
 * civil-status and certification work dominating, Vietnamese names with their real
 * frequencies, valid citizen IDs, and every dossier carried through a plausible life
 * (hand-over, supplements and payments that stop the clock, results early, on time or
 * late, returns) up to the end of the period. Every row is written as mc_store_receive()
 * and mc_store_move() would have written it — audit trail, pauses, code sequences,
 * search text — and every appointment and verdict comes from the real deadline engine,
 * so mc_store_check() finds nothing to report. Every change counts as acknowledged by
 * the portal (synced_revision = revision, so no outbox rows): a demo desk must never push
 * invented dossiers to a real portal.
 *
 * Scans and ratings come from a second generator of their own (add_scans, pick_rating), so
 * that a seed gives the same dossiers as before they were generated: about half of the
 * dossiers received at the counter and nearly all of those submitted online have scanned
 * documents, three results in five are scanned, and seven citizens in ten rate the service
 * when they collect the result, less kindly when it came late. Scans are rows only: no file
 * is written for them (demonstration data names no real document); the dossier page lists
 * them by name, and mc_store_check() does not look for the files.
 *
 * Each dossier is planned in memory; the rows of a thousand dossiers are then written many
 * to a statement, table by table, in transactions of 50 000 dossiers, and the search index
 * is filled once per transaction. A seeded generator makes a run reproducible.
 */
#include "config.h"

#include <math.h>

#include "mc-applicant.h"
#include "mc-dossier-code.h"
#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-store-private.h"
#include "mc-text.h"

/* Large enough that commits cost nothing next to the rows, small enough that the WAL of
 * one transaction stays a few hundred megabytes. */
#define BATCH_DOSSIERS 50000

#define MAX_EVENTS 12
#define MAX_PAUSES 3

/* Random numbers: xoshiro256** seeded through splitmix64, the same on every machine. */

typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *rng,
          guint32  seed)
{
  guint64 x = seed;

  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&x);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1). */
static inline double
rng_double (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in [lo, hi); lo when the range is empty. */
static inline gint64
rng_range (Rng    *rng,
           gint64  lo,
           gint64  hi)
{
  if (hi <= lo)
    return lo;
  return lo + (gint64) (rng_next (rng) % (guint64) (hi - lo));
}

static inline gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_double (rng) < p;
}

/* An exponential draw with @mean, capped at @cap. */
static double
rng_exponential (Rng    *rng,
                 double  mean,
                 double  cap)
{
  double x = -mean * log (1.0 - rng_double (rng));

  return MIN (x, cap);
}

/* Weighted word lists. Weights are per mille of the population where a source gives them
 * (family names: the shares commonly cited for Vietnam, e.g. in the "Vietnamese name"
 * articles of reference works: Nguyễn ≈ 38 %, Trần 11 %, Lê 9.5 %, Phạm 7.1 %,
 * Huỳnh/Hoàng 5.1 %, Phan 4.5 %, Vũ/Võ 3.9 %, Đặng 2.1 %, Bùi 2 %, Đỗ 1.4 %, Hồ 1.3 %,
 * Ngô 1.3 %, Dương 1 %, Lý 0.5 %), and plausible relative weights otherwise. All text is
 * NFC, as the store keeps names. */

typedef struct
{
  const char *text;
  guint       weight;
} Weighted;

static const Weighted family_names[] = {
  { "Nguyễn", 380 }, { "Trần", 110 }, { "Lê", 95 }, { "Phạm", 71 }, { "Hoàng", 30 },
  { "Huỳnh", 21 }, { "Phan", 45 }, { "Vũ", 20 }, { "Võ", 19 }, { "Đặng", 21 },
  { "Bùi", 20 }, { "Đỗ", 14 }, { "Hồ", 13 }, { "Ngô", 13 }, { "Dương", 10 }, { "Lý", 5 },
  { "Đinh", 9 }, { "Trương", 9 }, { "Đào", 7 }, { "Lâm", 6 }, { "Mai", 5 }, { "Trịnh", 5 },
  { "Lương", 5 }, { "Cao", 5 }, { "Hà", 5 }, { "Tạ", 3 }, { "Lưu", 3 }, { "Tô", 2 },
  { "Châu", 2 }, { "Triệu", 2 }, { "Kiều", 2 }, { "Quách", 1 }, { "Thái", 2 }, { "La", 1 },
};

static const Weighted male_middle_names[] = {
  { "Văn", 420 }, { "Đức", 80 }, { "Minh", 90 }, { "Quang", 60 }, { "Hữu", 55 },
  { "Công", 40 }, { "Thanh", 45 }, { "Xuân", 30 }, { "Ngọc", 25 }, { "Đình", 40 },
  { "Tuấn", 20 }, { "Gia", 25 }, { "Hoàng", 25 }, { "Trọng", 20 }, { "Anh", 25 },
};

static const Weighted female_middle_names[] = {
  { "Thị", 450 }, { "Ngọc", 90 }, { "Thanh", 60 }, { "Thu", 50 }, { "Kim", 40 },
  { "Minh", 35 }, { "Phương", 30 }, { "Bảo", 25 }, { "Mai", 25 }, { "Khánh", 20 },
  { "Hồng", 35 }, { "Thùy", 30 }, { "Diệu", 15 }, { "Hoài", 15 }, { "Quỳnh", 15 },
};

static const Weighted male_given_names[] = {
  { "An", 30 }, { "Anh", 40 }, { "Ấn", 5 }, { "Bình", 30 }, { "Cường", 30 }, { "Dũng", 40 },
  { "Duy", 25 }, { "Đạt", 30 }, { "Hải", 35 }, { "Hiếu", 25 }, { "Hòa", 20 }, { "Hùng", 45 },
  { "Huy", 35 }, { "Khang", 15 }, { "Khoa", 20 }, { "Long", 35 }, { "Minh", 45 }, { "Nam", 40 },
  { "Nghĩa", 20 }, { "Phong", 25 }, { "Phúc", 25 }, { "Quân", 30 }, { "Sơn", 35 }, { "Tài", 20 },
  { "Thắng", 30 }, { "Thành", 40 }, { "Tiến", 25 }, { "Trung", 35 }, { "Tuấn", 45 }, { "Việt", 20 },
  { "Vinh", 25 }, { "Lâm", 15 }, { "Kiên", 15 }, { "Toàn", 20 }, { "Hưng", 25 }, { "Tùng", 20 },
};

static const Weighted female_given_names[] = {
  { "Anh", 35 }, { "Châu", 15 }, { "Chi", 20 }, { "Dung", 30 }, { "Duyên", 20 }, { "Giang", 25 },
  { "Hà", 35 }, { "Hạnh", 30 }, { "Hằng", 35 }, { "Hoa", 35 }, { "Hồng", 30 }, { "Hương", 45 },
  { "Huyền", 35 }, { "Lan", 40 }, { "Linh", 45 }, { "Loan", 20 }, { "Mai", 35 }, { "My", 20 },
  { "Nga", 30 }, { "Ngân", 20 }, { "Ngọc", 30 }, { "Nhung", 25 }, { "Oanh", 20 }, { "Phương", 35 },
  { "Quỳnh", 25 }, { "Thảo", 40 }, { "Thu", 30 }, { "Thủy", 35 }, { "Trang", 45 }, { "Trinh", 15 },
  { "Uyên", 15 }, { "Vân", 25 }, { "Yến", 30 }, { "Liên", 20 }, { "Tuyết", 15 }, { "Xuân", 15 },
};

static const char * const company_forms[] = {
  "Công ty TNHH", "Công ty TNHH MTV", "Công ty Cổ phần", "Doanh nghiệp tư nhân",
};
static const char * const company_trades[] = {
  "Thương mại", "Xây dựng", "Thực phẩm", "Dịch vụ", "Sản xuất", "Đầu tư", "Vận tải",
  "Nông sản", "May mặc", "Cơ khí", "Du lịch", "Công nghệ",
};
static const char * const company_brands[] = {
  "Minh Phát", "Thành Công", "Hòa Bình", "An Khang", "Phú Thịnh", "Hưng Thịnh", "Việt Tiến",
  "Đại Dương", "Sao Mai", "Kim Long", "Hoàng Gia", "Tân Tiến", "Bình Minh", "Trường Sơn",
  "Phương Nam", "Hồng Hà", "Nam Việt", "Thiên Phúc",
};

static const char * const hamlets[] = {
  "Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Thôn 6", "Thôn Đông", "Thôn Tây",
  "Thôn Trung", "Thôn Bắc", "Thôn Nam", "Thôn Phú Lộc", "Thôn An Hòa", "Xóm Mới", "Bản Na",
  "Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 3", "Tổ dân phố 7", "Khu phố 4",
};
static const char * const communes[] = {
  "xã Tân Phú", "xã Hòa Bình", "xã Thanh Sơn", "xã Phú Lương", "xã Đông Hưng", "xã An Thịnh",
  "xã Quảng Tiến", "xã Yên Lạc", "phường Bắc Sơn", "phường Trung Tâm", "phường Hòa Khánh",
  "xã Nghĩa Đô",
};
static const char * const email_domains[] = {
  "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "icloud.com",
};

static const char * const clerks[] = {
  "tiepnhan.lan", "tiepnhan.hung", "tiepnhan.mai", "tiepnhan.tuan",
};

static const char * const refusal_notes[] = {
  "Thành phần hồ sơ không đầy đủ theo quy định",
  "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan",
  "Người nộp không xuất trình được bản chính để đối chiếu",
};
static const char * const supplement_notes[] = {
  "Bổ sung bản sao giấy tờ tùy thân của người nộp",
  "Hoàn thiện tờ khai theo mẫu quy định",
  "Bổ sung giấy tờ chứng minh nơi cư trú",
  "Bổ sung bản chính để đối chiếu",
  "Bổ sung văn bản ủy quyền có chứng thực",
};

/* Mobile prefixes of the networks after the 2018 renumbering (Viettel, Vinaphone,
 * MobiFone, Vietnamobile, Gmobile), weighted roughly by subscribers. */
static const Weighted phone_prefixes[] = {
  { "086", 20 }, { "096", 40 }, { "097", 45 }, { "098", 45 }, { "032", 20 }, { "033", 20 },
  { "034", 20 }, { "035", 20 }, { "036", 20 }, { "037", 20 }, { "038", 20 }, { "039", 20 },
  { "088", 15 }, { "091", 30 }, { "094", 25 }, { "081", 10 }, { "082", 10 }, { "083", 10 },
  { "084", 10 }, { "085", 10 }, { "089", 10 }, { "090", 30 }, { "093", 25 }, { "070", 10 },
  { "076", 8 }, { "077", 8 }, { "078", 8 }, { "079", 8 }, { "092", 6 }, { "056", 4 },
  { "058", 4 }, { "099", 2 }, { "059", 2 },
};

/* How much of a commune's work each procedure is, per mille: birth registration and
 * certified copies dominate every one-stop unit's register; the rest by field. */
static const Weighted procedure_weights[] = {
  { "1.001193", 140 },   /* Đăng ký khai sinh */
  { "1.000656", 35 },    /* Đăng ký khai tử */
  { "1.000894", 35 },    /* Đăng ký kết hôn */
  { "1.004873", 70 },    /* Xác nhận tình trạng hôn nhân */
  { "2.000635", 45 },    /* Bản sao trích lục hộ tịch */
  { "2.000815", 230 },   /* Chứng thực bản sao từ bản chính */
  { "2.000884", 70 },    /* Chứng thực chữ ký */
  { "2.000908", 12 },    /* Cấp bản sao từ sổ gốc */
  { "1.004194", 25 },    /* Đăng ký tạm trú */
  { "1.004222", 18 },    /* Đăng ký thường trú */
  { "1.001612", 12 },    /* Đăng ký thành lập hộ kinh doanh */
  { "1.009122", 10 },    /* Giấy phép xây dựng nhà ở riêng lẻ */
};

static const Weighted field_weights[] = {
  { "ho-tich", 6 }, { "chung-thuc", 6 }, { "cu-tru", 6 }, { "dat-dai", 6 },
  { "ho-kinh-doanh", 5 }, { "xay-dung", 4 }, { "bao-tro-xa-hoi", 4 },
};

static guint
weights_total (const Weighted *list,
               gsize           n)
{
  guint total = 0;

  for (gsize i = 0; i < n; i++)
    total += list[i].weight;
  return total;
}

static guint
pick_index (Rng            *rng,
            const Weighted *list,
            gsize           n,
            guint           total)
{
  guint64 x = rng_next (rng) % total;

  for (gsize i = 0; i < n; i++)
    {
      if (x < list[i].weight)
        return (guint) i;
      x -= list[i].weight;
    }
  return (guint) n - 1;
}

#define PICK_ANY(rng, array) ((array)[rng_next (rng) % G_N_ELEMENTS (array)])

/* A name list with its folded forms, so that a dossier's search text is put together
 * from pieces folded once (folding works letter by letter, so the pieces joined by spaces
 * fold to the same text as the whole; mc_store_check() compares them). */
typedef struct
{
  const Weighted *list;
  gsize           n;
  guint           total;
  char          **folded;     /* owned, n entries */
} NameList;

static void
name_list_init (NameList       *names,
                const Weighted *list,
                gsize           n)
{
  names->list = list;
  names->n = n;
  names->total = weights_total (list, n);
  names->folded = g_new0 (char *, n + 1);
  for (gsize i = 0; i < n; i++)
    names->folded[i] = mc_text_fold (list[i].text);
}

static void
name_list_clear (NameList *names)
{
  g_clear_pointer (&names->folded, g_strfreev);
}

static guint
name_list_pick (NameList *names,
                Rng      *rng)
{
  return pick_index (rng, names->list, names->n, names->total);
}

/* Rows of one table gathered in memory and written many to a statement: a statement's
 * fixed cost (transaction check, cursors, reset) is most of a small row's cost. */
#define ROWS_PER_INSERT 64

typedef enum
{
  CELL_NULL,
  CELL_INT,
  CELL_TEXT,
} CellKind;

typedef struct
{
  CellKind    kind;
  gint64      i;
  const char *s;           /* static, or in Generator.strings until the flush */
} Cell;

typedef struct
{
  sqlite3_stmt *many;      /* owned: ROWS_PER_INSERT rows */
  sqlite3_stmt *one;       /* owned: one row */
  guint         n_cols;
  GArray       *cells;     /* Cell */
} Rows;

static gboolean
rows_init (Rows        *rows,
           McStore     *store,
           const char  *head,
           guint        n_cols,
           GError     **error)
{
  g_autoptr(GString) row = g_string_new ("(");
  g_autoptr(GString) sql = g_string_new (head);
  int rc;

  rows->n_cols = n_cols;
  rows->cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), 4096);
  for (guint c = 0; c < n_cols; c++)
    g_string_append (row, c ? ", ?" : "?");
  g_string_append (row, ")");

  g_string_append_printf (sql, " VALUES %s", row->str);
  rc = sqlite3_prepare_v3 (store->db, sql->str, -1, SQLITE_PREPARE_PERSISTENT, &rows->one, NULL);
  for (guint r = 1; r < ROWS_PER_INSERT; r++)
    g_string_append_printf (sql, ", %s", row->str);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (store->db, sql->str, -1, SQLITE_PREPARE_PERSISTENT, &rows->many, NULL);
  if (rc != SQLITE_OK)
    return mc_store_set_sqlite_error (store, rc, _("Generating dossiers failed"), error);
  return TRUE;
}

static void
rows_clear (Rows *rows)
{
  g_clear_pointer (&rows->one, sqlite3_finalize);
  g_clear_pointer (&rows->many, sqlite3_finalize);
  g_clear_pointer (&rows->cells, g_array_unref);
}

static inline void
rows_int (Rows   *rows,
          gint64  value)
{
  Cell cell = { CELL_INT, value, NULL };

  g_array_append_val (rows->cells, cell);
}

/* NULL and "" are stored as SQL NULL, as the store's binding helpers do. */
static inline void
rows_text (Rows       *rows,
           const char *value)
{
  Cell cell = { value && *value ? CELL_TEXT : CELL_NULL, 0, value };

  g_array_append_val (rows->cells, cell);
}

static inline void
rows_time (Rows   *rows,
           McTime  value)
{
  Cell cell = { value == MC_TIME_NONE ? CELL_NULL : CELL_INT, value, NULL };

  g_array_append_val (rows->cells, cell);
}

static inline void
rows_null (Rows *rows)
{
  Cell cell = { CELL_NULL, 0, NULL };

  g_array_append_val (rows->cells, cell);
}

static void
bind_cells (sqlite3_stmt *stmt,
            const Cell   *cells,
            guint         n)
{
  for (guint i = 0; i < n; i++)
    switch (cells[i].kind)
      {
      case CELL_NULL:
        sqlite3_bind_null (stmt, (int) i + 1);
        break;
      case CELL_INT:
        sqlite3_bind_int64 (stmt, (int) i + 1, cells[i].i);
        break;
      case CELL_TEXT:
        sqlite3_bind_text (stmt, (int) i + 1, cells[i].s, -1, SQLITE_STATIC);
        break;
      default:
        g_assert_not_reached ();
      }
}

static gboolean
rows_flush (Rows     *rows,
            McStore  *store,
            GError  **error)
{
  const Cell *cells = (const Cell *) rows->cells->data;
  guint n_rows = rows->cells->len / rows->n_cols;
  guint r = 0;
  gboolean ok = TRUE;

  for (; ok && r + ROWS_PER_INSERT <= n_rows; r += ROWS_PER_INSERT)
    {
      bind_cells (rows->many, cells + (gsize) r * rows->n_cols, ROWS_PER_INSERT * rows->n_cols);
      ok = mc_store_step_done (store, rows->many, error);
    }
  for (; ok && r < n_rows; r++)
    {
      bind_cells (rows->one, cells + (gsize) r * rows->n_cols, rows->n_cols);
      ok = mc_store_step_done (store, rows->one, error);
    }
  /* The texts are about to be freed: no statement may keep pointing at them. */
  sqlite3_clear_bindings (rows->many);
  sqlite3_clear_bindings (rows->one);
  g_array_set_size (rows->cells, 0);
  return ok;
}

typedef struct
{
  char code[4];
} ProvinceCode;

/* A procedure as the generator uses it. */
typedef struct
{
  McProcedure *procedure;        /* owned by Generator.procedures */
  char        *limit_text;       /* owned */
  char        *search_tail;      /* owned: the folded procedure code and name */
  char        *officer;          /* owned: the department's processing officer */
  guint        weight;
  double       organisation_share;
  gboolean     has_fees;
} GenProcedure;

typedef struct
{
  McTime       at;
  int          from;             /* 0 for the receipt */
  McStatus     to;
  const char  *actor;            /* borrowed */
  const char  *note;             /* borrowed (static or Life.return_note) */
} PlannedEvent;

/* One dossier's whole life, planned past @until and cut there. */
typedef struct
{
  PlannedEvent events[MAX_EVENTS];
  guint        n_events;
  McPause      pauses[MAX_PAUSES];
  int          pause_kind[MAX_PAUSES];
  guint        n_pauses;
  char         return_note[256];
} Life;

typedef struct
{
  McStore        *store;         /* borrowed */
  McWorkCalendar *calendar;      /* borrowed */
  Rng             rng;
  Rng             extra_rng;     /* scans and ratings only: the rest stays as @rng made it */
  McTime          until;
  gint64          daily;         /* working seconds in a day */
  GPtrArray      *procedures;    /* McProcedure* (owned) */
  GenProcedure   *gen;           /* n_gen entries */
  guint           n_gen;
  guint           total_weight;
  GArray         *province_codes; /* ProvinceCode */
  char            home_province[4];

  NameList        family, male_middle, female_middle, male_given, female_given;
  guint           prefix_total;

  gint64          next_dossier_id;
  gint64          next_event_id;
  char            last_hash[MC_AUDIT_HASH_SIZE];  /* the audit chain's tail (mc-store-audit.c) */

  /* Rows waiting for the next flush, and the texts they point to. */
  Rows            dossiers;
  Rows            documents;
  Rows            events;
  Rows            pauses;
  Rows            attachments;
  GStringChunk   *strings;          /* owned */
  guint           pending;          /* dossiers since the last flush */
  sqlite3_stmt   *save_sequence;    /* cached by the store */
} Generator;

static void
generator_clear (Generator *g)
{
  for (guint i = 0; i < g->n_gen; i++)
    {
      g_free (g->gen[i].limit_text);
      g_free (g->gen[i].search_tail);
      g_free (g->gen[i].officer);
    }
  g_clear_pointer (&g->gen, g_free);
  g_clear_pointer (&g->procedures, g_ptr_array_unref);
  g_clear_pointer (&g->province_codes, g_array_unref);
  name_list_clear (&g->family);
  name_list_clear (&g->male_middle);
  name_list_clear (&g->female_middle);
  name_list_clear (&g->male_given);
  name_list_clear (&g->female_given);
  rows_clear (&g->dossiers);
  rows_clear (&g->documents);
  rows_clear (&g->events);
  rows_clear (&g->pauses);
  rows_clear (&g->attachments);
  g_clear_pointer (&g->strings, g_string_chunk_free);
}

static guint
procedure_weight (const McProcedure *procedure)
{
  for (gsize i = 0; i < G_N_ELEMENTS (procedure_weights); i++)
    if (g_strcmp0 (procedure->code, procedure_weights[i].text) == 0)
      return procedure_weights[i].weight;
  for (gsize i = 0; i < G_N_ELEMENTS (field_weights); i++)
    if (g_strcmp0 (procedure->field_code, field_weights[i].text) == 0)
      return field_weights[i].weight;
  /* A procedure the tables do not know (an imported catalogue): a little of everything. */
  return 2;
}

static double
organisation_share (const McProcedure *procedure)
{
  if (g_strcmp0 (procedure->field_code, "lao-dong") == 0)
    return 0.95;
  if (g_strcmp0 (procedure->field_code, "an-toan-thuc-pham") == 0)
    return 0.6;
  if (g_strcmp0 (procedure->field_code, "xay-dung") == 0 || g_strcmp0 (procedure->field_code, "dat-dai") == 0)
    return 0.04;
  return 0.0;
}

static gboolean
generator_init (Generator  *g,
                McStore    *store,
                guint32     seed,
                McTime      until,
                GError    **error)
{
  const char *first_sql = "SELECT coalesce ((SELECT max (id) FROM dossiers), 0),"
                          " coalesce ((SELECT max (id) FROM dossier_events), 0),"
                          " (SELECT hash FROM dossier_events ORDER BY id DESC LIMIT 1)";
  sqlite3_stmt *stmt;
  int rc;

  memset (g, 0, sizeof *g);
  g->store = store;
  g->calendar = store->calendar;
  g->until = until;
  g->daily = mc_office_hours_daily_seconds (mc_work_calendar_get_office_hours (store->calendar));
  rng_init (&g->rng, seed);
  rng_init (&g->extra_rng, seed ^ 0x5ca115u);

  g->procedures = mc_store_list_procedures (store, NULL, error);
  if (g->procedures == NULL)
    return FALSE;
  if (g->procedures->len == 0)
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND,
                           _("The catalogue is empty: there is no procedure to generate dossiers for"));
      return FALSE;
    }
  g->gen = g_new0 (GenProcedure, g->procedures->len);
  g->n_gen = g->procedures->len;
  for (guint i = 0; i < g->n_gen; i++)
    {
      McProcedure *procedure = g_ptr_array_index (g->procedures, i);
      GenProcedure *gp = &g->gen[i];

      gp->procedure = procedure;
      gp->limit_text = mc_time_limit_to_string (procedure->time_limit);
      {
        g_autofree char *tail = g_strdup_printf ("%s %s", procedure->code, procedure->name);
        gp->search_tail = mc_text_fold (tail);
      }
      gp->officer = g_strdup_printf ("xuly.%s", procedure->field_code ? procedure->field_code : "chung");
      gp->weight = procedure_weight (procedure);
      gp->organisation_share = organisation_share (procedure);
      for (guint j = 0; procedure->fees && j < procedure->fees->len; j++)
        if (((McProcedureFee *) g_ptr_array_index (procedure->fees, j))->amount != 0)
          gp->has_fees = TRUE;
      g->total_weight += gp->weight;
    }

  /* The official list of birth-registration province codes, as the validator knows it. */
  g->province_codes = g_array_new (FALSE, FALSE, sizeof (ProvinceCode));
  for (int code = 1; code < 100; code++)
    {
      char id[13];

      g_snprintf (id, sizeof id, "%03d000000000", code);
      if (mc_citizen_id_province (id) != NULL)
        {
          ProvinceCode prefix = { { id[0], id[1], id[2], '\0' } };
          g_array_append_val (g->province_codes, prefix);
        }
    }
  g_assert (g->province_codes->len > 0);
  /* Most applicants were born in the province of the office. */
  memcpy (g->home_province, g_array_index (g->province_codes, ProvinceCode,
                                           rng_next (&g->rng) % g->province_codes->len).code, 4);

  name_list_init (&g->family, family_names, G_N_ELEMENTS (family_names));
  name_list_init (&g->male_middle, male_middle_names, G_N_ELEMENTS (male_middle_names));
  name_list_init (&g->female_middle, female_middle_names, G_N_ELEMENTS (female_middle_names));
  name_list_init (&g->male_given, male_given_names, G_N_ELEMENTS (male_given_names));
  name_list_init (&g->female_given, female_given_names, G_N_ELEMENTS (female_given_names));
  g->strings = g_string_chunk_new (1 << 20);
  g->prefix_total = weights_total (phone_prefixes, G_N_ELEMENTS (phone_prefixes));

  stmt = mc_store_prepare (store, first_sql, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g->next_dossier_id = sqlite3_column_int64 (stmt, 0) + 1;
      g->next_event_id = sqlite3_column_int64 (stmt, 1) + 1;
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        g_strlcpy (g->last_hash, (const char *) sqlite3_column_text (stmt, 2), sizeof g->last_hash);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return mc_store_set_sqlite_error (store, rc, _("Generating dossiers failed"), error);
  return TRUE;
}

/* The statements are the generator's own (the store caches statements by static SQL
 * text); columns as mc_store_receive() and mc_store_move() fill them. */
static gboolean
generator_prepare (Generator  *g,
                   GError    **error)
{
  McStore *store = g->store;

  if (!rows_init (&g->dossiers, store,
                  "INSERT INTO dossiers (id, code, procedure_code, procedure_name, field_code, field_name,"
                  "  deciding_agency, receiving_office, time_limit, pause_rule, applicant_kind, applicant_name,"
                  "  id_number, phone, email, address, channel, sets, summary, note, status, received_at,"
                  "  due_at, current_due_at, finished_at, returned_at, verdict, clerk, revision, synced_revision,"
                  "  created_at, updated_at, search_text, rating, documents_scanned, result_scanned)", 36, error) ||
      !rows_init (&g->documents, store,
                  "INSERT INTO dossier_documents (dossier_id, position, code, name, form, copies)", 6, error) ||
      !rows_init (&g->events, store,
                  "INSERT INTO dossier_events (id, dossier_id, at, actor, from_status, to_status, note,"
                  "  recorded_at, hash)", 9, error) ||
      !rows_init (&g->pauses, store,
                  "INSERT INTO dossier_pauses (dossier_id, kind, started_at, ended_at)", 4, error) ||
      !rows_init (&g->attachments, store,
                  "INSERT INTO attachments (dossier_id, target, file_name, mime_type, size, sha256, added_at,"
                  "  added_by)", 8, error))
    return FALSE;
  g->save_sequence = mc_store_prepare (store,
      "INSERT INTO code_sequences (agency_code, day, last_sequence) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (agency_code, day) DO UPDATE SET last_sequence = max (last_sequence, ?3)", error);
  return g->save_sequence != NULL;
}

/* Writes the gathered rows, table by table. */
static gboolean
generator_flush (Generator  *g,
                 GError    **error)
{
  gboolean ok = rows_flush (&g->dossiers, g->store, error) &&
                rows_flush (&g->documents, g->store, error) &&
                rows_flush (&g->events, g->store, error) &&
                rows_flush (&g->pauses, g->store, error) &&
                rows_flush (&g->attachments, g->store, error);

  g_string_chunk_clear (g->strings);
  g->pending = 0;
  return ok;
}

/* Indexes the batch's dossiers for search in one statement, as the insert trigger of
 * migration 3 would have one by one. */
static gboolean
index_batch (Generator  *g,
             gint64      first_id,
             GError    **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (g->store,
      "INSERT INTO dossier_fts (rowid, search_text)"
      " SELECT id, search_text FROM dossiers WHERE id >= ?1 ORDER BY id", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first_id);
  return mc_store_step_done (g->store, stmt, error);
}

/* Working-second axis helpers. The period was checked against the calendar before any
 * planning; a planned moment beyond the calendar's end simply never happens. */
static gint64
to_w (Generator *g,
      McTime     t)
{
  gint64 w = G_MAXINT64;

  mc_work_calendar_to_working_seconds (g->calendar, t, &w, NULL);
  return w;
}

static McTime
from_w (Generator *g,
        gint64     w)
{
  McTime t = G_MAXINT64;

  if (w == G_MAXINT64 || !mc_work_calendar_from_working_seconds (g->calendar, w, &t, NULL))
    return G_MAXINT64;
  return t;
}

static void
add_event (Life        *life,
           Generator   *g,
           gint64       w,
           McStatus     to,
           const char  *actor,
           const char  *note)
{
  PlannedEvent *event;

  g_assert (life->n_events < MAX_EVENTS);
  event = &life->events[life->n_events];
  event->at = from_w (g, w);
  event->from = life->n_events == 0 ? 0 : (int) life->events[life->n_events - 1].to;
  event->to = to;
  event->actor = actor;
  event->note = note;
  /* The axis maps a boundary to the end of the earlier segment; never go back in time. */
  if (life->n_events > 0 && event->at < life->events[life->n_events - 1].at)
    event->at = life->events[life->n_events - 1].at;
  life->n_events++;
}

static McStatus
last_status (const Life *life)
{
  return life->events[life->n_events - 1].to;
}

/* The clock stops at @w for a supplement (5) or a payment (6); returns where the
 * dossier is afterwards and moves *@w to the end of the pause. */
static McStatus
plan_pause (Generator    *g,
            Life         *life,
            gint64       *w,
            McStatus      kind,
            const char   *clerk,
            const char   *officer)
{
  Rng *rng = &g->rng;
  double r = rng_double (rng);
  gint64 start = *w;
  gint64 length;
  McStatus after;
  const char *note;

  add_event (life, g, start, kind, last_status (life) == MC_STATUS_RECEIVED ? clerk : officer,
             kind == MC_STATUS_WAITING_SUPPLEMENT ? PICK_ANY (rng, supplement_notes)
                                                  : "Thông báo thực hiện nghĩa vụ tài chính");
  if (kind == MC_STATUS_WAITING_SUPPLEMENT)
    length = (gint64) ((0.2 + rng_exponential (rng, 3.0, 20.0)) * g->daily);
  else
    length = (gint64) ((0.1 + rng_exponential (rng, 1.5, 10.0)) * g->daily);

  if (r < 0.86)
    {
      after = MC_STATUS_IN_PROCESSING;
      note = kind == MC_STATUS_WAITING_SUPPLEMENT ? "Đã nhận hồ sơ bổ sung"
                                                  : "Đã hoàn thành nghĩa vụ tài chính";
    }
  else if (r < 0.93)
    {
      after = MC_STATUS_WITHDRAWN;
      note = "Người nộp hồ sơ đề nghị rút hồ sơ";
    }
  else
    {
      after = MC_STATUS_STOPPED;
      note = kind == MC_STATUS_WAITING_SUPPLEMENT ? "Quá thời hạn bổ sung hồ sơ theo phiếu yêu cầu"
                                                  : "Quá thời hạn thực hiện nghĩa vụ tài chính";
      length += rng_range (rng, 5 * g->daily, 15 * g->daily);
    }
  *w = start + MAX (length, 600);

  g_assert (life->n_pauses < MAX_PAUSES);
  life->pauses[life->n_pauses].started = life->events[life->n_events - 1].at;
  life->pause_kind[life->n_pauses] = kind;
  add_event (life, g, *w, after, after == MC_STATUS_IN_PROCESSING ? officer : clerk, note);
  life->pauses[life->n_pauses].ended = life->events[life->n_events - 1].at;
  life->n_pauses++;
  return after;
}

/* Plans the life of a dossier received at @received (on the axis: @wr) with original
 * appointment @due, beyond @until; the caller cuts it at @until. */
static void
plan_life (Generator          *g,
           const GenProcedure *gp,
           Life               *life,
           McTime              received,
           gint64              wr,
           McTime              due,
           McChannel           channel,
           const char         *applicant_name)
{
  Rng *rng = &g->rng;
  const McProcedure *procedure = gp->procedure;
  const char *clerk = PICK_ANY (rng, clerks);
  const char *officer = gp->officer;
  gint64 span, w, wf, w_due, w_due_day;
  McTime current_due = due;
  McStatus status;
  double r;

  life->n_events = 0;
  life->n_pauses = 0;
  life->events[0].at = received;
  life->events[0].from = 0;
  life->events[0].to = MC_STATUS_RECEIVED;
  life->events[0].actor = clerk;
  life->events[0].note = NULL;
  life->n_events = 1;

  if (due == MC_TIME_NONE)
    span = rng_range (rng, 3, 16) * g->daily;
  else
    span = MAX (to_w (g, due) - wr, 1800);
  w = wr;

  /* Refused on checking, in the same visit. */
  if (rng_chance (rng, 0.025))
    {
      add_event (life, g, w + rng_range (rng, 300, 1800), MC_STATUS_REFUSED, clerk, PICK_ANY (rng, refusal_notes));
      return;
    }

  if (rng_chance (rng, 0.03))
    {
      w += rng_range (rng, 300, 1800);
      status = plan_pause (g, life, &w, MC_STATUS_WAITING_SUPPLEMENT, clerk, officer);
      if (status != MC_STATUS_IN_PROCESSING)
        return;
    }
  else if (rng_chance (rng, 0.006))
    {
      add_event (life, g, w + rng_range (rng, 600, MAX (span / 3, 1200)), MC_STATUS_WITHDRAWN, clerk,
                 "Người nộp hồ sơ đề nghị rút hồ sơ");
      return;
    }
  else
    {
      /* Hand-over to the deciding department: quickly for work done within the day. */
      gint64 delay = span <= g->daily ? rng_range (rng, 300, MAX (span / 3, 600))
                                      : rng_range (rng, 1800, MAX (MIN (span / 4, g->daily), 3600));
      w += delay;
      add_event (life, g, w, MC_STATUS_IN_PROCESSING, clerk, "Chuyển bộ phận chuyên môn giải quyết");
    }

  /* In processing: at most two stops of the clock, then an ending. */
  for (int round = 0; round < 2; round++)
    {
      gint64 remaining = MAX (span - (w - wr), 1800);

      r = rng_double (rng);
      if (r < (round == 0 ? 0.065 : 0.02))
        {
          w += rng_range (rng, 600, MAX (remaining * 2 / 3, 1200));
          status = plan_pause (g, life, &w, MC_STATUS_WAITING_SUPPLEMENT, clerk, officer);
        }
      else if (gp->has_fees && r < (round == 0 ? 0.105 : 0.03))
        {
          w += rng_range (rng, 600, MAX (remaining / 2, 1200));
          status = plan_pause (g, life, &w, MC_STATUS_WAITING_PAYMENT, clerk, officer);
        }
      else
        break;
      if (status != MC_STATUS_IN_PROCESSING)
        return;
    }

  r = rng_double (rng);
  if (r < 0.008)
    {
      add_event (life, g, w + rng_range (rng, 600, MAX (span / 2, 1200)), MC_STATUS_WITHDRAWN, officer,
                 "Người nộp hồ sơ đề nghị rút hồ sơ");
      return;
    }
  if (r < 0.016)
    {
      add_event (life, g, w + rng_range (rng, 600, MAX (span / 2, 1200)), MC_STATUS_STOPPED, officer,
                 "Hồ sơ thuộc trường hợp dừng giải quyết theo quy định");
      return;
    }

  /* The department works against the appointment as the pauses pushed it. */
  if (due != MC_TIME_NONE && life->n_pauses > 0)
    {
      if (!mc_deadline_with_pauses (g->calendar, &g->store->settings->deadline, procedure->time_limit,
                                    procedure->pause_rule, received, life->pauses, life->n_pauses,
                                    &current_due, NULL))
        current_due = due;
    }
  if (current_due == MC_TIME_NONE)
    {
      w_due = wr + span;
      for (guint i = 0; i < life->n_pauses; i++)
        w_due += to_w (g, life->pauses[i].ended) - to_w (g, life->pauses[i].started);
    }
  else
    w_due = to_w (g, current_due);
  w_due_day = (w_due / g->daily) * g->daily;   /* the due day's opening on the axis */
  if (w_due_day == w_due)
    w_due_day -= g->daily;                     /* a due at closing belongs to that day */

  r = rng_double (rng);
  wf = w + 600;
  if (r < 0.45 && w_due_day - 1 > wf)
    {
      /* Early: most results come towards the end of the time allowed. */
      double u = rng_double (rng);
      wf += (gint64) ((1.0 - u * u) * (double) (w_due_day - 1 - wf));
    }
  else if (r < 0.955 && MAX (wf, w_due_day + 1) < w_due)
    {
      gint64 lo = MAX (wf, w_due_day + 1);
      wf = rng_range (rng, lo, w_due + 1);
    }
  else
    wf = MAX (wf, w_due) + 1800 + (gint64) (rng_exponential (rng, 1.5, 10.0) * g->daily);
  add_event (life, g, wf, MC_STATUS_RESULT_READY, officer, "Đã có kết quả giải quyết");

  /* Most people come back for the result soon; a few never do. */
  r = rng_double (rng);
  if (r < 0.03)
    return;
  if (r < 0.58)
    wf += rng_range (rng, 300, g->daily / 2);
  else if (r < 0.92)
    wf += rng_range (rng, g->daily / 2, 5 * g->daily);
  else
    wf += rng_range (rng, 5 * g->daily, 30 * g->daily);
  if (channel == MC_CHANNEL_POST)
    g_strlcpy (life->return_note, "Trả kết quả qua dịch vụ bưu chính công ích", sizeof life->return_note);
  else
    g_snprintf (life->return_note, sizeof life->return_note, "Người nhận kết quả: %s", applicant_name);
  add_event (life, g, wf, MC_STATUS_RETURNED, clerk, life->return_note);
}

/* Keeps what happened by @until: the events, and the pauses (one still open if the
 * dossier waits at @until). */
static void
cut_life (Life   *life,
          McTime  until)
{
  guint n = 1;

  while (n < life->n_events && life->events[n].at <= until)
    n++;
  life->n_events = n;
  for (guint i = 0; i < life->n_pauses; i++)
    {
      if (life->pauses[i].started > until)
        {
          life->n_pauses = i;
          break;
        }
      if (life->pauses[i].ended > until)
        life->pauses[i].ended = MC_TIME_NONE;
    }
}

/* Dossier fields that are not the life. */
typedef struct
{
  McApplicantKind kind;
  char            name[160];
  char            name_folded[160];
  char            id_number[16];
  char            phone[16];
  char            email[96];
  char            address[160];
  McChannel       channel;
  int             sets;
} Applicant;

static void
make_citizen_id (Generator *g,
                 Applicant *a,
                 int        birth_year,
                 gboolean   female)
{
  Rng *rng = &g->rng;
  const char *province = rng_chance (rng, 0.7)
                           ? g->home_province
                           : g_array_index (g->province_codes, ProvinceCode,
                                            rng_next (rng) % g->province_codes->len).code;
  int century = (birth_year / 100) - 19;

  g_snprintf (a->id_number, sizeof a->id_number, "%s%d%02d%06d", province, century * 2 + (female ? 1 : 0),
              birth_year % 100, (int) rng_range (rng, 0, 1000000));
}

/* A tax code whose tenth digit is the check digit of the first nine. */
static void
make_tax_code (Generator *g,
               Applicant *a)
{
  static const int weights[9] = { 31, 29, 23, 19, 17, 13, 7, 5, 3 };

  for (;;)
    {
      int sum = 0, check;

      g_snprintf (a->id_number, sizeof a->id_number, "%02d%07d", (int) rng_range (&g->rng, 1, 100),
                  (int) rng_range (&g->rng, 1, 10000000));
      for (int i = 0; i < 9; i++)
        sum += weights[i] * (a->id_number[i] - '0');
      check = 10 - sum % 11;
      if (check <= 9)
        {
          a->id_number[9] = (char) ('0' + check);
          a->id_number[10] = '\0';
          return;
        }
    }
}

static void
make_applicant (Generator          *g,
                const GenProcedure *gp,
                Applicant          *a,
                int                 year)
{
  Rng *rng = &g->rng;
  double r = rng_double (rng);

  a->channel = r < 0.60 ? MC_CHANNEL_COUNTER : r < 0.95 ? MC_CHANNEL_ONLINE : MC_CHANNEL_POST;
  r = rng_double (rng);
  a->sets = r < 0.92 ? 1 : r < 0.98 ? 2 : 3;
  a->email[0] = '\0';
  a->phone[0] = '\0';

  if (gp->organisation_share > 0 && rng_chance (rng, gp->organisation_share))
    {
      g_autofree char *folded = NULL;

      a->kind = MC_APPLICANT_ORGANISATION;
      g_snprintf (a->name, sizeof a->name, "%s %s %s", PICK_ANY (rng, company_forms),
                  PICK_ANY (rng, company_trades), PICK_ANY (rng, company_brands));
      folded = mc_text_fold (a->name);
      g_strlcpy (a->name_folded, folded, sizeof a->name_folded);
      make_tax_code (g, a);
      if (rng_chance (rng, 0.5))
        g_strlcpy (a->email, "lienhe@doanhnghiep.vn", sizeof a->email);
    }
  else
    {
      gboolean female = rng_chance (rng, 0.52);
      NameList *middles = female ? &g->female_middle : &g->male_middle;
      NameList *givens = female ? &g->female_given : &g->male_given;
      guint family = name_list_pick (&g->family, rng);
      guint middle = name_list_pick (middles, rng);
      guint given = name_list_pick (givens, rng);
      /* Adults, most of working age. */
      int age = 18 + (int) MIN (rng_exponential (rng, 16.0, 62.0) + rng_range (rng, 0, 12), 80);

      a->kind = MC_APPLICANT_CITIZEN;
      g_snprintf (a->name, sizeof a->name, "%s %s %s", g->family.list[family].text,
                  middles->list[middle].text, givens->list[given].text);
      g_snprintf (a->name_folded, sizeof a->name_folded, "%s %s %s", g->family.folded[family],
                  middles->folded[middle], givens->folded[given]);
      make_citizen_id (g, a, year - age, female);
      if (rng_chance (rng, a->channel == MC_CHANNEL_ONLINE ? 0.7 : 0.12))
        g_snprintf (a->email, sizeof a->email, "%s%s%d@%s", givens->folded[given], g->family.folded[family],
                    (int) rng_range (rng, 1, 1000), PICK_ANY (rng, email_domains));
    }

  if (a->channel == MC_CHANNEL_ONLINE || rng_chance (rng, 0.9))
    g_snprintf (a->phone, sizeof a->phone, "%s%07d",
                phone_prefixes[pick_index (rng, phone_prefixes, G_N_ELEMENTS (phone_prefixes), g->prefix_total)].text,
                (int) rng_range (rng, 0, 10000000));
  if (rng_chance (rng, 0.85))
    g_snprintf (a->address, sizeof a->address, "%s, %s", PICK_ANY (rng, hamlets), PICK_ANY (rng, communes));
  else
    a->address[0] = '\0';
}

static const char *
keep (Generator  *g,
      const char *text)
{
  return g_string_chunk_insert (g->strings, text);
}

/* The received documents: every mandatory one, one of each "one of" group (usually the
 * first), and some optional ones. */
static guint
add_documents (Generator          *g,
               const GenProcedure *gp,
               gint64              dossier_id,
               const char        **codes,
               guint               max_codes)
{
  guint n_codes = 0;
  const McProcedure *procedure = gp->procedure;
  const char *groups_done[16];
  guint n_groups = 0, position = 0;
  Rows *rows = &g->documents;

  for (guint i = 0; procedure->documents && i < procedure->documents->len; i++)
    {
      McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);
      gboolean take;

      if (doc->one_of != NULL)
        {
          gboolean done = FALSE, last_of_group;

          for (guint k = 0; k < n_groups; k++)
            done = done || g_str_equal (groups_done[k], doc->one_of);
          last_of_group = i + 1 == procedure->documents->len ||
                          g_strcmp0 (((McRequiredDocument *) g_ptr_array_index (procedure->documents, i + 1))->one_of,
                                     doc->one_of) != 0;
          take = !done && (last_of_group || rng_chance (&g->rng, 0.8));
          if (take && n_groups < G_N_ELEMENTS (groups_done))
            groups_done[n_groups++] = doc->one_of;
        }
      else
        take = doc->mandatory || rng_chance (&g->rng, 0.3);
      if (!take)
        continue;

      rows_int (rows, dossier_id);
      rows_int (rows, position++);
      rows_text (rows, doc->code);
      rows_text (rows, doc->name);
      rows_text (rows, mc_document_form_to_string (doc->form));
      rows_int (rows, doc->copies);
      if (doc->code != NULL && n_codes < max_codes)
        codes[n_codes++] = doc->code;
    }
  return n_codes;
}

/* One scanned file's row: a PDF or a photo of a plausible size under a content hash of its
 * own (no file is written). The hash starts with the dossier's id, so that a million rows go
 * into the index by hash in order rather than at random places (a fifth of the generation's
 * time otherwise). */
static void
add_scan (Generator  *g,
          gint64      dossier_id,
          const char *target,
          McTime      at,
          const char *clerk)
{
  Rng *rng = &g->extra_rng;
  gboolean photo = rng_chance (rng, 0.15);
  char name[64];
  char sha256[65];

  g_snprintf (name, sizeof name, "%s-%" G_GINT64_FORMAT ".%s",
              g_str_equal (target, MC_ATTACHMENT_RESULT) ? "ket-qua" : target, dossier_id, photo ? "jpg" : "pdf");
  g_snprintf (sha256, sizeof sha256, "%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x%016"
              G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x", (guint64) dossier_id, rng_next (rng), rng_next (rng),
              rng_next (rng));
  rows_int (&g->attachments, dossier_id);
  rows_text (&g->attachments, keep (g, target));
  rows_text (&g->attachments, keep (g, name));
  rows_text (&g->attachments, photo ? "image/jpeg" : "application/pdf");
  rows_int (&g->attachments, rng_range (rng, photo ? 150000 : 60000, photo ? 2500000 : 1200000));
  rows_text (&g->attachments, keep (g, sha256));
  rows_int (&g->attachments, at);
  rows_text (&g->attachments, clerk);
}

/* The scans of a dossier: its submitted documents, scanned at the counter when it was
 * received (most of them, once the dossier is scanned at all; an online submission's files
 * came with it), and its result, scanned when ready. The number of rows written. */
static guint
add_scans (Generator    *g,
           gint64        dossier_id,
           const char  **codes,
           guint         n_codes,
           McChannel     channel,
           McTime        received,
           McTime        finished,
           const char   *clerk,
           gboolean     *documents_scanned,
           gboolean     *result_scanned)
{
  Rng *rng = &g->extra_rng;
  double share = channel == MC_CHANNEL_ONLINE ? 0.96 : channel == MC_CHANNEL_POST ? 0.35 : 0.5;
  guint n = 0;

  *documents_scanned = FALSE;
  *result_scanned = FALSE;
  if (n_codes > 0 && rng_chance (rng, share))
    for (guint i = 0; i < n_codes; i++)
      if (i == 0 || rng_chance (rng, 0.8))
        {
          add_scan (g, dossier_id, codes[i], received, clerk);
          n++;
          *documents_scanned = TRUE;
        }
  if (finished != MC_TIME_NONE && rng_chance (rng, 0.6))
    {
      add_scan (g, dossier_id, MC_ATTACHMENT_RESULT, finished, clerk);
      n++;
      *result_scanned = TRUE;
    }
  return n;
}

/* The citizen's rating at the return, or NONE when not asked or not given; a late result
 * pleases less. */
static McRating
pick_rating (Generator *g,
             McVerdict  verdict)
{
  Rng *rng = &g->extra_rng;
  double x;

  if (!rng_chance (rng, 0.7))
    return MC_RATING_NONE;
  x = rng_double (rng);
  if (verdict == MC_VERDICT_LATE)
    return x < 0.25 ? MC_RATING_VERY_SATISFIED : x < 0.7 ? MC_RATING_SATISFIED : MC_RATING_NOT_SATISFIED;
  return x < 0.58 ? MC_RATING_VERY_SATISFIED : x < 0.96 ? MC_RATING_SATISFIED : MC_RATING_NOT_SATISFIED;
}

/* Plans one dossier received at @received with sequence @sequence and gathers its rows. */
static gboolean
generate_one (Generator  *g,
              McDay       day,
              McTime      received,
              gint64      wr,
              int         sequence,
              GError    **error)
{
  Rng *rng = &g->rng;
  const McOfficeSettings *settings = g->store->settings;
  guint64 x = rng_next (rng) % g->total_weight;
  const GenProcedure *gp = &g->gen[g->n_gen - 1];
  const McProcedure *procedure;
  g_autofree char *code = NULL;
  g_autofree char *summary = NULL;
  char search_text[512];
  Applicant applicant;
  Life life;
  McTime due, current_due, finished = MC_TIME_NONE, returned = MC_TIME_NONE;
  gint64 dossier_id = g->next_dossier_id++;
  const char *codes[32];
  guint n_codes, n_scans;
  gboolean documents_scanned, result_scanned;
  McVerdict verdict = MC_VERDICT_NONE;
  McRating rating;
  Rows *rows;
  int year, month, mday;

  for (guint i = 0; i < g->n_gen; i++)
    {
      if (x < g->gen[i].weight)
        {
          gp = &g->gen[i];
          break;
        }
      x -= g->gen[i].weight;
    }
  procedure = gp->procedure;

  mc_day_to_ymd (day, &year, &month, &mday);
  make_applicant (g, gp, &applicant, year);
  if (!mc_deadline_compute (g->calendar, &settings->deadline, procedure->time_limit, received, &due, error))
    return FALSE;

  plan_life (g, gp, &life, received, wr, due, applicant.channel, applicant.name);
  cut_life (&life, g->until);

  current_due = due;
  if (due != MC_TIME_NONE && life.n_pauses > 0 &&
      !mc_deadline_with_pauses (g->calendar, &settings->deadline, procedure->time_limit,
                                procedure->pause_rule, received, life.pauses, life.n_pauses,
                                &current_due, error))
    return FALSE;
  for (guint i = 1; i < life.n_events; i++)
    {
      if (life.events[i].to == MC_STATUS_RESULT_READY)
        finished = life.events[i].at;
      else if (life.events[i].to == MC_STATUS_RETURNED)
        returned = life.events[i].at;
    }

  code = mc_dossier_code_format (settings->agency_code, day, sequence);
  summary = g_strdup_printf ("%s - %s", procedure->name, applicant.name);
  /* mc_store_search_text() of the same fields, from pieces folded in advance: the code and
   * the numbers are ASCII, so folding them is lower-casing. */
  g_snprintf (search_text, sizeof search_text, "%s %s %s %s %s", code, applicant.name_folded,
              applicant.id_number, applicant.phone, gp->search_tail);
  for (char *p = search_text; *p && *p != ' '; p++)
    *p = g_ascii_tolower (*p);

  /* The documents first (their rows go to their own table): the scans need their codes. */
  n_codes = add_documents (g, gp, dossier_id, codes, G_N_ELEMENTS (codes));
  if (finished != MC_TIME_NONE)
    verdict = mc_deadline_verdict (g->calendar, current_due, finished);
  n_scans = add_scans (g, dossier_id, codes, n_codes, applicant.channel, received, finished, life.events[0].actor,
                       &documents_scanned, &result_scanned);
  rating = returned != MC_TIME_NONE ? pick_rating (g, verdict) : MC_RATING_NONE;

  rows = &g->dossiers;
  rows_int (rows, dossier_id);
  rows_text (rows, keep (g, code));
  rows_text (rows, procedure->code);
  rows_text (rows, procedure->name);
  rows_text (rows, procedure->field_code);
  rows_text (rows, procedure->field_name);
  rows_text (rows, procedure->agency);
  rows_text (rows, settings->office_name);
  rows_text (rows, gp->limit_text);
  rows_int (rows, procedure->pause_rule);
  rows_int (rows, applicant.kind);
  rows_text (rows, keep (g, applicant.name));
  rows_text (rows, keep (g, applicant.id_number));
  rows_text (rows, applicant.phone[0] ? keep (g, applicant.phone) : NULL);
  rows_text (rows, applicant.email[0] ? keep (g, applicant.email) : NULL);
  rows_text (rows, applicant.address[0] ? keep (g, applicant.address) : NULL);
  rows_int (rows, applicant.channel);
  rows_int (rows, applicant.sets);
  rows_text (rows, keep (g, summary));                  /* as validation makes it */
  rows_null (rows);                                     /* note */
  rows_int (rows, last_status (&life));
  rows_int (rows, received);
  rows_time (rows, due);
  rows_time (rows, current_due);
  rows_time (rows, finished);
  rows_time (rows, returned);
  if (finished != MC_TIME_NONE)
    rows_int (rows, verdict);
  else
    rows_null (rows);
  rows_text (rows, life.events[0].actor);
  /* Each scan is a change of the record, as mc_store_add_attachment () makes it. */
  rows_int (rows, life.n_events + n_scans);             /* revision */
  rows_int (rows, life.n_events + n_scans);             /* synced_revision: all acknowledged */
  rows_int (rows, received);                            /* created_at */
  rows_int (rows, life.events[life.n_events - 1].at);   /* updated_at */
  rows_text (rows, keep (g, search_text));
  if (rating != MC_RATING_NONE)
    rows_int (rows, rating);
  else
    rows_null (rows);
  rows_int (rows, documents_scanned);                   /* as the attachments' trigger sets them */
  rows_int (rows, result_scanned);

  for (guint i = 0; i < life.n_events; i++)
    {
      const PlannedEvent *event = &life.events[i];
      gint64 event_id = g->next_event_id++;
      /* Triggers are off while generating: each entry is chained here as the insert trigger
       * of migration 9 would (texts stored as NULL when empty, as rows_text does). */
      McAuditEntry entry = {
        event_id, dossier_id, event->at,
        event->actor != NULL && *event->actor ? event->actor : NULL, NULL,
        event->from, event->to,
        event->note != NULL && *event->note ? event->note : NULL, event->at
      };
      char hash[MC_AUDIT_HASH_SIZE];

      mc_audit_hash_entry (g->last_hash[0] != '\0' ? g->last_hash : NULL, &entry, hash);
      memcpy (g->last_hash, hash, sizeof hash);

      rows = &g->events;
      rows_int (rows, event_id);
      rows_int (rows, dossier_id);
      rows_int (rows, event->at);
      rows_text (rows, event->actor);
      if (event->from == 0)
        rows_null (rows);
      else
        rows_int (rows, event->from);
      rows_int (rows, event->to);
      rows_text (rows, event->note == life.return_note ? keep (g, event->note) : event->note);
      rows_int (rows, event->at);                       /* recorded_at */
      rows_text (rows, keep (g, hash));
    }

  rows = &g->pauses;
  for (guint i = 0; i < life.n_pauses; i++)
    {
      rows_int (rows, dossier_id);
      rows_int (rows, life.pause_kind[i]);
      rows_int (rows, life.pauses[i].started);
      rows_time (rows, life.pauses[i].ended);
    }

  if (++g->pending >= 1000)
    return generator_flush (g, error);
  return TRUE;
}

/* How busy a working day is, relative to others: recent years busier (about 10 % a
 * year), January busy before Tết and February quiet after it, Mondays busiest. */
static double
day_weight (McDay  day,
            McDay  first,
            int    weekday)
{
  static const double month_factor[12] = { 1.15, 0.80, 1.05, 1.00, 0.95, 0.95, 1.05, 1.00, 0.95, 1.00, 1.05, 1.10 };
  static const double weekday_factor[7] = { 1.15, 1.05, 1.00, 1.00, 0.90, 0.60, 0.60 };
  int year, month, mday;

  mc_day_to_ymd (day, &year, &month, &mday);
  return exp (0.0953 * (double) (day - first) / 365.25) * month_factor[month - 1] * weekday_factor[weekday - 1];
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The sequence already used for (office, day), or 0. */
static gboolean
load_last_sequence (McStore     *self,
                    McDay        day,
                    int         *last,
                    GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT last_sequence FROM code_sequences"
                                               " WHERE agency_code = ?1 AND day = ?2", error);
  int year, month, mday, rc;

  if (stmt == NULL)
    return FALSE;
  mc_day_to_ymd (day, &year, &month, &mday);
  mc_bind_text (stmt, 1, self->settings->agency_code);
  sqlite3_bind_int (stmt, 2, (year % 100) * 10000 + month * 100 + mday);
  *last = 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *last = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Generating dossiers failed"), error);
  return TRUE;
}

static gboolean
save_last_sequence (Generator  *g,
                    McDay       day,
                    int         last,
                    GError    **error)
{
  sqlite3_stmt *stmt = g->save_sequence;
  int year, month, mday;

  mc_day_to_ymd (day, &year, &month, &mday);
  sqlite3_bind_text (stmt, 1, g->store->settings->agency_code, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (year % 100) * 10000 + month * 100 + mday);
  sqlite3_bind_int (stmt, 3, last);
  return mc_store_step_done (g->store, stmt, error);
}

typedef struct
{
  McDay  day;
  gint64 w_open;     /* the day's first working second */
  gint64 w_length;   /* working seconds available (less on the last day) */
  guint  count;      /* dossiers received that day */
  int    first_sequence;
} PlanDay;

/* Spreads @n dossiers over the working days of the period in proportion to their
 * weights, rounding so that the counts add up to exactly @n. */
static GArray *
plan_days (Generator  *g,
           McDay       first,
           guint       n,
           GError    **error)
{
  g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (PlanDay));
  g_autofree double *weights = NULL;
  McDay last = mc_time_local_day (g->until);
  gint64 w_until = to_w (g, g->until);
  double total = 0, running = 0;
  guint assigned = 0;
  const McOfficeSettings *settings = g->store->settings;
  int capacity = settings->sequence_last - settings->sequence_first + 1;

  for (McDay day = first; day <= last; day++)
    {
      PlanDay plan = { .day = day };

      if (!mc_work_calendar_is_working_day (g->calendar, day))
        continue;
      plan.w_open = to_w (g, mc_time_from_local (day, 0));
      plan.w_length = MIN (g->daily, w_until - plan.w_open);
      if (plan.w_length < 60)
        continue;
      g_array_append_val (days, plan);
    }
  if (days->len == 0)
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                           _("The period to generate has no working day"));
      return NULL;
    }

  weights = g_new (double, days->len);
  for (guint i = 0; i < days->len; i++)
    {
      PlanDay *plan = &g_array_index (days, PlanDay, i);

      weights[i] = day_weight (plan->day, first, mc_day_weekday (plan->day)) *
                   (double) plan->w_length / (double) g->daily;
      total += weights[i];
    }
  for (guint i = 0; i < days->len; i++)
    {
      PlanDay *plan = &g_array_index (days, PlanDay, i);
      guint upto;
      int used;

      running += weights[i];
      upto = i + 1 == days->len ? n : (guint) MIN (floor (running / total * n + 0.5), (double) n);
      plan->count = upto - assigned;
      assigned = upto;
      if (plan->count == 0)
        continue;

      if (!load_last_sequence (g->store, plan->day, &used, error))
        return NULL;
      plan->first_sequence = MAX (used + 1, settings->sequence_first);
      if (plan->first_sequence + (int) plan->count - 1 > settings->sequence_last)
        {
          g_autofree char *shown = mc_day_format_vi (plan->day);

          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CONFLICT,
                       _("Too many dossiers for %s: the desk's block of numbers (%d a day) is not enough; "
                         "generate fewer dossiers or over more years"), shown, capacity);
          return NULL;
        }
    }
  return g_steal_pointer (&days);
}

static gboolean
generate_day (Generator      *g,
              const PlanDay  *plan,
              GArray         *offsets,
              GError        **error)
{
  g_array_set_size (offsets, plan->count);
  /* Receipt moments strictly inside the day's office time, in order of their numbers. */
  for (guint i = 0; i < plan->count; i++)
    g_array_index (offsets, gint64, i) = rng_range (&g->rng, 1, MAX (plan->w_length - 1, 2));
  g_array_sort (offsets, compare_gint64);

  for (guint i = 0; i < plan->count; i++)
    {
      gint64 wr = plan->w_open + g_array_index (offsets, gint64, i);

      if (!generate_one (g, plan->day, from_w (g, wr), wr, plan->first_sequence + (int) i, error))
        return FALSE;
    }
  return save_last_sequence (g, plan->day, plan->first_sequence + (int) plan->count - 1, error);
}

gboolean
mc_store_generate (McStore   *self,
                   guint      n_dossiers,
                   guint32    seed,
                   McTime     until,
                   int        years,
                   GError   **error)
{
  g_autoptr(GArray) days = NULL;
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gint64));
  Generator g;
  McDay first, last;
  int year, month, mday;
  gint64 cache_size = 0;
  guint in_batch = 0;
  gint64 batch_first_id;
  int triggers_were = 1;
  int foreign_keys_were = 1;
  gboolean ok = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  /* Demonstration data is the administrator's business on a desk with accounts. */
  {
    McRoles roles;

    if (!mc_store_current_roles (self, &roles, error))
      return FALSE;
    if (!(roles & MC_ROLE_ADMINISTRATOR))
      {
        g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN,
                             _("Only an administrator may generate demonstration dossiers"));
        return FALSE;
      }
  }

  if (n_dossiers == 0)
    return TRUE;
  if (years < 1 || years > 50)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("Dossiers can be generated over 1 to 50 years (%d asked)"), years);
      return FALSE;
    }
  if (until > mc_time_now () + 300)
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                           _("The end of the generated period is in the future"));
      return FALSE;
    }
  last = mc_time_local_day (until);
  mc_day_to_ymd (last, &year, &month, &mday);
  first = mc_day_from_ymd (year - years, month, MIN (mday, mc_days_in_month (year - years, month))) + 1;
  if (first < mc_work_calendar_first_day (self->calendar) || last > mc_work_calendar_last_day (self->calendar))
    {
      g_autofree char *shown = mc_day_format_vi (first);

      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("The generated period must lie within the working calendar (it starts on %s)"), shown);
      return FALSE;
    }

  if (!generator_init (&g, self, seed, until, error))
    goto out;
  days = plan_days (&g, first, n_dossiers, error);
  if (days == NULL)
    goto out;

  /* A bigger page cache for the bulk work only; the connection's own size comes back. */
  stmt = mc_store_prepare (self, "PRAGMA cache_size", error);
  if (stmt == NULL)
    goto out;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    cache_size = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (!mc_store_exec (self, "PRAGMA cache_size = -262144", error))
    goto out;

  /* The search index is written once per batch, not by the insert trigger: FTS5 flushes
   * its pending terms at every statement savepoint of a transaction it takes part in, so
   * row-by-row indexing costs a segment per dossier. Foreign keys are not looked up row by
   * row either: every reference is made here, and mc_store_check() verifies them. Both
   * settings expire the prepared statements, which prepare again as they are. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &triggers_were);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &foreign_keys_were);
  /* (A negative value only reads the setting: what a change writes back is the new one.) */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_FKEY, 0, NULL);
  batch_first_id = g.next_dossier_id;
  if (!generator_prepare (&g, error) || !mc_store_begin (self, error))
    goto restore;
  for (guint i = 0; i < days->len; i++)
    {
      const PlanDay *plan = &g_array_index (days, PlanDay, i);

      if (plan->count == 0)
        continue;
      if (!generate_day (&g, plan, offsets, error))
        goto rollback;
      /* Commit between days, so a day's numbers are all in one transaction. */
      in_batch += plan->count;
      if (in_batch >= BATCH_DOSSIERS && i + 1 < days->len)
        {
          if (!generator_flush (&g, error) || !index_batch (&g, batch_first_id, error))
            goto rollback;
          if (!mc_store_commit (self, error) || !mc_store_begin (self, error))
            goto restore;
          in_batch = 0;
          batch_first_id = g.next_dossier_id;
        }
    }
  if (!generator_flush (&g, error) || !index_batch (&g, batch_first_id, error))
    goto rollback;
  ok = mc_store_commit (self, error);
  goto restore;

rollback:
  mc_store_rollback (self);
restore:
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, triggers_were, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_FKEY, foreign_keys_were, NULL);
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_size ? cache_size : -2000);
    sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  }
out:
  generator_clear (&g);
  return ok;
}
