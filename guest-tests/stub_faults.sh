#!/bin/sh
# guest-tests/stub_faults.sh: a program's stub page is read+execute, and only
# its table's slots lead anywhere (docs/abi.md section 6).
#
# Pins down, with stub_poke.elf: reading a slot works (write()'s slot starts
# with the jmp, 0xe9); a store to the address of write()'s slot kills the
# process with SIGSEGV (exit 139), one line on stderr naming the signal and
# that address (from nm, when there is one), nothing more on stdout; calling
# slot 500, past the layer's table, runs into the kernel's int3 filling:
# SIGTRAP (exit 133), one line on stderr, nothing on stdout.
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

P=$GUEST_DIR/stub_poke.elf

run "$VKRUN" "$P" read
is "$status:$out" "0:e9" "a stub slot is readable: write's slot starts with jmp (e9)"

run "$VKRUN" "$P" write
is "$status" 139 "a store into a stub slot: exit 139 (SIGSEGV)"
is "$(nlines "$err")" 1 "a store into a stub slot: one line on stderr"
like "$err" "^vkrun: $(ere_quote "$P"): SIGSEGV .*eip 0x[0-9a-f]{8}.*address 0x[0-9a-f]{8}" \
	"a store into a stub slot: the line names SIGSEGV, eip and address"
is "$out" "" "a store into a stub slot: the guest stops there"
addr=
if command -v nm >/dev/null 2>&1; then
	addr=$(nm "$P" 2>/dev/null | awk '$3 == "write" { print $1 }')
fi
if [ -n "$addr" ]; then
	like "$err" "address 0x$addr" "a store into a stub slot: the address is write's slot ($addr)"
else
	skip "a store into a stub slot: the address is write's slot" "no nm"
fi

run "$VKRUN" "$P" exec
is "$status" 133 "a call past the stub table: exit 133 (SIGTRAP)"
is "$(nlines "$err")" 1 "a call past the stub table: one line on stderr"
like "$err" "^vkrun: $(ere_quote "$P"): SIGTRAP .*eip 0x[0-9a-f]{8}" \
	"a call past the stub table: the line names SIGTRAP and the eip"
is "$out" "" "a call past the stub table: the guest stops there"
unlike "$err" "Sanitizer|core dumped" "vkrun does not crash"

done_testing
