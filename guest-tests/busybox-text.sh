#!/bin/sh
# guest-tests/busybox-text.sh: busybox's text applets under vkrun give what
# they give natively, byte for byte (stdout, stderr, exit status; see
# busybox-lib.sh): echo, cat, wc, head, tail, sort, uniq, cut, tr, sed,
# grep -E, awk, od, xxd, printf, expr, seq, factor, bc, including their
# error paths (a missing file, no match, a false expression).
. "${GUEST_SRCDIR:-$(dirname "$0")}/busybox-lib.sh"

bbc "echo hello,   world"
bbc "echo -n no newline"
bbc "echo -e 'tab\\there\\nline two\\0101'"

bbc "cat text nums"
bbc "cat -n text"
bbc "cat nums missing text"
bbt "cat < bin (stdin)" "bb cat <bin"

bbc "wc text nums big"
bbt "wc -l -w -c < text (stdin)" "bb wc -l -w -c <text"

bbc "head -n 3 text"
bbc "head -c 10 bin"
bbc "tail -n 2 nums"
bbc "tail -n +6 nums"
bbc "tail -c 20 big"

bbc "sort nums"
bbc "sort -n nums"
bbc "sort -r nums"
bbc "sort -k2 nums"
bbc "sort -n -k3 nums"
bbc "sort -t: -k3,3n csv"
bbc "sort -u dup"
bbc "sort -n -r -k1,1 big"

bbc "uniq dup"
bbc "uniq -c dup"
bbc "uniq -d dup"

bbc "cut -d: -f1,3,7 csv"
bbc "cut -c1-9 text"
bbc "cut -f2 -d' ' nums"

bbt "tr a-z A-Z" "bb tr a-z A-Z <text"
bbt "tr -d 0-9" "bb tr -d 0-9 <nums"
bbt "tr -s ' '" "bb tr -s ' ' <text"
bbt "tr '\\000-\\037' '[.*]'" "bb tr '\\000-\\037' '[.*]' <bin"

bbc "sed -n 2,4p text"
bbc "sed s/apple/APPLE/g nums"
bbc "sed -e '/^#/d' -e 's/[0-9][0-9]*/<&>/2' text"
bbc "sed -E 's/^([0-9]+) ([a-z]+)/\\2=\\1/' nums"
bbt "sed -i s/fox/cat/ text" "bb sed -i s/fox/cat/ text"

bbc "grep -E 'an+a|ch' nums"
bbc "grep -En '^[0-9]{2} ' nums"
bbc "grep -Eic 'QUICK|end' text"
bbc "grep -E nomatch text"
bbc "grep -E apple nums missing"
bbc "grep -Ev '^[a-z]' text"
bbc "grep -Erl bravo ."

bbc "awk '{ s += \$1 } END { print s, NR }' nums"
bbc "awk -F: '\$3 >= 1000 { printf \"%-8s %6d %s\\n\", \$1, \$3, \$NF }' csv"
bbc "awk 'BEGIN { printf \"%.6f %d %s %e\\n\", atan2(0, -1), 2^20, substr(\"abcdef\", 2, 3), 1/3 }'"
bbc "awk '{ n[\$2]++ } END { for (k in n) c++; print c; print toupper(\$2), length(\$0) }' nums"
bbc "awk 'NR % 1000 == 0 { print NR, \$2, \$3 }' big"

bbc "od -c bin"
bbc "od -An -tx1 bin"
bbc "od -tu2 -tx2 bin"
bbc "xxd bin"
bbc "xxd -p text"
bbt "xxd -r round trip" "bb xxd bin >bin.hex && bb xxd -r bin.hex >bin.back && cmp bin bin.back && echo same"

bbc "printf '%5d|%-5s|%x|%o|%e|%c|%%\\n' 42 ab 255 8 12345.678 xyz"
bbc "printf '%s=%03d\\n' a 1 b 22 c 333"
bbc "printf '%b' 'tab\\tnew\\nline\\n'"
bbc "printf '%d\\n' notanumber"

bbc "expr 6 '*' 7"
bbc "expr length hello"
bbc "expr abc123 : '[a-z]*'"
bbc "expr 3 '<' 2"
bbc "expr 1 / 0"

bbc "seq 5"
bbc "seq -s, 1 3 20"
bbc "seq -w 8 11"
bbc "seq 10 -3 1"

bbc "factor 1 2 360 97 65537 1000000007 4294967297"

bbt "bc -l < prog.bc" "bb bc -l <prog.bc"
bbt "bc: echo 'scale=20; 4*a(1)' | bc -l" "echo 'scale=20; 4*a(1)' | bb bc -l"

done_testing
