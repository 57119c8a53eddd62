/* affari-cli-private.h — what the command line's source files share
 *
 * Each group of commands (recurring deals, the sales generator, the forecast) has its own file;
 * main () and the command table are in affari-cli.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "store/affari-store.h"

G_BEGIN_DECLS

#define EXIT_USAGE 2

typedef struct {
  const char *database;         /* NULL = the default path */
  const char *server;           /* --server URL: the team's PostgreSQL server (affari-cli-server.c) */
  const char *command;
  GPtrArray *args;              /* the command's own arguments, borrowed from argv */
} Cli;


/* ---- messages (exit status: 0 done, 1 failed, 2 bad usage) ---- */
void     cli_print_usage_line (void);
int      cli_usage_error      (const char *format, ...) G_GNUC_PRINTF (1, 2);
int      cli_failure          (const char *format, ...) G_GNUC_PRINTF (1, 2);
void     cli_print_help_item  (const char *what, const char *description);
/* Flushes stdout: a full disk or a closed pipe is a failure. */
int      cli_finish_output    (void);

/* ---- options ---- */
/* The commands that read and print take one option, --json. */
int      cli_parse_json_option (Cli *cli, gboolean *json);
/* Whether @arg is --NAME or --NAME=VALUE (then @value points at VALUE; NULL for the bare form). */
gboolean cli_is_option        (const char *arg, const char *name, const char **value);
/* The value of an option: @value when given as --NAME=VALUE, else the next argument (advancing
 * @i); prints the usage error and returns NULL when there is none. */
const char *cli_option_value  (Cli *cli, guint *i, const char *name, const char *value);
/* A strict "YYYY-MM-DD" (a real day); prints the usage error naming @option otherwise. */
gboolean cli_parse_date       (const char *text, const char *option, GDate *out);
/* A whole number in [@min, @max]; prints the usage error naming @option otherwise. */
gboolean cli_parse_int        (const char *text, const char *option, gint64 min, gint64 max, gint64 *out);
/* Makes @store's "now" noon of @day in local time (--today YYYY-MM-DD). */
void     cli_set_today        (AffariStore *store, const GDate *day);

/* ---- the database ---- */
char        *cli_dup_database_path (Cli *cli);
/* Opens the database for writing (@create: it may make a new one) or for reading only; reports
 * the failure and returns NULL. */
AffariStore *cli_open_store   (Cli *cli, gboolean create);
void         cli_close_store  (AffariStore *store);
/* A store that is closed (not only unreferenced) when the command returns. */
typedef AffariStore AffariStoreCloser;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariStoreCloser, cli_close_store)

/* ---- output ---- */
/* "2026-11-27T10:00:00Z", or NULL for 0. */
char    *cli_format_utc       (gint64 unix_seconds);
void     cli_add_string_or_null (JsonBuilder *builder, const char *member, const char *value);
/* Prints what @builder built, indented, then flushes (cli_finish_output). */
int      cli_print_json       (JsonBuilder *builder);
/* The same on one line (a script reads it with one `read`). */
int      cli_print_json_line  (JsonBuilder *builder);
/* The same as cli_add_string_or_null for an id: null for 0. */
void     cli_add_id_or_null   (JsonBuilder *builder, const char *member, gint64 id);
/* Pads or cuts @text to @width characters (not bytes). */
void     cli_append_cell      (GString *line, const char *text, glong width, gboolean align_right);

/* ---- the deals' listing, the same from either store (affari-cli.c) ---- */
typedef struct _CliDealPrinter CliDealPrinter;
CliDealPrinter *cli_deal_printer_new          (gboolean json);
/* The names the listing shows: each pipeline with its stages (AffariStage). */
void            cli_deal_printer_add_pipeline (CliDealPrinter *printer, AffariPipeline *pipeline, GPtrArray *stages);
/* Prints @deals (AffariDeal), after the others. */
void            cli_deal_printer_add_deals    (CliDealPrinter *printer, GPtrArray *deals);
/* Ends the listing and frees @printer; returns @status, or the output's failure. */
int             cli_deal_printer_finish       (CliDealPrinter *printer, int status);

/* ---- a move's report, the same from either store (affari-cli-move.c) ---- */
/* @label: what changed ("Affare spostato in Vinto"), NULL when the deal was in @stage already. */
int      cli_print_move       (gboolean json, gint64 deal_id, AffariStage *stage, const char *label);

/* ---- the team's server (affari-cli-server.c) ---- */
/* "deals" and "move" on the server of --server. */
int      cli_server_deals     (Cli *cli, gboolean json);
int      cli_server_move      (Cli *cli, gint64 deal_id, const char *code, const char *reason, gboolean json);

G_END_DECLS
