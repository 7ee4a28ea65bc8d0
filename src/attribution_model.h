/*-------------------------------------------------------------------------
 *
 * attribution_model.h
 *	  The heuristic attribution models: parsing a model string and
 *	  splitting one conversion over the touches before it.
 *
 * Pure C: no server calls, so the parser is unit-tested and fuzzed on its
 * own.  docs/attribution.md states the models and their formulas.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_ATTRIBUTION_MODEL_H
#define JOURNEY_ATTRIBUTION_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum AttributionModelKind
{
	MODEL_FIRST_TOUCH = 1,
	MODEL_LAST_TOUCH,
	MODEL_LINEAR,
	MODEL_POSITION_BASED,
	MODEL_TIME_DECAY
} AttributionModelKind;

#define NO_LOOKBACK (-1)

typedef struct AttributionModel
{
	int			kind;			/* AttributionModelKind */
	double		first;			/* position_based: share of the first touch */
	double		last;			/* ... and of the last */
	int64_t		half_life;		/* time_decay, microseconds, > 0 */
	int64_t		lookback;		/* microseconds, or NO_LOOKBACK */
} AttributionModel;

/*
 * Parse e.g. "time_decay(half_life = 3 days, lookback = 30 days)": a model
 * name (case and blanks around it do not matter) and optional parameters.
 * Returns true, or false with a message naming the bad part in errbuf.
 */
extern bool attribution_parse_model(const char *text, size_t len, AttributionModel *model,
									char *errbuf, size_t errlen);

/* Whether a model read from untrusted bytes is one the parser can make. */
extern bool attribution_model_valid(const AttributionModel *model);

/*
 * Split one conversion over the n >= 1 touches before it (times in order):
 * shares[i] >= 0, and the last share is 1 minus the others, so they sum to
 * 1 as closely as floating point allows.
 */
extern void attribution_shares(const AttributionModel *model, const int64_t *touch_ts, int n,
							   double *shares);

#endif							/* JOURNEY_ATTRIBUTION_MODEL_H */
