# guest-tests/busybox-lib.sh: what the busybox tests (guest-tests/busybox-*.sh)
# share: sourced, not run, and not a test itself.
#
# Each test runs one command line of Debian's static i386 busybox twice,
# natively (the host runs i386 code) and under vkrun, and compares the two
# runs byte for byte: stdout, stderr, exit status, and the state the command
# left in its scratch directory.  One TAP line per comparison, named after
# the command.
#
#   bbt NAME SCRIPT [CHECK]
#
# SCRIPT is shell text run (eval) in a fresh scratch directory made by
# bb_fixture; in it, "bb APPLET ARGS..." runs busybox, natively in the first
# run and as "$VKRUN $BB APPLET ARGS..." in the second.  Most SCRIPTs are a
# single "bb ..." line; round trips are a few.  Redirections and pipes around
# bb are the host shell's, so they are the same in both runs.  stdin is
# /dev/null unless SCRIPT redirects it.
#
# Both runs use the same scratch path ($TAP_TMP/s/w), made the same way with
# the same fixed mtimes (bb_fixture, then bb_fix_times), so even absolute
# paths, "ls -la"'s ".." line and mtimes match.  After SCRIPT the host takes a
# snapshot of the scratch tree: every entry's path, type, mode, size, link
# target and, for regular files, cksum (no times: a directory's mtime changes
# to "now" when a command adds to it, and the two runs are not at the same
# instant).  CHECK, when given, is more shell text run on the host in the
# scratch directory after SCRIPT, and its output joins the snapshot (e.g.
# stat of the times that touch -d or cp -a set).
#
# The environment is the same for both runs (TZ=UTC, LC_ALL=C, umask 022).
# A run still going after $BB_TIMEOUT seconds (default 60) is killed (status
# 124), so a hang fails instead of stopping the suite.
#
# BB_BOTH_NATIVE=1 makes the "vkrun" run native too: a check that the
# comparisons themselves are deterministic.
#
# No busybox (scripts/fetch-busybox could not fetch it: no network to
# Debian's archive, not a Debian host), or a host that cannot run i386
# programs: the whole test is skipped ("1..0 # SKIP reason").

. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

BB=$GUEST_DIR/busybox/bin/busybox
if [ ! -x "$BB" ]; then
	why=$(sed -n 's/^fetch-busybox: //p' "$GUEST_DIR/busybox-fetch.log" 2>/dev/null | tail -n 1)
	echo "1..0 # SKIP no busybox at $BB: ${why:-scripts/fetch-busybox has not fetched it}"
	exit 0
fi
if ! "$BB" true >/dev/null 2>&1; then
	echo "1..0 # SKIP this host cannot run the i386 busybox natively, so there is nothing to compare with"
	exit 0
fi

TZ=UTC
LC_ALL=C
export TZ LC_ALL
umask 022

BB_SCRATCH=$TAP_TMP/s
BB_RES=$TAP_TMP/res
BB_TIME=1700000000	# 2023-11-14 22:13:20 UTC: older than six months, so ls shows the year
mkdir -p "$BB_RES"

bb_limit=
if command -v timeout >/dev/null 2>&1; then
	bb_limit="timeout ${BB_TIMEOUT:-60}"
fi

# bb_fixture: the scratch files every test starts from, in the current
# directory.  Small and deterministic.
bb_fixture() {
	printf '%s\n' '10 banana 3' '2 apple 7' '33 cherry 1' '2 apple 7' \
		'-5 date 12' '7 elder 0' '100 fig 5' '2 apricot 9' >nums
	cat >text <<'EOF'
The quick brown fox jumps over the lazy dog.
Pack my box with five dozen liquor jugs!
	a tab-indented line, with  two  spaces
banana bandana cabana 42 and 7
# a comment line
How vexingly quick daft zebras jump; 1234567890
the end
EOF
	cat >text2 <<'EOF'
The quick brown fox jumps over the lazy cat.
Pack my box with five dozen liquor jugs!
	a tab-indented line, with  two  spaces
banana bandana cabana 42 and 7
How vexingly quick daft zebras jump; 1234567890
a new line
the end
EOF
	printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'daemon:x:1:1::/usr/sbin:/bin/false' \
		'alice:x:1000:1000:Alice A:/home/alice:/bin/bash' \
		'bob:x:1001:100:Bob B:/home/bob:/bin/zsh' 'nobody:x:65534:65534::/:/bin/false' >csv
	printf '%s\n' apple apple banana cherry cherry cherry date apple >dup
	printf 'bin\000\001\002\003\177\200\376\377 hello\r\n\tend' >bin
	# about 240 KiB of text for the compressors, dd and the checksums
	awk 'BEGIN { for (i = 1; i <= 12000; i++) printf "%d %x %o\n", i, i * 7919, i * 31 }' >big
	printf '%s\n' '2^100' 'scale=10; sqrt(2)' 'obase=16; 255' 'scale=5; 22/7' \
		'define f(n) { if (n < 2) return 1; return n * f(n - 1); }' 'f(20)' >prog.bc
	mkdir -p sub/deep empty
	printf 'alpha\n' >sub/a.txt
	printf 'bravo\ncharlie\n' >sub/deep/b.txt
	printf 'delta\n' >sub/deep/c.dat
	ln -s a.txt sub/link
	ln -s nowhere sub/dangling
	printf '#!/bin/sh\necho hi\n' >exec.sh
	chmod 755 exec.sh
	printf 'read only\n' >ro
	chmod 444 ro
}

# bb_fix_times DIR: every entry of DIR (and DIR) gets mtime and atime BB_TIME.
bb_fix_times() {
	find "$1" -exec touch -h -d "@$BB_TIME" {} +
}

# bb_snapshot: the state of the current directory (see above).
bb_snapshot() {
	find . -printf '%p %y %m %s %l\n' | LC_ALL=C sort
	find . -type f -exec cksum {} + | LC_ALL=C sort -k 3
}

# bb_run SIDE SCRIPT CHECK: one run, results in $BB_RES/SIDE.*
bb_run() {
	chmod -R u+rwx "$BB_SCRATCH" 2>/dev/null
	rm -rf "$BB_SCRATCH"
	mkdir -p "$BB_SCRATCH/w"
	(cd "$BB_SCRATCH/w" && bb_fixture)
	bb_fix_times "$BB_SCRATCH"
	if [ "$1" = native ] || [ "${BB_BOTH_NATIVE:-}" = 1 ]; then
		bb() { $bb_limit "$BB" "$@"; }
	elif [ "$1" = trace ]; then
		bb() {
			$bb_limit "$VKRUN" --trace="$(mktemp "$BB_RES/vktrace.XXXXXX")" "$BB" "$@"
		}
	else
		bb() { $bb_limit "$VKRUN" "$BB" "$@"; }
	fi
	(cd "$BB_SCRATCH/w" && eval "$2") >"$BB_RES/$1.out" 2>"$BB_RES/$1.err" </dev/null
	echo "exit status $?" >"$BB_RES/$1.status"
	(cd "$BB_SCRATCH/w" && bb_snapshot && eval "$3") >"$BB_RES/$1.state" 2>&1
}

# bb_show WHAT: the native and vkrun versions of $BB_RES/*.WHAT as a diff.
bb_show() {
	diag "$1 (--- native, +++ vkrun):"
	diff -u "$BB_RES/native.$1" "$BB_RES/vkrun.$1" | sed -n '3,40p' | sed 's/^/# /'
}

bbt() {
	bb_run native "$2" "${3:-}"
	bb_run vkrun "$2" "${3:-}"
	bad=
	for w in status out err state; do
		cmp -s "$BB_RES/native.$w" "$BB_RES/vkrun.$w" || bad="$bad $w"
	done
	# (tap.sh's pass and fail echo the name, and dash's echo would turn the
	# backslashes of a command line into control characters)
	tap_n=$((tap_n + 1))
	if [ -z "$bad" ]; then
		printf 'ok %d - %s\n' "$tap_n" "$1"
	else
		printf 'not ok %d - %s\n' "$tap_n" "$1"
		diag "differs:$bad"
		for w in $bad; do
			bb_show "$w"
		done
		bb_enosys "$2"
	fi
}

# bb_enosys SCRIPT: after a difference, run SCRIPT's vkrun side again with
# --trace and name the Linux calls that vkrun answered ENOSYS, as a hint to
# what is missing; but not those every busybox run meets and gets past
# (those of "busybox true": rseq, which vkrun refuses on purpose, and so on).
bb_enosys() {
	[ "${BB_BOTH_NATIVE:-}" = 1 ] && return
	if [ -z "${bb_baseline+set}" ]; then
		rm -f "$BB_RES"/vktrace.*
		bb_run trace "bb true" ""
		bb_baseline=$(bb_enosys_calls)
	fi
	rm -f "$BB_RES"/vktrace.*
	bb_run trace "$1" ""
	calls=$(bb_enosys_calls | grep -vxF -e "${bb_baseline:-.}" | awk '{ printf "%s%s", sep, $0; sep = ", " }')
	[ -z "$calls" ] || diag "ENOSYS under vkrun: $calls"
}

# bb_enosys_calls: the Linux calls answered ENOSYS in $BB_RES/vktrace.*, one
# a line, named from the host's asm/unistd_32.h when vkrun does not know them.
bb_enosys_calls() {
	unistd=
	for f in /usr/include/asm/unistd_32.h /usr/include/*/asm/unistd_32.h; do
		[ -f "$f" ] && unistd=$f && break
	done
	cat "$BB_RES"/vktrace.* 2>/dev/null | awk -v unistd="$unistd" '
		BEGIN {
			while (unistd != "" && (getline l <unistd) > 0)
				if (l ~ /^#define __NR_/) {
					split(l, w, " ")
					nr[w[3]] = substr(w[2], 6)
				}
		}
		$2 == "linux" && / via / {
			call = $3
			sub(/\(.*/, "", call)
			if (call == "?" && match($0, /nr=[0-9]+/)) {
				n = substr($0, RSTART + 3, RLENGTH - 3)
				call = (n in nr) ? nr[n] " (" n ")" : "nr " n
			}
		}
		$2 == "linux" && / = -1 ENOSYS/ && !seen[call]++ { print call }'
}

# bbc COMMAND [CHECK]: bbt for the common case, one busybox command line
# (shell words, as typed after "busybox") that is also the test's name.
bbc() {
	bbt "$1" "bb $1" "${2:-}"
}
