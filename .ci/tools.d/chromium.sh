#!/usr/bin/env bash
# Installs Debian's `chromium` package for the delivery-bot dashboard's
# end-to-end test (driven by playwright-core with executablePath, so no browser
# is ever downloaded by npm). Run by .ci/run and by `pnpm tools`. Idempotent: does
# nothing when /usr/bin/chromium exists.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version
