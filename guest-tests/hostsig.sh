#!/bin/sh
# guest-tests/hostsig.sh: SIGINT, SIGTERM and the like sent to vkrun reach
# the guests that ask for them (vkernel/signal.c), with hostsig.elf.
#
# Pins down: a guest sleeping in waitsys with a live request for SIGTERM
# (or SIGINT) wakes with it and ends normally (exit 0, "got 15"); a guest
# that computes without trapping still gets its upcall; with no request,
# vkrun ends killed by the signal as its guest would (the shell sees 128+N).
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

P=$GUEST_DIR/hostsig.elf

# bg_signal SIG MODE [WRAP...]: start vkrun hostsig MODE in the background,
# wait for "ready", send SIG to vkrun, and collect status and output.
bg_signal() {
	sig=$1 mode=$2
	shift 2
	rm -f "$TAP_TMP/bg.out"
	"$@" "$VKRUN" "$P" "$mode" >"$TAP_TMP/bg.out" 2>"$TAP_TMP/bg.err" </dev/null &
	pid=$!
	i=0
	while [ $i -lt 100 ] && ! grep -q ready "$TAP_TMP/bg.out" 2>/dev/null; do
		sleep 0.05
		i=$((i + 1))
	done
	kill -"$sig" "$pid"
	wait "$pid"
	status=$?
	out=$(cat "$TAP_TMP/bg.out")
	err=$(cat "$TAP_TMP/bg.err")
}

bg_signal TERM wait
is "$status" 0 "SIGTERM to vkrun: a guest waiting for it ends normally"
is "$out" "ready
got 15" "SIGTERM to vkrun: the guest's request is answered with signal 15"

bg_signal TERM spin
is "$status" 0 "SIGTERM to vkrun: a guest computing without traps gets its upcall"
is "$out" "ready
got 15" "SIGTERM to vkrun: the upcall says signal 15"

bg_signal TERM none
is "$status" 143 "SIGTERM to vkrun, nobody asks for it: vkrun dies of it (143)"
is "$err" "" "SIGTERM with nobody asking: nothing on stderr"

# A background job starts with SIGINT ignored; env --default-signal undoes that.
if env --default-signal=INT true 2>/dev/null; then
	bg_signal INT wait env --default-signal=INT
	is "$status:$out" "0:ready
got 2" "SIGINT to vkrun: the guest's request is answered with signal 2"
	bg_signal INT none env --default-signal=INT
	is "$status" 130 "SIGINT to vkrun, nobody asks for it: vkrun dies of it (130)"
else
	skip "SIGINT to vkrun: the guest's request is answered" "env has no --default-signal"
	skip "SIGINT to vkrun, nobody asks for it" "env has no --default-signal"
fi
unlike "$err" "Sanitizer|core dumped" "vkrun does not crash"
done_testing
