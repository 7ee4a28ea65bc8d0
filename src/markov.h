/*-------------------------------------------------------------------------
 *
 * markov.h
 *	  Markov-chain attribution with removal effects, solved exactly.
 *
 * The channels of each distinct path (numbered 0..nchannels-1) with its
 * conversions and nulls build an absorbing Markov chain over (start), one
 * state per channel, or per window of `order` consecutive channels,
 * (conversion) and (null).  The probability of conversion from (start) is
 * found by solving the linear system of absorption probabilities, not by
 * simulation; removing a channel sends every transition into a state that
 * holds it to (null).
 *
 * Pure C: no server calls, so the solver is unit-tested on its own.
 * docs/attribution.md states the definitions.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_MARKOV_H
#define JOURNEY_MARKOV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MARKOV_MAX_ORDER		10

/* Above this many transient states the solve is iterative. */
#define MARKOV_DENSE_LIMIT		400
/* ... and stops when no probability moves by more than this. */
#define MARKOV_TOLERANCE		1e-13

typedef struct MarkovPath
{
	const int32_t *channels;	/* channel numbers, in order */
	int			length;
	int64_t		conversions;
	int64_t		nulls;
} MarkovPath;

typedef struct MarkovResult
{
	double		conversion_probability; /* from (start), all channels present */
	double	   *removal_effect;	/* per channel: 1 - P(without it) / P */
	double	   *conversions;	/* per channel: total conversions split by removal effect */
	int			nstates;		/* transient states, (start) included */
	int			iterations;		/* of the iterative solve; 0 when dense */
} MarkovResult;

/* What the solver needs from its caller, so that the core stays pure. */
typedef struct MarkovContext
{
	void	   *(*alloc) (size_t bytes, void *arg); /* zeroed; does not return NULL */
	void		(*check_interrupts) (void);		/* may be NULL */
	void	   *arg;
	int			dense_limit;	/* 0: MARKOV_DENSE_LIMIT (tests set others) */
} MarkovContext;

/*
 * Attribute.  removal_effect and conversions in result must have room for
 * nchannels values.  Repeats of a channel in a row are collapsed first.
 */
extern void markov_attribute(const MarkovPath *paths, size_t npaths, int nchannels, int order,
							 const MarkovContext *context, MarkovResult *result);

#endif							/* JOURNEY_MARKOV_H */
