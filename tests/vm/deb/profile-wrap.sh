#!/bin/bash
# Installed in the guest (NETANOM_DEB_PROFILE=1, see deb-install.sh) as
# /usr/local/bin/NAME for a few commands the package installation runs
# (make, depmod, openssl, xz, ldconfig, pahole...): it logs when NAME
# starts and ends to $NETANOM_PROF_LOG, with seconds since the
# installation began, then runs the real one.  make's own output gets the
# same time stamps, so that kbuild's phases (CC, LD, MODPOST, BTF) show in
# DKMS's make.log.  Commentary only: nothing here is checked.
name=${0##*/}
real=
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
	[ "$d" = /usr/local/bin ] && continue
	if [ -x "$d/$name" ]; then real=$d/$name; break; fi
done
[ -n "$real" ] || { echo "profile-wrap: no $name in PATH" >&2; exit 127; }
t0=${NETANOM_PROF_T0:-${EPOCHREALTIME%.*}}
now() {
	local t=${EPOCHREALTIME/./}
	t=$((t / 1000 - t0 * 1000))
	printf '%d.%03d' $((t / 1000)) $((t % 1000))
}
# Only the outermost call is logged: kbuild's sub-makes and the tools
# under them are part of it.
if [ -n "${NETANOM_PROF_DEPTH:-}" ] || [ -z "${NETANOM_PROF_LOG:-}" ]; then
	exec "$real" "$@"
fi
export NETANOM_PROF_DEPTH=1
echo "[$(now)] start $name $*" >>"$NETANOM_PROF_LOG"
if [ "$name" = make ]; then
	set -o pipefail
	"$real" "$@" 2>&1 | while IFS= read -r line; do
		printf '[%s] %s\n' "$(now)" "$line"
	done
	rc=$?
else
	"$real" "$@"
	rc=$?
fi
echo "[$(now)] end   $name (exit $rc)" >>"$NETANOM_PROF_LOG"
exit "$rc"
