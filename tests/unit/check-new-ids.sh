#!/bin/sh
# check-new-ids.sh SOURCE_DIR — every INSERT of a new row into a table keyed by "id" names that id
# first, "INSERT INTO deal (id, …", bound from store_new_id () (#21): in team mode several sellers
# insert into the same server tables from their own SQLite copies, and SQLite's max(rowid) + 1
# would give two of them the same id; on the embedded file store_bind_id () binds NULL and SQLite
# picks the id as before.
#
# It reads the SQL statically (one INSERT per line is enough: the table and the opening of the
# column list are always on the INSERT's line), in src/store/affari-store-*.c. The tables keyed by
# "id" are read from src/store/affari-schema.h. A table the line does not spell out (a macro's
# parameter, a "%s") must name its id too, unless it is one of the exceptions below.
#
# At the end it checks itself: the same check on a copy of affari-store-moves.c whose event INSERT
# lost its id must fail.
set -u
cd "$1" || exit 1

# Whole files whose INSERTs keep the ids their rows already carry.
skip_files='
src/store/affari-store-import-json.c
'
# "file:table" pairs, with why they take no id of their own:
#  - changes.c, "%s": store_rows_insert () puts back (undo, redo) rows with the ids they had;
#  - settings.c, "%s": deal_type and deal_source, keyed by their code;
#  - search.c, deal: affari_store_test_clone_deals (), the bench's million copies on the embedded
#    file, which refuses a server.
skip_pairs='
src/store/affari-store-changes.c:%s
src/store/affari-store-settings.c:%s
src/store/affari-store-search.c:deal
'

schema=src/store/affari-schema.h
# Every table of the schema, and those whose key is "id" (the line after their CREATE TABLE).
all_tables=$(sed -nE 's/.*CREATE TABLE (IF NOT EXISTS )?([a-z_]+) \(.*/\2/p' "$schema" | sort -u)
id_tables=$(awk '
  match ($0, /CREATE TABLE (IF NOT EXISTS )?[a-z_]+ \(/) {
    name = substr ($0, RSTART, RLENGTH); sub (/^CREATE TABLE (IF NOT EXISTS )?/, "", name); sub (/ \($/, "", name)
    next_is_key = 1; next
  }
  next_is_key && /"  id INTEGER PRIMARY KEY/ { print name }
  { next_is_key = 0 }' "$schema" | sort -u)

if ! printf '%s\n' $id_tables | grep -qx deal || ! printf '%s\n' $id_tables | grep -qx deal_product; then
  echo "could not read the tables keyed by id from $schema: $id_tables"
  exit 1
fi

in_list () { printf '%s\n' $2 | grep -qxF -- "$1"; }

# check_file FILE [NAME]: prints each INSERT of FILE (reported as NAME) that should name its id and
# does not; fails if there is one.
check_file () {
  checked=$1
  name=${2:-$1}
  bad=0
  grep -nE 'INSERT +(OR +[A-Z]+ +)?INTO' "$checked" > "$tmp/lines" || return 0
  while IFS= read -r line; do
    number=${line%%:*}
    # What follows INTO: the table (maybe a C expression between the SQL's quotes), then "(columns".
    rest=$(printf '%s\n' "$line" | sed -E 's/.*INSERT +(OR +[A-Z]+ +)?INTO +//')
    table=$(printf '%s\n' "$rest" | sed -E 's/\(.*//; s/[\\" ]//g')
    columns=$(printf '%s\n' "$rest" | sed -E 's/^[^(]*\(//')
    if in_list "$name:$table" "$skip_pairs"; then
      continue
    fi
    if ! in_list "$table" "$id_tables"; then
      # A table of the schema without "id", or a temporary one: nothing to name.
      if in_list "$table" "$all_tables" || [ "${table#temp.}" != "$table" ]; then
        continue
      fi
    fi
    case $columns in
      id,* | id\)* | "id "*) ;;
      *)
        echo "$name:$number: INSERT INTO $table does not name its id first (store_new_id ()): $(printf '%s' "$rest" | cut -c1-100)"
        bad=1
        ;;
    esac
  done < "$tmp/lines"
  return "$bad"
}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0
count=0
for file in src/store/affari-store-*.c; do
  [ "$file" = src/store/affari-store.c ] && continue
  in_list "$file" "$skip_files" && continue
  check_file "$file" || status=1
  count=$((count + $(grep -cE 'INSERT +(OR +[A-Z]+ +)?INTO' "$file")))
done

# The check itself: an INSERT that lost its id is caught.
sed -E 's/INSERT INTO event \(id, /INSERT INTO event (/' src/store/affari-store-moves.c > "$tmp/moves.c"
if cmp -s "$tmp/moves.c" src/store/affari-store-moves.c; then
  echo "self-check: affari-store-moves.c has no \"INSERT INTO event (id, \" to remove"
  status=1
elif check_file "$tmp/moves.c" self-check > /dev/null; then
  echo "self-check: an INSERT INTO event without its id was not caught"
  status=1
fi

[ "$status" -eq 0 ] && echo "new ids: ok ($count INSERT statements read)"
exit "$status"
