/*-------------------------------------------------------------------------
 *
 * event_state.h
 *	  The internal state of pg_journey's per-customer aggregates.
 *
 * A customer's events (an EventBuffer) plus the aggregate's configuration
 * (window or lookback, mode, number of steps), which every row of a group
 * must repeat.  One combine, serialize and deserialize function serves
 * every aggregate that keeps this state.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_EVENT_STATE_H
#define JOURNEY_EVENT_STATE_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/array.h"
#include "utils/timestamp.h"

#include "event_buffer.h"

/*
 * Room for this many wide events inside the state (twice as many packed
 * ones), which then fills a 256-byte allocation chunk: most customers need
 * no more (the sample averages 9.6, at most 23).
 */
#define EVENT_STATE_INLINE_EVENTS	12

typedef struct EventState
{
	EventBuffer buf;
	int64		window;			/* window or lookback, microseconds */
	int32		window_days;	/* the window as given, for messages */
	int64		window_time;
	uint8		kind;			/* EventKind */
	uint8		nsteps;
	uint8		modes;			/* FUNNEL_* of funnel_scan.h */
	JourneyEvent inline_events[EVENT_STATE_INLINE_EVENTS];
} EventState;

extern MemoryContext AggregateContext(FunctionCallInfo fcinfo, const char *name);
/*
 * An interval of days, hours, minutes and seconds in microseconds; months,
 * negative and infinite intervals are errors that call it `what`.
 */
extern int64 WindowMicroseconds(Interval *window, const char *what);
extern EventState *NewEventState(MemoryContext context, EventKind kind, int nsteps,
								 unsigned modes, int64 window, int32 window_days,
								 int64 window_time);
extern void CheckSameConfiguration(const EventState *state, int nsteps, unsigned modes,
								   int64 window, int32 window_days, int64 window_time);
extern void CheckInterrupts(void);

/*
 * The start of every combine function over internal states: with nothing
 * to add, the result is the other state, or NULL.
 */
#define RETURN_IF_NOTHING_TO_COMBINE(into, from) \
	do { \
		if ((from) == NULL) \
		{ \
			if ((into) == NULL) \
				PG_RETURN_NULL(); \
			PG_RETURN_POINTER(into); \
		} \
	} while (0)

/* A timestamp or timestamptz array (element_type) of at most 64 times. */
extern ArrayType *TimestampArray(const int64 *times, int ntimes, Oid element_type);

/*
 * Scratch memory for a final function, kept in its fn_extra for the query:
 * one for the events FinalEvents unpacks, one for the scan.
 */
typedef enum FinalWorkspaceKind
{
	FINAL_WORKSPACE_EVENTS,
	FINAL_WORKSPACE_SCAN
} FinalWorkspaceKind;

#define FINAL_WORKSPACE_KINDS 2

extern void *FinalWorkspace(FunctionCallInfo fcinfo, FinalWorkspaceKind kind, Size size);

/*
 * The buffer's events in the total order, for a final function: sorted in
 * place (once), then, if packed, unpacked into the events workspace.
 */
extern const JourneyEvent *FinalEvents(FunctionCallInfo fcinfo, EventBuffer *buf);

#endif							/* JOURNEY_EVENT_STATE_H */
