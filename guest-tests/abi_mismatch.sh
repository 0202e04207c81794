#!/bin/sh
# guest-tests/abi_mismatch.sh: a native program whose ABI has no layer image
# is refused with a clear one-line error (docs/abi.md sections 6 and 9).
#
# Pins down: with --layer-dir naming an empty directory, hello.gx (program
# ABI 1) exits 126 with the one line "vkrun: PROG: no layer image for
# program ABI 1 on kernel ABI 2 (available in DIR: none)" (kernel ABI 2 is
# the default, 1 with --kernel-abi 1); a copy of hello.gx whose ABI note
# descriptor (section .note.vkrun: 12-byte header, the name "vkrun" padded
# to 8, then the descriptor) is patched to 9, an ABI nobody built, exits 126
# with "no layer image for program ABI 9 on kernel ABI 2 (available in
# BUILD/layer: p1-k1, p1-k2, ...)", found in the build tree's layer/ by
# default and in a --layer-dir just the same; patched to 0 it is refused as
# malformed (126, one line); and an image whose note names another pair
# than its file name (layer-p1-k2.vkl copied as layer-p9-k2.vkl) is refused
# too.  Nothing ever runs: stdout stays empty.
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

HELLO=$GUEST_DIR/hello.gx
LAYERS=$(cd "$(dirname "$VKRUN")" && pwd)/layer
D=$TAP_TMP
mkdir "$D/empty" "$D/fake"

# refused DESCRIPTION PROGRAM ERE [VKRUN-OPTIONS...]
refused() {
	desc=$1 prog=$2 ere=$3
	shift 3
	run "$VKRUN" "$@" "$prog"
	is "$status" 126 "$desc: exit 126"
	is "$(nlines "$err")" 1 "$desc: one line on stderr"
	like "$err" "^vkrun: $(ere_quote "$prog"): $ere" "$desc: the line says why"
	is "$out" "" "$desc: nothing runs"
}

refused "no image in --layer-dir" "$HELLO" \
	"no layer image for program ABI 1 on kernel ABI 2 \(available in $(ere_quote "$D/empty"): none\)$" \
	--layer-dir "$D/empty"
like "$err" "none" "no image in --layer-dir: the line says none"
refused "no image in --layer-dir, kernel ABI 1" "$HELLO" \
	"no layer image for program ABI 1 on kernel ABI 1 \(available in $(ere_quote "$D/empty"): none\)$" \
	--layer-dir "$D/empty" --kernel-abi 1

# The ABI note's descriptor: 20 bytes into section .note.vkrun.
off=
if command -v readelf >/dev/null 2>&1; then
	off=$(readelf -SW "$HELLO" 2>/dev/null |
	    sed -n 's/^.*\] \.note\.vkrun  *NOTE  *[0-9a-f]*  *\([0-9a-f]*\) .*$/\1/p')
fi
if [ -z "$off" ]; then
	for t in "ABI 9: exit 126" "ABI 9 in the build tree" "ABI 9 with --layer-dir" \
	    "ABI 0 is malformed" "an image under another pair's name"; do
		skip "$t" "no readelf, or no .note.vkrun in hello.gx"
	done
	done_testing
fi
off=$(printf '%d' "0x$off")
is "$(od -An -tx1 -j "$off" -N 24 "$HELLO" | tr -d ' \n')" \
	"060000000400000001000000766b72756e00000001000000" \
	"hello.gx's note: namesz 6, descsz 4, type 1, \"vkrun\", ABI 1"

# abi COPY BYTES: a copy of hello.gx with its note's descriptor set to BYTES.
abi() {
	cp "$HELLO" "$D/$1" && chmod +x "$D/$1" &&
	printf "$2" | dd of="$D/$1" bs=1 seek=$((off + 20)) conv=notrunc 2>/dev/null
}

abi abi9 '\011\000\000\000'
is "$(od -An -tx1 -j $((off + 20)) -N 4 "$D/abi9" | tr -d ' \n')" 09000000 "the copy says ABI 9"
refused "ABI 9 in the build tree" "$D/abi9" \
	"no layer image for program ABI 9 on kernel ABI 2 \(available in .*: p1-k1, p1-k2[,)]"
like "$err" "available in $(ere_quote "$LAYERS"): p1-k1, p1-k2[,)]" "ABI 9: the directory is the build tree's layer/"
refused "ABI 9 with --layer-dir" "$D/abi9" \
	"no layer image for program ABI 9 on kernel ABI 1 \(available in $(ere_quote "$LAYERS"): p1-k1, p1-k2[,)]" \
	--layer-dir "$LAYERS" --kernel-abi 1

abi abi0 '\000\000\000\000'
refused "ABI 0 is malformed" "$D/abi0" "."
unlike "$err" "no layer image" "ABI 0: refused before any layer is looked for"

cp "$LAYERS/layer-p1-k2.vkl" "$D/fake/layer-p9-k2.vkl"
run "$VKRUN" --layer-dir "$D/fake" "$D/abi9"
is "$status" 126 "an image under another pair's name: exit 126"
is "$err" "vkrun: $D/fake/layer-p9-k2.vkl: bad layer image: its note says program ABI 1, kernel ABI 2" \
	"an image under another pair's name: one line naming the image and its note"
is "$out" "" "an image under another pair's name: nothing runs"
unlike "$err" "Sanitizer|runtime error|core dumped" "vkrun does not crash"

done_testing
