#!/bin/sh
# guest-tests/busybox-signals.sh: signals in busybox's shell and applets
# under vkrun (the Linux personality's signals, layer/lx_signal.c), compared
# byte for byte with native runs: a trap that runs its handler, an ignored
# signal, kill of oneself with the default action, timeout (kill of a
# process from its child), SIGPIPE ending a writer, a background job killed
# and waited for (wait's status), a trap interrupting wait, alarm-driven
# sleep in a subshell, ignored signals kept across execve and fork.
#
# A guest killed by a signal makes vkrun exit 128+N where the native
# process dies of the signal itself (so the host's shell would print
# "Terminated" for one run only): such commands run inside busybox's sh,
# which reports the status the same way in both runs.  The shell's own
# report of a background job's end depends on whether its SIGCHLD came
# before the wait builtin started (on Linux the victim dies on another CPU,
# later; vkrun ends it inside the kill): wait's stderr is not compared.
. "${GUEST_SRCDIR:-$(dirname "$0")}/busybox-lib.sh"

bbc "sh -c 'trap \"echo got USR1\" USR1; kill -USR1 \$\$; echo after'"
bbc "sh -c 'trap \"\" INT; kill -INT \$\$; echo ignored'"
bbc "sh -c 'sh -c \"kill -TERM \\\$\\\$; echo notreached\"; echo status \$?'"
bbc "sh -c 'trap \"echo bye\" EXIT; trap \"echo term; exit 3\" TERM; kill \$\$; echo notreached'"
bbc "sh -c 'timeout 1 sleep 5; echo status \$?'"
bbc "sh -c 'timeout -s INT 1 sleep 5; echo status \$?'"
bbc "sh -c 'yes | head -1'"
bbc "sh -c 'set -o pipefail; yes | head -1; echo status \$?'"
bbc "sh -c 'sleep 5 & kill \$!; wait \$! 2>/dev/null; echo \$?'"
bbc "sh -c 'sleep 5 & kill -KILL \$!; wait \$! 2>/dev/null; echo \$?'"
bbc "sh -c 'trap \"echo usr1\" USR1; (sleep 0.2; kill -USR1 \$\$) & wait; echo waited'"
bbc "sh -c 'sh -c \"kill -HUP \\\$\\\$\"; echo status \$?'"
# An ignored signal stays ignored across execve (the kernel keeps the set).
bbc "sh -c 'trap \"\" INT; exec sh -c \"kill -INT \\\$\\\$; echo survived\"'"
bbc "sh -c 'trap \"\" HUP; sh -c \"kill -HUP \\\$\\\$; echo child alive\"; echo parent'"
done_testing
