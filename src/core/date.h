/*
 * date.h — calendar dates written the ways news writes them, and the
 * arithmetic on them.
 */
#ifndef CT_DATE_H
#define CT_DATE_H

#include <stddef.h>
#include <stdint.h>

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

/* 1 (Monday) .. 7 (Sunday) for a weekday's name at s[0..n), any case; else 0. */
int ct_weekday_from_name(const char *s, size_t n);

/* Days since 1970-01-01 of a civil date, and back. */
long ct_date_days(int y, int m, int d);
void ct_date_civil(long days, int *y, int *m, int *d);

/* A date found in a text: precision 0 none, 1 day, 2 week (about), 3 month. */
typedef struct {
	int16_t y;
	int8_t m, d;
	uint8_t prec;
	uint32_t tok, ntok; /* the expression's tokens */
} ct_when;

/* A date as ISO text: "2014-09-15" (day, week) or "2014-06" (month); "" when none. */
void ct_when_iso(const ct_when *w, char buf[11]);

#endif
