/* affari-test-harness.h — what every UI test shares, compiled once into a static library
 *
 * A test's fixture embeds an AffariTestApp named `base`:
 *
 *   typedef struct { AffariTestApp base; ...what the test keeps... } Fixture;
 *
 * affari_test_app_setup () makes a private temporary directory for the database and puts back the
 * settings a test run may have changed (every test starts from the defaults);
 * AFFARI_TEST_RUN (f, body) runs the real AffariApplication on that database, calls body (f) once
 * the application is activated, and checks that it quit cleanly and that nothing kept it (and
 * with it the store) alive; affari_test_app_teardown () removes the directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/affari-store.h"
#include "ui/app/affari-application.h"
#include "ui/app/affari-window.h"

G_BEGIN_DECLS

#define AFFARI_TEST_TIMEOUT_S 60 /* generous: the sanitizer build is several times slower */

/* Runs the main loop until @cond holds (or fails the test after AFFARI_TEST_TIMEOUT_S seconds). */
#define WAIT_UNTIL(cond)                                                                  \
  G_STMT_START {                                                                          \
    gint64 wait_end_ = g_get_monotonic_time () + AFFARI_TEST_TIMEOUT_S * G_USEC_PER_SEC;  \
    while (!(cond) && g_get_monotonic_time () < wait_end_)                                \
      affari_test_iterate ();                                                             \
    g_assert_true (cond);                                                                 \
  } G_STMT_END

/* The same for what a person notices at once (a card scrolled into view, a typed text): two
 * seconds at most, so that a test of something that never happens fails soon. */
#define WAIT_BRIEFLY(cond)                                                       \
  G_STMT_START {                                                                 \
    gint64 brief_end_ = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;            \
    while (!(cond) && g_get_monotonic_time () < brief_end_)                      \
      affari_test_iterate ();                                                    \
    g_assert_true (cond);                                                        \
  } G_STMT_END

typedef void (*AffariTestBody) (gpointer fixture);

typedef struct {
  char              *dir;
  char              *db_path;
  AffariApplication *app;
  /* FALSE (the default): the harness makes an empty database before the app starts when the
   * test made none, as a person's first start at the default path does; TRUE: the app is started
   * on a path with no file (it asks before creating one). */
  gboolean           no_database;
  /* TRUE: the app is started without a database path, as from the desktop: on the usual one
   * ($XDG_DATA_HOME/affari/affari.db, which the test points at its own folder), or the welcome. */
  gboolean           default_path;
  /* private to the harness */
  AffariTestBody     body;
  gpointer           fixture;
  gboolean           scheduled;
  gboolean           ran;
} AffariTestApp;

/* gtk_test-style start of a UI test executable: Italian, GTK and libadwaita initialised. */
void          affari_test_init                (int            *argc,
                                               char         ***argv);

/* The desktop notifications the app sent since the last reset, through the harness's own
 * notification server on the test's session bus (affari_test_init () starts it). */
void          affari_test_reset_notifications (void);
guint         affari_test_n_notifications     (void);
gboolean      affari_test_notified            (const char     *text);

void          affari_test_app_setup           (AffariTestApp  *self,
                                               const char     *name);
void          affari_test_app_teardown        (AffariTestApp  *self);
/* The store on the test's database, before or after the application runs on it. */
AffariStore  *affari_test_app_open_store      (AffariTestApp  *self);
/* Fills the test's database with @n_deals sample deals (io/affari-demo.c, @seed) and closes it:
 * everything is in the main file when the app starts. */
void          affari_test_app_fill_demo       (AffariTestApp  *self,
                                               guint           n_deals,
                                               guint           seed);
/* The main window, once it is on screen and drawn. */
AffariWindow *affari_test_app_get_window      (AffariTestApp  *self);
void          affari_test_app_run             (AffariTestApp  *self,
                                               AffariTestBody  body,
                                               gpointer        fixture);

/* @f: a fixture whose first member is the AffariTestApp `base`; @body takes the fixture type. */
#define AFFARI_TEST_RUN(f, body) \
  affari_test_app_run (&(f)->base, (AffariTestBody) (void (*) (void)) (body), (f))

/* One main loop iteration, sleeping a millisecond when there was nothing to do. */
void          affari_test_iterate             (void);
/* Waits for the next frame of @widget's surface to be painted. */
void          affari_test_wait_for_frame      (GtkWidget      *widget);
/* Lets idle work (coalesced refreshes, redraws) run. */
void          affari_test_settle              (void);

typedef gboolean (*AffariTestWidgetMatch) (GtkWidget *widget, gconstpointer data);

/* The first widget of @root's tree (itself included) that @match accepts. */
GtkWidget    *affari_test_find_widget         (GtkWidget              *root,
                                               AffariTestWidgetMatch   match,
                                               gconstpointer           data);
/* A label (or a table cell's text) showing @data that is on screen: what a user can read. */
gboolean      affari_test_match_mapped_label  (GtkWidget      *widget,
                                               gconstpointer   data);
gboolean      affari_test_label_on_screen     (GtkWidget      *root,
                                               const char     *text);
gboolean      affari_test_match_type          (GtkWidget      *widget,
                                               gconstpointer   data);
GtkWidget    *affari_test_find_type           (GtkWidget      *root,
                                               GType           type);
/* The first event controller of @type on @widget (its GtkDropTarget, GtkDragSource…), or NULL. */
GtkEventController *affari_test_find_controller (GtkWidget *widget,
                                                 GType      type);
/* What GTK does when @value is dropped on @widget at (@x, @y): its drop target's "drop";
 * returns whether the drop was accepted. */
gboolean      affari_test_drop                (GtkWidget      *widget,
                                               const GValue   *value,
                                               double          x,
                                               double          y);
/* The same with an object of @type (a deal, a stage…). */
gboolean      affari_test_drop_object         (GtkWidget      *widget,
                                               GType           type,
                                               gpointer        object,
                                               double          x,
                                               double          y);
/* The visible toplevel window of @type (a dialog, the preferences…), NULL when none. */
GtkWindow    *affari_test_find_toplevel       (GType           type);
/* Activates the keyboard shortcut for @accelerator ("<Control>2") of @widget's class as a key
 * press would: through the widget's shortcut controller. */
void          affari_test_press_shortcut      (GtkWidget      *widget,
                                               const char     *accelerator);
/* The borders @widget draws, as the renderer gets them: how many have the same colour on all
 * four sides and how many do not. */
void          affari_test_count_border_nodes  (GtkWidget      *widget,
                                               guint          *uniform,
                                               guint          *mixed);

/* Runs the main loop a little until @object (NULL when it was finalized) is gone: a widget whose
 * window was destroyed may still be held by a pending idle or frame. @what names it in the
 * failure message. */
void          affari_test_assert_gone         (GObject       **object,
                                               const char     *what);

/* The real pointer and keyboard: the X server's XTEST through xdotool, while the test's main loop
 * keeps handling the events, as when a person uses the app. */

/* Whether xdotool can drive the display; marks the test skipped when it cannot. */
gboolean      affari_test_have_x11            (void);
/* Runs @argv to its end while the app keeps handling the events it makes; fails on failure. */
void          affari_test_run_tool            (const char * const *argv);
/* xdotool moves the pointer to (@x, @y) of @widget, then does @then ("click", "1", …, NULL). */
void          affari_test_xdotool_at          (GtkWidget          *widget,
                                               double              x,
                                               double              y,
                                               const char * const *then);
/* A click of the first button at (@x, @y) of @widget, holding @modifier ("ctrl") if not NULL. */
void          affari_test_click               (GtkWidget          *widget,
                                               double              x,
                                               double              y,
                                               const char         *modifier);
/* Presses and releases @keys ("Escape", "ctrl+z") on the focused window. */
void          affari_test_key                 (const char         *keys);

G_END_DECLS
