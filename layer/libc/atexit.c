/*
 * atexit and the handler list exit() runs.
 *
 * The first 32 handlers live in a static block, so atexit never fails for
 * them; more blocks of 32 come from malloc.  Handlers run last registered
 * first, each once: a handler that registers another or calls exit()
 * does not make any handler run twice.
 */
#include <stdlib.h>

#include "libc_private.h"

#define PER_BLOCK	32

struct block {
	struct block	*below;		/* the block filled before this one */
	int		n;
	void		(*fn[PER_BLOCK])(void);
};

static struct block first;
static struct block *head = &first;

int
atexit(void (*fn)(void))
{
	struct block *b;

	if (head->n == PER_BLOCK) {
		b = calloc(1, sizeof(*b));
		if (b == NULL)
			return -1;
		b->below = head;
		head = b;
	}
	head->fn[head->n++] = fn;
	return 0;
}

void
__vk_run_atexit(void)
{
	void (*fn)(void);

	for (;;) {
		while (head->n == 0 && head->below != NULL)
			head = head->below;	/* emptied blocks are left, not freed */
		if (head->n == 0)
			return;
		fn = head->fn[--head->n];
		fn();
	}
}
