/*
 * Unit tests of the funnel scan (src/funnel_scan.c), run without a server
 * by "make unitcheck": the mode parser, fixed cases, and a comparison with
 * a brute-force search over every chain on many small random inputs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "funnel_scan.h"
#include "unit_test.h"

#define MAX_EVENTS 9
#define EXCLUDE (UINT64_C(1) << 63)

static int
cmp_events(const void *a, const void *b)
{
	return journey_event_cmp(a, b);
}

static int
scan(const FunnelSpec *spec, JourneyEvent *events, int n, int64_t *chain)
{
	static char workspace[1 << 16];

	qsort(events, n, sizeof(JourneyEvent), cmp_events);
	return funnel_scan(spec, events, n, workspace, chain, NULL);
}

/*
 * Brute force for the modes without stop rules (default, strict_increase,
 * strict_once, exclusions): the longest chain of rows r1..rk, row ri
 * matching step i, in time order (strictly with strict_increase), on
 * distinct rows with strict_once, within the window of r1, with no
 * exclusion strictly between r1 and rk.
 */
static int
brute_extend(const FunnelSpec *spec, const JourneyEvent *e, int n, int *used,
			 int depth, int first)
{
	int			best = depth;
	int			last = depth == 0 ? -1 : used[depth - 1];

	if (depth == spec->nsteps)
		return depth;
	for (int r = 0; r < n; r++)
	{
		int			ok = 1;

		if (!(e[r].mask & (UINT64_C(1) << depth)))
			continue;
		if (depth > 0)
		{
			int64_t		t0 = e[first].ts;

			if (e[r].ts < e[last].ts)
				continue;
			if ((spec->modes & FUNNEL_STRICT_INCREASE) && e[r].ts == e[last].ts)
				continue;
			if (e[r].ts - t0 > spec->window)
				continue;
			if (spec->modes & FUNNEL_STRICT_ONCE)
				for (int i = 0; i < depth; i++)
					if (used[i] == r)
						ok = 0;
			for (int x = 0; x < n && ok; x++)
				if ((e[x].mask & spec->exclude_bit) && e[x].ts > t0 && e[x].ts < e[r].ts)
					ok = 0;
			if (!ok)
				continue;
		}
		used[depth] = r;
		{
			int			got = brute_extend(spec, e, n, used, depth + 1, depth == 0 ? r : first);

			if (got > best)
				best = got;
		}
	}
	return best;
}

static void
random_comparison(unsigned modes, int with_exclusion, int rounds)
{
	unsigned	seed = 12345 + modes * 7 + with_exclusion;

	for (int round = 0; round < rounds; round++)
	{
		JourneyEvent events[MAX_EVENTS];
		FunnelSpec	spec;
		int			n = 1 + rand_r(&seed) % MAX_EVENTS;
		int			used[64];
		int64_t		chain[64];
		int			expected;
		int			got;

		spec.nsteps = 1 + rand_r(&seed) % 4;
		spec.window = rand_r(&seed) % 5;
		spec.modes = modes;
		spec.exclude_bit = with_exclusion ? EXCLUDE : 0;
		for (int i = 0; i < n; i++)
		{
			events[i].ts = rand_r(&seed) % 5;
			events[i].mask = (uint64_t) (rand_r(&seed) % (1 << spec.nsteps));
			if (with_exclusion && rand_r(&seed) % 5 == 0)
				events[i].mask = EXCLUDE;
		}
		qsort(events, n, sizeof(JourneyEvent), cmp_events);
		expected = brute_extend(&spec, events, n, used, 0, 0);
		got = scan(&spec, events, n, chain);
		if (scan(&spec, events, n, NULL) != got)
		{
			unit_failed++;
			printf("FAIL: modes %u: the level differs without chain tracking\n", modes);
			return;
		}
		if (got != expected)
		{
			unit_failed++;
			printf("FAIL: modes %u exclusion %d window %lld steps %d: scan %d, brute force %d; events:",
				   modes, with_exclusion, (long long) spec.window, spec.nsteps, got, expected);
			for (int i = 0; i < n; i++)
				printf(" %lld:%llx", (long long) events[i].ts, (unsigned long long) events[i].mask);
			printf("\n");
			return;
		}
		/* the chain returned is a valid chain of that level */
		for (int i = 1; i < got; i++)
			if (chain[i] < chain[i - 1] || chain[i] - chain[0] > spec.window)
			{
				unit_failed++;
				printf("FAIL: modes %u: chain out of order or window\n", modes);
				return;
			}
		unit_passed++;
	}
}

static void
test_modes(void)
{
	unsigned	modes;
	char		err[256];
	char		text[256];

	check(funnel_parse_modes("", 0, &modes, err, sizeof(err)) && modes == 0, "empty mode list");
	check(funnel_parse_modes("  ", 2, &modes, err, sizeof(err)) && modes == 0, "blank mode list");
	check(funnel_parse_modes(" Strict_Order , allow_reentry ", 30, &modes, err, sizeof(err)) &&
		  modes == (FUNNEL_STRICT_ORDER | FUNNEL_ALLOW_REENTRY), "modes with blanks and case");
	check(!funnel_parse_modes("allow_reentry", 13, &modes, err, sizeof(err)) &&
		  strstr(err, "strict_order") != NULL, "allow_reentry needs strict_order");
	check(!funnel_parse_modes("strict", 6, &modes, err, sizeof(err)) &&
		  strstr(err, "strict_deduplication") != NULL, "strict was renamed");
	check(!funnel_parse_modes("a,,b", 4, &modes, err, sizeof(err)), "empty entry");
	check(!funnel_parse_modes("strict_order,", 13, &modes, err, sizeof(err)), "trailing comma");
	check(!funnel_parse_modes("strict_orde", 11, &modes, err, sizeof(err)) &&
		  strstr(err, "strict_orde") != NULL, "unknown mode is named");
	check(!funnel_parse_modes("strict_order\0x", 14, &modes, err, sizeof(err)), "embedded NUL");
	funnel_modes_text(FUNNEL_ALL_MODES, text, sizeof(text));
	check(strcmp(text, "strict_deduplication,strict_order,strict_increase,strict_once,allow_reentry") == 0,
		  "canonical text of every mode");
	check(funnel_parse_modes(text, strlen(text), &modes, err, sizeof(err)) && modes == FUNNEL_ALL_MODES,
		  "canonical text parses back");
}

static void
test_fixed_cases(void)
{
	FunnelSpec	spec = {3, 100, 0, 0};
	JourneyEvent e[8];
	int64_t		chain[64];

	/* ClickHouse issue 93789: [0: c1] [1: c1] [1: c2] under strict_increase */
	spec.nsteps = 2;
	spec.modes = FUNNEL_STRICT_INCREASE;
	e[0] = (JourneyEvent) {0, 1};
	e[1] = (JourneyEvent) {1, 1};
	e[2] = (JourneyEvent) {1, 2};
	check(scan(&spec, e, 3, chain) == 2 && chain[0] == 0 && chain[1] == 1, "issue 93789 gives 2 via 0 -> 1");

	/* strict_once: rows {c1,c2} and {c1} at one time chain on distinct rows */
	spec.modes = FUNNEL_STRICT_ONCE;
	e[0] = (JourneyEvent) {5, 3};
	e[1] = (JourneyEvent) {5, 1};
	check(scan(&spec, e, 2, chain) == 2, "strict_once matches steps to distinct rows");
	e[0] = (JourneyEvent) {5, 3};
	check(scan(&spec, e, 1, chain) == 1, "strict_once: one row fills one step");

	/* extreme timestamps do not overflow the window test */
	spec.modes = 0;
	spec.window = 10;
	e[0] = (JourneyEvent) {INT64_MIN, 1};
	e[1] = (JourneyEvent) {INT64_MAX, 2};
	check(scan(&spec, e, 2, chain) == 1, "infinite timestamps are far apart");

	/* 64 steps, one row each */
	spec.nsteps = 64;
	spec.window = 1000;
	{
		JourneyEvent many[64];

		for (int i = 0; i < 64; i++)
			many[i] = (JourneyEvent) {i, UINT64_C(1) << i};
		check(scan(&spec, many, 64, chain) == 64 && chain[63] == 63, "64 steps");
	}
	check(scan(&spec, e, 0, chain) == 0, "no events");
}

int
main(void)
{
	static const unsigned modes[] = {
		0, FUNNEL_STRICT_INCREASE, FUNNEL_STRICT_ONCE,
		FUNNEL_STRICT_INCREASE | FUNNEL_STRICT_ONCE
	};

	test_modes();
	test_fixed_cases();
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
	{
		random_comparison(modes[i], 0, 20000);
		random_comparison(modes[i], 1, 20000);
	}
	return unit_summary("funnel_scan");
}
