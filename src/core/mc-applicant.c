/* being written */
typedef int mc_applicant_placeholder;
