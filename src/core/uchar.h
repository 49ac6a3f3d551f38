/*
 * uchar.h — character classes for the tokenizer: a table for ASCII, the
 * Unicode database (utf8proc) for the rest.
 */
#ifndef CT_UCHAR_H
#define CT_UCHAR_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
	CT_UC_SPACE = 0,
	CT_UC_LOWER, /* a lowercase letter */
	CT_UC_UPPER, /* an uppercase or titlecase letter */
	CT_UC_LETTER, /* a letter without case (Arabic, CJK, …) */
	CT_UC_MARK,  /* a combining mark: part of the letter before */
	CT_UC_DIGIT,
	CT_UC_PUNCT,
	CT_UC_SYMBOL,
	CT_UC_FORMAT /* invisible format characters (ZWJ, variation selectors) */
} ct_uc_class;

extern const unsigned char ct_uc_ascii[128];
ct_uc_class ct_uc_at_slow(const char *s, size_t n, size_t i, size_t *len);

/* The class of the code point at s[i] (s has n bytes); *len its byte
 * length (at least 1). Invalid bytes count as symbols. */
static inline ct_uc_class ct_uc_at(const char *s, size_t n, size_t i, size_t *len)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		*len = 1;
		return (ct_uc_class)ct_uc_ascii[c];
	}
	return ct_uc_at_slow(s, n, i, len);
}

static inline int ct_uc_is_alnum(ct_uc_class c)
{
	return c >= CT_UC_LOWER && c <= CT_UC_DIGIT;
}

/* ASCII case, what <ctype.h> gives in the C locale the library assumes,
 * without a locale lookup per character. */
static inline int ct_ascii_is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static inline char ct_ascii_lower(char c)
{
	return ct_ascii_is_upper(c) ? (char)(c + ('a' - 'A')) : c;
}

#endif
