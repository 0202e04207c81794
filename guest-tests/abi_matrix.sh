#!/bin/sh
# guest-tests/abi_matrix.sh: the ABI-mismatch experiment as tests
# (scripts/abi-matrix; docs/abi-experiments.md).
#
# Pins down, one test per cell: the frozen program-ABI-1 binaries of
# images/ and programs built from source for each program ABI pass on every
# kernel ABI through the layer; a program built with vkcc --no-layer=K
# passes on kernel ABI K and breaks (wrong answers or ENOSYS, never a vkrun
# crash) on every other; and the Markdown and HTML reports are written.
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

top_srcdir=$(cd "$GUEST_SRCDIR/.." && pwd)
top_builddir=$(cd "$(dirname "$VKRUN")" && pwd)
ABI_MATRIX_OUT=$TAP_TMP/reports
export top_srcdir top_builddir ABI_MATRIX_OUT
run env VKRUN="$VKRUN" VKCC="$top_builddir/layer/vkcc" bash "$top_srcdir/scripts/abi-matrix"
is "$status" 0 "abi-matrix: exit 0 (every layer cell passes, raw builds pass on their own ABI)"
matrix=$out

# The rows and columns, from the text table.
echo "$matrix" | awk 'NR > 2 && /^program ABI/' >"$TAP_TMP/rows"
is "$(grep -c . "$TAP_TMP/rows")" 7 "seven rows: frozen, two layer builds, four raw builds"
while IFS= read -r line; do
	name=$(printf '%s' "$line" | sed 's/  .*//')
	cells=$(printf '%s' "$line" | sed 's/^.\{52\}//')
	set -- $cells
	k=1
	for v in "$@"; do
		case $name in
		*raw\ traps\ for\ kernel\ ABI\ $k) want=pass ;;
		*raw*) want=breaks ;;
		*) want=pass ;;
		esac
		is "$v" "$want" "$name, on kernel ABI $k: $want"
		k=$((k + 1))
	done
done <"$TAP_TMP/rows"
unlike "$matrix" "VKRUN CRASHED" "no cell crashes vkrun"
ok "$([ -s "$ABI_MATRIX_OUT/abi-matrix.md" ] && echo 0 || echo 1)" "the Markdown report is written"
like "$(cat "$ABI_MATRIX_OUT/abi-matrix.html" 2>/dev/null)" "<table>" "the HTML report is written"
done_testing
