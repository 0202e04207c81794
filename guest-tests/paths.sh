#!/bin/sh
# guest-tests/paths.sh: with --root DIR, every guest path stays inside DIR.
#
# Pins down: the program itself is looked up inside the root; an absolute
# path names a file under the root; "..", however many, stops at the root
# ("/../outside.txt" is ENOENT even though that file exists next to the
# root); a symlink to "../.." or to "/" resolves to the root itself and an
# absolute symlink ("abs" -> /etc) resolves under the root, so neither leaks
# the host's files; a symlink to an absolute path inside the root works;
# relative paths start from the host cwd when it is inside the root (and
# from the root's / when it is not).  cat.elf reports failures as
# "cat: NAME: ENAME (N)" and exits 1.
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

T=$TAP_TMP
R=$T/root
mkdir "$R" "$R/sub" "$R/sub/deeper"
echo inside >"$R/inside.txt"
echo in-sub >"$R/sub/sub.txt"
echo outside >"$T/outside.txt"
ln -s ../.. "$R/up"
ln -s / "$R/slash"
ln -s /etc "$R/abs"
ln -s /inside.txt "$R/sub/link"
cp "$GUEST_DIR/cat.elf" "$R/cat.elf"
cp "$GUEST_DIR/cat.elf" "$T/outside-cat.elf"

# reads PATH WANT: cat.elf inside the root reads PATH and gets WANT.
reads() {
	run "$VKRUN" --root "$R" /cat.elf "$1"
	is "$status:$out" "0:$2" "\"$1\" reads $2"
}

# enoent PATH: cat.elf inside the root cannot open PATH.
enoent() {
	run "$VKRUN" --root "$R" /cat.elf "$1"
	is "$status:$err" "1:cat: $1: ENOENT (2)" "\"$1\" is ENOENT"
	unlike "$out" "outside|root:" "\"$1\" shows nothing from outside"
}

reads /inside.txt inside
reads inside.txt inside
reads /sub/../inside.txt inside
reads /../../../inside.txt inside
reads /sub/link inside
reads up/inside.txt inside
reads slash/sub/sub.txt in-sub
enoent /../outside.txt
enoent ../outside.txt
enoent /sub/../../outside.txt
enoent up/outside.txt
enoent slash/outside.txt
enoent up/root/inside.txt
if [ -f "$R/etc/passwd" ]; then
	skip "abs/passwd is ENOENT" "the root has etc/passwd"
else
	enoent abs/passwd
fi

run "$VKRUN" --root "$R" /outside-cat.elf /inside.txt
is "$status" 127 "a program outside the root is not found"
run "$VKRUN" --root "$R" ../outside-cat.elf /inside.txt
is "$status" 127 "a program path cannot climb out of the root"

run sh -c 'cd "$1/sub/deeper" && exec "$2" --root "$1" ../../cat.elf ../sub.txt ../../inside.txt' \
	sh "$R" "$VKRUN"
is "$status:$out" "0:in-sub
inside" "relative paths start from the cwd inside the root"

run sh -c 'cd "$1/sub" && exec "$2" --root "$1" /cat.elf ../../outside.txt' sh "$R" "$VKRUN"
is "$status:$err" "1:cat: ../../outside.txt: ENOENT (2)" \
	"from a cwd inside the root, .. still stops at the root"

run sh -c 'cd "$1" && exec "$2" --root "$1/root" cat.elf inside.txt' sh "$T" "$VKRUN"
is "$status:$out" "0:inside" "with the cwd outside the root, relative paths start at /"

done_testing
