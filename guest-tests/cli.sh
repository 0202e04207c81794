#!/bin/sh
# guest-tests/cli.sh: vkrun's command-line contract.
#
# Pins down: --help (exit 0, the usage line on stdout); --version (exit 0,
# "vkrun 0.1.0" first); misuse exits 125 with a "vkrun: " message and a
# pointer to --help (unknown option, missing option argument, no program,
# a root that does not exist); a missing program exits 127 with
# "vkrun: NAME: No such file or directory"; options after the program name
# belong to the guest, and "--" ends vkrun's options; the guest's exit status
# passes through unchanged.
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

G=$GUEST_DIR

run "$VKRUN" --help
is "$status" 0 "--help exits 0"
is "$(printf '%s\n' "$out" | head -n 1)" "Usage: vkrun [options] program [args...]" \
	"--help starts with the usage line"
is "$err" "" "--help writes nothing on stderr"

run "$VKRUN" --version
is "$status" 0 "--version exits 0"
is "$(printf '%s\n' "$out" | head -n 1)" "vkrun 0.1.0" "--version names vkrun 0.1.0 first"

run "$VKRUN" --bogus-option "$G/exit_code.elf" 0
is "$status" 125 "an unknown option exits 125"
like "$err" "(^|/)vkrun: .*bogus-option" "an unknown option is named on stderr"
like "$err" "Try 'vkrun --help'" "an unknown option points at --help"
is "$out" "" "an unknown option prints nothing on stdout"

run "$VKRUN" -E
is "$status" 125 "an option missing its argument exits 125"

run "$VKRUN"
is "$status" 125 "no program exits 125"
like "$err" "^vkrun: " "no program: a vkrun: message"
like "$err" "Try 'vkrun --help'" "no program points at --help"

run "$VKRUN" --root "$TAP_TMP/no-such-root" "$G/exit_code.elf" 0
is "$status" 125 "a root that does not exist exits 125"
like "$err" "^vkrun: " "a bad root: a vkrun: message"

run "$VKRUN" "$TAP_TMP/no-such-program"
is "$status" 127 "a missing program exits 127"
is "$err" "vkrun: $TAP_TMP/no-such-program: No such file or directory" \
	"a missing program: one line naming it"

run "$VKRUN" "$G/print_args.elf" --help x
is "$status" 0 "options after the program go to the guest: exit 0"
is "$out" "--help
x" "options after the program go to the guest: argv"

run "$VKRUN" -- "$G/print_args.elf" -E y
is "$out" "-E
y" "-- ends vkrun's options"

run "$VKRUN" -- --help
is "$status" 127 "after --, --help is a program name"
is "$err" "vkrun: --help: No such file or directory" "after --, --help is looked up as a file"

run sh -c 'cd "$1" && exec "$2" ./print_args.elf rel' sh "$G" "$VKRUN"
is "$out" "rel" "a relative program path is found from the current directory"

for code in 0 1 42 255; do
	run "$VKRUN" "$G/exit_code.elf" "$code"
	is "$status" "$code" "exit status $code passes through"
done

done_testing
