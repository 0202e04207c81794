#!/bin/sh
# layer/libc-tests/run-dev.sh: build libc, the development shim and the libc
# test programs into a scratch directory, run each test under vkrun, and
# print one line per test ("PASS name" or "FAIL name (why)").
#
# Usage: layer/libc-tests/run-dev.sh [test ...]   (default: all of them)
#
# Environment: VKRUN (default: the in-tree ./vkrun), CC (default gcc),
# VKC_DEV_OUT (build directory, default /tmp/vkc-dev).  By default libc is
# built with -DVK_LIBC_NO_TLS and linked with shim.c and the test runtime
# (guest-tests/rt/vkrt.c) instead of the real layer; vkrt's own memcpy,
# strlen and friends are made local to it so that the tests exercise
# libc's.  With VKC_STUBS set to the layer's stub object (for example
# layer/sdk/abi1/stubs.o of a built tree), libc is built for real (errno
# through %gs) and the tests are linked with the stubs and run on the real
# layer, found in VKC_LAYER_DIR (default: the in-tree layer/).  Each test runs in a fresh empty directory, like scripts/run-guest
# runs guest tests, with GUEST_TEST_NAME set to its name; it passes when it
# exits 0 with "passed" as the last line of its stdout, except assert_fails,
# which must die like abort() (status 134) with the assertion message on
# stderr.  Exits 1 if any test failed.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
out=${VKC_DEV_OUT:-/tmp/vkc-dev}
cc=${CC:-gcc}
vkrun=${VKRUN:-$top/vkrun}
tests=${*:-"printf_format stdio_files malloc_stress string_funcs stdlib_conv ctype_env
	time_funcs sscanf_fields getopt_args abi_types startup assert_fails"}

cflags="-m32 -ffreestanding -fno-pic -fno-pie -fno-stack-protector
	-fno-asynchronous-unwind-tables -march=i686 -O2
	-nostdinc -isystem $($cc -m32 -print-file-name=include) -I$top/layer/include
	-Wall -Wextra"
ldflags="-m32 -nostdlib -static -no-pie -Wl,--build-id=none"

stubs=${VKC_STUBS:-}
layer_dir=${VKC_LAYER_DIR:-$top/layer}

die() {
	echo "run-dev: $*" >&2
	exit 1
}

rm -rf "$out"
mkdir -p "$out/obj" "$out/bin" || die "cannot create $out"
# A private copy, so that a concurrent rebuild of vkrun cannot disturb a run.
cp "$vkrun" "$out/vkrun" || die "no vkrun at $vkrun"
vkrun=$out/vkrun

# libc
notls=-DVK_LIBC_NO_TLS
[ -z "$stubs" ] || notls=
for src in "$top"/layer/libc/*.c "$top"/layer/libc/*.S; do
	obj=$out/obj/$(basename "$src").o
	$cc $cflags $notls -c -o "$obj" "$src" || die "compiling $src failed"
done
ar rcs "$out/libvkc.a" "$out"/obj/*.c.o || die "ar failed"
mv "$out/obj/crt0.S.o" "$out/crt0.o"

# What provides the system calls: the real layer's stubs, or the shim and
# the test runtime under it.
if [ -n "$stubs" ]; then
	syscalls=$stubs
	layer_opt="-L $layer_dir"
else
	$cc $cflags -I"$top" -I"$top/vkernel" -c -o "$out/vkrt-full.o" \
		"$top/guest-tests/rt/vkrt.c" || die "compiling vkrt.c failed"
	objcopy --localize-symbol=strlen --localize-symbol=strcmp --localize-symbol=strncmp \
		--localize-symbol=memcmp --localize-symbol=memset --localize-symbol=memcpy \
		"$out/vkrt-full.o" "$out/vkrt.o" || die "objcopy failed"
	$cc $cflags -I"$top" -I"$top/vkernel" -c -o "$out/shim.o" \
		"$top/layer/libc-tests/shim.c" || die "compiling shim.c failed"
	syscalls="$out/shim.o $out/vkrt.o"
	layer_opt=
fi

failed=0
for t in $tests; do
	src=$top/layer/libc-tests/$t.c
	prog=$out/bin/$t.gx
	if ! $cc $cflags $ldflags -o "$prog" "$out/crt0.o" "$src" $syscalls \
	    "$out/libvkc.a" -lgcc 2>"$out/$t.build"; then
		echo "FAIL $t (does not build)"
		sed 's/^/    /' "$out/$t.build"
		failed=1
		continue
	fi
	work=$out/work-$t
	mkdir -p "$work"
	(cd "$work" && GUEST_TEST_NAME=$t timeout 300 "$vkrun" $layer_opt --root / "$prog") \
		>"$out/$t.stdout" 2>"$out/$t.stderr" </dev/null
	status=$?
	if [ "$t" = assert_fails ]; then
		if [ "$status" -eq 134 ] &&
		    [ "$(cat "$out/$t.stdout")" = "before the assertion" ] &&
		    grep -q '^Assertion failed: x == 2 && "x must be two" (.*assert_fails\.c:[0-9]*: checked)$' \
		    "$out/$t.stderr"; then
			echo "PASS $t"
		else
			echo "FAIL $t (exit $status, want 134 and the assertion message)"
			sed 's/^/    /' "$out/$t.stderr"
			failed=1
		fi
	elif [ "$status" -ne 0 ]; then
		echo "FAIL $t (exit $status)"
		tail -n 5 "$out/$t.stderr" | sed 's/^/    /'
		failed=1
	elif [ "$(tail -n 1 "$out/$t.stdout")" != passed ]; then
		echo "FAIL $t (exit 0 but no \"passed\")"
		tail -n 5 "$out/$t.stderr" | sed 's/^/    /'
		failed=1
	else
		echo "PASS $t"
	fi
done
exit $failed
