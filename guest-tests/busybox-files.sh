#!/bin/sh
# guest-tests/busybox-files.sh: busybox's file and directory applets under
# vkrun give what they give natively, byte for byte (stdout, stderr, exit
# status, and the tree they leave: see busybox-lib.sh): ls -la, stat -c,
# find, du, cp -a, mv, ln -s, readlink, chmod, touch -d, mkdir -p, rm -rf,
# with their error paths.
#
# Nothing is normalised: both runs use the same scratch path and the same
# fixed mtimes, so ls -la's sizes, modes, owners, dates and "total" lines,
# du's block counts and find's order (the host directory's order) are the
# same.  stat's format leaves out what differs between the two trees by
# nature: inode and device numbers (%i %d %D), the change and access times
# (%Z %X: the host sets them as it builds each tree).
. "${GUEST_SRCDIR:-$(dirname "$0")}/busybox-lib.sh"

STATFMT="'%n|%s|%a|%A|%F|%h|%u|%g|%U|%G|%Y|%N'"

bbc "ls -la"
bbc "ls -la sub sub/deep"
bbc "ls -lan --full-time"
bbc "ls -1aF"
bbc "ls -R"
bbc "ls -l missing text"
bbc "ls -ld sub empty ."

bbc "stat -c $STATFMT text sub sub/link exec.sh ro empty"
bbc "stat -L -c $STATFMT sub/link"
bbc "stat -c $STATFMT missing"
bbc "stat -f -c '%T' ."

bbc "find ."
bbc "find . -type f -name '*.txt'"
bbc "find . -type l"
bbc "find sub -maxdepth 1"
bbc "find . -perm -u+x -type f"
bbc "find . -size +1k"
bbc "find . -name '*.dat' -exec cat {} +"
bbc "find missing"

bbc "du -a ."
bbc "du -s sub"
bbc "du -k -c text big"

# (busybox cp -a sets no times on symbolic links)
bbt "cp -a sub copy" "bb cp -a sub copy" \
	"find copy ! -type l -printf '%p %T@\\n' | LC_ALL=C sort"
bbt "cp -a text exec.sh ro dir/" "mkdir dir && bb cp -a text exec.sh ro dir/" \
	"find dir -mindepth 1 -printf '%p %T@\\n' | LC_ALL=C sort"
bbc "cp text text2"
bbc "cp -r sub sub2"
bbc "cp missing x"
bbt "cp sub x (a directory without -r)" "bb cp sub x"

bbc "mv text moved"
bbt "mv sub empty (into a directory)" "bb mv sub empty"
bbt "mv over an existing file" "bb mv nums text && bb cat text"
bbc "mv missing x"

bbc "ln -s text lnk"
bbt "ln -s ../nums sub/up; ln -sf big sub/up" "bb ln -s ../nums sub/up && bb ln -sf big sub/up"
bbc "ln -s text nums"
bbc "ln text hard"

bbc "readlink sub/link"
bbc "readlink sub/dangling"
bbc "readlink text"
bbc "readlink -f sub/link"

bbt "chmod 640 text; chmod u+x,g=r,o= nums" "bb chmod 640 text && bb chmod u+x,g=r,o= nums"
bbc "chmod -R go-rx sub"
bbc "chmod 755 missing"

bbt "touch -d '2001-02-03 04:05:06' text new" "bb touch -d '2001-02-03 04:05:06' text new" \
	"stat -c '%n %Y' text new"
bbt "touch -c missing" "bb touch -c missing"
bbt "touch -r text nums" "bb touch -d @1000000000 text && bb touch -r text nums" \
	"stat -c '%n %Y' text nums"

bbc "mkdir -p a/b/c sub/deep/more"
bbc "mkdir sub"
bbc "mkdir -m 700 priv"
bbc "mkdir x/y"

bbc "rm -rf sub missing"
bbc "rm text nums"
bbc "rm missing"
bbc "rm sub"
bbc "rmdir empty"

done_testing
