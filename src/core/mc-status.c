/* being written */
typedef int mc_status_placeholder;
