# shellcheck shell=sh
# Sourced first by the project's scripts (bash or sh), which it sees the
# arguments of: given -h or --help, print the script's header comment (what
# it does and how to call it) and exit 0, before the script does anything
# else.
case ${1:-} in
-h | --help)
	# The comment lines up to the first line of code, without the
	# directives for shellcheck.
	sed -n '2,/^[^#]/{/^# shellcheck /d;/^#/s/^# \{0,1\}//p}' "$0"
	exit 0 ;;
esac
