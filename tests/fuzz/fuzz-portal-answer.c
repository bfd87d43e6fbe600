/* fuzz-portal-answer.c — what the portal answers to a service call: the JSON object with
 * its error_code and message (mc_portal_answer_code, mc_portal_answer_message), and the
 * online submissions of a LayDanhSachHoSoTrucTuyen answer
 * (mc_portal_online_submission_from_json), which go into the desk's "to receive" queue.
 *
 * The answer is read as McPortalClient reads the bytes it received: NUL-terminated, one
 * JSON value with nothing but white space after it. Beyond not crashing: an error_code
 * given as text is the number it spells; every submission accepted has a code and a
 * submission time that survive being stored (valid UTF-8, the portal's date form read
 * back to the same moment) and keeps the portal's item as JSON that parses again.
 */
#include "config.h"

#include <cjson/cJSON.h>

#include "fuzz-common.h"
#include "mc-portal-client.h"
#include "mc-portal-mapping.h"

static void
check_submission (const cJSON *item)
{
  g_autoptr(McOnlineSubmission) submission = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  cJSON *document;
  McTime again;

  submission = mc_portal_online_submission_from_json (item, &error);
  fuzz_check_outcome (submission != NULL, error, "mc_portal_online_submission_from_json");
  if (submission == NULL)
    return;

  if (submission->code == NULL || *submission->code == '\0')
    g_error ("an online submission was accepted without a code");
  fuzz_check_text (submission->code, "an online submission's code");
  if (submission->procedure_code != NULL)
    fuzz_check_text (submission->procedure_code, "an online submission's procedure code");
  if (submission->procedure_name != NULL)
    fuzz_check_text (submission->procedure_name, "an online submission's procedure name");
  if (submission->applicant_name != NULL)
    fuzz_check_text (submission->applicant_name, "an online submission's applicant");

  g_assert_true (submission->submitted_at != MC_TIME_NONE);
  when = mc_time_format_portal (submission->submitted_at);
  if (!mc_time_parse_portal (when, &again, &error) || again != submission->submitted_at)
    g_error ("the submission time %s does not read back", when);

  document = cJSON_Parse (submission->document);
  if (!cJSON_IsObject (document))
    g_error ("the submission's stored document is not a JSON object: %s", submission->document);
  cJSON_Delete (document);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_malloc (size + 1);
  const char *end = NULL;
  const cJSON *result;
  const cJSON *item;
  cJSON *answer;
  int code = 0;

  memcpy (text, data, size);
  text[size] = '\0';
  answer = cJSON_ParseWithOpts (text, &end, FALSE);
  if (answer != NULL)
    while (end != NULL && g_ascii_isspace (*end))
      end++;
  if (answer == NULL || end == NULL || *end != '\0' || !cJSON_IsObject (answer) ||
      !mc_portal_answer_code (answer, &code))
    {
      cJSON_Delete (answer);
      return 0;
    }

  {
    const cJSON *member = cJSON_GetObjectItemCaseSensitive (answer, mc_portal_name (MC_PORTAL_NAME_ERROR_CODE));

    if (cJSON_IsString (member) && g_ascii_strtoll (member->valuestring, NULL, 10) != code)
      g_error ("error_code “%s” was read as %d", member->valuestring, code);
  }
  g_assert_nonnull (mc_portal_answer_message (answer));

  result = cJSON_GetObjectItemCaseSensitive (answer, mc_portal_name (MC_PORTAL_NAME_RESULT));
  if (cJSON_IsArray (result))
    cJSON_ArrayForEach (item, result)
      {
        int item_code;

        /* Per-record verdicts carry their own error_code. */
        if (cJSON_IsObject (item))
          mc_portal_answer_code (item, &item_code);
        check_submission (item);
      }
  cJSON_Delete (answer);
  return 0;
}
