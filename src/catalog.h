/*-------------------------------------------------------------------------
 *
 * catalog.h
 *	  The built-in touchpoint catalog.
 *
 * One table serves both the seed rows of journey.touchpoint and the sample
 * generator, so the two can never disagree.  Pure C data.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_CATALOG_H
#define JOURNEY_CATALOG_H

typedef struct BuiltinTouchpoint
{
	const char *name;
	int			stage;			/* STAGE_* ordinal */
	const char *channel;
	const char *medium;			/* "digital" or "physical" */
	const char *description;

	/*
	 * How the sample generator uses it: a touch's weight among the
	 * touchpoints of its stage, and for purchase-stage touchpoints whether a
	 * touch there is the purchase itself (it carries revenue).
	 */
	int			sample_weight;
	int			is_purchase;
} BuiltinTouchpoint;

extern const BuiltinTouchpoint builtin_touchpoints[];
extern const int num_builtin_touchpoints;

#endif							/* JOURNEY_CATALOG_H */
