/* being written */
typedef int mc_holidays_placeholder;
