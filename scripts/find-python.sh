#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 interpreter, or fails with a clear message.
# pyenv's python3.12/python3.13 shims refuse to run unless selected, so we also look in pyenv's
# versions folder directly (see ../shared/RECIPES.md).
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for c in "${SADARI_PYTHON:-}" python3.13 python3.12 python3; do
  [ -n "$c" ] || continue
  p=$(command -v "$c" 2>/dev/null) || continue
  if ok "$p"; then echo "$p"; exit 0; fi
done
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for p in "$root"/versions/3.13*/bin/python3 "$root"/versions/3.12*/bin/python3 /usr/local/bin/python3.1[23] /usr/bin/python3.1[23]; do
  [ -x "$p" ] && ok "$p" && { echo "$p"; exit 0; }
done
echo "error: Sadari needs Python 3.12 or newer; none found (set SADARI_PYTHON=/path/to/python3.12)" >&2
exit 1
