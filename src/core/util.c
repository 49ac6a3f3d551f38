/* util.c — see util.h. */
#include "util.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

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

void ct_grow_to(void **arr, size_t *cap, size_t need, size_t size)
{
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
	b->data[b->len] = 0; /* so that a buffer reserved but left empty is "" too */
}

void ct_buf_add_shown(ct_buf *b, const char *s, size_t n, const char *escape)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			if (c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f')
				ct_buf_addc(b, ' ');
			continue;
		}
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] < 0xa0) { /* U+0080-U+009F */
			i++;
			continue;
		}
		if (escape && strchr(escape, c))
			ct_buf_addc(b, '\\');
		ct_buf_addc(b, (char)c);
	}
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

uint32_t ct_table_hash(const char *s, size_t n)
{
	uint32_t h = CT_HASH_INIT;
	for (size_t i = 0; i < n; i++)
		h = ct_hash_byte(h, (unsigned char)s[i]);
	return h;
}

/* The slot holding `key`, or the empty slot where it would go. */
static ct_table_slot *table_slot(const ct_table *t, const char *key, size_t len, uint32_t h)
{
	size_t mask = t->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		ct_table_slot *s = &t->slots[i];
		if (!s->key || (s->hash == h && s->len == len && !memcmp(t->keys.data + s->key - 1, key, len)))
			return s;
	}
}

void ct_table_put(ct_table *t, const char *key, size_t len, int val)
{
	if ((t->n + 1) * 2 > t->cap) {
		ct_table_slot *old = t->slots;
		size_t old_cap = t->cap;
		t->cap = old_cap ? old_cap * 2 : 64;
		t->slots = ct_xcalloc(t->cap, sizeof *t->slots);
		for (size_t i = 0; i < old_cap; i++) {
			if (!old[i].key)
				continue;
			size_t j = old[i].hash & (t->cap - 1);
			while (t->slots[j].key)
				j = (j + 1) & (t->cap - 1);
			t->slots[j] = old[i];
		}
		free(old);
	}
	uint32_t h = ct_table_hash(key, len);
	ct_table_slot *s = table_slot(t, key, len, h);
	if (!s->key) {
		if (t->keys.len + len >= UINT32_MAX)
			oom(t->keys.len + len); /* offsets are 32-bit: 4 GiB of keys is out of memory */
		*s = (ct_table_slot){h, (uint32_t)len, (uint32_t)t->keys.len + 1, 0};
		ct_buf_add(&t->keys, key, len);
		t->n++;
	}
	s->val = val;
}

int ct_table_get_hashed(const ct_table *t, const char *key, size_t len, uint32_t hash, int *val)
{
	if (!t->cap)
		return 0;
	const ct_table_slot *s = table_slot(t, key, len, hash);
	if (!s->key)
		return 0;
	if (val)
		*val = s->val;
	return 1;
}

int ct_table_get(const ct_table *t, const char *key, size_t len, int *val)
{
	return ct_table_get_hashed(t, key, len, ct_table_hash(key, len), val);
}

void ct_table_free(ct_table *t)
{
	free(t->slots);
	ct_buf_free(&t->keys);
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
		const char *why = NULL;
		for (ssize_t i = 0; i < n && !why;) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)line + i, n - i, &cp);
			if (k <= 0 || cp == 0)
				why = "not UTF-8 text (an entry must be valid UTF-8)";
			i += k > 0 ? k : 1;
		}
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
		for (int k = 0; k < nf && !why; k++)
			if (!fields[k][strspn(fields[k], " ")])
				why = "an empty field";
		if (!why)
			why = fn(arg, fields, nf, lineno);
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

void ct_shuffle(size_t *v, size_t n, uint64_t (*next)(uint64_t *), uint64_t *state)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(next(state) % i);
		size_t t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

void ct_run_jobs(void *(*fn)(void *), void *jobs, size_t size, size_t n)
{
	char *job = jobs;
	pthread_t *tid = ct_xcalloc(n + 1, sizeof *tid);
	unsigned char *running = ct_xcalloc(n + 1, 1);
	for (size_t t = 1; t < n; t++)
		running[t] = pthread_create(&tid[t], NULL, fn, job + t * size) == 0;
	for (size_t t = 0; t < n; t++)
		if (!running[t])
			fn(job + t * size);
	for (size_t t = 1; t < n; t++)
		if (running[t])
			pthread_join(tid[t], NULL);
	free(running);
	free(tid);
}

void ct_sink_spill(ct_sink *s)
{
	if (!s->f || s->b.len < ((size_t)1 << 20))
		return;
	if (fwrite(s->b.data, 1, s->b.len, s->f) != s->b.len)
		s->err = 1;
	ct_buf_clear(&s->b);
}

int ct_sink_finish(ct_sink *s)
{
	if (s->f && s->b.len) {
		if (fwrite(s->b.data, 1, s->b.len, s->f) != s->b.len)
			s->err = 1;
		ct_buf_clear(&s->b);
	}
	return s->err ? -1 : 0;
}
