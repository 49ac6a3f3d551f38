/* date.c — see date.h. */
#include "date.h"
#include "uchar.h"

#include <stdio.h>
#include <string.h>

#define M(lit) {lit, sizeof lit - 1}
static const struct {
	const char *name;
	size_t len;
} months[12] = {M("january"), M("february"), M("march"),     M("april"),   M("may"),      M("june"),
		M("july"),    M("august"),   M("september"), M("october"), M("november"), M("december")};
#undef M

/* Could a month's name start with c? Most words: no. */
static int month_initial(char c)
{
	switch (ct_ascii_lower(c)) {
	case 'a': case 'd': case 'f': case 'j': case 'm': case 'n': case 'o': case 's':
		return 1;
	default:
		return 0;
	}
}

int ct_month_from_name(const char *s, size_t n)
{
	if (n && s[n - 1] == '.')
		n--;
	if (n < 3 || n > 9 || !month_initial(s[0]))
		return 0;
	char low[9];
	for (size_t k = 0; k < n; k++)
		low[k] = ct_ascii_lower(s[k]);
	for (int m = 0; m < 12; m++) {
		if (low[0] != months[m].name[0] || n > months[m].len || memcmp(low, months[m].name, n))
			continue;
		/* A full name, a three-letter form, or "Sept". */
		if (n == months[m].len || n == 3 || (m == 8 && n == 4))
			return m + 1;
	}
	return 0;
}

static size_t digits(const char *s, size_t n, size_t max, int *v)
{
	size_t i = 0;
	*v = 0;
	while (i < n && i < max && s[i] >= '0' && s[i] <= '9')
		*v = *v * 10 + (s[i++] - '0');
	return i;
}

static int days_in(int y, int m)
{
	static const int dm[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && y)
		return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
	return dm[m - 1];
}

static size_t word_len(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
		i++;
	if (i < n && s[i] == '.')
		i++;
	return i;
}

static size_t skip(const char *s, size_t n, size_t i, const char *chars)
{
	while (i < n && strchr(chars, s[i]) && s[i])
		i++;
	return i;
}

/* A year after position i (", 2014" or " 2014"), else 0 bytes. */
static size_t year_after(const char *s, size_t n, size_t i, int *y)
{
	size_t j = skip(s, n, i, ", ");
	int v;
	size_t k = digits(s + j, n - j, 5, &v);
	if (k != 4 || v < 1800 || v > 2200 || (j + k < n && s[j + k] >= '0' && s[j + k] <= '9'))
		return 0;
	*y = v;
	return j + k - i;
}

size_t ct_date_parse(const char *s, size_t n, ct_date *out)
{
	/* Every form starts with a digit or a month (most words: neither). */
	if (!n || ((s[0] < '0' || s[0] > '9') && !month_initial(s[0])))
		return 0;
	int a, b, c;
	size_t i = digits(s, n, 5, &a);
	/* 2014-09-15 */
	if (i == 4 && i + 6 <= n && s[4] == '-' && s[7] == '-' && digits(s + 5, 2, 2, &b) == 2 &&
	    digits(s + 8, 2, 2, &c) == 2 && b >= 1 && b <= 12 && c >= 1 && c <= days_in(a, b)) {
		*out = (ct_date){a, b, c};
		return 10;
	}
	/* 15 September 2014 */
	if (i >= 1 && i <= 2 && i < n && s[i] == ' ') {
		size_t w = word_len(s + i + 1, n - i - 1);
		int m = ct_month_from_name(s + i + 1, w);
		if (m && a >= 1 && a <= days_in(0, m)) {
			*out = (ct_date){0, m, a};
			size_t end = i + 1 + w;
			return end + year_after(s, n, end, &out->y);
		}
		return 0;
	}
	if (i)
		return 0;
	/* September 15, 2014 / Sept. 15 */
	size_t w = word_len(s, n);
	int m = ct_month_from_name(s, w);
	if (!m)
		return 0;
	size_t j = skip(s, n, w, " ");
	if (j == w)
		return 0;
	size_t k = digits(s + j, n - j, 3, &b);
	if (k < 1 || k > 2 || b < 1 || b > days_in(0, m))
		return 0;
	size_t end = j + k;
	if (end + 2 <= n && (!strncmp(s + end, "st", 2) || !strncmp(s + end, "nd", 2) ||
			     !strncmp(s + end, "rd", 2) || !strncmp(s + end, "th", 2)))
		end += 2;
	if (end < n && ((s[end] | 0x20) >= 'a' && (s[end] | 0x20) <= 'z'))
		return 0;
	*out = (ct_date){0, m, b};
	return end + year_after(s, n, end, &out->y);
}

void ct_date_iso(const ct_date *d, char buf[11])
{
	if (!d->y || d->y > 9999 || d->m < 1 || d->m > 12 || d->d < 1 || d->d > 31) {
		buf[0] = 0;
		return;
	}
	int v[3] = {d->y, d->m, d->d}, w[3] = {4, 2, 2};
	char *p = buf;
	for (int k = 0; k < 3; k++) {
		if (k)
			*p++ = '-';
		for (int i = w[k] - 1, x = v[k]; i >= 0; i--, x /= 10)
			p[i] = (char)('0' + x % 10);
		p += w[k];
	}
	*p = 0;
}

long ct_date_days(int y, int m, int d)
{
	/* Howard Hinnant's days_from_civil */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void ct_date_civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

void ct_when_iso(const ct_when *w, char buf[11])
{
	if (!w->prec || w->y <= 0) {
		buf[0] = 0;
		return;
	}
	unsigned y = (unsigned)w->y % 10000, m = (unsigned)w->m % 100, d = (unsigned)w->d % 100;
	if (w->prec == 3)
		snprintf(buf, 11, "%04u-%02u", y, m);
	else
		snprintf(buf, 11, "%04u-%02u-%02u", y, m, d);
}

int ct_weekday_from_name(const char *s, size_t n)
{
	static const char *const days[7] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
	if (n < 6 || n > 9)
		return 0;
	char low[9];
	for (size_t k = 0; k < n; k++)
		low[k] = ct_ascii_lower(s[k]);
	for (int k = 0; k < 7; k++)
		if (strlen(days[k]) == n && !memcmp(low, days[k], n))
			return k + 1;
	return 0;
}
