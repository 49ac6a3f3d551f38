/* util.c — see util.h. */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
	fprintf(stderr, "claimtrace: out of memory (allocating %zu bytes)\n", n);
	abort();
}

void *ct_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *ct_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *ct_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *ct_xstrndup(const char *s, size_t n)
{
	char *p = ct_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *ct_xstrdup(const char *s)
{
	return ct_xstrndup(s, strlen(s));
}

char *ct_xasprintf(const char *fmt, ...)
{
	ct_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	char tmp[256];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	if (n < (int)sizeof tmp) {
		va_end(ap2);
		va_end(ap);
		return ct_xstrndup(tmp, (size_t)n);
	}
	ct_buf_reserve(&b, (size_t)n + 1);
	vsnprintf(b.data, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	va_end(ap);
	return b.data;
}

void ct_grow(void **arr, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 16;
	while (c < need)
		c *= 2;
	*arr = ct_xrealloc(*arr, c * size);
	*cap = c;
}

void ct_buf_grow(ct_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t c = b->cap ? b->cap : 256;
	while (c < b->len + extra + 1)
		c *= 2;
	b->data = ct_xrealloc(b->data, c);
	b->cap = c;
}

void ct_buf_printf(ct_buf *b, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	ct_buf_reserve(b, 64);
	int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	if (n >= 0 && (size_t)n >= b->cap - b->len) {
		ct_buf_reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap2);
	}
	if (n > 0)
		b->len += (size_t)n;
	va_end(ap2);
	va_end(ap);
}

void ct_buf_clear(ct_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = 0;
}

void ct_buf_free(ct_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

static uint32_t fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static size_t table_slot(const ct_table *t, const char *key, size_t len)
{
	size_t mask = t->cap - 1;
	size_t i = fnv1a(key, len) & mask;
	while (t->keys[i] && !(t->lens[i] == len && memcmp(t->keys[i], key, len) == 0))
		i = (i + 1) & mask;
	return i;
}

void ct_table_put(ct_table *t, const char *key, size_t len, int val)
{
	if ((t->n + 1) * 2 > t->cap) {
		ct_table old = *t;
		t->cap = old.cap ? old.cap * 2 : 64;
		t->keys = ct_xcalloc(t->cap, sizeof *t->keys);
		t->lens = ct_xcalloc(t->cap, sizeof *t->lens);
		t->vals = ct_xcalloc(t->cap, sizeof *t->vals);
		for (size_t i = 0; i < old.cap; i++) {
			if (!old.keys[i])
				continue;
			size_t j = table_slot(t, old.keys[i], old.lens[i]);
			t->keys[j] = old.keys[i];
			t->lens[j] = old.lens[i];
			t->vals[j] = old.vals[i];
		}
		free(old.keys);
		free(old.lens);
		free(old.vals);
	}
	size_t i = table_slot(t, key, len);
	if (!t->keys[i]) {
		t->keys[i] = ct_xstrndup(key, len);
		t->lens[i] = (uint32_t)len;
		t->n++;
	}
	t->vals[i] = val;
}

int ct_table_get(const ct_table *t, const char *key, size_t len, int *val)
{
	if (!t->cap)
		return 0;
	size_t i = table_slot(t, key, len);
	if (!t->keys[i])
		return 0;
	if (val)
		*val = t->vals[i];
	return 1;
}

void ct_table_free(ct_table *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->lens);
	free(t->vals);
	memset(t, 0, sizeof *t);
}

int ct_lex_read(const char *path, ct_lex_fn fn, void *arg, char **err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err = ct_xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0, rc = 0;
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = 0;
		if (n == 0 || line[0] == '#')
			continue;
		char *fields[8];
		int nf = 0;
		char *p = line;
		for (;;) {
			fields[nf++] = p;
			char *tab = strchr(p, '\t');
			if (!tab || nf == 8)
				break;
			*tab = 0;
			p = tab + 1;
		}
		const char *why = fn(arg, fields, nf, lineno);
		if (why) {
			*err = ct_xasprintf("%s:%d: %s", path, lineno, why);
			rc = -1;
			break;
		}
	}
	if (!rc && ferror(f)) {
		*err = ct_xasprintf("%s: read error", path);
		rc = -1;
	}
	free(line);
	fclose(f);
	return rc;
}
