#!/usr/bin/env bash
# Debian packages Qt needs. `test`: what the offscreen platform needs (tests, screenshots).
# `desktop`: also the xcb platform plugin's libraries (`make run` on a real screen); the list
# was found with ldd on PySide6's libqxcb.so and checked by running the app under Xvfb.
# Installs only what is missing, so a machine that has them spends no time here.
set -uo pipefail

mode=${1:-test}
packages=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core)
# The desktop's own validators and MIME tools, which the desktop-integration tests ask
# (tests/test_desktop_files.py, tests/cli/test_install_desktop.py; they skip without them).
packages+=(desktop-file-utils appstream shared-mime-info libglib2.0-bin)
if [ "$mode" = desktop ]; then
    packages+=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
               libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1)
fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing system packages (${missing[*]}): install them with your package manager." >&2
    exit 0
fi
SUDO=
[ "$(id -u)" -ne 0 ] && SUDO=sudo
install_missing() {
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "${missing[@]}"
}
echo "Installing system packages: ${missing[*]}"
# The package lists may be stale or absent on a fresh machine: refresh them only if needed,
# and carry on if one repository cannot be refreshed (the others usually can).
if ! install_missing; then
    $SUDO apt-get update -qq || echo "apt-get update reported problems; trying anyway" >&2
    if ! install_missing; then
        echo "Could not install: ${missing[*]}. Install them by hand." >&2
        [ "$mode" = desktop ] && exit 1
    fi
fi
exit 0
