/*
 * gz.c — gzip members inflated in order (gz.h).
 */
#define _GNU_SOURCE /* fopencookie */
#include "gz.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../core/util.h"

enum { IN_CAP = 1 << 16 };

struct ct_gz {
	FILE *src;
	FILE *own; /* ct_gz_fopen: the file to close */
	z_stream zs;
	unsigned char in[IN_CAP];
	uint64_t in_pos;    /* compressed offset of in[0] */
	uint64_t member;    /* compressed offset where this member began */
	int in_member;      /* inside a member: its end not yet read */
	int eof;            /* src has no more bytes */
	char err[256];
};

int ct_gz_magic(const unsigned char *p, size_t n)
{
	return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

ct_gz *ct_gz_new(FILE *src)
{
	ct_gz *z = ct_xcalloc(1, sizeof *z);
	z->src = src;
	/* 16 + MAX_WBITS: a gzip wrapper, not zlib's */
	if (inflateInit2(&z->zs, 16 + MAX_WBITS) != Z_OK) {
		free(z);
		return NULL;
	}
	z->zs.next_in = z->in;
	return z;
}

void ct_gz_free(ct_gz *z)
{
	if (!z)
		return;
	inflateEnd(&z->zs);
	free(z);
}

const char *ct_gz_error(const ct_gz *z)
{
	return z->err;
}

uint64_t ct_gz_member_offset(const ct_gz *z)
{
	return z->member;
}

static uint64_t consumed(const ct_gz *z)
{
	return z->in_pos + (uint64_t)(z->zs.next_in - z->in);
}

/* More compressed bytes, keeping those not yet read; 0 at the end. */
static size_t refill(ct_gz *z)
{
	if (z->eof)
		return 0;
	size_t keep = z->zs.avail_in;
	z->in_pos = consumed(z);
	memmove(z->in, z->zs.next_in, keep);
	size_t got = fread(z->in + keep, 1, IN_CAP - keep, z->src);
	if (got == 0)
		z->eof = 1;
	z->zs.next_in = z->in;
	z->zs.avail_in = (uInt)(keep + got);
	return got;
}

/* Past a broken member to the next gzip header (1f 8b 08). */
static void resync(ct_gz *z)
{
	inflateReset(&z->zs);
	z->in_member = 0;
	if (z->zs.avail_in)
		z->zs.next_in++, z->zs.avail_in--; /* not the broken member's own header again */
	for (;;) {
		while (z->zs.avail_in >= 3) {
			unsigned char *p = memchr(z->zs.next_in, 0x1f, z->zs.avail_in - 2);
			if (!p) {
				size_t skip = z->zs.avail_in - 2;
				z->zs.next_in += skip, z->zs.avail_in -= (uInt)skip;
				break;
			}
			z->zs.avail_in -= (uInt)(p - z->zs.next_in);
			z->zs.next_in = p;
			if (p[1] == 0x8b && p[2] == 0x08)
				return;
			z->zs.next_in++, z->zs.avail_in--;
		}
		if (!refill(z)) {
			z->zs.next_in += z->zs.avail_in; /* a tail too short to be a member */
			z->zs.avail_in = 0;
			return;
		}
	}
}

static ssize_t fail(ct_gz *z, const char *why)
{
	snprintf(z->err, sizeof z->err, "gzip member at byte %llu: %s", (unsigned long long)z->member, why);
	resync(z);
	return -1;
}

ssize_t ct_gz_read(ct_gz *z, void *buf, size_t cap)
{
	z->err[0] = 0;
	z->zs.next_out = buf;
	z->zs.avail_out = (uInt)(cap > (1u << 30) ? 1u << 30 : cap);
	while (z->zs.avail_out) {
		if (!z->zs.avail_in && !refill(z)) {
			if (z->in_member)
				return fail(z, "cut short (truncated)");
			break;
		}
		if (!z->in_member) {
			z->member = consumed(z);
			z->in_member = 1;
		}
		int rc = inflate(&z->zs, Z_NO_FLUSH);
		if (rc == Z_STREAM_END) {
			inflateReset(&z->zs);
			z->in_member = 0;
			/* Bytes after the last member that are not a member: the end. */
			if (!z->zs.avail_in)
				refill(z);
			if (z->zs.avail_in && z->zs.next_in[0] != 0x1f) {
				if (z->zs.avail_in >= 2 && z->zs.next_in[0] == 0 && z->zs.next_in[1] == 0)
					z->zs.next_in += z->zs.avail_in, z->zs.avail_in = 0; /* padding */
				else {
					z->member = consumed(z);
					return fail(z, "not gzip data after the previous member");
				}
			}
			if ((size_t)(z->zs.next_out - (unsigned char *)buf))
				break; /* a member's end: give what it gave */
			continue;
		}
		if (rc == Z_BUF_ERROR && !z->zs.avail_in)
			continue; /* wants input: the loop refills */
		if (rc != Z_OK)
			return fail(z, z->zs.msg ? z->zs.msg : "corrupt data");
	}
	return (ssize_t)(z->zs.next_out - (unsigned char *)buf);
}

static ssize_t cookie_read(void *c, char *buf, size_t n)
{
	ssize_t k = ct_gz_read(c, buf, n);
	if (k < 0)
		errno = EIO;
	return k;
}

static int cookie_close(void *c)
{
	ct_gz *z = c;
	int rc = z->own ? fclose(z->own) : 0;
	ct_gz_free(z);
	return rc;
}

FILE *ct_gz_fopen(FILE *src, int own, ct_gz **gz)
{
	ct_gz *z = ct_gz_new(src);
	if (!z)
		return NULL;
	z->own = own ? src : NULL;
	cookie_io_functions_t io = {.read = cookie_read, .close = cookie_close};
	FILE *f = fopencookie(z, "r", io);
	if (!f) {
		ct_gz_free(z);
		return NULL;
	}
	*gz = z;
	return f;
}

uint64_t ct_gz_src_pos(const ct_gz *z)
{
	long t = ftell(z->src);
	return t > 0 ? (uint64_t)t : 0;
}
