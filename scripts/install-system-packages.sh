#!/bin/sh
# Installs the Debian packages ClerkDesk's embedded default and its tests need.
# Idempotent and quiet when everything is already there.
set -eu
PACKAGES="$(grep -v '^#' "$(dirname "$0")/debian-packages.txt" | tr '\n' ' ')"
if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-system-packages: no apt-get here; install by hand: $PACKAGES" >&2
    exit 0
fi
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    SUDO="sudo"
else
    SUDO=""
fi
echo "install-system-packages: installing$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
