/*
 * qsort: sort an array in place (not stable).
 *
 * Introsort: quicksort with a median-of-three pivot and a partition that
 * stops on keys equal to the pivot (so runs of equal keys split evenly),
 * recursion on the smaller side only, insertion sort for short ranges, and
 * heapsort for any range whose recursion gets deeper than 2 log2(n).  The
 * worst case is therefore O(n log n), whatever the input order; sorted and
 * reverse-sorted input take the quick path.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define SMALL	12		/* ranges this short get insertion sort */

typedef int (*cmp_fn)(const void *, const void *);

struct sorter {
	size_t	size;
	cmp_fn	cmp;
};

/* Swap two elements: a word at a time when both are word-aligned. */
static void
swap(const struct sorter *s, char *a, char *b)
{
	size_t n = s->size;

	if (a == b)
		return;
	if (((uintptr_t)a | (uintptr_t)b | n) % sizeof(uint32_t) == 0) {
		uint32_t *p = (uint32_t *)a, *q = (uint32_t *)b, t;

		for (n /= sizeof(uint32_t); n > 0; n--, p++, q++)
			t = *p, *p = *q, *q = t;
		return;
	}
	for (; n > 0; n--, a++, b++) {
		char t = *a;

		*a = *b;
		*b = t;
	}
}

static char *
elem(const struct sorter *s, char *base, size_t i)
{
	return base + i * s->size;
}

static void
insertion_sort(const struct sorter *s, char *base, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && s->cmp(elem(s, base, j - 1), elem(s, base, j)) > 0; j--)
			swap(s, elem(s, base, j - 1), elem(s, base, j));
}

/* Heapsort's sift-down of element I in a heap of N elements. */
static void
sift_down(const struct sorter *s, char *base, size_t i, size_t n)
{
	size_t child;

	while ((child = 2 * i + 1) < n) {
		if (child + 1 < n && s->cmp(elem(s, base, child), elem(s, base, child + 1)) < 0)
			child++;
		if (s->cmp(elem(s, base, i), elem(s, base, child)) >= 0)
			return;
		swap(s, elem(s, base, i), elem(s, base, child));
		i = child;
	}
}

static void
heap_sort(const struct sorter *s, char *base, size_t n)
{
	size_t i;

	for (i = n / 2; i > 0; i--)
		sift_down(s, base, i - 1, n);
	for (i = n - 1; i > 0; i--) {
		swap(s, base, elem(s, base, i));
		sift_down(s, base, 0, i);
	}
}

/* Put the median of the first, middle and last elements first. */
static void
median_to_front(const struct sorter *s, char *base, size_t n)
{
	char *a = elem(s, base, 1), *b = elem(s, base, n / 2), *c = elem(s, base, n - 1);

	if (s->cmp(a, b) > 0)
		swap(s, a, b);
	if (s->cmp(b, c) > 0) {
		swap(s, b, c);
		if (s->cmp(a, b) > 0)
			swap(s, a, b);
	}
	swap(s, base, b);
}

/* Partition around the pivot at BASE[0]; returns the pivot's final index.
 * Elements equal to the pivot may end on either side. */
static size_t
partition(const struct sorter *s, char *base, size_t n)
{
	size_t i = 1, j = n - 1;

	for (;;) {
		while (i <= j && s->cmp(elem(s, base, i), base) < 0)
			i++;
		while (j >= i && s->cmp(elem(s, base, j), base) > 0)
			j--;
		if (i >= j)
			break;
		swap(s, elem(s, base, i), elem(s, base, j));
		i++;
		j--;
	}
	swap(s, base, elem(s, base, j));
	return j;
}

static void
introsort(const struct sorter *s, char *base, size_t n, unsigned depth)
{
	size_t p;

	while (n > SMALL) {
		if (depth-- == 0) {
			heap_sort(s, base, n);
			return;
		}
		median_to_front(s, base, n);
		p = partition(s, base, n);
		if (p < n - 1 - p) {
			introsort(s, base, p, depth);
			base = elem(s, base, p + 1);
			n = n - 1 - p;
		} else {
			introsort(s, elem(s, base, p + 1), n - 1 - p, depth);
			n = p;
		}
	}
	insertion_sort(s, base, n);
}

void
qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	struct sorter s = { size, cmp };
	unsigned depth = 0;
	size_t m;

	if (n < 2 || size == 0)
		return;
	for (m = n; m > 1; m >>= 1)
		depth += 2;
	introsort(&s, base, n, depth);
}
