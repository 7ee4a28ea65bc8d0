/*-------------------------------------------------------------------------
 *
 * markov.c
 *	  Build the absorbing Markov chain of a set of paths and solve for
 *	  conversion probabilities with and without each channel.
 *
 * State 0 is (start); states 1.. are the distinct channel windows, found
 * through an open-addressing hash of their channel numbers.  Transitions
 * are collected as (from, to, weight), sorted and merged, then normalised
 * per state.  x[s], the probability of reaching (conversion) from state s,
 * solves x = Q x + r over the transient states; a removed channel's states
 * get x = 0.  Up to MARKOV_DENSE_LIMIT states this is Gaussian elimination
 * with partial pivoting, beyond that Gauss-Seidel sweeps from x = 0, which
 * rise monotonically to the solution, until no value moves by more than
 * MARKOV_TOLERANCE.
 *
 *-------------------------------------------------------------------------
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "markov.h"

#define TO_CONVERSION	(-1)
#define TO_NULL			(-2)
#define MAX_SWEEPS		1000000

typedef struct Edge
{
	int32_t		from;
	int32_t		to;				/* a state, TO_CONVERSION or TO_NULL */
	double		weight;
} Edge;

typedef struct Chain
{
	const MarkovContext *context;
	int			order;
	int			nstates;
	int32_t    *keys;			/* order channel numbers per state */
	int8_t	   *key_lengths;
	int32_t    *index;			/* hash slots: state number or -1 */
	size_t		index_size;		/* a power of 2 */
	Edge	   *edges;
	size_t		nedges;
	/* after normalising: per state, its edges are edges[first[s]..first[s + 1]) */
	size_t	   *first;
	double	   *to_conversion;	/* r[s] */
	double	   *dense;			/* the dense solver's matrix, made once */
	const double *warm_start;	/* the iterative solver starts here, if set */
} Chain;

static void
check_interrupts(const Chain *chain)
{
	if (chain->context->check_interrupts != NULL)
		chain->context->check_interrupts();
}

static void *
chain_alloc(const Chain *chain, size_t bytes)
{
	return chain->context->alloc(bytes == 0 ? 1 : bytes, chain->context->arg);
}

static uint32_t
key_hash(const int32_t *key, int length)
{
	uint32_t	hash = 2166136261u ^ (uint32_t) length;

	for (int i = 0; i < length; i++)
	{
		hash ^= (uint32_t) key[i];
		hash *= 16777619u;
	}
	return hash;
}

/* The state of a window of channels, added if new. */
static int32_t
state_of(Chain *chain, const int32_t *key, int length)
{
	size_t		slot = key_hash(key, length) & (chain->index_size - 1);

	for (;;)
	{
		int32_t		state = chain->index[slot];

		if (state < 0)
			break;
		if (chain->key_lengths[state] == length &&
			memcmp(&chain->keys[(size_t) state * chain->order], key, length * sizeof(int32_t)) == 0)
			return state;
		slot = (slot + 1) & (chain->index_size - 1);
	}
	chain->index[slot] = chain->nstates;
	memcpy(&chain->keys[(size_t) chain->nstates * chain->order], key, length * sizeof(int32_t));
	chain->key_lengths[chain->nstates] = (int8_t) length;
	return chain->nstates++;
}

static void
add_edge(Chain *chain, int32_t from, int32_t to, double weight)
{
	if (weight <= 0)
		return;
	chain->edges[chain->nedges].from = from;
	chain->edges[chain->nedges].to = to;
	chain->edges[chain->nedges].weight = weight;
	chain->nedges++;
}

static int
edge_cmp(const void *a, const void *b)
{
	const Edge *x = a;
	const Edge *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return 0;
}

static void
build_chain(Chain *chain, const MarkovPath *paths, size_t npaths)
{
	size_t		total = 0;
	size_t		max_states;
	int32_t    *collapsed;
	int			longest = 0;

	for (size_t p = 0; p < npaths; p++)
	{
		total += (size_t) paths[p].length;
		if (paths[p].length > longest)
			longest = paths[p].length;
	}
	max_states = total + npaths + 1;
	chain->keys = chain_alloc(chain, max_states * chain->order * sizeof(int32_t));
	chain->key_lengths = chain_alloc(chain, max_states);
	chain->index_size = 16;
	while (chain->index_size < 2 * max_states)
		chain->index_size *= 2;
	chain->index = chain_alloc(chain, chain->index_size * sizeof(int32_t));
	memset(chain->index, 0xff, chain->index_size * sizeof(int32_t));
	chain->edges = chain_alloc(chain, (total + 2 * npaths + 1) * sizeof(Edge));
	collapsed = chain_alloc(chain, (size_t) (longest + 1) * sizeof(int32_t));

	chain->nstates = 1;			/* (start) */
	for (size_t p = 0; p < npaths; p++)
	{
		const MarkovPath *path = &paths[p];
		double		through = (double) path->conversions + (double) path->nulls;
		int			length = 0;
		int32_t		previous = 0;
		int			windows;

		if ((p % 4096) == 0)
			check_interrupts(chain);
		for (int i = 0; i < path->length; i++)
			if (length == 0 || collapsed[length - 1] != path->channels[i])
				collapsed[length++] = path->channels[i];

		/* a path shorter than the order is one state */
		windows = length == 0 ? 0 : (length < chain->order ? 1 : length - chain->order + 1);
		for (int w = 0; w < windows; w++)
		{
			int			key_length = length < chain->order ? length : chain->order;
			int32_t		state = state_of(chain, &collapsed[w], key_length);

			add_edge(chain, previous, state, through);
			previous = state;
		}
		add_edge(chain, previous, TO_CONVERSION, (double) path->conversions);
		add_edge(chain, previous, TO_NULL, (double) path->nulls);
	}

	/* merge repeated transitions; then each state's edges are contiguous */
	qsort(chain->edges, chain->nedges, sizeof(Edge), edge_cmp);
	if (chain->nedges > 0)
	{
		size_t		kept = 0;

		for (size_t e = 1; e < chain->nedges; e++)
		{
			if (chain->edges[e].from == chain->edges[kept].from &&
				chain->edges[e].to == chain->edges[kept].to)
				chain->edges[kept].weight += chain->edges[e].weight;
			else
				chain->edges[++kept] = chain->edges[e];
		}
		chain->nedges = kept + 1;
	}

	/* normalise each state's row into probabilities */
	chain->first = chain_alloc(chain, (size_t) (chain->nstates + 1) * sizeof(size_t));
	chain->to_conversion = chain_alloc(chain, (size_t) chain->nstates * sizeof(double));
	for (size_t e = 0, s = 0; s <= (size_t) chain->nstates; s++)
	{
		size_t		start = e;
		double		out = 0;

		chain->first[s] = e;
		if (s == (size_t) chain->nstates)
			break;
		while (e < chain->nedges && chain->edges[e].from == (int32_t) s)
			out += chain->edges[e++].weight;
		for (size_t f = start; f < e; f++)
		{
			chain->edges[f].weight /= out;
			if (chain->edges[f].to == TO_CONVERSION)
				chain->to_conversion[s] = chain->edges[f].weight;
		}
	}
}

/*
 * Absorption probabilities x with the removed states held at 0.  Long
 * solves honour interrupts: the dense one at every column, the iterative
 * one at every sweep.
 */
static int
solve(Chain *chain, const bool *removed, double *x)
{
	int			n = chain->nstates;

	if (n <= (chain->context->dense_limit > 0 ? chain->context->dense_limit : MARKOV_DENSE_LIMIT))
	{
		double	   *a;

		if (chain->dense == NULL)
			chain->dense = chain_alloc(chain, (size_t) n * (n + 1) * sizeof(double));
		a = chain->dense;
		memset(a, 0, (size_t) n * (n + 1) * sizeof(double));
#define A(i, j) a[(size_t) (i) * (n + 1) + (j)]
		for (int s = 0; s < n; s++)
		{
			A(s, s) = 1;
			if (removed[s])
				continue;
			A(s, n) = chain->to_conversion[s];
			for (size_t e = chain->first[s]; e < chain->first[s + 1]; e++)
			{
				int32_t		t = chain->edges[e].to;

				if (t >= 0 && !removed[t])
					A(s, t) -= chain->edges[e].weight;
			}
		}
		for (int col = 0; col < n; col++)
		{
			int			pivot = col;

			check_interrupts(chain);
			for (int row = col + 1; row < n; row++)
				if (fabs(A(row, col)) > fabs(A(pivot, col)))
					pivot = row;
			if (pivot != col)
				for (int j = col; j <= n; j++)
				{
					double		swap = A(col, j);

					A(col, j) = A(pivot, j);
					A(pivot, j) = swap;
				}
			if (A(col, col) == 0)
				continue;		/* cannot happen in an absorbing chain */
			for (int row = col + 1; row < n; row++)
			{
				double		factor = A(row, col) / A(col, col);

				if (factor == 0)
					continue;
				for (int j = col; j <= n; j++)
					A(row, j) -= factor * A(col, j);
			}
		}
		for (int row = n - 1; row >= 0; row--)
		{
			double		sum = A(row, n);

			for (int j = row + 1; j < n; j++)
				sum -= A(row, j) * x[j];
			x[row] = A(row, row) == 0 ? 0 : sum / A(row, row);
		}
#undef A
		return 0;
	}

	/* the fixed point is unique, so any start converges to it */
	if (chain->warm_start != NULL)
		for (int s = 0; s < n; s++)
			x[s] = removed[s] ? 0 : chain->warm_start[s];
	else
		memset(x, 0, (size_t) n * sizeof(double));
	for (int sweep = 1; sweep <= MAX_SWEEPS; sweep++)
	{
		double		moved = 0;

		check_interrupts(chain);
		for (int s = 0; s < n; s++)
		{
			double		value = 0;

			if (removed[s])
				continue;
			value = chain->to_conversion[s];
			for (size_t e = chain->first[s]; e < chain->first[s + 1]; e++)
			{
				int32_t		t = chain->edges[e].to;

				if (t >= 0 && !removed[t])
					value += chain->edges[e].weight * x[t];
			}
			if (fabs(value - x[s]) > moved)
				moved = fabs(value - x[s]);
			x[s] = value;
		}
		if (moved <= MARKOV_TOLERANCE)
			return sweep;
	}
	return MAX_SWEEPS;
}

void
markov_attribute(const MarkovPath *paths, size_t npaths, int nchannels, int order,
				 const MarkovContext *context, MarkovResult *result)
{
	Chain		chain;
	double	   *x;
	double	   *full;
	bool	   *removed;
	double		total_conversions = 0;
	double		effects = 0;
	int			last_credited = -1;
	double		others = 0;

	memset(&chain, 0, sizeof(chain));
	chain.context = context;
	chain.order = order;
	build_chain(&chain, paths, npaths);
	for (size_t p = 0; p < npaths; p++)
		total_conversions += (double) paths[p].conversions;

	x = chain_alloc(&chain, (size_t) chain.nstates * sizeof(double));
	removed = chain_alloc(&chain, (size_t) chain.nstates * sizeof(bool));
	result->nstates = chain.nstates;
	result->iterations = solve(&chain, removed, x);
	result->conversion_probability = x[0];

	/* removing a channel changes few states: start from the full solution */
	full = chain_alloc(&chain, (size_t) chain.nstates * sizeof(double));
	memcpy(full, x, (size_t) chain.nstates * sizeof(double));
	chain.warm_start = full;

	for (int c = 0; c < nchannels; c++)
	{
		bool		present = false;

		check_interrupts(&chain);
		for (int s = 1; s < chain.nstates; s++)
		{
			removed[s] = false;
			for (int i = 0; i < chain.key_lengths[s]; i++)
				if (chain.keys[(size_t) s * order + i] == c)
					removed[s] = true;
			present |= removed[s];
		}
		result->removal_effect[c] = 0;
		if (present && result->conversion_probability > 0)
		{
			solve(&chain, removed, x);
			result->removal_effect[c] = 1 - x[0] / result->conversion_probability;
			if (result->removal_effect[c] < 0)
				result->removal_effect[c] = 0;	/* rounding */
		}
		effects += result->removal_effect[c];
	}

	/* conversions in proportion to the effects; the last share takes the rest */
	for (int c = 0; c < nchannels; c++)
		if (effects > 0 && result->removal_effect[c] > 0)
			last_credited = c;
	for (int c = 0; c < nchannels; c++)
	{
		result->conversions[c] = 0;
		if (c == last_credited)
			result->conversions[c] = total_conversions - others;
		else if (effects > 0 && result->removal_effect[c] > 0)
		{
			result->conversions[c] = total_conversions * result->removal_effect[c] / effects;
			others += result->conversions[c];
		}
	}
}
