#!/bin/sh
# The Debian packages the demo and the tests need, installed the same way for a person with sudo
# and for root on a machine without sudo (containers, CI): sudo is used only when not root.
# chromium + firefox-esr: the demo and the end-to-end suites (chromium-l10n: the UI-language
# test); awscli: an official-client referee; unzip: the Chrome artifact is unzipped before loading;
# xvfb + xdotool: headed Chromium for the keyboard command and context menu (fill-gestures-headed).
set -eu
if [ "$(id -u)" -eq 0 ]; then as_root=""; else as_root="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  chromium chromium-l10n firefox-esr awscli unzip xvfb xdotool >/dev/null
