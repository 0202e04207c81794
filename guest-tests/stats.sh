#!/bin/sh
# guest-tests/stats.sh: --stats prints an exact tally when the process ends.
#
# Pins down: the block goes to stderr (or to FILE with --stats=FILE), names
# the pid, program and exit status (or the killing signal), counts int 0x81
# traps, gate refusals, waitsys and flushsys calls, and messages (total and
# unknown), says how many calls the layer served without a trap (or that
# there is no layer), and lists each command used with its count and
# errors: hello is exactly write 1 and exit 1, nothing in the layer; cat
# (stdio) of a missing file is open 1 with 1 error, write 1 (its message on
# unbuffered stderr), exit 1; gate_mix.elf makes one gate call of every
# kind; a program without the native marks gets the Linux personality.
# (layer.sh checks the counts of calls served in the layer.)
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

G=$GUEST_DIR
F=$TAP_TMP/stats.txt
W=$TAP_TMP/work
mkdir "$W"

# counted PROGRAM [ARGS...]: run PROGRAM from $W with --stats=$F; the block
# is then in $S (empty if vkrun wrote none).
counted() {
	rm -f "$F"
	run sh -c 'cd "$1" && shift && exec "$@"' sh "$W" "$VKRUN" --stats="$F" "$@"
	S=$(cat "$F" 2>/dev/null)
}

# row NAME COUNT ERRORS: the ERE of a command's line.
row() {
	echo "^  $1 +$2 +$3 +[0-9.]+ +[0-9]+$"
}

run "$VKRUN" --stats "$G/hello.gx"
is "$status" 0 "hello runs under --stats"
is "$out" "hello from a vkrun guest" "--stats leaves stdout to the guest"
like "$err" "^vkrun: stats for pid 1 \(.*hello\.gx\), exit status 0$" "the block names pid, program and status"
like "$err" "^  traps +int 0x81: 2, int 0x80: 0$" "hello: 2 int 0x81 traps"
like "$err" "^  messages +2 \(unknown commands: 0\)$" "hello: 2 messages"
like "$err" "$(row write 1 0)" "hello: write 1"
like "$err" "^  in the layer +0 calls served without a trap$" "hello: nothing served in the layer"
like "$err" "$(row exit 1 0)" "hello: exit 1"
is "$(printf '%s\n' "$err" | grep -cE '^  [a-z_]+ +[0-9]+ +[0-9]+ +[0-9.]+ +[0-9]+$')" 2 \
	"hello: no other command is listed"

counted "$G/cat.elf" missing.txt
is "$err" "cat: missing.txt: ENOENT (2)" "--stats=FILE leaves stderr to the guest"
like "$S" "exit status 1$" "cat: exit status 1"
like "$S" "$(row open 1 1)" "cat: open 1, 1 error"
like "$S" "$(row write 1 0)" "cat: write 1 (one line on unbuffered stderr)"
like "$S" "$(row exit 1 0)" "cat: exit 1"
like "$S" "^  messages +3 \(unknown commands: 0\)$" "cat: 3 messages"

counted "$G/gate_mix.elf"
is "$status" 0 "gate_mix runs"
like "$S" "^  traps +int 0x81: 6, int 0x80: 0$" "gate_mix: 6 traps"
like "$S" "^  gate +sendsys refused: 1, waitsys: 1, flushsys: 1$" "gate_mix: 1 refusal, 1 wait, 1 flush"
like "$S" "^  messages +3 \(unknown commands: 1\)$" "gate_mix: 3 messages, 1 unknown"
like "$S" "$(row getpid 1 0)" "gate_mix: getpid 1"
like "$S" "^  in the layer +0 calls served without a trap$" "gate_mix: its messages bypass the layer"

run "$VKRUN" --stats "$G/fault_div0.elf"
like "$err" "^vkrun: stats for pid 1 \(.*\), killed by signal 8$" "a fault shows as killed by signal"

# A raw program (no ABI note, no stub section) is a Linux program: it gets
# the Linux personality, not the native layer.
if [ -n "${GUEST_CC:-}" ] &&
    printf 'void _start(void) { __asm__ volatile ("hlt"); }\n' |
    $GUEST_CC -x c -nostdlib -static -no-pie -o "$TAP_TMP/raw" - 2>/dev/null; then
	run "$VKRUN" --stats "$TAP_TMP/raw"
	like "$err" "^  layer +Linux personality \(int 0x80 reflected: 0\)$" "a raw program: the Linux personality"
	like "$err" "killed by signal 11$" "a raw program: its hlt is SIGSEGV"
else
	skip "a raw program: the Linux personality" "GUEST_CC cannot link one"
	skip "a raw program: its hlt is SIGSEGV" "GUEST_CC cannot link one"
fi

done_testing
