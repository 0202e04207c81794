#!/bin/sh
# guest-tests/doc_examples.sh: the programs in docs/examples build (the build
# does that) and print what docs/async.md says they print.
. "${GUEST_SRCDIR:-$(dirname "$0")}/tap.sh"

run "$VKRUN" "$GUEST_DIR/async-ports.elf"
is "$status" 0 "async-ports: exit 0"
is "$out" "from b (6 bytes)
from a (6 bytes)" "async-ports: replies in the order the data arrived"

run "$VKRUN" "$GUEST_DIR/async-timeout.elf"
is "$status" 0 "async-timeout: exit 0"
is "$out" "nothing written yet: Connection timed out
read 5 bytes" "async-timeout: the first read times out, the second reads"

done_testing
