#!/bin/sh
# guest-tests/trace.sh: --trace logs every message, one decoded line each.
#
# Pins down the line format "[PID] command(arg=value, ...) = result": hello's
# whole trace is its write (the buffer shown as an escaped string) and its
# exit; --trace=FILE writes only to FILE and leaves the guest's stdout and
# stderr alone, --trace alone writes to stderr; failures read
# "= -1 ENAME (text)"; outputs follow as "{sec=..., nsec=...}" (and stat's
# as "{dev=..., ...}"); open flags, clocks, prot and map flags are decoded
# symbolically; buffers longer than 32 bytes are cut with "..."; unknown
# commands, gate refusals and faults get a line too; a trace file that
# cannot be created is misuse (125).  For programs built with vkcc, the
# trace shows the messages the layer sends and nothing of the calls it
# serves itself: 100 calls of each identity and clock function leave only
# the exit, and time.gx's CLOCK_MONOTONIC and CLOCK_REALTIME calls never
# appear while its CPU-time and bad clocks do.
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

G=$GUEST_DIR
F=$TAP_TMP/trace.log
W=$TAP_TMP/work
mkdir "$W"

# traced PROGRAM [ARGS...]: run PROGRAM from $W with --trace=$F; the trace
# is then in $T (empty if vkrun wrote none).
traced() {
	rm -f "$F"
	run sh -c 'cd "$1" && shift && exec "$@"' sh "$W" "$VKRUN" --trace="$F" "$@"
	T=$(cat "$F" 2>/dev/null)
}

HELLO_TRACE='[1] write(fd=1, buf="hello from a vkrun guest\n", count=25) = 25
[1] exit(status=0)'

traced "$G/hello.gx"
is "$status" 0 "hello runs under --trace=FILE"
is "$out" "hello from a vkrun guest" "the guest's stdout is untouched"
is "$err" "" "--trace=FILE writes nothing on stderr"
is "$T" "$HELLO_TRACE" "hello's trace is its write and its exit"

run "$VKRUN" --trace "$G/hello.gx"
is "$out" "hello from a vkrun guest" "--trace: stdout is the guest's alone"
is "$err" "$HELLO_TRACE" "--trace without =FILE writes to stderr"

traced "$G/cat.elf" missing.txt
is "$status" 1 "cat of a missing file exits 1"
like "$T" '^\[1\] open\(path="missing\.txt", flags=O_RDONLY, mode=0666\) = -1 ENOENT \(No such file or directory\)$' \
	"a failure reads = -1 ENOENT (text)"
is "$(printf '%s\n' "$T" | tail -n 1)" "[1] exit(status=1)" "the trace ends with the exit"

printf '0123456789012345678901234567890123456789' >"$W/forty.txt"
traced "$G/cat.elf" forty.txt
like "$T" '^\[1\] write\(fd=1, buf="01234567890123456789012345678901"\.\.\., count=40\) = 40$' \
	"a buffer longer than 32 bytes is cut with ..."

traced "$G/time.gx"
like "$T" '^\[1\] clock_gettime\(clock=CLOCK_PROCESS_CPUTIME_ID\) = 0 \{sec=[0-9]+, nsec=[0-9]+\}$' \
	"outputs follow the result in braces"
like "$T" '^\[1\] clock_gettime\(clock=99\) = -1 EINVAL \(Invalid argument\)$' \
	"an unknown clock is shown as a number"
unlike "$T" 'CLOCK_MONOTONIC|CLOCK_REALTIME' "the clocks served in the layer send no message"

traced "$G/layer_calls.elf" 100
is "$status:$T" "0:[1] exit(status=0)" "calls served in the layer leave only the exit in the trace"

traced "$G/stat.gx"
like "$T" '^\[1\] statel\(dirfd=-100, path="stat\.tmp", flags=0, buf=0x[0-9a-f]{8}, size=256\) = [0-9]+ \{ST_MODE=0100[0-7]{3}, ST_SIZE=13, ST_INO=[0-9]+, ST_DEV=[0-9]+, ST_NLINK=1, ' \
	"stat's element list is listed tag by tag (kernel ABI 2's order)"
like "$T" '^\[1\] getcwd\(buf=0x[0-9a-f]{8}, size=[0-9]+\) = -1 ERANGE \(Numerical result out of range\)$' \
	"getcwd into a small buffer: ERANGE"

traced "$G/mmap.gx"
like "$T" '^\[1\] mmap\(addr=0x00000000, len=4096, prot=PROT_READ\|PROT_WRITE, flags=MAP_PRIVATE\|MAP_ANONYMOUS, fd=-1, offset=0\) = 0x[0-9a-f]{8}$' \
	"mmap's prot and flags are decoded"

traced "$G/gate.gx"
like "$T" '^\[1\] #200\(size=32\) = -1 ENOSYS \(Function not implemented\)$' \
	"an unknown command gets a line"
like "$T" '^\[1\] sendsys\(port=0x00000000, msg=0x00000010, size=40\) = EFAULT \(Bad address\)' \
	"a gate refusal gets a line"

traced "$G/fault_segv.elf"
like "$T" '^\[1\] killed by SIGSEGV at eip 0x[0-9a-f]{8}$' "a fault ends the trace"

run "$VKRUN" --trace="$TAP_TMP/no/such/dir/trace.log" "$G/hello.gx"
is "$status" 125 "an unwritable trace file exits 125"
like "$err" "^vkrun: .*trace" "an unwritable trace file is named"
is "$out" "" "with an unwritable trace file the guest does not run"

done_testing
