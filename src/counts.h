/*-------------------------------------------------------------------------
 *
 * counts.h
 *	  bigint[] counters: the state of cross-customer rollups.
 *
 * Rollups over customers (funnel_counts, nps, csat) keep plain bigint[]
 * counters instead of an internal state, so that partial results combine
 * anywhere: in parallel workers and on Citus workers alike.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_COUNTS_H
#define JOURNEY_COUNTS_H

#include "postgres.h"

#include "utils/array.h"

extern ArrayType *NewCounts(int n);
extern int64 *CountsData(ArrayType *counts, int *n);

#endif							/* JOURNEY_COUNTS_H */
