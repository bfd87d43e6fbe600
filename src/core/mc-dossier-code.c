/* being written */
typedef int mc_dossier_code_placeholder;
