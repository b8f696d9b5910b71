#!/usr/bin/env bash
# Makes sure the system packages the tests need are present. As root on Debian it installs them
# with apt-get; anywhere else it stops with the exact command to run.
#   usage: scripts/ensure-system-packages.sh chromium [ceph] [wrk]
set -euo pipefail

need_packages=()
for want in "$@"; do
  case "$want" in
    chromium) [ -x /usr/bin/chromium ] || need_packages+=(chromium) ;;
    wrk) command -v wrk >/dev/null 2>&1 || need_packages+=(wrk) ;;
    ceph) command -v radosgw >/dev/null 2>&1 && command -v ceph-mon >/dev/null 2>&1 && command -v ceph-osd >/dev/null 2>&1 \
      || need_packages+=(radosgw ceph-mon ceph-osd ceph-common) ;;
    *) echo "ensure-system-packages: unknown requirement '$want'" >&2; exit 2 ;;
  esac
done
[ ${#need_packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages for the tests: ${need_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Chromium with its recommended packages (fonts), as the browser suites were run here; the Ceph
  # daemons without theirs (they pull in far more than a one-node test cluster needs).
  for package in "${need_packages[@]}"; do
    case "$package" in
      chromium|wrk) apt-get install -y -qq "$package" >/dev/null ;;
      *) apt-get install -y -qq --no-install-recommends "$package" >/dev/null ;;
    esac
  done
else
  echo "The tests need these system packages: ${need_packages[*]}" >&2
  echo "Install them, e.g. on Debian: sudo apt-get install -y ${need_packages[*]}" >&2
  exit 1
fi
