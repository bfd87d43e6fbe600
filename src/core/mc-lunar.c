/* being written */
typedef int mc_lunar_placeholder;
