/*
 * Unit tests of the sequence pattern compiler and matcher (src/pattern.c),
 * run without a server by "make unitcheck": compiler errors and their
 * positions, ClickHouse's own sequence test table, and a comparison with a
 * brute-force search over every chain on many small random inputs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"
#include "unit_test.h"

#define MAX_EVENTS 9
#define SECOND INT64_C(1000000)

static char workspace[1 << 16];

static int
cmp_events(const void *a, const void *b)
{
	return journey_event_cmp(a, b);
}

static bool
compile(const char *text, Pattern *pattern)
{
	int			errpos;
	char		message[256];

	return pattern_compile(text, strlen(text), pattern, &errpos, message, sizeof(message));
}

/* The error position of a pattern that must not compile, or 0. */
static int
error_position(const char *text, const char *fragment)
{
	Pattern		pattern;
	int			errpos = 0;
	char		message[256];

	if (pattern_compile(text, strlen(text), &pattern, &errpos, message, sizeof(message)))
		return 0;
	if (strstr(message, fragment) == NULL)
	{
		printf("message for %s: %s\n", text, message);
		return -1;
	}
	return errpos;
}

static void
test_compiler(void)
{
	Pattern		p;
	char		long_pattern[64 * 4 + 8];

	check(compile("", &p) && p.nelements == 0, "empty pattern");
	check(compile(".*", &p) && p.nelements == 0, ".* has no events");
	check(compile("(?1).*(?t<=7d)(?2)", &p) && p.nelements == 2 &&
		  p.elements[1].link == PATTERN_TIME && p.elements[1].op == PATTERN_LE &&
		  p.elements[1].bound == 7 * 86400 * SECOND, "days");
	check(compile("(?1)(?t==90)(?2)", &p) && p.elements[1].bound == 90 * SECOND, "seconds");
	check(compile("(?1)(?t>2w)(?2)", &p) && p.elements[1].bound == 2 * 604800 * SECOND, "weeks");
	check(compile("(?1)(?t!=5m)(?2)", &p) && p.elements[1].op == PATTERN_NE &&
		  p.elements[1].bound == 300 * SECOND, "minutes, !=");
	check(compile("(?1).*(?t<1h)(?2)", &p) && p.elements[1].link == PATTERN_TIME &&
		  p.elements[1].bound == 3600 * SECOND, ".* before a time bound");
	check(compile("(?1)(?t<1h).*(?2)", &p) && p.elements[1].link == PATTERN_TIME &&
		  p.elements[1].bound == 3600 * SECOND, ".* after a time bound");
	check(compile("(?1)(?2).(?3)", &p) && p.nelements == 4 && p.nreported == 3 &&
		  p.elements[1].link == PATTERN_ADJACENT && p.elements[2].condition == 0,
		  "adjacent and any");
	check(compile("(?12)(?64)", &p) && p.max_condition == 64 && p.max_condition_position == 8,
		  "largest condition and its position");
	check(compile("(?1)(?t<5)", &p) && p.nelements == 1, "trailing < matches nothing");
	check(compile("(?1)(?t>=0)", &p) && p.nelements == 1, "trailing >= 0 matches nothing");
	check(compile("(?1)(?t>5)", &p) && p.nelements == 2 && p.elements[1].condition == 0 &&
		  p.nreported == 1, "trailing > needs a later event");

	check(error_position("(?1)x(?2)", "expected (?N)") == 5, "stray character");
	check(error_position(" (?1)", "expected (?N)") == 1, "blank");
	check(error_position("(?1", "expected \")\"") == 4, "unclosed");
	check(error_position("(1)", "expected \"?\"") == 2, "no question mark");
	check(error_position("(?x)", "condition number or \"t\"") == 3, "no number");
	check(error_position("(?0)", "start at 1") == 3, "condition 0");
	check(error_position("(?65)", "up to 64") == 3, "condition 65");
	check(error_position("(?99999999999999999999)", "up to 64") == 3, "huge condition");
	check(error_position("(?t<5)(?1)", "must follow an event") == 1, "leading time");
	check(error_position("(?1)(?t<5).*(?t<6)(?2)", "must follow an event") == 13,
		  "two times around .*");
	check(error_position("(?1)(?t<5)(?t<6)(?2)", "must follow an event") == 11, "two times");
	check(error_position("(?1)(?t5)(?2)", "comparison") == 8, "no operator");
	check(error_position("(?1)(?t=5)(?2)", "comparison") == 8, "single =");
	check(error_position("(?1)(?t<)(?2)", "number of seconds") == 9, "no number");
	check(error_position("(?1)(?t<5y)(?2)", "a unit") == 10, "unknown unit");
	check(error_position("(?1)(?t<1.5)(?2)", "a unit") == 10, "fraction");
	check(error_position("(?1)(?t<99999999999999999999)(?2)", "out of range") == 9, "huge time");
	check(error_position("(?1)(?t<9999999999999w)(?2)", "out of range") == 9, "huge weeks");
	check(error_position("(?1)(?t<5", "expected \")\"") == 10, "unclosed time");

	long_pattern[0] = '\0';
	for (int i = 0; i < 64; i++)
		strcat(long_pattern, "(?1)");
	check(compile(long_pattern, &p) && p.nelements == 64, "64 events");
	strcat(long_pattern, ".");
	check(error_position(long_pattern, "at most 64") == 257, "65 events");
}

/*
 * ClickHouse's tests/queries/0_stateless/00222_sequence_aggregate_function_family:
 * one row per second, data 0,0,0,0,1,2,0,0,0,0,1,1, conditions data = 0..3.
 */
static const int clickhouse_data[] = {0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 1, 1};

static size_t
clickhouse_events(JourneyEvent *events, int nconditions)
{
	size_t		n = 0;

	for (int second = 0; second < 12; second++)
	{
		int			data = clickhouse_data[second];

		/* in the two-condition tests the conditions are data = 1, data = 2 */
		uint64_t	mask = nconditions == 4 ? UINT64_C(1) << data :
			(data == 1 ? 1 : data == 2 ? 2 : 0);

		if (mask == 0)
			continue;
		events[n].ts = second * SECOND;
		events[n].mask = mask;
		n++;
	}
	return n;
}

typedef struct ClickHouseCase
{
	const char *pattern;
	int			nconditions;
	int			match;
	int			count;
	int			ntimes;
	int			times[6];
} ClickHouseCase;

static const ClickHouseCase clickhouse_cases[] = {
	{"", 4, 1, 12, 0, {0}},
	{".", 4, 1, 12, 0, {0}},
	{".*", 4, 1, 12, 0, {0}},
	{"(?1)", 4, 1, 8, 1, {0}},
	{"(?2)", 4, 1, 3, 1, {4}},
	{"(?3)", 4, 1, 1, 1, {5}},
	{"(?4)", 4, 0, 0, 0, {0}},
	{"(?1)(?1)", 4, 1, 4, 2, {0, 1}},
	{"(?1)(?1)(?1)", 4, 1, 2, 3, {0, 1, 2}},
	{"(?1)(?1)(?1)(?1)", 4, 1, 2, 4, {0, 1, 2, 3}},
	{"(?1)(?1)(?1)(?1)(?1)", 4, 0, 0, 4, {0, 1, 2, 3}},
	{"(?1)(?1)(?1)(?1)(?2)", 4, 1, 2, 5, {0, 1, 2, 3, 4}},
	{"(?1)(?t>10)(?2)", 4, 1, 1, 2, {0, 11}},
	{"(?1)(?t>11)(?2)", 4, 0, 0, 1, {0}},
	{"(?1)(?t<11)(?2)", 4, 1, 2, 2, {0, 4}},
	{"(?1)(?t<3)(?3)", 4, 1, 1, 2, {3, 5}},
	{"(?1)(?t<=2)(?3)", 4, 1, 1, 2, {3, 5}},
	{"(?1)(?t<2)(?3)", 4, 0, 0, 1, {0}},
	{"(?2)(?t>=7)(?2)", 4, 1, 1, 2, {4, 11}},
	{"(?2)(?t>7)(?2)", 4, 0, 0, 1, {4}},
	{"(?2)(?3)(?1)", 4, 1, 1, 3, {4, 5, 6}},
	{"(?1)(?t==2)(?2)", 2, 0, 0, 1, {4}},
	{"(?1)(?t==1)(?2)", 2, 1, 1, 2, {4, 5}},
};

static void
test_clickhouse_cases(void)
{
	JourneyEvent events[12];

	for (size_t c = 0; c < sizeof(clickhouse_cases) / sizeof(clickhouse_cases[0]); c++)
	{
		const ClickHouseCase *test = &clickhouse_cases[c];
		size_t		n = clickhouse_events(events, test->nconditions);
		Pattern		p;
		int64_t		times[PATTERN_MAX_ELEMENTS];
		int			ntimes;
		char		what[128];
		bool		same;

		if (!compile(test->pattern, &p))
		{
			check(0, test->pattern);
			continue;
		}
		snprintf(what, sizeof(what), "sequence_match('%s')", test->pattern);
		check(pattern_match(&p, events, n, workspace, NULL) == (test->match == 1), what);
		snprintf(what, sizeof(what), "sequence_count('%s')", test->pattern);
		check(pattern_count(&p, events, n, workspace, NULL) == test->count, what);
		ntimes = pattern_match_events(&p, events, n, workspace, times, NULL);
		same = ntimes == test->ntimes;
		for (int i = 0; same && i < ntimes; i++)
			same = times[i] == test->times[i] * SECOND;
		snprintf(what, sizeof(what), "sequence_match_events('%s')", test->pattern);
		check(same, what);
	}
}

/* ---- brute force: every chain of positions, checked link by link ---- */

static bool
element_matches(const PatternElement *element, const JourneyEvent *event)
{
	return element->condition == 0 || (event->mask & element->condition) != 0;
}

static bool
link_holds(const PatternElement *element, const JourneyEvent *events, int from, int to)
{
	int64_t		gap = events[to].ts - events[from].ts;

	switch (element->link)
	{
		case PATTERN_ADJACENT:
			return to == from + 1;
		case PATTERN_GAP:
			return to > from;
	}
	if (to <= from)
		return false;
	switch (element->op)
	{
		case PATTERN_LT:
			return gap < element->bound;
		case PATTERN_LE:
			return gap <= element->bound;
		case PATTERN_GT:
			return gap > element->bound;
		case PATTERN_GE:
			return gap >= element->bound;
		case PATTERN_EQ:
			return gap == element->bound;
		default:
			return gap != element->bound;
	}
}

/*
 * Depth-first in position order: the first chain of elements 0..length-1
 * starting at or after start.  Returns whether one exists; chain gets it.
 */
static bool
brute_chain(const Pattern *p, const JourneyEvent *e, int n, int length, int start,
			int depth, int *chain)
{
	if (depth == length)
		return true;
	for (int i = depth == 0 ? start : chain[depth - 1] + 1; i < n; i++)
	{
		if (!element_matches(&p->elements[depth], &e[i]))
			continue;
		if (depth > 0 && !link_holds(&p->elements[depth], e, chain[depth - 1], i))
			continue;
		chain[depth] = i;
		if (brute_chain(p, e, n, length, start, depth + 1, chain))
			return true;
	}
	return false;
}

/*
 * The positions a chain can end on when element depth goes after position
 * previous (or anywhere from start, for depth 0): one bit per position.
 */
static unsigned
brute_ends(const Pattern *p, const JourneyEvent *e, int n, int start, int depth, int previous)
{
	unsigned	ends = 0;

	for (int i = depth == 0 ? start : previous + 1; i < n; i++)
	{
		if (!element_matches(&p->elements[depth], &e[i]))
			continue;
		if (depth > 0 && !link_holds(&p->elements[depth], e, previous, i))
			continue;
		ends |= depth == p->nelements - 1 ? 1u << i : brute_ends(p, e, n, start, depth + 1, i);
	}
	return ends;
}

/* The most non-overlapping matches starting at or after start. */
static int64_t
brute_count(const Pattern *p, const JourneyEvent *e, int n, int start)
{
	unsigned	ends = brute_ends(p, e, n, start, 0, 0);
	int64_t		best = 0;

	for (int end = start; end < n; end++)
		if (ends & (1u << end))
		{
			int64_t		got = 1 + brute_count(p, e, n, end + 1);

			if (got > best)
				best = got;
		}
	return best;
}

static const char *const random_atoms[] = {
	"(?1)", "(?2)", "(?3)", ".", ".*", "(?t<3)", "(?t<=3)", "(?t>2)", "(?t>=2)",
	"(?t==2)", "(?t!=2)", "(?t<=0)", "(?t==0)"
};

static void
test_against_brute_force(void)
{
	unsigned	seed = 20261123;
	int			mismatches = 0;
	int			runs = 0;

	srand(seed);
	while (runs < 30000)
	{
		char		text[128] = "";
		Pattern		p;
		JourneyEvent e[MAX_EVENTS];
		int			n = rand() % (MAX_EVENTS + 1);
		int			atoms = 1 + rand() % 5;
		int			chain[PATTERN_MAX_ELEMENTS];
		int64_t		times[PATTERN_MAX_ELEMENTS];
		int			length;
		int			ntimes;
		int			expected_ntimes = 0;
		bool		same;

		for (int a = 0; a < atoms; a++)
			strcat(text, random_atoms[rand() % (sizeof(random_atoms) / sizeof(random_atoms[0]))]);
		if (!compile(text, &p) || p.nelements == 0)
			continue;
		runs++;
		for (int i = 0; i < n; i++)
		{
			e[i].ts = (rand() % 6) * SECOND;
			e[i].mask = (uint64_t) (1 + rand() % 15);	/* bit 4: a condition no pattern uses */
		}
		qsort(e, n, sizeof(JourneyEvent), cmp_events);

		same = pattern_match(&p, e, n, workspace, NULL) ==
			brute_chain(&p, e, n, p.nelements, 0, 0, chain);
		same = same && pattern_count(&p, e, n, workspace, NULL) == brute_count(&p, e, n, 0);

		for (length = p.nelements; length > 0; length--)
			if (brute_chain(&p, e, n, length, 0, 0, chain))
				break;
		for (int k = 0; k < length; k++)
			if (p.elements[k].condition != 0)
				expected_ntimes++;
		ntimes = pattern_match_events(&p, e, n, workspace, times, NULL);
		same = same && ntimes == expected_ntimes;
		for (int k = 0, t = 0; same && k < length; k++)
			if (p.elements[k].condition != 0)
				same = times[t++] == e[chain[k]].ts;
		if (!same && mismatches++ < 5)
		{
			printf("pattern %s over", text);
			for (int i = 0; i < n; i++)
				printf(" [%d:%d]", (int) (e[i].ts / SECOND), (int) e[i].mask);
			printf("\n");
		}
	}
	check(mismatches == 0, "matcher agrees with brute force on 30000 random cases");
}

static void
test_large_equality_queue(void)
{
	/* one condition-1 event per second, a condition-2 event every 1000 */
	static JourneyEvent e[5000];
	static char big_workspace[3 * 5001 * 8];
	Pattern		p;
	int64_t		times[2];

	for (int i = 0; i < 5000; i++)
	{
		e[i].ts = i * SECOND;
		e[i].mask = i % 1000 == 999 ? 2 : 1;
	}
	check(compile("(?1)(?t==500)(?2)", &p), "compile ==");
	check(pattern_workspace_bytes(&p, 5000) <= sizeof(big_workspace), "workspace size");
	check(pattern_count(&p, e, 5000, big_workspace, NULL) == 5, "== count over 5000 events");
	check(pattern_match_events(&p, e, 5000, big_workspace, times, NULL) == 2 &&
		  times[0] == 499 * SECOND && times[1] == 999 * SECOND, "== chain");
}

int
main(void)
{
	test_compiler();
	test_clickhouse_cases();
	test_against_brute_force();
	test_large_equality_queue();
	return unit_summary("pattern");
}
