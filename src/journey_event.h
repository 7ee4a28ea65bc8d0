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

#include <stdint.h>

/* At most this many conditions (steps): one bit each in the mask. */
#define JOURNEY_MAX_CONDITIONS 64

typedef struct JourneyEvent
{
	int64_t		ts;				/* microseconds, as timestamp(tz) stores it */
	uint64_t	mask;			/* bit k-1 set: condition k held on the row */
} JourneyEvent;

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
