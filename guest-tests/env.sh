#!/bin/sh
# guest-tests/env.sh: the guest's environment, as vkrun builds it.
#
# Pins down: by default the host environment passes through unchanged (PATH
# and a variable set just for the run both arrive); -E/--env VAR=VALUE adds a
# variable or replaces one (never two copies, the last -E wins); -U/--unset
# removes one (unknown names are fine); -i/--empty-env starts from nothing,
# wherever it appears among the options, and -E still adds to it; -E
# without "=" is misuse (125).
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

P=$GUEST_DIR/print_env.elf

run env VK_ENV_PROBE='a b=c' "$VKRUN" "$P"
is "$status" 0 "print_env runs"
like "$out" "^PATH=" "the host PATH passes through"
like "$out" "^VK_ENV_PROBE=a b=c$" "a host variable passes through unchanged"
is "$(printf '%s\n' "$out" | sort)" "$(env VK_ENV_PROBE='a b=c' env | sort)" \
	"the guest sees exactly the host environment"

run "$VKRUN" -E FOO=bar "$P"
like "$out" "^FOO=bar$" "-E adds a variable"

run env FOO=host "$VKRUN" -E FOO=bar --env FOO=baz "$P"
is "$(printf '%s\n' "$out" | grep -c '^FOO=')" 1 "-E replaces, never duplicates"
like "$out" "^FOO=baz$" "the last -E wins"

run env HOME=/home/someone "$VKRUN" -U HOME "$P"
unlike "$out" "^HOME=" "-U removes a variable"
like "$out" "^PATH=" "-U leaves the others"

run "$VKRUN" --unset VK_NOT_SET_ANYWHERE "$P"
is "$status" 0 "-U of an unknown variable is fine"

run "$VKRUN" -i "$P"
is "$status" 0 "-i: exit 0"
is "$out" "" "-i gives an empty environment"

run "$VKRUN" -E A=1 --empty-env -E B=2 "$P"
is "$out" "A=1
B=2" "-i applies first wherever it appears; -E adds in order"

run "$VKRUN" -E NOEQUALS "$P"
is "$status" 125 "-E without = exits 125"
like "$err" "^vkrun: " "-E without =: a vkrun: message"

done_testing
