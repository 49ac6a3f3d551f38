/*
 * arena.h — a bump allocator for an article's many small pieces (metadata
 * strings, warnings), freed at once with the article. Large arrays that
 * grow while a stage runs (tokens, sentences) are plain heap arrays owned
 * by the document instead: growing them in an arena would leave every
 * outgrown copy behind.
 */
#ifndef CT_ARENA_H
#define CT_ARENA_H

#include <stddef.h>

typedef struct ct_arena_chunk ct_arena_chunk;

typedef struct {
	ct_arena_chunk *head;
} ct_arena;

void *ct_arena_alloc(ct_arena *a, size_t n); /* 16-byte aligned, never NULL */
char *ct_arena_strndup(ct_arena *a, const char *s, size_t n);
void ct_arena_free(ct_arena *a);

#endif
