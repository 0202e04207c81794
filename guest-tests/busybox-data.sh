#!/bin/sh
# guest-tests/busybox-data.sh: busybox's checksum, compression, archive and
# byte-copying applets, and date, under vkrun give what they give natively,
# byte for byte (stdout, stderr, exit status and the files they write; see
# busybox-lib.sh): sha256sum, md5sum (and -c), gzip/gunzip and
# bzip2/bunzip2 round trips (streams and files in place: the compressed bytes
# must match too), tar create, list and extract, dd, diff -u, date -u -d @N.
. "${GUEST_SRCDIR:-$(dirname "$0")}/busybox-lib.sh"

bbc "sha256sum text nums bin big"
bbt "sha256sum -c" "bb sha256sum text big >sums && bb sha256sum -c sums"
bbt "sha256sum < big (stdin)" "bb sha256sum <big"
bbc "sha256sum missing"
bbc "md5sum text nums bin big"
bbt "md5sum -c (one mismatch)" "bb md5sum text nums >sums && echo changed >>nums && bb md5sum -c sums"

bbt "gzip -c | gunzip -c round trip" \
	"bb gzip -c big >big.gz && bb gunzip -c big.gz >big.out && cmp big big.out && bb od -An -tx1 -N16 big.gz"
bbt "gzip -9 FILE; gunzip FILE.gz (in place)" \
	"bb gzip -9 text && ls && bb gunzip text.gz && ls"
bbt "gzip -d corrupt input" "printf 'not gzip data\\n' >bad.gz && bb gzip -d -c bad.gz"
bbt "bzip2 -c | bunzip2 -c round trip" \
	"bb bzip2 -c big >big.bz2 && bb bunzip2 -c big.bz2 >big.out && cmp big big.out && bb od -An -tx1 -N16 big.bz2"
bbt "bzip2 FILE; bunzip2 FILE.bz2 (in place)" \
	"bb bzip2 text && ls && bb bunzip2 text.bz2 && ls"

bbt "tar -cf (create) and -tvf (list)" "bb tar -cf t.tar sub text bin exec.sh empty && bb tar -tvf t.tar"
bbt "tar -tf (list)" "tar -cf t.tar sub text && bb tar -tf t.tar"
bbt "tar -xvf (extract)" "bb tar -cf t.tar sub text exec.sh && mkdir x && cd x && bb tar -xvf ../t.tar" \
	"find x -type f -printf '%p %T@\\n' | LC_ALL=C sort"	# (busybox tar sets no directory times)
bbt "tar -cf - (to a pipe) | tar -tvf -" "bb tar -cf - sub nums | bb tar -tvf -"

bbt "dd bs=100 skip=3 count=5" "bb dd if=big of=part bs=100 skip=3 count=5 status=noxfer"
bbt "dd conv=ucase,swab seek=2" "bb dd if=text of=out conv=ucase,swab bs=7 seek=2 status=noxfer"
bbt "dd from stdin to stdout" "bb dd bs=1000 count=3 status=noxfer <big"

bbc "diff -u text text2"
bbc "diff -u text text"
bbc "diff -u text missing"
bbc "diff -ur sub sub"

bbc "date -u -d @0"
bbc "date -u -d @1234567890"
bbc "date -u -d @2147483647 '+%s %Y-%m-%dT%H:%M:%S %j %a %b %Z'"
bbc "date -u -d @-86400 +%F"
bbc "date -u -d 2001-02-03T04:05:06 +%s"

done_testing
