#!/usr/bin/env bash
# Installs promtool (from Debian's `prometheus` package) for @toktok/analytics'
# exposition test. Run by .ci/run and by `pnpm tools`. Idempotent; never starts a
# Prometheus server: the package is downloaded and unpacked, not installed, so no
# service or user is created.
set -euo pipefail
target="${TOKTOK_TOOL_PREFIX:-/usr/local}/bin/promtool"
if command -v promtool >/dev/null 2>&1 || [ -x "$target" ]; then
  echo "promtool present: $(command -v promtool || echo "$target")"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
# `apt-get download` needs package lists; refresh them only when missing or when the download fails.
if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then
  $sudo apt-get update -qq
fi
if ! apt-get download prometheus >/dev/null 2>&1; then
  $sudo apt-get update -qq
  apt-get download prometheus
fi
dpkg -x prometheus_*.deb root
mkdir -p "$(dirname "$target")"
$sudo install -m 0755 root/usr/bin/promtool "$target"
"$target" --version 2>&1 | head -n1
