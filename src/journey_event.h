/*-------------------------------------------------------------------------
 *
 * journey_event.h
 *	  One stored event of a customer: when, and which conditions held.
 *
 * Pure C, shared by the server-side event buffer and the algorithm cores
 * (funnel_scan.c) that are tested without a server.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_EVENT_H
#define JOURNEY_EVENT_H

#include <stdbool.h>
#include <stdint.h>

/* At most this many conditions (steps): one bit each in the mask. */
#define JOURNEY_MAX_CONDITIONS 64

typedef struct JourneyEvent
{
	int64_t		ts;				/* microseconds, as timestamp(tz) stores it */
	uint64_t	mask;			/* bit k-1 set: condition k held on the row */
} JourneyEvent;

/* The bits of conditions 1..n (n up to 64) in a mask. */
static inline uint64_t
condition_bits(int nconditions)
{
	return nconditions >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << nconditions) - 1;
}

/*
 * A window or lookback of days (of 24 hours) and time, in microseconds;
 * false if that does not fit in 64 bits.
 */
static inline bool
window_microseconds(int64_t days, int64_t time, int64_t *result)
{
	const int64_t usecs_per_day = INT64_C(86400000000);
	int64_t		days_us;

	if (days > INT64_MAX / usecs_per_day || days < INT64_MIN / usecs_per_day)
		return false;
	days_us = days * usecs_per_day;
	if ((time > 0 && days_us > INT64_MAX - time) || (time < 0 && days_us < INT64_MIN - time))
		return false;
	*result = days_us + time;
	return true;
}

/* The total order every scan relies on: time, then condition mask. */
static inline int
journey_event_cmp(const JourneyEvent *a, const JourneyEvent *b)
{
	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	if (a->mask != b->mask)
		return a->mask < b->mask ? -1 : 1;
	return 0;
}

#endif							/* JOURNEY_EVENT_H */
