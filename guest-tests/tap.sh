# guest-tests/tap.sh: a few TAP helpers for the end-to-end shell tests
# (POSIX sh; sourced, not run).
#
#   run CMD [ARGS...]     run CMD with stdin from /dev/null; sets $status,
#                         $out and $err (stdout and stderr, trailing newlines
#                         dropped); the raw output is in $TAP_TMP/out, /err
#   ok CONDITION-STATUS DESCRIPTION   e.g.  ok $? "file exists"
#   is GOT WANT DESCRIPTION           string equality
#   like GOT ERE DESCRIPTION          GOT has a line matching the ERE
#   unlike GOT ERE DESCRIPTION        no line of GOT matches the ERE
#   nlines TEXT           prints how many lines TEXT has (0 when empty)
#   ere_quote TEXT        prints TEXT as an ERE that matches it literally
#   skip DESCRIPTION REASON
#   diag TEXT             a "# " comment
#   done_testing          prints the plan (at the end, as TAP allows)
#
# It also checks that make check's environment is there (VKRUN, GUEST_DIR)
# and gives each test a scratch directory $TAP_TMP, removed at exit.  Test
# scripts always exit 0: the ok/not ok lines carry the verdict.

tap_n=0

if [ -z "${VKRUN:-}" ] || [ -z "${GUEST_DIR:-}" ]; then
	echo "Bail out! VKRUN and GUEST_DIR must be set (run through make check)"
	exit 0
fi
if [ ! -x "$VKRUN" ]; then
	echo "Bail out! no vkrun at $VKRUN"
	exit 0
fi

TAP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/vkrun-test.XXXXXX") || {
	echo "Bail out! mktemp failed"
	exit 0
}
trap 'rm -rf "$TAP_TMP"' EXIT
trap 'exit 1' HUP INT TERM

diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

pass() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

fail() {
	tap_n=$((tap_n + 1))
	echo "not ok $tap_n - $1"
}

ok() {
	if [ "$1" -eq 0 ]; then pass "$2"; else fail "$2"; fi
}

is() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3"
		diag "got:  '$1'"
		diag "want: '$2'"
	fi
}

like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		pass "$3"
	else
		fail "$3"
		diag "no line matches /$2/ in:"
		diag "$1"
	fi
}

unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		fail "$3"
		diag "a line matches /$2/ in:"
		diag "$1"
	else
		pass "$3"
	fi
}

nlines() {
	if [ -z "$1" ]; then echo 0; else printf '%s\n' "$1" | wc -l | tr -d ' '; fi
}

ere_quote() {
	printf '%s\n' "$1" | sed 's/[][\\.*^$+?(){}|]/\\&/g'
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

run() {
	"$@" >"$TAP_TMP/out" 2>"$TAP_TMP/err" </dev/null
	status=$?
	out=$(cat "$TAP_TMP/out")
	err=$(cat "$TAP_TMP/err")
}

done_testing() {
	echo "1..$tap_n"
	exit 0
}
