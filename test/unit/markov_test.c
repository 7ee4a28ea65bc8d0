/*
 * Unit tests of the Markov attribution solver (src/markov.c), run without
 * a server by "make unitcheck": worked examples derived by hand, and the
 * dense and iterative solves agreeing on random path sets.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markov.h"
#include "unit_test.h"

static void *
test_alloc(size_t bytes, void *arg)
{
	void	   *p = calloc(1, bytes);

	(void) arg;
	if (p == NULL)
		abort();
	return p;					/* a test: leaked on purpose */
}

static MarkovResult
attribute(const MarkovPath *paths, size_t npaths, int nchannels, int order, int dense_limit,
		  double *effects, double *conversions)
{
	MarkovContext context = {test_alloc, NULL, NULL, dense_limit};
	MarkovResult result;

	result.removal_effect = effects;
	result.conversions = conversions;
	markov_attribute(paths, npaths, nchannels, order, &context, &result);
	return result;
}

static int
near(double a, double b)
{
	return fabs(a - b) < 1e-12;
}

static void
test_worked_examples(void)
{
	/* Bryl (2016): C1 > C2 > C3 converts once; C1 and C2 > C3 do not */
	static const int32_t p1[] = {0, 1, 2}, p2[] = {0}, p3[] = {1, 2};
	MarkovPath bryl[] = {{p1, 3, 1, 0}, {p2, 1, 0, 1}, {p3, 2, 0, 1}};
	/* a > b > a converts, b does not */
	static const int32_t c1[] = {0, 1, 0}, c2[] = {1};
	MarkovPath cycle[] = {{c1, 3, 1, 0}, {c2, 1, 0, 1}};
	/* a > a > b is a > b */
	static const int32_t r1[] = {0, 0, 1, 1}, r2[] = {0, 1};
	MarkovPath repeated[] = {{r1, 4, 2, 3}};
	MarkovPath plain[] = {{r2, 2, 2, 3}};
	/* order 2: a > b > c converts, a > b does not */
	static const int32_t o1[] = {0, 1, 2}, o2[] = {0, 1};
	MarkovPath second_order[] = {{o1, 3, 1, 0}, {o2, 2, 0, 1}};
	double		e[3], c[3], e2[3], c2x[3];
	MarkovResult r;

	r = attribute(bryl, 3, 3, 1, 0, e, c);
	check(near(r.conversion_probability, 1.0 / 3), "Bryl: P(conversion) = 1/3");
	check(near(e[0], 0.5) && near(e[1], 1) && near(e[2], 1), "Bryl: removal effects 0.5, 1, 1");
	check(near(c[0], 0.2) && near(c[1], 0.4) && near(c[2], 0.4), "Bryl: conversions 0.2, 0.4, 0.4");
	check(c[0] + c[1] + c[2] == 1.0, "Bryl: conversions sum to 1 exactly");
	check(r.nstates == 4, "Bryl: (start) and three channel states");

	r = attribute(cycle, 2, 2, 1, 0, e, c);
	check(near(r.conversion_probability, 0.5), "cycle: P(conversion) = 1/2");
	check(near(e[0], 1) && near(e[1], 0.5), "cycle: removal effects 1 and 1/2");
	check(near(c[0], 2.0 / 3) && near(c[1], 1.0 / 3), "cycle: conversions 2/3 and 1/3");

	r = attribute(repeated, 1, 2, 1, 0, e, c);
	attribute(plain, 1, 2, 1, 0, e2, c2x);
	check(near(r.conversion_probability, 0.4) && near(e[0], e2[0]) && near(e[1], e2[1]) &&
		  near(c[0], c2x[0]) && near(c[1], c2x[1]), "a > a > b is a > b");

	r = attribute(second_order, 2, 3, 2, 0, e, c);
	check(near(r.conversion_probability, 0.5) && r.nstates == 3, "order 2: two window states");
	check(near(e[0], 1) && near(e[1], 1) && near(e[2], 1), "order 2: every channel essential");
	check(near(c[0], 1.0 / 3) && near(c[1], 1.0 / 3) && near(c[2], 1.0 / 3), "order 2: thirds");

	r = attribute(second_order, 2, 3, 3, 0, e, c);
	check(r.nstates == 3, "order 3: a path shorter than the order is one state");

	r = attribute(second_order, 0, 3, 1, 0, e, c);
	check(r.conversion_probability == 0 && c[0] == 0 && e[0] == 0, "no paths: nothing to credit");
}

static void
test_dense_and_iterative_agree(void)
{
	int			mismatches = 0;

	srand(20261123);
	for (int run = 0; run < 300; run++)
	{
		int			npaths = 1 + rand() % 12;
		int			nchannels = 1 + rand() % 5;
		int			order = 1 + rand() % 3;
		MarkovPath	paths[12];
		int32_t		channels[12][8];
		double		e1[5], c1[5], e2[5], c2[5];
		MarkovResult dense;
		MarkovResult iterative;

		for (int p = 0; p < npaths; p++)
		{
			paths[p].length = rand() % 8;
			for (int i = 0; i < paths[p].length; i++)
				channels[p][i] = rand() % nchannels;
			paths[p].channels = channels[p];
			paths[p].conversions = rand() % 4;
			paths[p].nulls = rand() % 4;
		}
		dense = attribute(paths, npaths, nchannels, order, 100000, e1, c1);
		iterative = attribute(paths, npaths, nchannels, order, 1, e2, c2);
		if (fabs(dense.conversion_probability - iterative.conversion_probability) > 1e-9)
			mismatches++;
		for (int c = 0; c < nchannels; c++)
			if (fabs(e1[c] - e2[c]) > 1e-9 || fabs(c1[c] - c2[c]) > 1e-9)
				mismatches++;
		if (dense.iterations != 0 || (iterative.iterations == 0 && dense.nstates > 1))
			mismatches++;
	}
	check(mismatches == 0, "dense and iterative solves agree on 300 random path sets");
}

static int	interrupt_checks;

static void
count_interrupt_check(void)
{
	interrupt_checks++;
}

/*
 * A cancelled query must stop within a second, so long solves check for
 * interrupts: the dense solve at each column of each elimination, the
 * iterative one at each sweep, and both before each channel's removal.
 */
static void
test_interrupt_checks(void)
{
	enum
	{
		NCHANNELS = 40, NPATHS = 400
	};
	static int32_t channels[NPATHS][3];
	static MarkovPath paths[NPATHS];
	static double effects[NCHANNELS], conversions[NCHANNELS];
	MarkovContext context = {test_alloc, count_interrupt_check, NULL, 0};
	MarkovResult result;

	for (int p = 0; p < NPATHS; p++)
	{
		for (int i = 0; i < 3; i++)
			channels[p][i] = (p * (i + 3) + i) % NCHANNELS;
		paths[p].channels = channels[p];
		paths[p].length = 3;
		paths[p].conversions = p % 2;
		paths[p].nulls = 1 - p % 2;
	}
	result.removal_effect = effects;
	result.conversions = conversions;

	interrupt_checks = 0;
	markov_attribute(paths, NPATHS, NCHANNELS, 1, &context, &result);
	check(result.iterations == 0 && interrupt_checks >= (NCHANNELS + 1) * result.nstates,
		  "the dense solve checks for interrupts at every column of every solve");

	interrupt_checks = 0;
	context.dense_limit = 1;
	markov_attribute(paths, NPATHS, NCHANNELS, 1, &context, &result);
	check(result.iterations > 0 && interrupt_checks >= NCHANNELS + result.iterations,
		  "the iterative solve checks for interrupts at every sweep and channel");
}

int
main(void)
{
	test_worked_examples();
	test_dense_and_iterative_agree();
	test_interrupt_checks();
	return unit_summary("markov");
}
