/* Dossier drafts: normalisation and validation against the procedure. */
#include "mc-dossier.h"
#include "mc-error.h"

static McCatalogue *catalogue;

static McDossierDraft *
birth_registration_draft (void)
{
  McDossierDraft *draft = mc_dossier_draft_new ();

  draft->applicant_name = g_strdup ("  Nguye\xcc\x82\xcc\x83n   Văn Ấn ");
  draft->id_number = g_strdup ("001090012345");
  draft->phone = g_strdup ("+84 912 345 678");
  mc_dossier_draft_add_document (draft, "to-khai", NULL, MC_DOCUMENT_ORIGINAL, 1);
  mc_dossier_draft_add_document (draft, NULL, "ban chinh giay chung sinh", MC_DOCUMENT_ORIGINAL, 1);
  mc_dossier_draft_add_document (draft, "giay-to-tuy-than", NULL, MC_DOCUMENT_ORIGINAL, 0);
  return draft;
}

static void
test_valid_draft_is_normalized (void)
{
  g_autoptr(McDossierDraft) draft = birth_registration_draft ();
  g_autoptr(GError) error = NULL;
  McProcedure *procedure = mc_catalogue_lookup (catalogue, "1.001193");
  McReceivedDocument *second;

  g_assert_nonnull (procedure);
  g_assert_true (mc_dossier_draft_validate (draft, procedure, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (draft->applicant_name, ==, "Nguyễn Văn Ấn");
  g_assert_cmpstr (draft->phone, ==, "0912345678");
  g_assert_cmpstr (draft->summary, ==, "Đăng ký khai sinh - Nguyễn Văn Ấn");
  g_assert_cmpstr (draft->procedure_code, ==, "1.001193");
  /* A document named without diacritics takes the catalogue's code and name. */
  second = g_ptr_array_index (draft->documents, 1);
  g_assert_cmpstr (second->code, ==, "giay-chung-sinh");
  g_assert_cmpstr (second->name, ==, "Bản chính Giấy chứng sinh");
}

static void
test_missing_alternative_is_refused (void)
{
  g_autoptr(McDossierDraft) draft = birth_registration_draft ();
  g_autoptr(GError) error = NULL;

  /* Drop the birth certificate: no document of its one-of group remains. */
  g_ptr_array_remove_index (draft->documents, 1);
  g_assert_false (mc_dossier_draft_validate (draft, mc_catalogue_lookup (catalogue, "1.001193"), &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Giấy chứng sinh"));
}

static void
test_bad_applicant_is_refused (void)
{
  struct { const char *name, *id, *phone; } cases[] = {
    { "", "001090012345", NULL },
    { "Trần Thị B", "00109001234", NULL },
    { "Trần Thị B", "001090012345", "12345" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(McDossierDraft) draft = birth_registration_draft ();
      g_autoptr(GError) error = NULL;

      g_free (draft->applicant_name);
      g_free (draft->id_number);
      g_free (draft->phone);
      draft->applicant_name = g_strdup (cases[i].name);
      draft->id_number = g_strdup (cases[i].id);
      draft->phone = g_strdup (cases[i].phone);
      g_assert_false (mc_dossier_draft_validate (draft, mc_catalogue_lookup (catalogue, "1.001193"), &error));
      g_assert_nonnull (error);
    }
}

static void
test_organisation_needs_tax_code (void)
{
  g_autoptr(McDossierDraft) draft = birth_registration_draft ();
  g_autoptr(GError) error = NULL;

  draft->applicant_kind = MC_APPLICANT_ORGANISATION;
  g_assert_false (mc_dossier_draft_validate (draft, mc_catalogue_lookup (catalogue, "1.001193"), &error));
  g_clear_error (&error);
  g_free (draft->id_number);
  draft->id_number = g_strdup ("0100109106");
  g_assert_true (mc_dossier_draft_validate (draft, mc_catalogue_lookup (catalogue, "1.001193"), &error));
  g_assert_no_error (error);
}

static void
test_channels (void)
{
  McChannel channel;

  g_assert_true (mc_channel_parse ("online", &channel, NULL));
  g_assert_cmpint (channel, ==, MC_CHANNEL_ONLINE);
  g_assert_true (mc_channel_parse ("3", &channel, NULL));
  g_assert_cmpint (channel, ==, MC_CHANNEL_POST);
  g_assert_false (mc_channel_parse ("fax", &channel, NULL));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  catalogue = mc_catalogue_new_default (&error);
  g_assert_no_error (error);
  g_test_add_func ("/dossier/valid-draft-normalized", test_valid_draft_is_normalized);
  g_test_add_func ("/dossier/missing-alternative-refused", test_missing_alternative_is_refused);
  g_test_add_func ("/dossier/bad-applicant-refused", test_bad_applicant_is_refused);
  g_test_add_func ("/dossier/organisation-tax-code", test_organisation_needs_tax_code);
  g_test_add_func ("/dossier/channels", test_channels);
  ret = g_test_run ();
  mc_catalogue_free (catalogue);
  return ret;
}
