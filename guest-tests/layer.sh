#!/bin/sh
# guest-tests/layer.sh: which calls trap and which do not, from --stats.
#
# Pins down: the identity calls and the clocks are served inside the layer
# with no trap at all: layer_calls.elf making 1000 calls each of getpid,
# getppid, getuid, geteuid, getgid, getegid, time, gettimeofday and
# clock_gettime (1000 CLOCK_MONOTONIC and 1000 CLOCK_REALTIME) shows
# "int 0x81: 1" and one message (its exit), "in the layer 10000 calls
# served without a trap" and one "(in the layer)" line per call with 1000
# each (clock_gettime 2000), and no other command; with 0 calls the layer
# shows 0 and no such line.  Conversely each message call costs exactly one
# trap: devnull_rw.elf (open, 10 writes and 10 reads on /dev/null, close,
# exit) shows open 1, write 10, read 10, close 1, exit 1, 23 messages and 23
# traps, and nothing served in the layer.
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

G=$GUEST_DIR
F=$TAP_TMP/stats.txt

# counted PROGRAM [ARGS...]: run it with --stats=$F; the block is then in $S.
counted() {
	rm -f "$F"
	run "$VKRUN" --stats="$F" "$@"
	S=$(cat "$F" 2>/dev/null)
}

# in_layer NAME COUNT: the ERE of a call served in the layer.
in_layer() {
	echo "^  $1 +$2   \(in the layer\)$"
}

# row NAME COUNT ERRORS: the ERE of a message's line.
row() {
	echo "^  $1 +$2 +$3 +[0-9.]+ +[0-9]+$"
}

# rows: how many message lines the block has.
rows() {
	printf '%s\n' "$S" | grep -cE '^  [a-z_]+ +[0-9]+ +[0-9]+ +[0-9.]+ +[0-9]+$'
}

counted "$G/layer_calls.elf" 1000
is "$status" 0 "layer_calls 1000: exit 0"
like "$S" "^  traps +int 0x81: 1, int 0x80: 0$" "layer_calls: one trap, the exit"
like "$S" "^  messages +1 \(unknown commands: 0\)$" "layer_calls: one message"
like "$S" "$(row exit 1 0)" "layer_calls: the message is the exit"
is "$(rows)" 1 "layer_calls: no other message"
like "$S" "^  in the layer +10000 calls served without a trap$" "layer_calls: 10000 calls in the layer"
for c in getpid getppid getuid geteuid getgid getegid time gettimeofday; do
	like "$S" "$(in_layer "$c" 1000)" "layer_calls: $c 1000 times in the layer"
done
like "$S" "$(in_layer clock_gettime 2000)" "layer_calls: clock_gettime 2000 times in the layer (both clocks)"
is "$(printf '%s\n' "$S" | grep -c '(in the layer)$')" 9 "layer_calls: nine calls listed"

counted "$G/layer_calls.elf" 0
like "$S" "^  in the layer +0 calls served without a trap$" "no calls: 0 in the layer"
is "$(printf '%s\n' "$S" | grep -c '(in the layer)$')" 0 "no calls: none listed"

counted "$G/devnull_rw.elf"
is "$status" 0 "devnull_rw: exit 0"
like "$S" "$(row write 10 0)" "devnull_rw: write 10"
like "$S" "$(row read 10 0)" "devnull_rw: read 10"
like "$S" "$(row open 1 0)" "devnull_rw: open 1"
like "$S" "$(row close 1 0)" "devnull_rw: close 1"
like "$S" "$(row exit 1 0)" "devnull_rw: exit 1"
is "$(rows)" 5 "devnull_rw: no other message"
like "$S" "^  traps +int 0x81: 23, int 0x80: 0$" "devnull_rw: 23 traps"
like "$S" "^  messages +23 \(unknown commands: 0\)$" "devnull_rw: 23 messages, one per trap"
like "$S" "^  in the layer +0 calls served without a trap$" "devnull_rw: nothing served in the layer"

done_testing
