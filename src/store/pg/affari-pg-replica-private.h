/* affari-pg-replica-private.h — what the two halves of the team mode's store share
 * (affari-pg-replica.c: opening, the local copy, other sellers' changes, reconnecting;
 * affari-pg-replica-write.c: sending this store's writes to the server)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <libpq-fe.h>

#include "store/affari-store-private.h"

G_BEGIN_DECLS

struct _StoreServer
{
  PGconn *conn;
  char *conninfo;         /* what libpq was given (the password apart) */
  char *password;         /* the keyring's, kept for reconnecting; never written anywhere */
  char *url;              /* the address shown and named in the cache: no password */
  gint64 last_seq;        /* the server's change log, read up to here */
  gint64 reconnect_at;    /* monotonic µs of the next attempt while offline */
  gboolean connecting;    /* PQconnectStart () issued, PQconnectPoll () in progress */
  sqlite3_session *session;   /* the write transaction in progress */
  GHashTable *own_seqs;   /* the change log rows already here: this store's own writes', and
                           * those read in the last REPLICA_LOG_WINDOW numbers */
  GHashTable *id_pools;   /* table → GArray of ids the server handed out */
  GHashTable *columns;    /* table → GPtrArray of the local table's column names */
  GHashTable *keys;       /* table → GPtrArray of its key's columns */
  GArray *last_own;       /* the change log rows of the last commit */
  gboolean committed;     /* the server committed the transaction being committed here */
  gboolean needs_snapshot; /* the copy missed a change the server has: read everything again */
  gint64 refresh_deal;    /* a refused write's deal, read again after the rollback */
  GArray *emit_later;     /* StorePending of that deal, emitted at the next poll */
  gint64 emit_author;
};

/* The change log is read again this far back each time: a transaction that took its number
 * before another's but committed after it is not skipped (numbers are handed out at the insert,
 * rows become visible at the commit). */
#define REPLICA_LOG_WINDOW 200

/* The local table's columns (PRAGMA table_info), cached. */
GPtrArray *replica_columns (AffariStore *self, const char *table);
/* The rank of @table in the order its foreign keys need (the export's), G_MAXINT for others. */
int        replica_table_rank (const char *table);
/* The tables whose rows hang off a deal (deal_id), in foreign-key order. */
extern const char * const replica_deal_children[];
/* The connection failed: the store goes offline (writes refused) and tries again by itself. */
void       replica_go_offline (AffariStore *self);
/* Sets @error from a failed server command (its SQLSTATE decides the code). */
void       replica_set_error (AffariStore *self, PGresult *res, GError **error);
/* Reads deal @deal_id (and its children) from the server into the local copy, outside any
 * transaction of the store's; fills @old_stage/@new_stage (0: not on a board). */
gboolean   replica_refresh_deal (AffariStore *self, gint64 deal_id, gint64 *old_stage, gint64 *new_stage,
                                 GError **error);

/* A command that returns rows or nothing; NULL with @error. */
PGresult  *replica_run (AffariStore *self, const char *sql, int n, const char * const *values, GError **error);
/* The same, waited for @timeout_us at most: past it the store goes offline (AFFARI_ERROR_OFFLINE). */
PGresult  *replica_run_within (AffariStore *self, const char *sql, int n, const char * const *values,
                               gint64 timeout_us, GError **error);
/* Connects with @srv's address and password (@blocking, or started for PQconnectPoll ()). */
PGconn    *replica_connect_start (StoreServer *srv, gboolean blocking);
/* Connected (again): listening, everything read again, online. */
gboolean   replica_connected (AffariStore *self, GError **error);
/* The login's team member becomes the author of this store's writes. */
void       replica_read_me (AffariStore *self);

G_END_DECLS
