#!/bin/sh
# guest-tests/faults.sh: a guest that faults dies as Linux would kill it.
#
# Pins down, for each CPU fault: vkrun's exit status is 128 + the signal
# Linux sends (NULL store: SIGSEGV 139; divide error: SIGFPE 136; ud2:
# SIGILL 132; hlt in ring 3: SIGSEGV 139; a store into .rodata or .text:
# SIGSEGV 139); stderr holds exactly one line, "vkrun: PROGRAM: SIGNAME ..."
# with the eip (and for memory faults the address); the guest does not run
# on past the fault (nothing on stdout); vkrun itself never crashes.
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

G=$GUEST_DIR

# check_fault DESCRIPTION STATUS ERE PROGRAM [ARGS...]
check_fault() {
	desc=$1 want=$2 ere=$3
	shift 3
	run "$VKRUN" "$@"
	is "$status" "$want" "$desc: exit status $want"
	is "$(nlines "$err")" 1 "$desc: one line on stderr"
	like "$err" "^vkrun: $(ere_quote "$1"): $ere" "$desc: the line names the signal"
	is "$out" "" "$desc: the guest stops at the fault"
	unlike "$err" "Sanitizer|core dumped" "$desc: vkrun does not crash"
}

check_fault "NULL store" 139 \
	"SIGSEGV .*eip 0x[0-9a-f]{8}.*address 0x00000000" "$G/fault_segv.elf"
check_fault "divide by zero" 136 "SIGFPE .*eip 0x[0-9a-f]{8}" "$G/fault_div0.elf"
check_fault "ud2" 132 "SIGILL .*eip 0x[0-9a-f]{8}" "$G/fault_ud2.elf"
check_fault "hlt in ring 3" 139 "SIGSEGV .*eip 0x[0-9a-f]{8}" "$G/fault_hlt.elf"
check_fault "store into .rodata" 139 "SIGSEGV .*eip 0x[0-9a-f]{8}.*address 0x" "$G/fault_ro.elf"
check_fault "store into .text" 139 "SIGSEGV .*eip 0x[0-9a-f]{8}.*address 0x" "$G/fault_ro.elf" text

done_testing
