/* Dates as news writes them. */
#include "test.h"
#include "../../src/core/date.h"

static void check_date(const char *s, size_t used, const char *iso, int m, int d)
{
	ct_date dt = {0};
	size_t n = ct_date_parse(s, strlen(s), &dt);
	char buf[11];
	ct_date_iso(&dt, buf);
	CHECK(n == used && (!used || (!strcmp(buf, iso) && dt.m == m && dt.d == d)), "%s: used %zu iso %s %d-%d", s, n,
	      buf, dt.m, dt.d);
}

void test_date(void)
{
	check_date("2014-09-15 PARIS", 10, "2014-09-15", 9, 15);
	check_date("December 4, 2014", 16, "2014-12-04", 12, 4);
	check_date("Sept. 15 The", 8, "", 9, 15);
	check_date("Sept 15", 7, "", 9, 15);
	check_date("15 September 2014", 17, "2014-09-15", 9, 15);
	check_date("Nov. 10", 7, "", 11, 10);
	check_date("March 3rd, 2015", 15, "2015-03-03", 3, 3);
	check_date("May be", 0, "", 0, 0);
	check_date("2014-02-30", 0, "", 0, 0);
	check_date("Septembre 3", 0, "", 0, 0);
	CHECK_INT(ct_month_from_name("Sept.", 5), 9);
	CHECK_INT(ct_month_from_name("Ju", 2), 0);
}
