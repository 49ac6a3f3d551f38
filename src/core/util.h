/*
 * util.h — memory, growable buffers and a string table shared by all stages.
 *
 * Allocation failure aborts (see claimtrace.h), so the ct_x* calls never
 * return NULL.
 */
#ifndef CT_UTIL_H
#define CT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

/* A hot loop compiled twice on x86-64 with GCC, its AVX2 copy chosen at
 * start-up where the processor has it; CT_AVX512_CLONES three times, with
 * an AVX-512 copy (x86-64-v4) too. Only for loops whose answers are the
 * same to the bit in every copy (no fused multiply-add is enabled), and
 * on static functions: GCC exports the chooser of a global function's
 * copies whatever its visibility. Not under the sanitizers, whose start-up
 * the choosing would precede (ThreadSanitizer crashes there). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__) && \
	!defined(__SANITIZE_THREAD__)
#define CT_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#define CT_AVX512_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define CT_AVX2_CLONES
#define CT_AVX512_CLONES
#endif

/* These end the process when memory runs out, so they never return NULL
 * (said to the compiler and to static analyzers). */
void *ct_xmalloc(size_t n) __attribute__((returns_nonnull));
void *ct_xcalloc(size_t n, size_t size) __attribute__((returns_nonnull));
void *ct_xrealloc(void *p, size_t n) __attribute__((returns_nonnull));
char *ct_xstrndup(const char *s, size_t n);
char *ct_xstrdup(const char *s);
/* Shuffles v[0..n) in place (Fisher–Yates) with the generator `next` on
 * *state: the same generator and state give the same order everywhere. */
void ct_shuffle(size_t *v, size_t n, uint64_t (*next)(uint64_t *), uint64_t *state);
/* Runs fn on each of the n jobs at `jobs` (`size` bytes apart): jobs 1 ..
 * on threads of their own, job 0 and any job whose thread could not start
 * on the caller's; returns when all are done. */
void ct_run_jobs(void *(*fn)(void *), void *jobs, size_t size, size_t n);
/* The data directory: `datadir` when given, else $CLAIMTRACE_DATA when set
 * and not empty, else the one compiled in, else share/claimtrace beside the
 * program's directory (datadir.c). Borrowed. */
const char *ct_datadir(const char *datadir);
/* printf into a new string (owned). */
char *ct_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows *arr (of *cap elements of `size` bytes) to hold at least `need`.
 * May move *arr. Inline, since most calls (one per token, per mention …)
 * find the room there already. */
void ct_grow_to(void **arr, size_t *cap, size_t need, size_t size);
static inline void ct_grow(void **arr, size_t *cap, size_t need, size_t size)
{
	if (need > *cap)
		ct_grow_to(arr, cap, need, size);
}

/* A growable byte buffer, NUL-terminated once it has any memory. */
typedef struct {
	char *data;
	size_t len, cap;
} ct_buf;

void ct_buf_grow(ct_buf *b, size_t extra); /* may move b->data */

static inline void ct_buf_reserve(ct_buf *b, size_t extra) /* may move b->data */
{
	if (b->len + extra + 1 > b->cap)
		ct_buf_grow(b, extra);
}

static inline void ct_buf_add(ct_buf *b, const void *p, size_t n)
{
	ct_buf_reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

static inline void ct_buf_addc(ct_buf *b, char c)
{
	ct_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = 0;
}

static inline void ct_buf_adds(ct_buf *b, const char *s)
{
	ct_buf_add(b, s, strlen(s));
}

/* Appends a string literal without measuring it at run time. */
#define CT_BUF_LIT(b, lit) ct_buf_add((b), (lit), sizeof(lit) - 1)

static inline void ct_buf_addu(ct_buf *b, uint64_t v) /* decimal */
{
	char tmp[24];
	int i = sizeof tmp;
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	ct_buf_add(b, tmp + i, sizeof tmp - (size_t)i);
}
/* A little-endian base-128 varint: seven bits a byte, the high bit set on
 * every byte but the last (the packed forms of story parts and of the
 * grouper's features and state). */
static inline void ct_buf_add_varint(ct_buf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;
	while (v >= 0x80) {
		tmp[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	tmp[n++] = (unsigned char)v;
	ct_buf_add(b, tmp, n);
}
/* The varint at *p (before end) into *v, *p moved past it: 0, or -1 when
 * it runs past end or past 64 bits. */
static inline int ct_varint_read(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	uint64_t x = 0;
	for (int shift = 0; shift < 64 && *p < end; shift += 7) {
		unsigned char c = *(*p)++;
		x |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			*v = x;
			return 0;
		}
	}
	return -1;
}
void ct_buf_printf(ct_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s (n bytes) fit to show: without C0 and C1 control characters
 * and DEL, which a terminal would obey (a line break or tab becomes a
 * space, so that a name stays on its line), and with a backslash before
 * each character in `escape` (NULL: none). */
void ct_buf_add_shown(ct_buf *b, const char *s, size_t n, const char *escape);

/* A buffer that may empty itself into a file as it fills: renderers write
 * into `b` and call ct_sink_spill at the end of each block, so a large
 * output need not be held whole. With f NULL it only collects. `err` is
 * set when a write fails. */
typedef struct {
	ct_buf b;
	FILE *f;
	int err;
} ct_sink;
void ct_sink_spill(ct_sink *s);  /* writes b out when it holds 1 MiB or more (f set) */
int ct_sink_finish(ct_sink *s);  /* writes what is left (f set); 0, or -1 when a write failed */
void ct_buf_clear(ct_buf *b); /* keeps the memory */
void ct_buf_free(ct_buf *b);

/*
 * A string → int table (open addressing, FNV-1a). Keys are copied (into one
 * buffer, so a table makes no allocation per key). Lookups are by
 * (pointer, length) so spans of text need no copy; a key is any bytes.
 * Each slot keeps its key's hash beside it, so a probe that misses reads
 * one slot and no key.
 */
typedef struct {
	uint32_t hash, len;
	uint32_t key; /* 1 + the key's offset in `keys`; 0: an empty slot */
	int val;
} ct_table_slot;

typedef struct {
	ct_table_slot *slots;
	ct_buf keys;
	size_t cap, n;
} ct_table;

void ct_table_put(ct_table *t, const char *key, size_t len, int val);
/* 1 and *val when found, else 0. */
int ct_table_get(const ct_table *t, const char *key, size_t len, int *val);

/* The tables' hash (FNV-1a) a byte at a time, for a caller that reads the
 * key's bytes anyway: h = CT_HASH_INIT, then h = ct_hash_byte(h, c) for each
 * byte; ct_table_get_hashed then looks the key up without hashing again. */
#define CT_HASH_INIT 2166136261u
static inline uint32_t ct_hash_byte(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}
int ct_table_get_hashed(const ct_table *t, const char *key, size_t len, uint32_t hash, int *val);
/* A key's hash, as the tables make it. */
uint32_t ct_table_hash(const char *key, size_t len);
/* The slot a key of this hash is looked for first, asked of memory ahead of
 * the lookup: for a caller with many lookups in a table larger than the
 * caches, who hashes a few keys ahead. */
static inline void ct_table_prefetch(const ct_table *t, uint32_t hash)
{
	if (t->cap)
		__builtin_prefetch(&t->slots[hash & (t->cap - 1)]);
}
void ct_table_free(ct_table *t);

/*
 * Reads a lexicon file: one entry a line, fields separated by tabs, '#'
 * starting a comment line, blank lines skipped. Calls `fn` for each entry
 * with its fields (at most 8) and line number; `fn` returns 0 or an error
 * message (static) that stops the read. Returns 0, or -1 with *err set to
 * an owned "file:line: reason" message.
 */
typedef const char *(*ct_lex_fn)(void *arg, char **fields, int nfields, int line);
int ct_lex_read(const char *path, ct_lex_fn fn, void *arg, char **err);

#endif
