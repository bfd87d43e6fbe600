/* being written */
typedef int mc_catalogue_placeholder;
