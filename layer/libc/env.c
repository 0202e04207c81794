/*
 * getenv, setenv, unsetenv, putenv: the environment, kept in environ.
 *
 * environ starts as the envp that crt0 found on the initial stack.  The
 * first change copies the array into memory from malloc so it can grow;
 * strings made by setenv are remembered, and freed when they are replaced
 * or removed.  Strings from the initial stack or from putenv belong to
 * their owners and are never freed.  Not thread-safe.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **own_array;	/* environ, once it is ours */
static size_t own_cap;		/* capacity of own_array, entries */
static char **made;		/* strings allocated by setenv */
static size_t nmade, made_cap;

/* Is NAME acceptable to setenv and unsetenv? */
static int
valid_name(const char *name)
{
	return name != NULL && *name != '\0' && strchr(name, '=') == NULL;
}

/* The index in environ of the entry for the NAME of length LEN, or -1. */
static long
find(const char *name, size_t len)
{
	long i;

	if (environ == NULL)
		return -1;
	for (i = 0; environ[i] != NULL; i++)
		if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
			return i;
	return -1;
}

static size_t
count(void)
{
	size_t n = 0;

	while (environ != NULL && environ[n] != NULL)
		n++;
	return n;
}

/* Make environ an array of ours with room for at least one more entry. */
static int
own_room(void)
{
	size_t n = count(), cap;
	char **a;

	if (environ == own_array && n + 1 < own_cap)
		return 0;
	cap = (n + 2) * 2;
	a = malloc(cap * sizeof(*a));
	if (a == NULL)
		return -1;
	if (n > 0)
		memcpy(a, environ, n * sizeof(*a));
	a[n] = NULL;
	if (own_array == environ)
		free(own_array);
	own_array = environ = a;
	own_cap = cap;
	return 0;
}

/* Forget S if setenv made it, freeing it. */
static void
drop(char *s)
{
	size_t i;

	for (i = 0; i < nmade; i++)
		if (made[i] == s) {
			made[i] = made[--nmade];
			free(s);
			return;
		}
}

static int
remember(char *s)
{
	char **m;

	if (nmade == made_cap) {
		m = realloc(made, (made_cap * 2 + 8) * sizeof(*m));
		if (m == NULL)
			return -1;
		made = m;
		made_cap = made_cap * 2 + 8;
	}
	made[nmade++] = s;
	return 0;
}

/* Put S ("NAME=value", NAME of length LEN) into environ. */
static int
put(char *s, size_t len)
{
	long i = find(s, len);
	size_t n;

	if (i >= 0) {
		char *old = environ[i];

		environ[i] = s;
		drop(old);
		return 0;
	}
	if (own_room() != 0)
		return -1;
	n = count();
	environ[n] = s;
	environ[n + 1] = NULL;
	return 0;
}

char *
getenv(const char *name)
{
	size_t len = strlen(name);
	long i = strchr(name, '=') == NULL ? find(name, len) : -1;

	return i >= 0 ? environ[i] + len + 1 : NULL;
}

int
setenv(const char *name, const char *value, int overwrite)
{
	size_t len, vlen;
	char *s;

	if (!valid_name(name)) {
		errno = EINVAL;
		return -1;
	}
	len = strlen(name);
	if (!overwrite && find(name, len) >= 0)
		return 0;
	vlen = strlen(value);
	s = malloc(len + vlen + 2);
	if (s == NULL)
		return -1;
	memcpy(s, name, len);
	s[len] = '=';
	memcpy(s + len + 1, value, vlen + 1);
	if (remember(s) != 0) {
		free(s);
		return -1;
	}
	if (put(s, len) != 0) {
		drop(s);
		return -1;
	}
	return 0;
}

int
putenv(char *string)
{
	char *eq = strchr(string, '=');

	if (eq == NULL || eq == string) {
		errno = EINVAL;
		return -1;
	}
	return put(string, (size_t)(eq - string));
}

int
unsetenv(const char *name)
{
	size_t len;
	long i;

	if (!valid_name(name)) {
		errno = EINVAL;
		return -1;
	}
	len = strlen(name);
	while ((i = find(name, len)) >= 0) {
		char *old = environ[i];

		do
			environ[i] = environ[i + 1];
		while (environ[i++] != NULL);
		drop(old);
	}
	return 0;
}
