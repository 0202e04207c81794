#!/bin/sh
# scripts/gensyscalls-test.sh: the prototype-file generator refuses each kind
# of malformed line with "FILE:LINE: problem" on stderr, exit status 1 and no
# output files, and accepts a good file.  TAP.
gen=${GUEST_SRCDIR:-.}/../scripts/gensyscalls.awk
[ -f "$gen" ] || gen=$(dirname "$0")/gensyscalls.awk
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vkgen.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0

# case NAME EXPECTED-MESSAGE-FRAGMENT LINE...: the file is the lines given.
case_() {
	name=$1 want=$2
	shift 2
	n=$((n + 1))
	rm -rf "$tmp/out" && mkdir "$tmp/out"
	printf '%s\n' "# a prototype file" "1 exit none int status" "$@" > "$tmp/p.master"
	if awk -v outdir="$tmp/out" -f "$gen" "$tmp/p.master" 2>"$tmp/err"; then
		echo "not ok $n - $name: accepted"
		fails=$((fails + 1))
	elif ! grep -q "^$tmp/p.master:3: .*$want" "$tmp/err" || [ -n "$(ls "$tmp/out")" ]; then
		echo "not ok $n - $name: got '$(cat "$tmp/err")'"
		fails=$((fails + 1))
	else
		echo "ok $n - $name: p.master:3: $want"
	fi
}

echo 1..20
case_ "number out of range" "not in 1..255" "300 foo int void"
case_ "number not numeric" "not in 1..255" "x foo int void"
case_ "number used twice" "already used by 'exit'" "1 foo int void"
case_ "name not an identifier" "not an identifier" "2 9foo int void"
case_ "name used twice" "appears twice" "2 exit int void"
case_ "unknown result type" "unknown result type" "2 foo float void"
case_ "missing arguments" "missing arguments" "2 foo int"
case_ "unknown argument type" "unknown argument type" "2 foo int double x"
case_ "argument not TYPE NAME" "is not 'TYPE NAME'" "2 foo int int"
case_ "buffer length is not a size" "not a size argument" "2 foo int fd fd, inbuf(fd) buf"
case_ "reserved field name" "reserved" "2 foo int int hdr"
case_ "empty outputs" "no outputs" "2 foo int void ->"
case_ "stub kind unknown" "neither msg" "stub 0 exit _exit both"
case_ "stub slot out of range" "not in 0..511" "stub 600 exit _exit msg"
case_ "kernel ABI out of range" "kernel ABI '0' is not in 1..9" "kabi 0 exit 5"
case_ "wire number out of range" "wire number '300'" "kabi 2 exit 300"
case_ "kabi for no such command" "kabi names command 'nope'" "kabi 2 nope 5"
case_ "kabi not four fields" "expected: kabi N NAME NUMBER" "kabi 2 exit"

# Two commands on one wire number in one kernel ABI.
n=$((n + 1))
rm -rf "$tmp/out" && mkdir "$tmp/out"
printf '%s\n' "1 exit none int status" "2 write ssize fd fd, inbuf(count) buf, size count" \
	"kabi 2 write 1" > "$tmp/clash.master"
if awk -v outdir="$tmp/out" -f "$gen" "$tmp/clash.master" 2>"$tmp/err"; then
	echo "not ok $n - a wire number used twice in one kernel ABI: accepted"
	fails=$((fails + 1))
elif grep -q "kernel ABI 2 gives wire number 1 to both 'exit' and 'write'" "$tmp/err" && [ -z "$(ls "$tmp/out")" ]; then
	echo "ok $n - a wire number used twice in one kernel ABI is refused"
else
	echo "not ok $n - a wire number used twice: got '$(cat "$tmp/err")'"
	fails=$((fails + 1))
fi

n=$((n + 1))
if awk -v outdir="$tmp/out2" -f "$gen" /dev/null 2>/dev/null; then
	echo "not ok $n - an empty file is accepted"
else
	mkdir -p "$tmp/out2"
	printf '%s\n' "1 exit none int status" "2 write ssize fd fd, inbuf(count) buf, size count" \
		"stub 0 exit _exit msg" > "$tmp/good.master"
	if awk -v outdir="$tmp/out2" -f "$gen" "$tmp/good.master" 2>"$tmp/err" &&
	    grep -q "VK_SYS_write	2" "$tmp/out2/vk_sysmsg.h"; then
		echo "ok $n - an empty file is refused and a good one generates vk_sysmsg.h"
	else
		echo "not ok $n - good file: $(cat "$tmp/err")"
	fi
fi
