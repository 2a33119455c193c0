#!/usr/bin/env bash
# Installs Debian's `espeak-ng` (speech synthesis) and `opus-tools` (opusenc) for the voice-note
# tests of @toktok/smart-fallback, @toktok/flows and the delivery bot: they speak a French
# sentence into a WAV and encode it as OGG/Opus, the format of a WhatsApp voice note, so the
# transcription path is tested on real audio without committing recordings. Run by .ci/run and by
# `pnpm tools`. Idempotent: does nothing when both are on PATH.
set -euo pipefail
if command -v espeak-ng >/dev/null 2>&1 && command -v opusenc >/dev/null 2>&1; then
  echo "espeak-ng present: $(command -v espeak-ng); opusenc present: $(command -v opusenc)"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends espeak-ng opus-tools
espeak-ng --version
opusenc --version | head -n1
