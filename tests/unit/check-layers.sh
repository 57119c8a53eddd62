#!/bin/sh
# check-layers.sh SOURCE_DIR — the layers of src/ hold (see README, "Building by hand"):
#  - SQL and sqlite3 only in src/store (the benchmark's bare-sqlite3 floors aside: store timings, import);
#  - libpq (the team's PostgreSQL server) only in src/store, its own folder src/store/pg included;
#  - no file under src/ui includes a src/store header (the UI sees the core through
#    ops/affari-workspace.h);
#  - the core (store, model, ops, io) builds without GTK;
#  - no .c file over 1,000 lines.
set -u
cd "$1/src" || exit 1
status=0

found=$(grep -rl 'sqlite3' --include='*.c' --include='*.h' . | grep -v '^\./store/' | grep -v '^\./cli/affari-bench-store\.c$' | grep -v '^\./cli/affari-bench-import\.c$')
if [ -n "$found" ]; then
  echo "sqlite3 outside src/store: $found"; status=1
fi
found=$(grep -rlE 'libpq-fe\.h|\bPQ[a-z]+ *\(' --include='*.c' --include='*.h' . | grep -v '^\./store/')
if [ -n "$found" ]; then
  echo "libpq outside src/store: $found"; status=1
fi
found=$(grep -rlE '#include +"store/' ui)
if [ -n "$found" ]; then
  echo "src/ui files including a store header: $found"; status=1
fi
found=$(grep -rlE '#include +<(gtk/gtk|adwaita)\.h>' store model ops io)
if [ -n "$found" ]; then
  echo "GTK in the core: $found"; status=1
fi
for f in $(find . -name '*.c'); do
  n=$(wc -l < "$f")
  if [ "$n" -gt 1000 ]; then
    echo "$f has $n lines (at most 1,000)"; status=1
  fi
done
[ "$status" -eq 0 ] && echo "layers: ok"
exit "$status"
