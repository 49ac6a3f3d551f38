/*
 * date.h — calendar dates written the ways news writes them.
 */
#ifndef CT_DATE_H
#define CT_DATE_H

#include <stddef.h>

typedef struct {
	int y, m, d; /* y == 0 when the text gave no year */
} ct_date;

/* 1..12 for a month name or abbreviation at s[0..n) ("Sept", "sept.", "September"), else 0. */
int ct_month_from_name(const char *s, size_t n);

/*
 * Parses a date at the start of s: "2014-09-15", "September 15, 2014",
 * "Sept. 15", "15 September 2014", "Dec 4 2014". Returns the bytes used, 0
 * when there is no date there.
 */
size_t ct_date_parse(const char *s, size_t n, ct_date *out);

/* "YYYY-MM-DD" into buf (11 bytes); "" when the year is unknown. */
void ct_date_iso(const ct_date *d, char buf[11]);

#endif
