/* being written */
typedef int mc_work_calendar_placeholder;
