#!/bin/sh
# layer/libc-tests/assert_fails.sh: a failed assert in a vkcc-built program
# prints "Assertion failed: EXPR (file:line: func)" on stderr, flushes what
# stdout held, and ends the program with status 134 (128 + SIGABRT).
prog=$(cd "$(dirname "$0")" 2>/dev/null && pwd)/assert_fails.elf
[ -f "$prog" ] || prog=$GUEST_DIR/../layer/libc-tests/assert_fails.elf
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vkassert.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
"$VKRUN" "$prog" >"$tmp/out" 2>"$tmp/err" </dev/null
status=$?
echo 1..3
if [ "$status" = 134 ]; then echo "ok 1 - exit status 134"; else echo "not ok 1 - exit status $status, want 134"; fi
if grep -q '^Assertion failed: x == 2 && "x must be two" (.*assert_fails\.c:[0-9]*: checked)$' "$tmp/err"; then
	echo "ok 2 - the assertion message names the expression, file, line and function"
else
	echo "not ok 2 - stderr:"; sed 's/^/# /' "$tmp/err"
fi
if [ "$(cat "$tmp/out")" = "before the assertion" ]; then
	echo "ok 3 - stdout flushed before the abort, nothing after it"
else
	echo "not ok 3 - stdout:"; sed 's/^/# /' "$tmp/out"
fi
