#!/bin/sh
# guest-tests/busybox-sh.sh: busybox's shell under vkrun, where every process
# of a pipeline or a command substitution is a process of the same vkrun
# (fork, execve of /proc/self/exe, wait4, pipes that block the reader or the
# writer in vkrun's scheduler), gives what it gives natively, byte for byte:
# pipelines, command substitution, && and ||, while loops calling applets,
# exit codes, a pipeline 20 processes deep, tar c | tar t, and a shell that
# forks a hundred children and reaps them, a child that dies of SIGSEGV
# (its parent sees the signal and goes on), kill to other processes, and a
# busy background loop that does not starve a sleeping shell.  (A background job killed by a signal is
# reported by the shell from its SIGCHLD handler: the signals issue.)  (The shell's own "wait" builtin
# needs rt_sigsuspend and SIGCHLD: the signals issue.)
. "${GUEST_SRCDIR:-$(dirname "$0")}/busybox-lib.sh"

bbc "sh -c 'echo hi | wc -c'"
bbc "sh -c 'find . -type f | sort | head -3'"
bbc "sh -c 'x=\$(echo hello | tr a-z A-Z); echo got \$x'"
bbc "sh -c 'false && echo no || echo yes; true && echo and'"
bbc "sh -c 'exit 7'"
bbc "sh -c 'nosuchcommand; echo status \$?'"
bbc "sh -c 'for f in nums csv dup; do wc -l \$f; done'"
bbc "sh -c 'i=0; while [ \$i -lt 5 ]; do echo line \$i | cut -c1-6; i=\$((i+1)); done'"
bbc "sh -c 'tar cf - sub | tar tf - | sort'"
bbc "sh -c 'cat big | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | wc -l'"
bbc "sh -c 'seq 1 100 | while read n; do echo \$((n * n)); done | tail -2'"
bbc "sh -c 'for i in \$(seq 1 50); do echo \$i | cat >/dev/null; done; echo reaped'"
bbc "sh -c 'sort -n nums | uniq -c | sort -rn | head -2'"
bbc "sh -c 'sh -c \"kill -SEGV \\\$\\\$\"; echo status \$?; echo sibling | cat'"
bbc "sh -c 'kill 4242; echo none \$?; sh -c \"sh -c \\\"kill -TERM \\\$\\\$\\\"; echo notreached\"; echo status \$?'"
# A busy process (one that keeps making calls) does not starve one that
# sleeps: time slices end at the gate.
bbc "sh -c '(while :; do echo x >/dev/null; done) & p=\$!; sleep 0.2; echo woke; kill \$p; echo killed'"
# ... nor does one that computes without ever entering the kernel: the
# block hook's time slice preempts it.
bbc "sh -c '(while :; do :; done) & p=\$!; sleep 0.2; echo woke; kill \$p; echo killed'"
done_testing
