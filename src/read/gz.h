/*
 * gz.h — gzip-compressed input, read as the bytes it holds (zlib).
 *
 * Takes: an open FILE whose first bytes are a gzip header.
 * Gives: the inflated bytes of all its members in order, as crawls and
 *        `gzip -c a b > c` concatenate them. A member that is corrupt or
 *        cut short is an error naming its compressed offset; reading then
 *        goes on at the next member, found by its header's magic bytes.
 *        Memory stays a few buffers whatever the size.
 */
#ifndef CT_GZ_H
#define CT_GZ_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

typedef struct ct_gz ct_gz;

/* Reads from `src` (not owned, left open). */
ct_gz *ct_gz_new(FILE *src);
void ct_gz_free(ct_gz *z);

/* Up to cap inflated bytes into buf: their count, 0 at the end, -1 for a
 * corrupt or truncated member (ct_gz_error says which and why), after
 * which the next call reads from the next member. */
ssize_t ct_gz_read(ct_gz *z, void *buf, size_t cap);
const char *ct_gz_error(const ct_gz *z);

/* The compressed offset where the member being read began. */
uint64_t ct_gz_member_offset(const ct_gz *z);

/* 1 when p starts with gzip's magic bytes. */
int ct_gz_magic(const unsigned char *p, size_t n);

/* A FILE that reads the inflated bytes of gzip file `src` (closed with it
 * when `own`), for readers that read lines; *gz gets the stream, for its
 * error after a failed read. NULL when that cannot be set up. */
/* How far into the compressed file reading has come (for progress). */
uint64_t ct_gz_src_pos(const ct_gz *z);

FILE *ct_gz_fopen(FILE *src, int own, ct_gz **gz);

#endif
