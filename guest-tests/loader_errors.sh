#!/bin/sh
# guest-tests/loader_errors.sh: files that are not runnable i386 programs are
# refused cleanly, before anything runs.
#
# Pins down, for each bad file (all marked executable, so the loader itself
# must judge them): vkrun exits 126, writes exactly one line on stderr,
# starting "vkrun: PATH: ", nothing on stdout, and never crashes (no signal
# status, no sanitizer report).  The files: a shell script, an empty file,
# hello.gx truncated to 30 bytes, hello.gx with the ELF class byte set to
# 64-bit, with big-endian data, with e_machine x86-64, with program headers
# beyond the end of the file, with an entry point outside every segment; the
# host's own x86-64 /bin/true; a dynamically linked i386 program (when
# $GUEST_CC can link one); a directory; and a valid program without execute
# permission.
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

D=$TAP_TMP/bad
mkdir "$D"
HELLO=$GUEST_DIR/hello.gx

# patch FILE OFFSET OCTAL-ESCAPES: overwrite bytes in place.
patch() {
	printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# copy NAME: a fresh executable copy of hello.gx.
copy() {
	cp "$HELLO" "$D/$1" && chmod +x "$D/$1"
}

# refused DESCRIPTION FILE
refused() {
	run "$VKRUN" "$2"
	is "$status" 126 "$1: exit 126"
	is "$(nlines "$err")" 1 "$1: one line on stderr"
	like "$err" "^vkrun: $(ere_quote "$2"): " "$1: the line names the file"
	is "$out" "" "$1: nothing runs"
	unlike "$err" "Sanitizer|runtime error|core dumped" "$1: vkrun does not crash"
}

printf '#!/bin/sh\necho hello\n' >"$D/script"
chmod +x "$D/script"
refused "a shell script" "$D/script"

: >"$D/empty"
chmod +x "$D/empty"
refused "an empty file" "$D/empty"

dd if="$HELLO" of="$D/truncated" bs=30 count=1 2>/dev/null
chmod +x "$D/truncated"
refused "a truncated ELF header" "$D/truncated"

copy class64 && patch "$D/class64" 4 '\002'
refused "ELF class 64" "$D/class64"

copy bigendian && patch "$D/bigendian" 5 '\002'
refused "big-endian data" "$D/bigendian"

copy machine && patch "$D/machine" 18 '\076\000'
refused "e_machine x86-64" "$D/machine"

copy phoff && patch "$D/phoff" 28 '\000\000\000\100'
refused "program headers beyond the file" "$D/phoff"

copy entry && patch "$D/entry" 24 '\020\000\000\000'
refused "entry point outside every segment" "$D/entry"

if [ -x /bin/true ] && od -An -tx1 -j4 -N1 /bin/true | grep -q 02; then
	refused "the host's x86-64 /bin/true" /bin/true
else
	skip "the host's x86-64 /bin/true" "no 64-bit /bin/true here"
fi

if [ -n "${GUEST_CC:-}" ] &&
    printf 'int main(void){return 0;}\n' | $GUEST_CC -x c - -o "$D/dynamic" 2>/dev/null &&
    LC_ALL=C grep -q 'ld-linux' "$D/dynamic"; then
	refused "a dynamically linked i386 program" "$D/dynamic"
else
	skip "a dynamically linked i386 program" "GUEST_CC cannot link one"
fi

mkdir "$D/directory"
refused "a directory" "$D/directory"

cp "$HELLO" "$D/noexec"
chmod 644 "$D/noexec"
refused "a program without execute permission" "$D/noexec"

done_testing
