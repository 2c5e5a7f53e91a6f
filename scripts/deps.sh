#!/bin/sh
# Install the Debian packages netanom needs to build and test.
# Idempotent and quiet when everything is already there.
# Usage: scripts/deps.sh [--check] [--build | --bench]
#   --check  only report what is missing
#   --build  only what "make" needs to build the module and the tools for
#            the kernels whose headers are installed (what an operator
#            building on a server wants: no QEMU, no kernels, no npm)
#   --bench  also what make bench needs (bpftrace, auditd, GNU time)
set -eu

check=
bench=
build=
usage="usage: scripts/deps.sh [--check] [--build | --bench]"
for arg in "$@"; do
	case $arg in
	--check) check=--check ;;
	--bench) bench=1 ;;
	--build) build=1 ;;
	-h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
done
[ -z "$bench" ] || [ -z "$build" ] || { echo "$usage" >&2; exit 2; }
set -- $check

# What building needs: the module's kbuild, the userspace libraries, the
# conformance client and the fuzzer (libnl).
PKGS="build-essential pkg-config bc flex bison kmod
libelf-dev libssl-dev
libmnl-dev libnl-3-dev libnl-genl-3-dev
libsqlite3-dev libjansson-dev libinih-dev nettle-dev libsystemd-dev"
# What testing needs besides: test libraries and tools, both kernels and
# the kernel source for the guests and KUnit, packaging tools.
[ -n "$build" ] || PKGS="$PKGS cpio xz-utils zstd libnl-utils sqlite3
libcmocka-dev systemd logrotate man-db groff-base
linux-image-amd64 linux-headers-amd64
linux-image-6.12-amd64 linux-headers-6.12-amd64 linux-source-6.12
qemu-system-x86 busybox-static iproute2 curl python3 sparse valgrind
dkms dh-dkms debhelper dpkg-dev fakeroot lintian"

# tests/unit/ecs-check.sh reads the ECS field definitions from the
# @elastic/ecs npm package, kept in build/npm.  npm may come from Debian or
# bundled with a nodejs from elsewhere: only its absence asks for Debian's.
[ -n "$build" ] || command -v npm >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"
# make bench compares netanom with a bpftrace one-liner and an audit rule.
[ -z "$bench" ] || PKGS="$PKGS bpftrace auditd time"
ecs_dir=$(dirname "$0")/../build/npm

# Install @elastic/ecs when it is missing.  A failure (no network) is only
# a warning: the ECS check then reports "not ok" with the reason.
ecs_npm() {
	[ -f "$ecs_dir/node_modules/@elastic/ecs/package.json" ] && return 0
	if [ "${1:-}" = "--check" ]; then
		echo "missing npm package: @elastic/ecs (in build/npm)" >&2
		return 1
	fi
	echo "netanom: installing @elastic/ecs into build/npm" >&2
	mkdir -p "$ecs_dir"
	npm install --prefix "$ecs_dir" --no-audit --no-fund --silent \
		@elastic/ecs >/dev/null ||
		echo "netanom: could not install @elastic/ecs; the ECS check will fail" >&2
}

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	[ -n "$build" ] || ecs_npm "${1:-}"
	exit
fi

if [ "${1:-}" = "--check" ]; then
	echo "missing Debian packages:$missing" >&2
	exit 1
fi

if [ "$(id -u)" != 0 ]; then
	echo "netanom: missing Debian packages:$missing" >&2
	echo "netanom: run 'sudo scripts/deps.sh${build:+ --build}' (or install them with apt-get)" >&2
	exit 1
fi

echo "netanom: installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
[ -n "$build" ] || ecs_npm
