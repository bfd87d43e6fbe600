/* being written */
typedef int mc_deadline_placeholder;
