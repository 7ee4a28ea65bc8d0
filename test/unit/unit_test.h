/*
 * The little each unit test program needs: count checks, report failures,
 * and end with a "N passed, N failed" line.
 */
#ifndef UNIT_TEST_H
#define UNIT_TEST_H

#include <stdio.h>

static int	unit_passed;
static int	unit_failed;

static void
check(int condition, const char *what)
{
	if (condition)
		unit_passed++;
	else
	{
		unit_failed++;
		printf("FAIL: %s\n", what);
	}
}

static int
unit_summary(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, unit_passed, unit_failed);
	return unit_failed == 0 ? 0 : 1;
}

#endif							/* UNIT_TEST_H */
