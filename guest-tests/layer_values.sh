#!/bin/sh
# guest-tests/layer_values.sh: the values the layer serves without a trap are
# the host's.
#
# Pins down (the checks are in layer_values.c, which prints "passed" last):
# getpid() is 1; getuid, geteuid, getgid and getegid are the ids of the
# shell that runs vkrun (id -ru, -u, -rg, -g, passed as HOST_* variables);
# CLOCK_REALTIME is within 2 s of the host's `date +%s` taken just before;
# CLOCK_MONOTONIC never decreases over 100000 reads; gettimeofday and time
# agree with CLOCK_REALTIME.  And the program can fail: told a wrong uid or
# a date an hour off, it exits 1 with a FAIL line.
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

P=$GUEST_DIR/layer_values.elf
ruid=$(id -ru) euid=$(id -u) rgid=$(id -rg) egid=$(id -g)

# values VKRUN-ARGS... -- PROGRAM-ARGS...: run it with the ids passed in.
values() {
	run "$VKRUN" -E HOST_UID="$ruid" -E HOST_EUID="$euid" -E HOST_GID="$rgid" \
	    -E HOST_EGID="$egid" "$@"
}

values "$P" "$(date +%s)"
is "$status" 0 "the layer's values: exit 0"
is "$(printf '%s\n' "$out" | tail -n 1)" passed "the layer's values: passed"
is "$err" "" "the layer's values: no FAIL line"

values -E HOST_UID=$((ruid + 1)) "$P" "$(date +%s)"
is "$status" 1 "a wrong uid is noticed: exit 1"
like "$err" "^FAIL .*getuid" "a wrong uid is noticed: a FAIL line"

values "$P" "$(($(date +%s) - 3600))"
is "$status" 1 "a clock an hour off is noticed: exit 1"
like "$err" "^FAIL .*CLOCK_REALTIME" "a clock an hour off is noticed: a FAIL line"

done_testing
