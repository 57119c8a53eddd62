/* affari-schema.h — the versioned migrations of the database (private to the store)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* "AFFR": marks the file as an Affari database (PRAGMA application_id). */
#define AFFARI_APPLICATION_ID 0x41464652

/* Migration N brings user_version N-1 to N. Each runs in one transaction. */
static const char * const affari_migrations[] = {
  /* 1: the whole deal model of the reference */
  "CREATE TABLE setting ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ") WITHOUT ROWID;"

  "CREATE TABLE team_member ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  email TEXT,"
  "  active INTEGER NOT NULL DEFAULT 1"
  ");"

  "CREATE TABLE currency ("
  "  code TEXT PRIMARY KEY CHECK (length(code) = 3),"
  "  name TEXT NOT NULL,"
  "  rate TEXT NOT NULL DEFAULT '1.0000',"
  "  is_base INTEGER NOT NULL DEFAULT 0,"
  "  sort INTEGER NOT NULL DEFAULT 100"
  ") WITHOUT ROWID;"

  "CREATE TABLE pipeline ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  sort INTEGER NOT NULL DEFAULT 500,"
  "  is_default INTEGER NOT NULL DEFAULT 0,"
  "  currency TEXT NOT NULL DEFAULT 'EUR',"
  "  origin_id TEXT"
  ");"
  "CREATE UNIQUE INDEX pipeline_one_default ON pipeline (is_default) WHERE is_default = 1;"

  "CREATE TABLE stage ("
  "  id INTEGER PRIMARY KEY,"
  "  pipeline_id INTEGER NOT NULL REFERENCES pipeline (id) ON DELETE CASCADE,"
  "  code TEXT NOT NULL,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  color TEXT NOT NULL DEFAULT '#39A8EF',"
  "  sort INTEGER NOT NULL DEFAULT 10,"
  "  semantics TEXT NOT NULL CHECK (semantics IN ('P', 'S', 'F')),"
  "  extra_semantics TEXT NOT NULL DEFAULT 'process',"
  "  is_system INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (pipeline_id, code)"
  ");"
  "CREATE INDEX stage_pipeline ON stage (pipeline_id, sort);"

  "CREATE TABLE deal_type ("
  "  code TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  sort INTEGER NOT NULL DEFAULT 100"
  ") WITHOUT ROWID;"

  "CREATE TABLE deal_source ("
  "  code TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  sort INTEGER NOT NULL DEFAULT 100"
  ") WITHOUT ROWID;"

  "CREATE TABLE company ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  city TEXT, address TEXT, phone TEXT, email TEXT, vat_id TEXT, industry TEXT,"
  "  created INTEGER NOT NULL DEFAULT 0,"
  "  origin_id TEXT"
  ");"
  "CREATE INDEX company_name ON company (name COLLATE NOCASE);"

  "CREATE TABLE contact ("
  "  id INTEGER PRIMARY KEY,"
  "  company_id INTEGER REFERENCES company (id) ON DELETE SET NULL,"
  "  first_name TEXT NOT NULL DEFAULT '',"
  "  last_name TEXT NOT NULL DEFAULT '',"
  "  position TEXT, phone TEXT, email TEXT,"
  "  birthday TEXT CHECK (birthday IS NULL OR birthday GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
  "  created INTEGER NOT NULL DEFAULT 0,"
  "  origin_id TEXT,"
  "  CHECK (length(trim(first_name || last_name)) > 0)"
  ");"
  "CREATE INDEX contact_company ON contact (company_id);"
  "CREATE INDEX contact_name ON contact (last_name COLLATE NOCASE, first_name COLLATE NOCASE);"

  "CREATE TABLE product ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  unit TEXT NOT NULL DEFAULT 'pz',"
  "  price INTEGER NOT NULL DEFAULT 0,"
  "  currency TEXT NOT NULL DEFAULT 'EUR',"
  "  vat_rate INTEGER NOT NULL DEFAULT 2200,"
  "  vat_included INTEGER NOT NULL DEFAULT 0,"
  "  active INTEGER NOT NULL DEFAULT 1"
  ");"

  "CREATE TABLE deal ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL,"
  "  type_id TEXT,"
  "  pipeline_id INTEGER NOT NULL REFERENCES pipeline (id),"
  "  stage_id INTEGER NOT NULL REFERENCES stage (id),"
  "  semantics TEXT NOT NULL DEFAULT 'P' CHECK (semantics IN ('P', 'S', 'F')),"
  "  position REAL NOT NULL DEFAULT 0,"
  "  closed INTEGER NOT NULL DEFAULT 0,"
  "  opened INTEGER NOT NULL DEFAULT 1,"
  "  probability INTEGER CHECK (probability IS NULL OR probability BETWEEN 0 AND 100),"
  "  currency TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),"
  "  amount INTEGER NOT NULL DEFAULT 0,"
  "  is_manual_amount INTEGER NOT NULL DEFAULT 0,"
  "  tax_value INTEGER NOT NULL DEFAULT 0,"
  "  company_id INTEGER REFERENCES company (id) ON DELETE SET NULL,"
  "  lead_id INTEGER,"
  "  quote_id INTEGER,"
  "  begin_date TEXT,"
  "  close_date TEXT,"
  "  comments TEXT,"
  "  assigned_by_id INTEGER REFERENCES team_member (id) ON DELETE SET NULL,"
  "  created_by_id INTEGER REFERENCES team_member (id) ON DELETE SET NULL,"
  "  modify_by_id INTEGER REFERENCES team_member (id) ON DELETE SET NULL,"
  "  moved_by_id INTEGER REFERENCES team_member (id) ON DELETE SET NULL,"
  "  date_create INTEGER NOT NULL,"
  "  date_modify INTEGER NOT NULL,"
  "  moved_time INTEGER,"
  "  is_recurring INTEGER NOT NULL DEFAULT 0,"
  "  is_return_customer INTEGER NOT NULL DEFAULT 0,"
  "  is_repeated_approach INTEGER NOT NULL DEFAULT 0,"
  "  source_id TEXT,"
  "  source_description TEXT,"
  "  additional_info TEXT,"
  "  originator_id TEXT,"
  "  origin_id TEXT,"
  "  deleted_at INTEGER"
  ");"
  /* The Kanban column: one stage in order. */
  "CREATE INDEX deal_stage_position ON deal (stage_id, position)"
  "  WHERE deleted_at IS NULL AND is_recurring = 0;"
  /* Column counts and totals, covering. */
  "CREATE INDEX deal_totals ON deal (pipeline_id, stage_id, currency, amount)"
  "  WHERE deleted_at IS NULL AND is_recurring = 0;"
  "CREATE INDEX deal_assigned ON deal (assigned_by_id);"
  /* A client's deals; covering for the repeat-customer rule. */
  "CREATE INDEX deal_company ON deal (company_id, semantics, date_create)"
  "  WHERE deleted_at IS NULL AND is_recurring = 0;"
  "CREATE INDEX deal_close_date ON deal (pipeline_id, close_date)"
  "  WHERE deleted_at IS NULL AND is_recurring = 0;"
  /* Sorting by start or creation date sorts the pipeline's rows (tens of ms at 100,000):
   * cheaper than two more indexes on every write. */
  "CREATE INDEX deal_origin ON deal (originator_id, origin_id) WHERE origin_id IS NOT NULL;"
  "CREATE INDEX deal_deleted ON deal (deleted_at) WHERE deleted_at IS NOT NULL;"

  "CREATE TABLE deal_contact ("
  "  deal_id INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,"
  "  contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,"
  "  sort INTEGER NOT NULL DEFAULT 100,"
  "  role_id INTEGER NOT NULL DEFAULT 0,"
  "  is_primary INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (deal_id, contact_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX deal_contact_contact ON deal_contact (contact_id);"

  "CREATE TABLE deal_product ("
  "  id INTEGER PRIMARY KEY,"
  "  deal_id INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,"
  "  product_id INTEGER REFERENCES product (id) ON DELETE SET NULL,"
  "  name TEXT NOT NULL,"
  "  quantity_milli INTEGER NOT NULL DEFAULT 1000,"
  "  unit TEXT,"
  "  price_netto INTEGER NOT NULL DEFAULT 0,"
  "  price_exclusive INTEGER NOT NULL DEFAULT 0,"
  "  price_brutto INTEGER NOT NULL DEFAULT 0,"
  "  price INTEGER NOT NULL DEFAULT 0,"
  "  discount_type INTEGER NOT NULL DEFAULT 2 CHECK (discount_type IN (1, 2)),"
  "  discount_rate_bp INTEGER NOT NULL DEFAULT 0,"
  "  discount_sum INTEGER NOT NULL DEFAULT 0,"
  "  tax_rate_bp INTEGER,"
  "  tax_included INTEGER NOT NULL DEFAULT 0,"
  "  row_total INTEGER NOT NULL DEFAULT 0,"
  "  row_tax INTEGER NOT NULL DEFAULT 0,"
  "  sort INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX deal_product_deal ON deal_product (deal_id, sort);"

  "CREATE TABLE activity ("
  "  id INTEGER PRIMARY KEY,"
  "  deal_id INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'task', 'email')),"
  "  subject TEXT NOT NULL CHECK (length(trim(subject)) > 0),"
  "  description TEXT,"
  "  deadline INTEGER NOT NULL,"
  "  completed INTEGER NOT NULL DEFAULT 0,"
  "  completed_at INTEGER,"
  "  responsible_id INTEGER REFERENCES team_member (id) ON DELETE SET NULL,"
  "  priority INTEGER NOT NULL DEFAULT 2,"
  "  created INTEGER NOT NULL,"
  "  origin_id TEXT"
  ");"
  /* The next open activity of a deal, and the activities view. */
  "CREATE INDEX activity_deal_open ON activity (deal_id, completed, deadline);"
  "CREATE INDEX activity_deadline ON activity (deadline) WHERE completed = 0;"

  "CREATE TABLE event ("
  "  id INTEGER PRIMARY KEY,"
  "  deal_id INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,"
  "  time INTEGER NOT NULL,"
  "  author_id INTEGER REFERENCES team_member (id) ON DELETE SET NULL,"
  "  kind TEXT NOT NULL,"
  "  field TEXT,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  text TEXT NOT NULL"
  ");"
  "CREATE INDEX event_deal ON event (deal_id, time);"

  /* Bitrix24's crm.stagehistory: 1 created, 2 moved to an intermediate stage,
   * 3 moved to a final stage, 5 pipeline changed. */
  "CREATE TABLE deal_stage_history ("
  "  id INTEGER PRIMARY KEY,"
  "  type_id INTEGER NOT NULL CHECK (type_id IN (1, 2, 3, 5)),"
  "  deal_id INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,"
  "  created_time INTEGER NOT NULL,"
  "  pipeline_id INTEGER NOT NULL,"
  "  semantics TEXT NOT NULL,"
  "  stage_id INTEGER NOT NULL"
  ");"
  "CREATE INDEX deal_stage_history_deal ON deal_stage_history (deal_id, created_time);"

  "CREATE TABLE custom_field ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  label TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('string', 'double', 'money', 'date', 'boolean', 'enumeration', 'url')),"
  "  mandatory INTEGER NOT NULL DEFAULT 0,"
  "  show_in_list INTEGER NOT NULL DEFAULT 0,"
  "  show_filter INTEGER NOT NULL DEFAULT 0,"
  "  sort INTEGER NOT NULL DEFAULT 100,"
  "  settings TEXT"
  ");"
  "CREATE TABLE custom_field_item ("
  "  id INTEGER PRIMARY KEY,"
  "  field_id INTEGER NOT NULL REFERENCES custom_field (id) ON DELETE CASCADE,"
  "  value TEXT NOT NULL,"
  "  sort INTEGER NOT NULL DEFAULT 100,"
  "  is_default INTEGER NOT NULL DEFAULT 0,"
  "  xml_id TEXT"
  ");"
  "CREATE TABLE deal_field_value ("
  "  deal_id INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,"
  "  field_id INTEGER NOT NULL REFERENCES custom_field (id) ON DELETE CASCADE,"
  "  value TEXT,"
  "  PRIMARY KEY (deal_id, field_id)"
  ") WITHOUT ROWID;"
  /* Unknown UF_CRM_*, PARENT_ID_*, UTM_* keys of imports, kept for the round trip. */
  "CREATE TABLE deal_extra ("
  "  deal_id INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  value TEXT,"
  "  PRIMARY KEY (deal_id, key)"
  ") WITHOUT ROWID;"

  /* The card layout of each pipeline (none stored = the default layout). */
  "CREATE TABLE card_section ("
  "  id INTEGER PRIMARY KEY,"
  "  pipeline_id INTEGER NOT NULL REFERENCES pipeline (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  sort INTEGER NOT NULL DEFAULT 100,"
  "  UNIQUE (pipeline_id, name)"
  ");"
  "CREATE TABLE card_element ("
  "  section_id INTEGER NOT NULL REFERENCES card_section (id) ON DELETE CASCADE,"
  "  field TEXT NOT NULL,"
  "  sort INTEGER NOT NULL DEFAULT 100,"
  "  option_flags INTEGER NOT NULL DEFAULT 0,"
  "  hidden INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (section_id, field)"
  ") WITHOUT ROWID;"

  /* Regular deals: a template deal (is_recurring = 1) plus its schedule. */
  "CREATE TABLE recurring ("
  "  id INTEGER PRIMARY KEY,"
  "  deal_id INTEGER NOT NULL UNIQUE REFERENCES deal (id) ON DELETE CASCADE,"
  "  based_id INTEGER,"
  "  active INTEGER NOT NULL DEFAULT 1,"
  "  pipeline_id INTEGER REFERENCES pipeline (id) ON DELETE CASCADE,"
  "  start_date TEXT,"
  "  is_limit TEXT NOT NULL DEFAULT 'N' CHECK (is_limit IN ('N', 'D', 'T')),"
  "  limit_repeat INTEGER,"
  "  limit_date TEXT,"
  "  next_execution INTEGER,"
  "  last_execution INTEGER,"
  "  counter_repeat INTEGER NOT NULL DEFAULT 0,"
  "  params TEXT"
  ");",

  /* 2: the list and its filters — full-text search and saved filters.
   * deal_search is an external-content FTS5 index over deal_search_doc, one document per deal
   * (title, client, contact details, comments, product names) that triggers rebuild whenever one
   * of its sources changes, inside the same transaction as the change. unicode61 with
   * remove_diacritics 2 folds case and accents: "citta" finds "Città", "perche" "perché". */
  "CREATE TABLE deal_search_doc ("
  "  deal_id INTEGER PRIMARY KEY,"
  "  body TEXT NOT NULL"
  ");"
  "CREATE VIRTUAL TABLE deal_search USING fts5 ("
  "  body, content = 'deal_search_doc', content_rowid = 'deal_id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TRIGGER deal_search_doc_ai AFTER INSERT ON deal_search_doc BEGIN"
  "  INSERT INTO deal_search (rowid, body) VALUES (new.deal_id, new.body);"
  "END;"
  "CREATE TRIGGER deal_search_doc_ad AFTER DELETE ON deal_search_doc BEGIN"
  "  INSERT INTO deal_search (deal_search, rowid, body) VALUES ('delete', old.deal_id, old.body);"
  "END;"
  "CREATE VIEW deal_search_body AS SELECT d.id AS deal_id,"
  "  d.title"
  "  || ' ' || coalesce((SELECT co.name || ' ' || coalesce(co.phone, '') || ' ' || coalesce(co.email, '')"
  "                      FROM company co WHERE co.id = d.company_id), '')"
  "  || ' ' || coalesce((SELECT group_concat(ct.first_name || ' ' || ct.last_name || ' ' || coalesce(ct.phone, '')"
  "                                          || ' ' || coalesce(ct.email, ''), ' ')"
  "                      FROM deal_contact dc JOIN contact ct ON ct.id = dc.contact_id WHERE dc.deal_id = d.id), '')"
  "  || ' ' || coalesce(d.comments, '')"
  "  || ' ' || coalesce((SELECT group_concat(e.text, ' ') FROM event e"
  "                      WHERE e.deal_id = d.id AND e.kind = 'comment'), '')"
  "  || ' ' || coalesce((SELECT group_concat(p.name, ' ') FROM deal_product p WHERE p.deal_id = d.id), '')"
  "  AS body FROM deal d;"
  /* Triggers only note which deals changed; the store rebuilds their documents once, just
   * before the transaction commits (store_tx_commit), so a deal whose contacts, products and
   * comments are all written in one transaction is indexed once, and a batch of 100,000 deals
   * is indexed in one pass. */
  "CREATE TABLE deal_search_dirty ("
  "  deal_id INTEGER PRIMARY KEY"
  ");"
#define AFFARI_DIRTY(id) "  INSERT OR IGNORE INTO deal_search_dirty (deal_id) VALUES (" id ");"
  "CREATE TRIGGER deal_search_deal_ai AFTER INSERT ON deal BEGIN" AFFARI_DIRTY ("new.id") "END;"
  "CREATE TRIGGER deal_search_deal_au AFTER UPDATE OF title, comments, company_id ON deal BEGIN"
  AFFARI_DIRTY ("new.id") "END;"
  "CREATE TRIGGER deal_search_deal_ad AFTER DELETE ON deal BEGIN"
  "  DELETE FROM deal_search_doc WHERE deal_id = old.id;"
  "  DELETE FROM deal_search_dirty WHERE deal_id = old.id;"
  "END;"
  "CREATE TRIGGER deal_search_dc_ai AFTER INSERT ON deal_contact BEGIN" AFFARI_DIRTY ("new.deal_id") "END;"
  "CREATE TRIGGER deal_search_dc_ad AFTER DELETE ON deal_contact BEGIN" AFFARI_DIRTY ("old.deal_id") "END;"
  "CREATE TRIGGER deal_search_dp_ai AFTER INSERT ON deal_product BEGIN" AFFARI_DIRTY ("new.deal_id") "END;"
  "CREATE TRIGGER deal_search_dp_au AFTER UPDATE OF name ON deal_product BEGIN" AFFARI_DIRTY ("new.deal_id") "END;"
  "CREATE TRIGGER deal_search_dp_ad AFTER DELETE ON deal_product BEGIN" AFFARI_DIRTY ("old.deal_id") "END;"
  "CREATE TRIGGER deal_search_ev_ai AFTER INSERT ON event WHEN new.kind = 'comment' BEGIN"
  AFFARI_DIRTY ("new.deal_id") "END;"
  "CREATE TRIGGER deal_search_ev_ad AFTER DELETE ON event WHEN old.kind = 'comment' BEGIN"
  AFFARI_DIRTY ("old.deal_id") "END;"
  "CREATE TRIGGER deal_search_company_au AFTER UPDATE OF name, phone, email ON company BEGIN"
  "  INSERT OR IGNORE INTO deal_search_dirty (deal_id) SELECT id FROM deal WHERE company_id = new.id;"
  "END;"
  "CREATE TRIGGER deal_search_contact_au AFTER UPDATE OF first_name, last_name, phone, email ON contact BEGIN"
  "  INSERT OR IGNORE INTO deal_search_dirty (deal_id) SELECT deal_id FROM deal_contact WHERE contact_id = new.id;"
  "END;"
#undef AFFARI_DIRTY
  /* An existing database gets its index now. */
  "INSERT INTO deal_search_doc (deal_id, body) SELECT deal_id, body FROM deal_search_body;"

  /* Filters the user saved under a name; the query is a GVariant dictionary as text. */
  "CREATE TABLE saved_filter ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),"
  "  query TEXT NOT NULL,"
  "  sort INTEGER NOT NULL DEFAULT 100,"
  "  created INTEGER NOT NULL DEFAULT 0"
  ");"

  /* Sorting the list by a header without sorting 100,000 rows each time. */
  "CREATE INDEX deal_list_amount ON deal (pipeline_id, amount)"
  "  WHERE deleted_at IS NULL AND is_recurring = 0;"
  "CREATE INDEX deal_list_title ON deal (pipeline_id, title COLLATE NOCASE)"
  "  WHERE deleted_at IS NULL AND is_recurring = 0;",

  /* 3: the first keystrokes of a search. "r" is a prefix of thousands of words: without an index
   * of one- and two-letter prefixes FTS5 merges the lists of all of them at every keystroke
   * (30 ms on 100,000 deals; 5 ms with it). Searches are prefixes of single words, all of which
   * must match: the index needs no positions (detail = none), which halves the time to build it
   * and its size. The triggers on deal_search_doc name the table and keep working; the index is
   * rebuilt from the documents. */
  "DROP TABLE deal_search;"
  "CREATE VIRTUAL TABLE deal_search USING fts5 ("
  "  body, content = 'deal_search_doc', content_rowid = 'deal_id',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2', detail = none"
  ");"
  "INSERT INTO deal_search (deal_search) VALUES ('rebuild');",

  /* 4: the count and total of every stage, per currency, kept by triggers in the transaction of
   * every change of a deal: the board's headers read eight rows instead of adding up 100,000
   * deals at start-up. Only live deals count (not in the trash, not a recurring template); rows
   * that fall to zero stay and are not read. */
  "CREATE TABLE stage_total ("
  "  pipeline_id INTEGER NOT NULL,"
  "  stage_id INTEGER NOT NULL,"
  "  currency TEXT NOT NULL,"
  "  count INTEGER NOT NULL,"
  "  sum INTEGER NOT NULL,"
  "  PRIMARY KEY (pipeline_id, stage_id, currency)"
  ") WITHOUT ROWID;"
  "INSERT INTO stage_total (pipeline_id, stage_id, currency, count, sum)"
  "  SELECT pipeline_id, stage_id, currency, count(*), sum(amount) FROM deal"
  "  WHERE deleted_at IS NULL AND is_recurring = 0 GROUP BY pipeline_id, stage_id, currency;"
#define AFFARI_TOTAL_ADD(row) \
  "  INSERT INTO stage_total (pipeline_id, stage_id, currency, count, sum)" \
  "  SELECT " row ".pipeline_id, " row ".stage_id, " row ".currency, 1, " row ".amount" \
  "  WHERE " row ".deleted_at IS NULL AND " row ".is_recurring = 0" \
  "  ON CONFLICT (pipeline_id, stage_id, currency) DO UPDATE SET count = count + 1, sum = sum + excluded.sum;"
#define AFFARI_TOTAL_REMOVE(row) \
  "  UPDATE stage_total SET count = count - 1, sum = sum - " row ".amount" \
  "  WHERE " row ".deleted_at IS NULL AND " row ".is_recurring = 0 AND pipeline_id = " row ".pipeline_id" \
  "  AND stage_id = " row ".stage_id AND currency = " row ".currency;"
  "CREATE TRIGGER stage_total_ai AFTER INSERT ON deal BEGIN" AFFARI_TOTAL_ADD ("new") "END;"
  "CREATE TRIGGER stage_total_ad AFTER DELETE ON deal BEGIN" AFFARI_TOTAL_REMOVE ("old") "END;"
  "CREATE TRIGGER stage_total_au AFTER UPDATE OF pipeline_id, stage_id, currency, amount, deleted_at, is_recurring"
  "  ON deal BEGIN" AFFARI_TOTAL_REMOVE ("old") AFFARI_TOTAL_ADD ("new") "END;",
#undef AFFARI_TOTAL_ADD
#undef AFFARI_TOTAL_REMOVE

  /* 5: the day a deal was actually closed, apart from its expected close date (close_date, the
   * plan, Bitrix24's CLOSEDATE), which closing no longer overwrites. */
  "ALTER TABLE deal ADD COLUMN closed_at TEXT;"
  /* The old code overwrote the close date of a deal with the day it was closed: for closed deals
   * that is the day of closing (the plan is lost); without one, the day of the last move. */
  "UPDATE deal SET closed_at = coalesce(close_date, date(coalesce(moved_time, date_modify), 'unixepoch', 'localtime'))"
  "  WHERE closed = 1;"
  /* The list sorted by amount keeps each currency's deals together (never CHF 550 between € 527
   * and € 600): this index reads them in that order (100,000 deals: 7 ms instead of 96 ms). */
  "CREATE INDEX IF NOT EXISTS deal_list_currency_amount ON deal (pipeline_id, currency, amount)"
  "  WHERE deleted_at IS NULL AND is_recurring = 0;",

  /* 6: the source of the deals proposed from a client's purchase history (Bitrix24's REPEAT_SALE);
   * its name is the English one, shown in the user's language (affari_list_item_display_name). */
  "INSERT OR IGNORE INTO deal_source (code, name, sort) VALUES ('REPEAT_SALE', 'Repeat sale', 105);",

  /* 7: the settings of regular deals, one column each (Bitrix24's PARAMS), on the recurring table
   * of migration 1, rebuilt (nothing wrote it before; its unused params, next_execution and
   * last_execution go). Days are "YYYY-MM-DD" local text: next_date the day the next deal is due
   * (NULL when inactive), last_date the due day of the last one made, last_run when a run made it. */
  "CREATE TABLE recurring_v7 ("
  "  id INTEGER PRIMARY KEY,"
  "  deal_id INTEGER NOT NULL UNIQUE REFERENCES deal (id) ON DELETE CASCADE,"
  "  based_id INTEGER,"
  "  active INTEGER NOT NULL DEFAULT 1,"
  "  pipeline_id INTEGER REFERENCES pipeline (id) ON DELETE CASCADE,"
  "  mode TEXT NOT NULL DEFAULT 'multiple' CHECK (mode IN ('multiple', 'single')),"
  "  unit TEXT NOT NULL DEFAULT 'month' CHECK (unit IN ('day', 'week', 'month', 'year')),"
  "  interval_n INTEGER NOT NULL DEFAULT 1 CHECK (interval_n >= 1),"
  "  before_unit TEXT NOT NULL DEFAULT 'day' CHECK (before_unit IN ('day', 'week', 'month', 'year')),"
  "  before_value INTEGER NOT NULL DEFAULT 0 CHECK (before_value >= 0),"
  "  start_date TEXT,"
  "  is_limit TEXT NOT NULL DEFAULT 'N' CHECK (is_limit IN ('N', 'D', 'T')),"
  "  limit_repeat INTEGER,"
  "  limit_date TEXT,"
  "  begin_offset_unit TEXT CHECK (begin_offset_unit IN ('day', 'week', 'month', 'year')),"
  "  begin_offset_value INTEGER,"
  "  close_offset_unit TEXT CHECK (close_offset_unit IN ('day', 'week', 'month', 'year')),"
  "  close_offset_value INTEGER,"
  "  next_date TEXT,"
  "  last_date TEXT,"
  "  last_run INTEGER,"
  "  counter_repeat INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO recurring_v7 (id, deal_id, based_id, active, pipeline_id, start_date, is_limit, limit_repeat,"
  "  limit_date, counter_repeat)"
  "  SELECT id, deal_id, based_id, active, pipeline_id, start_date, is_limit, limit_repeat, limit_date,"
  "  counter_repeat FROM recurring;"
  "DROP TABLE recurring;"
  "ALTER TABLE recurring_v7 RENAME TO recurring;"
  /* The run reads the active templates by day. */
  "CREATE INDEX recurring_due ON recurring (next_date) WHERE active = 1;"
  "CREATE INDEX recurring_based ON recurring (based_id);",

  /* 8: the sales generator (affari-store-segments.c): custom segments saved from a list filter
   * (the clients of the deals it matches; the query as in saved_filter) and saved generators,
   * whose configuration (segment, run settings, schedule) is a key file; next_run is the day
   * the schedule runs next (NULL: never again), rr_next where its round robin goes on. A pinned
   * history line (the generator's comment) is listed before the others. Written to run again
   * over its own tables (IF NOT EXISTS), as a database brought back to an older version has them. */
  "CREATE TABLE IF NOT EXISTS saved_segment ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),"
  "  query TEXT NOT NULL,"
  "  created INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE IF NOT EXISTS sales_generator ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  config TEXT NOT NULL,"
  "  next_run TEXT,"
  "  last_run TEXT,"
  "  runs INTEGER NOT NULL DEFAULT 0,"
  "  created_deals INTEGER NOT NULL DEFAULT 0,"
  "  rr_next INTEGER NOT NULL DEFAULT 0,"
  "  active INTEGER NOT NULL DEFAULT 1,"
  "  created INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX IF NOT EXISTS sales_generator_due ON sales_generator (next_run) WHERE active = 1;"
  "CREATE TABLE IF NOT EXISTS event_pinned ("
  "  event_id INTEGER PRIMARY KEY REFERENCES event (id) ON DELETE CASCADE"
  ");",

  /* 9: quotes (affari-store-quotes.c), Bitrix24's QUOTE: a number by year ("2026/014": year
   * and seq, given inside the creating transaction so two writers never share one), a status,
   * the client, the deal or lead it belongs to, and product rows as a deal's (quote_product has
   * deal_product's columns and arithmetic). company_id and contact_id are not foreign keys: a
   * quote whose client was deleted keeps the id and says so, instead of losing its client
   * silently. amount and tax_value are the rows' sums, kept by the store. */
  "CREATE TABLE IF NOT EXISTS quote ("
  "  id INTEGER PRIMARY KEY,"
  "  number TEXT NOT NULL UNIQUE,"
  "  year INTEGER NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  status TEXT NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SENT', 'APPROVED', 'DECLAINED')),"
  "  company_id INTEGER,"
  "  contact_id INTEGER,"
  "  deal_id INTEGER REFERENCES deal (id) ON DELETE SET NULL,"
  "  lead_id INTEGER,"
  "  currency TEXT NOT NULL DEFAULT 'EUR',"
  "  amount INTEGER NOT NULL DEFAULT 0,"
  "  tax_value INTEGER NOT NULL DEFAULT 0,"
  "  valid_until TEXT CHECK (valid_until IS NULL OR valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
  "  terms TEXT,"
  "  notes TEXT,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  UNIQUE (year, seq)"
  ");"
  "CREATE INDEX IF NOT EXISTS quote_deal ON quote (deal_id) WHERE deal_id IS NOT NULL;"
  "CREATE TABLE IF NOT EXISTS quote_product ("
  "  id INTEGER PRIMARY KEY,"
  "  quote_id INTEGER NOT NULL REFERENCES quote (id) ON DELETE CASCADE,"
  "  product_id INTEGER REFERENCES product (id) ON DELETE SET NULL,"
  "  name TEXT NOT NULL,"
  "  quantity_milli INTEGER NOT NULL DEFAULT 1000,"
  "  unit TEXT,"
  "  price_netto INTEGER NOT NULL DEFAULT 0,"
  "  price_exclusive INTEGER NOT NULL DEFAULT 0,"
  "  price_brutto INTEGER NOT NULL DEFAULT 0,"
  "  price INTEGER NOT NULL DEFAULT 0,"
  "  discount_type INTEGER NOT NULL DEFAULT 2 CHECK (discount_type IN (1, 2)),"
  "  discount_rate_bp INTEGER NOT NULL DEFAULT 0,"
  "  discount_sum INTEGER NOT NULL DEFAULT 0,"
  "  tax_rate_bp INTEGER,"
  "  tax_included INTEGER NOT NULL DEFAULT 0,"
  "  row_total INTEGER NOT NULL DEFAULT 0,"
  "  row_tax INTEGER NOT NULL DEFAULT 0,"
  "  sort INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX IF NOT EXISTS quote_product_quote ON quote_product (quote_id, sort);",

  /* 10: leads (affari-store-leads.c). A lead is a row of deal in THE lead pipeline, so the board,
   * list, filters, history, activities and product rows serve leads unchanged. What only a lead
   * has (the person and company typed in, and where its conversion led) lives in lead_info; the
   * search document of a lead also holds those fields. The column pipeline.kind ('deal' or
   * 'lead'), the lead pipeline and its statuses (named in the user's language, as the stages of
   * migration 1) are added by store_leads_seed () once lead_info exists. Written to run again
   * over its own tables, as a database brought back to an older version has them. */
  "CREATE TABLE IF NOT EXISTS lead_info ("
  "  deal_id INTEGER PRIMARY KEY REFERENCES deal (id) ON DELETE CASCADE,"
  "  first_name TEXT NOT NULL DEFAULT '',"
  "  last_name TEXT NOT NULL DEFAULT '',"
  "  company_title TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  address TEXT NOT NULL DEFAULT '',"
  "  contact_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,"
  "  company_id INTEGER REFERENCES company (id) ON DELETE SET NULL,"
  "  converted_deal_id INTEGER REFERENCES deal (id) ON DELETE SET NULL"
  ");"
  "CREATE INDEX IF NOT EXISTS lead_info_converted ON lead_info (converted_deal_id) WHERE converted_deal_id IS NOT NULL;"
  "DROP VIEW IF EXISTS deal_search_body;"
  "CREATE VIEW deal_search_body AS SELECT d.id AS deal_id,"
  "  d.title"
  "  || ' ' || coalesce((SELECT co.name || ' ' || coalesce(co.phone, '') || ' ' || coalesce(co.email, '')"
  "                      FROM company co WHERE co.id = d.company_id), '')"
  "  || ' ' || coalesce((SELECT group_concat(ct.first_name || ' ' || ct.last_name || ' ' || coalesce(ct.phone, '')"
  "                                          || ' ' || coalesce(ct.email, ''), ' ')"
  "                      FROM deal_contact dc JOIN contact ct ON ct.id = dc.contact_id WHERE dc.deal_id = d.id), '')"
  "  || ' ' || coalesce(d.comments, '')"
  "  || ' ' || coalesce((SELECT group_concat(e.text, ' ') FROM event e"
  "                      WHERE e.deal_id = d.id AND e.kind = 'comment'), '')"
  "  || ' ' || coalesce((SELECT group_concat(p.name, ' ') FROM deal_product p WHERE p.deal_id = d.id), '')"
  "  || ' ' || coalesce((SELECT l.first_name || ' ' || l.last_name || ' ' || l.company_title || ' ' || l.phone"
  "                             || ' ' || l.email || ' ' || l.address FROM lead_info l WHERE l.deal_id = d.id), '')"
  "  AS body FROM deal d;"
  /* Not OR IGNORE: the upserts that write lead_info would override it (their ON CONFLICT
   * applies to the statements of the triggers they fire). */
  "DROP TRIGGER IF EXISTS deal_search_lead_ai;"
  "CREATE TRIGGER deal_search_lead_ai AFTER INSERT ON lead_info BEGIN"
  "  INSERT INTO deal_search_dirty (deal_id) SELECT new.deal_id"
  "  WHERE NOT EXISTS (SELECT 1 FROM deal_search_dirty WHERE deal_id = new.deal_id);"
  "END;"
  "DROP TRIGGER IF EXISTS deal_search_lead_au;"
  "CREATE TRIGGER deal_search_lead_au AFTER UPDATE ON lead_info BEGIN"
  "  INSERT INTO deal_search_dirty (deal_id) SELECT new.deal_id"
  "  WHERE NOT EXISTS (SELECT 1 FROM deal_search_dirty WHERE deal_id = new.deal_id);"
  "END;",

  /* 11: a version per deal row (#21). Every change of a field a person sees makes a new one, by
   * a trigger, so that no write path can forget it; a card's write based on an older version is
   * refused (affari_store_update_deal) instead of silently overwriting what another window or
   * seller changed. Moving cards within a column (position) is not such a change, nor is a
   * write that leaves every such field as it was. */
  "ALTER TABLE deal ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "CREATE TRIGGER deal_version AFTER UPDATE ON deal WHEN"
  "  old.title IS NOT new.title OR old.type_id IS NOT new.type_id OR old.pipeline_id IS NOT new.pipeline_id"
  "  OR old.stage_id IS NOT new.stage_id OR old.closed IS NOT new.closed OR old.opened IS NOT new.opened"
  "  OR old.probability IS NOT new.probability OR old.currency IS NOT new.currency OR old.amount IS NOT new.amount"
  "  OR old.is_manual_amount IS NOT new.is_manual_amount OR old.tax_value IS NOT new.tax_value OR old.company_id IS NOT new.company_id"
  "  OR old.begin_date IS NOT new.begin_date OR old.close_date IS NOT new.close_date OR old.comments IS NOT new.comments"
  "  OR old.assigned_by_id IS NOT new.assigned_by_id OR old.is_recurring IS NOT new.is_recurring OR old.is_return_customer IS NOT new.is_return_customer"
  "  OR old.is_repeated_approach IS NOT new.is_repeated_approach OR old.source_id IS NOT new.source_id OR old.source_description IS NOT new.source_description"
  "  OR old.additional_info IS NOT new.additional_info OR old.deleted_at IS NOT new.deleted_at"
  " BEGIN"
  "  UPDATE deal SET version = old.version + 1 WHERE id = new.id;"
  "END;",

  /* 12: the change log (#21, affari-store-watch.c): what each commit changed, for the other
   * connections to the file (another window, the command line) to show within a moment. */
  "CREATE TABLE change_log ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  origin INTEGER NOT NULL,"
  "  time INTEGER NOT NULL,"
  "  author_id INTEGER,"
  "  kind TEXT NOT NULL,"
  "  a INTEGER NOT NULL DEFAULT 0,"
  "  b INTEGER NOT NULL DEFAULT 0,"
  "  c INTEGER NOT NULL DEFAULT 0,"
  "  what TEXT);",
};

#define AFFARI_N_MIGRATIONS (G_N_ELEMENTS (affari_migrations))
