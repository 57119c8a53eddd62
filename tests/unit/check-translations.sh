#!/bin/bash
# check-translations.sh SOURCE_DIR — po/it.po is complete against the current sources:
#  - every source file with translatable strings is listed in po/POTFILES.in (or its strings
#    would silently stay in English);
#  - po/it.po compiles with msgfmt --check;
#  - merged with a fresh template, nothing is untranslated or fuzzy.
# .ci/run and the unit suite both run it.
set -euo pipefail
cd "$1"

missing=0
while IFS= read -r file; do
  if ! grep -qxF "$file" po/POTFILES.in; then
    echo "not in po/POTFILES.in: $file" >&2
    missing=1
  fi
done < <(
  { grep -rlE '\b(N?C?_|g_dngettext|ngettext)[[:space:]]*\(' --include='*.c' src 2>/dev/null || true
    grep -rl 'translatable="yes"' --include='*.ui' src resources 2>/dev/null || true
  } | sort -u
)
while IFS= read -r file; do
  case "$file" in ''|\#*) continue ;; esac
  if [ ! -f "$file" ]; then
    echo "listed in po/POTFILES.in but missing: $file" >&2
    missing=1
  fi
done < po/POTFILES.in
if [ "$missing" -ne 0 ]; then
  exit 1
fi

potdir=$(mktemp -d)
trap 'rm -rf "$potdir"' EXIT
xgettext --files-from=po/POTFILES.in --directory=. --output="$potdir/affari.pot" \
  --from-code=UTF-8 --add-comments --package-name=affari \
  -k_ -kN_ -kC_:1c,2 -kNC_:1c,2 -kg_dngettext:2,3 -kngettext:1,2 -kNP_:1,2 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format
msgfmt --check --output-file=/dev/null po/it.po
msgmerge --quiet po/it.po "$potdir/affari.pot" --output-file="$potdir/it.po"
stats=$(LC_ALL=C msgfmt --check --statistics --output-file=/dev/null "$potdir/it.po" 2>&1)
echo "it: $stats"
if grep -qE 'untranslated|fuzzy' <<<"$stats"; then
  echo "po/it.po is out of date; strings to translate (run 'meson compile -C build affari-update-po'):" >&2
  for kind in untranslated only-fuzzy; do
    msgattrib "--$kind" --no-obsolete --no-wrap "$potdir/it.po" \
      | grep -E '^msgid(_plural)? "' | grep -vx 'msgid ""' | sed "s/^/  ${kind#only-}: /" >&2 || true
  done
  exit 1
fi
