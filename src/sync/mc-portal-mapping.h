/* mc-portal-mapping.h — the one place where the desk's fields meet the portal's names.
 *
 * portal-api.md keeps the portal's service names, member names and codes verbatim; a
 * province whose gateway spells them otherwise changes the tables in mc-portal-mapping.c,
 * not the client or the engine. Every value sent is derived from the database alone —
 * never from "now", the locale or a setting that may change between two tries — so a retry
 * sends the same record and the portal's keys absorb it.
 */
#pragma once

#include <cjson/cJSON.h>

#include "mc-store.h"

G_BEGIN_DECLS

/* The names of the protocol itself. */
typedef enum
{
  MC_PORTAL_NAME_USERNAME,
  MC_PORTAL_NAME_PASSWORD,
  MC_PORTAL_NAME_SESSION,
  MC_PORTAL_NAME_SERVICE,
  MC_PORTAL_NAME_ERROR_CODE,
  MC_PORTAL_NAME_MESSAGE,
  MC_PORTAL_NAME_RESULT,
  MC_PORTAL_NAME_DATA,
  MC_PORTAL_NAME_IS_UPDATING,       /* "False" to create, "True" to replace */
  MC_PORTAL_NAME_FROM,              /* LayDanhSachHoSoTrucTuyen: tuNgay */
  MC_PORTAL_NAME_COUNT,             /* soLuong */
  MC_PORTAL_NAME_RECORD_CODE,       /* MaHoSo in a per-record answer */
  MC_PORTAL_NAME_DSTCODE_HEADER,    /* the HTTP header carrying the office's code */
  MC_PORTAL_SERVICE_SYNC_DOSSIERS,  /* DongBoHoSoMC */
  MC_PORTAL_SERVICE_SYNC_STEPS,     /* CapNhatTienDoHoSoMC */
  MC_PORTAL_SERVICE_LOOKUP,         /* TraCuuHoSo */
  MC_PORTAL_SERVICE_ONLINE,         /* LayDanhSachHoSoTrucTuyen */
  MC_PORTAL_SERVICE_CATALOGUE,      /* LayDanhSachTTHC */
  MC_PORTAL_N_NAMES
} McPortalName;

const char *mc_portal_name (McPortalName name);

/* The portal's answer codes (portal-api.md). */
#define MC_PORTAL_CODE_OK               0
#define MC_PORTAL_CODE_EXISTS           3    /* a creation of a record that exists; some send -3 */
#define MC_PORTAL_CODE_MISSING          4    /* a replacement of a record that does not exist */
#define MC_PORTAL_CODE_NOT_FOUND        404  /* a step whose dossier the portal does not have */
#define MC_PORTAL_CODE_SESSION_EXPIRED  401
#define MC_PORTAL_CODE_FORBIDDEN        403  /* the call came with another office's code */
#define MC_PORTAL_CODE_IS_REFUSAL(c)    ((c) >= 400 && (c) <= 499 && (c) != MC_PORTAL_CODE_SESSION_EXPIRED && \
                                         (c) != MC_PORTAL_CODE_FORBIDDEN)
#define MC_PORTAL_CODE_IS_EXISTS(c)     ((c) == MC_PORTAL_CODE_EXISTS || (c) == -MC_PORTAL_CODE_EXISTS)
/* A step answered so: its dossier is not on the portal (it lost it), not a refusal. */
#define MC_PORTAL_CODE_IS_NO_DOSSIER(c) ((c) == MC_PORTAL_CODE_MISSING || (c) == MC_PORTAL_CODE_NOT_FOUND)

#define MC_PORTAL_MAX_BATCH 100

/* A DongBoHoSoMC data item: the dossier's state as @item holds it. @calendar and @policy
 * date the supplement rounds' appointments (before and after each pause). */
cJSON              *mc_portal_dossier_to_json  (const McOutboxDossier   *item,
                                                McWorkCalendar          *calendar,
                                                const McDeadlinePolicy  *policy);
/* A CapNhatTienDoHoSoMC data item: the step exactly as stored. */
cJSON              *mc_portal_step_to_json     (const McOutboxStep      *item);
/* A LayDanhSachHoSoTrucTuyen result item; refuses one without MaHoSo or with a malformed
 * NgayTiepNhan. */
McOnlineSubmission *mc_portal_online_submission_from_json (const cJSON  *item,
                                                GError                 **error);

G_END_DECLS
