#!/usr/bin/env bash
# Compile the committed Qt translation sources (ui/translations/*.ts) into .qm catalogues.
# Run by the set-up; ui/i18n.py compiles missing ones on the fly as a fallback.
# Refresh the sources after changing UI strings with:
#   .venv/bin/pyside6-lupdate -no-obsolete $(git ls-files 'ui/*.py' 'ui/**/*.py') -ts ui/translations/kiosk_zh_CN.ts ui/translations/kiosk_en.ts
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
LRELEASE="$VENV/bin/pyside6-lrelease"
for ts in ui/translations/*.ts; do
  "$LRELEASE" -silent "$ts" -qm "${ts%.ts}.qm"
done
