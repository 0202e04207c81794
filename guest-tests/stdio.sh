#!/bin/sh
# guest-tests/stdio.sh: stdin and stdout through libc's stdio, byte for byte.
#
# Pins down, with cat.elf (fread/fwrite on stdin and stdout, fopen for named
# files): 1 MiB of random bytes (NULs, CRs, no final newline) copied from a
# redirected stdin, from a pipe (short reads) and from a named file comes
# out identical (cmp); an empty stdin gives empty output; text without a
# final newline still comes out whole at exit (stdout is line-buffered and
# flushed by exit); several files are concatenated in order; a missing file
# among them is reported on stderr ("cat: NAME: ENOENT (2)") while the
# others are still copied, and the exit status is 1.
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

C=$GUEST_DIR/cat.elf
T=$TAP_TMP

head -c 1048576 /dev/urandom >"$T/random"
is "$(wc -c <"$T/random" | tr -d ' ')" 1048576 "1 MiB of random input"

"$VKRUN" "$C" <"$T/random" >"$T/out1" 2>"$T/err1"
ok $? "stdin to stdout: exit 0"
cmp -s "$T/random" "$T/out1"
ok $? "stdin to stdout: 1 MiB byte for byte"
is "$(cat "$T/err1")" "" "stdin to stdout: nothing on stderr"

cat "$T/random" | "$VKRUN" "$C" >"$T/out2" 2>/dev/null
ok $? "a pipe to stdout: exit 0"
cmp -s "$T/random" "$T/out2"
ok $? "a pipe to stdout: 1 MiB byte for byte"

"$VKRUN" "$C" "$T/random" >"$T/out3" </dev/null 2>/dev/null
ok $? "a named file to stdout: exit 0"
cmp -s "$T/random" "$T/out3"
ok $? "a named file to stdout: 1 MiB byte for byte"

"$VKRUN" "$C" </dev/null >"$T/out4" 2>/dev/null
ok $? "empty stdin: exit 0"
is "$(wc -c <"$T/out4" | tr -d ' ')" 0 "empty stdin: empty output"

printf 'no newline at the end' >"$T/text"
"$VKRUN" "$C" <"$T/text" >"$T/out5" 2>/dev/null
cmp -s "$T/text" "$T/out5"
ok $? "text without a final newline is flushed at exit"

printf 'one\n' >"$T/a"
printf 'two\nthree' >"$T/b"
run "$VKRUN" "$C" "$T/a" "$T/missing" "$T/b"
is "$status" 1 "a missing file among others: exit 1"
is "$out" "one
two
three" "a missing file among others: the others are copied, in order"
is "$err" "cat: $T/missing: ENOENT (2)" "a missing file among others: one line on stderr"

done_testing
