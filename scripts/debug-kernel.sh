#!/bin/bash
# Build the debug kernel for the stress suite (make debug-kernel).
#
#   scripts/debug-kernel.sh [--force]
#
# Extracts Debian's linux-source-6.12 into build/debug-kernel/, configures
# it as "make tinyconfig" plus scripts/debug-kernel.config (what the QEMU
# guest of scripts/vm.sh and the module need, and KASAN, UBSAN, lockdep,
# kmemleak, failslab...), builds it with everything built in (nice -n 10, one
# job per CPU) and leaves:
#
#   build/debug-kernel/bzImage          the image scripts/vm.sh --kernel debug boots
#   build/debug-kernel/obj/             the build tree: make module KDIR=<this>
#   build/debug-kernel/kernel.release   its release string (uname -r in the guest)
#   build/debug-kernel/build.log        the last build's output
#
# Nothing is done when the config fragment and the source tarball are those
# of the last successful build (--force rebuilds anyway).  A first build
# takes tens of minutes on two busy cores.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd -P)
me=${0##*/}
out=$repo/build/debug-kernel
src=$out/linux-source-6.12
obj=$out/obj
fragment=$repo/scripts/debug-kernel.config
tarball=/usr/src/linux-source-6.12.tar.xz
force=false

case ${1:-} in
--force) force=true ;;
-h | --help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
'') ;;
*) echo "$me: unknown argument $1 (see --help)" >&2; exit 2 ;;
esac

[ -r "$tarball" ] || { echo "$me: $tarball missing (run scripts/deps.sh)" >&2; exit 1; }
mkdir -p "$out"

key=$({
	echo "format 1"
	sha256sum <"$fragment"
	stat -c '%s %Y' "$tarball"
} | sha256sum | cut -d' ' -f1)
if ! $force && [ -f "$out/bzImage" ] && [ "$(cat "$out/key" 2>/dev/null)" = "$key" ]; then
	echo "$me: up to date ($(cat "$out/kernel.release"))"
	exit 0
fi

# The source, extracted once per tarball.
tkey=$(stat -c '%s %Y' "$tarball")
if [ "$(cat "$src/.netanom-extracted" 2>/dev/null)" != "$tkey" ]; then
	echo "$me: extracting $tarball"
	rm -rf "$src" "$out/extract.tmp"
	mkdir -p "$out/extract.tmp"
	tar -xJf "$tarball" -C "$out/extract.tmp"
	mv "$out/extract.tmp/linux-source-6.12" "$src"
	rmdir "$out/extract.tmp"
	echo "$tkey" >"$src/.netanom-extracted"
fi

kmake() {
	nice -n 10 make -C "$src" O="$obj" ARCH=x86_64 "$@"
}

echo "$me: configuring (tinyconfig + $fragment)"
mkdir -p "$obj"
kmake -s tinyconfig >/dev/null
"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$fragment" >/dev/null
kmake -s olddefconfig

# Every line of the fragment must have survived olddefconfig: a symbol
# dropped for an unmet dependency would silently lose a checker.
bad=0
while IFS= read -r line; do
	case $line in CONFIG_*=*) ;; *) continue ;; esac
	sym=${line%%=*}
	if [ "${line#*=}" = n ]; then
		if grep -q "^$sym=" "$obj/.config"; then
			echo "$me: $sym is set, the fragment says n" >&2
			bad=1
		fi
	elif ! grep -qxF "$line" "$obj/.config"; then
		echo "$me: $line did not stick: $(grep -E "^$sym=|^# $sym is not set" "$obj/.config" || echo unset)" >&2
		bad=1
	fi
done <"$fragment"
[ "$bad" = 0 ] || { echo "$me: fix $fragment (a dependency is missing)" >&2; exit 1; }

echo "$me: building $(kmake -s kernelrelease) (log: $out/build.log)"
start=$SECONDS
if ! kmake -j"$(nproc)" bzImage modules >"$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log" >&2
	echo "$me: build failed; the whole log is $out/build.log" >&2
	exit 1
fi
cp "$obj/arch/x86/boot/bzImage" "$out/bzImage"
cp "$obj/include/config/kernel.release" "$out/kernel.release"
echo "$key" >"$out/key"
echo "$me: built $(cat "$out/kernel.release") in $(((SECONDS - start) / 60)) min $(((SECONDS - start) % 60)) s"
