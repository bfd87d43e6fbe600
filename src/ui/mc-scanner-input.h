/* mc-scanner-input.h — a barcode scanner acting as a keyboard, recognised wherever the focus is.
 *
 * A scanner "types" the slip's QR content (the lookup URL or the bare code) and Return in one
 * burst far faster than a person can. McScanBurst is the timing rule alone, fed (keyval, time)
 * pairs, so it is tested without a display; McScannerInput watches a window's keys in the
 * capture phase with it and, when a burst that went into a text field is a dossier code, opens
 * that dossier and gives the field back what it held before the burst.
 */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

/* Scanners in keyboard mode send a character every 1–15 ms; a fast typist's keys come 60 ms or
 * more apart and never ten in a row under 35 ms. Key auto-repeat (30–40 ms on GNOME) can make a
 * fast run of one character, but that never parses as a dossier code, so it opens nothing. */
#define MC_SCANNER_MAX_GAP_MS 35
/* The shortest thing worth scanning is a bare code ("G22.H56-251124-0001" has 19 characters);
 * ten keeps short fast runs (a key chord, a double press) from ever counting. */
#define MC_SCANNER_MIN_CHARS  10

typedef enum
{
  MC_SCAN_KEY_IGNORED,      /* a modifier (scanners press Shift for capitals): changes nothing */
  MC_SCAN_KEY_STARTED,      /* a printable key after a pause: maybe the first of a burst */
  MC_SCAN_KEY_CONTINUED,    /* a printable key within MC_SCANNER_MAX_GAP_MS of the previous one */
  MC_SCAN_KEY_BROKEN,       /* any other key, or Return after too few or too slow keys */
  MC_SCAN_KEY_COMPLETED,    /* Return ending a burst: its text is mc_scan_burst_get_text () */
} McScanKey;

typedef struct
{
  GString  *text;           /* the current run of quickly typed characters (owned) */
  guint     n_chars;
  guint32   last_ms;        /* time of the run's last key */
  gboolean  running;
} McScanBurst;

void        mc_scan_burst_init      (McScanBurst       *burst);
void        mc_scan_burst_clear     (McScanBurst       *burst);
void        mc_scan_burst_reset     (McScanBurst       *burst);
/* Feeds one key press at @time_ms (a GdkEvent's time: milliseconds, wrapping at 2^32). */
McScanKey   mc_scan_burst_feed      (McScanBurst       *burst,
                                     guint              keyval,
                                     guint32            time_ms);
/* The characters of the current run; after MC_SCAN_KEY_COMPLETED, what the scanner typed. */
const char *mc_scan_burst_get_text  (const McScanBurst *burst);

#define MC_TYPE_SCANNER_INPUT (mc_scanner_input_get_type ())
G_DECLARE_FINAL_TYPE (McScannerInput, mc_scanner_input, MC, SCANNER_INPUT, GObject)

/* Watches the key presses of @window (capture phase) and opens a scanned dossier through its
 * "win.show-dossier" action. The McScannerInput lives as long as @window (returned borrowed). */
McScannerInput *mc_scanner_input_attach       (GtkWidget      *window,
                                               McContext      *context);
/* The field that typing outside text fields goes to (the window's search field, through its
 * key capture): a scan made while no text field has the focus lands there, and is taken from
 * there the same way. */
void            mc_scanner_input_set_default_field (McScannerInput *self,
                                                    GtkWidget      *field);
/* The McScannerInput attached to @window, or NULL. */
McScannerInput *mc_scanner_input_get          (GtkWidget      *window);
/* What the window's key controller does with each key press; public so that tests can feed
 * the keys of a scan with their times (GTK 4.8 cannot synthesise key events). Returns TRUE when
 * the key was taken (the Return that ended a scan of a dossier code). */
gboolean        mc_scanner_input_key_pressed  (McScannerInput *self,
                                               guint           keyval,
                                               GdkModifierType state,
                                               guint32         time_ms);

G_END_DECLS
