/* uchar.c — see uchar.h. */
#include "uchar.h"

#include <utf8proc.h>

static ct_uc_class ascii_class(unsigned char c)
{
	if (c >= 'a' && c <= 'z')
		return CT_UC_LOWER;
	if (c >= 'A' && c <= 'Z')
		return CT_UC_UPPER;
	if (c >= '0' && c <= '9')
		return CT_UC_DIGIT;
	if (c <= ' ' || c == 0x7F)
		return CT_UC_SPACE;
	switch (c) {
	case '$': case '%': case '&': case '+': case '<': case '=': case '>':
	case '^': case '`': case '|': case '~': case '*': case '#': case '@':
		return CT_UC_SYMBOL;
	default:
		return CT_UC_PUNCT;
	}
}

ct_uc_class ct_uc_at(const char *s, size_t n, size_t i, size_t *len)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		*len = 1;
		return ascii_class(c);
	}
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
	if (k <= 0) {
		*len = 1;
		return CT_UC_SYMBOL;
	}
	*len = (size_t)k;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LL:
		return CT_UC_LOWER;
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return CT_UC_UPPER;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return CT_UC_LETTER;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return CT_UC_MARK;
	case UTF8PROC_CATEGORY_ND:
		return CT_UC_DIGIT;
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return CT_UC_LETTER;
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
		return CT_UC_SPACE;
	case UTF8PROC_CATEGORY_CF:
		return CT_UC_FORMAT;
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
		return CT_UC_PUNCT;
	default:
		return CT_UC_SYMBOL;
	}
}
