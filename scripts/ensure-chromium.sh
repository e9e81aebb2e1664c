#!/usr/bin/env bash
# Installs Debian's Chromium and Korean fonts for the Playwright test when missing (needs root).
# Without root or apt, prints a note; the e2e test then skips with that reason.
set -u
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi nanum; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing chromium and fonts-nanum for the browser test…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-nanum >/dev/null \
    || echo "warning: could not install chromium; the e2e test will skip" >&2
else
  echo "note: /usr/bin/chromium missing and not root; the e2e test will skip" >&2
fi
exit 0
