/* arena.c — see arena.h. */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct ct_arena_chunk {
	ct_arena_chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char mem[];
};

enum { CHUNK = 4096 - sizeof(ct_arena_chunk) };

void *ct_arena_alloc(ct_arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	ct_arena_chunk *c = a->head;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > CHUNK ? n : CHUNK;
		c = ct_xmalloc(sizeof *c + cap);
		c->used = 0;
		c->cap = cap;
		c->next = a->head;
		a->head = c;
	}
	void *p = c->mem + c->used;
	c->used += n;
	return p;
}

char *ct_arena_strndup(ct_arena *a, const char *s, size_t n)
{
	char *p = ct_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

void ct_arena_free(ct_arena *a)
{
	ct_arena_chunk *c = a->head;
	while (c) {
		ct_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
}
