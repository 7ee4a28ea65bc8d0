/*-------------------------------------------------------------------------
 *
 * touches.c
 *	  Touches before a conversion: touches_before, time_to_conversion.
 *
 * Both keep every row of the customer in an EventState (mask bit 1 set on
 * conversion rows) and look at them in time order at the end, so the
 * answer does not depend on input order.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/int.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "event_state.h"

PG_FUNCTION_INFO_V1(conversion_transfn);
PG_FUNCTION_INFO_V1(conversion_lookback_transfn);
PG_FUNCTION_INFO_V1(touches_before_final);
PG_FUNCTION_INFO_V1(time_to_conversion_final);

#define CONVERSION_BIT UINT64CONST(1)

/*
 * The shared transition: (ts, conversion [, lookback]).  A NULL time is
 * ignored; a NULL conversion counts as false (the row is a touch).
 */
static Datum
ConversionAccumulate(FunctionCallInfo fcinfo, int lookback_arg)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "touches_before");
	EventState *state = PG_ARGISNULL(0) ? NULL : (EventState *) PG_GETARG_POINTER(0);
	EventKind	kind = lookback_arg < 0 ? EVENT_KIND_CONVERSION : EVENT_KIND_CONVERSION_LOOKBACK;
	int64		lookback = 0;
	int32		lookback_days = 0;
	int64		lookback_time = 0;
	bool		conversion = !PG_ARGISNULL(2) && PG_GETARG_BOOL(2);

	if (lookback_arg >= 0)
	{
		Interval   *interval;

		if (PG_ARGISNULL(lookback_arg))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("the lookback must not be NULL"),
					 errhint("Leave the lookback out to count every touch before the conversion.")));
		interval = PG_GETARG_INTERVAL_P(lookback_arg);
		lookback_days = interval->day;
		lookback_time = interval->time;
		if (state != NULL && interval->month == 0 &&
			lookback_days == state->window_days && lookback_time == state->window_time)
			lookback = state->window;
		else
			lookback = WindowMicroseconds(interval, "the lookback");
	}

	if (state == NULL)
		state = NewEventState(aggcontext, kind, 1, 0, lookback, lookback_days, lookback_time);
	else if (unlikely(state->window != lookback))
		CheckSameConfiguration(state, 1, 0, lookback, lookback_days, lookback_time);

	if (!PG_ARGISNULL(1))
		EventBufferAppend(&state->buf, PG_GETARG_INT64(1),
						  conversion ? CONVERSION_BIT : 0, aggcontext);
	PG_RETURN_POINTER(state);
}

/* touches_before(ts, conversion) and time_to_conversion(ts, conversion) */
Datum
conversion_transfn(PG_FUNCTION_ARGS)
{
	return ConversionAccumulate(fcinfo, -1);
}

/* touches_before(ts, conversion, lookback) */
Datum
conversion_lookback_transfn(PG_FUNCTION_ARGS)
{
	return ConversionAccumulate(fcinfo, 3);
}

/* Index of the first conversion, or -1. */
static int64
FirstConversion(const JourneyEvent *events, int64 nevents)
{
	for (int64 i = 0; i < nevents; i++)
	{
		if ((i & 0xFFFF) == 0)
			CheckInterrupts();
		if (events[i].mask & CONVERSION_BIT)
			return i;
	}
	return -1;
}

/*
 * The final functions' state, its events in time order and the index of
 * the first conversion; NULL when there is no state or no conversion (the
 * result is then NULL).
 */
static EventState *
ConvertedState(FunctionCallInfo fcinfo, const char *name, const JourneyEvent **events,
			   int64 *first)
{
	EventState *state;

	AggregateContext(fcinfo, name);
	if (PG_ARGISNULL(0))
		return NULL;
	state = (EventState *) PG_GETARG_POINTER(0);
	*events = FinalEvents(fcinfo, &state->buf);
	*first = FirstConversion(*events, state->buf.nevents);
	return *first < 0 ? NULL : state;
}

/*
 * Touches strictly before the first conversion (and, with a lookback, no
 * earlier than the lookback before it).  A touch at the same instant as
 * the conversion did not come before it and is not counted.
 */
Datum
touches_before_final(PG_FUNCTION_ARGS)
{
	const JourneyEvent *events;
	int64		first;
	EventState *state = ConvertedState(fcinfo, "touches_before", &events, &first);
	int64		conversion_ts;
	int64		earliest = PG_INT64_MIN;
	int64		touches = 0;

	if (state == NULL)
		PG_RETURN_NULL();
	conversion_ts = events[first].ts;
	if (state->kind == EVENT_KIND_CONVERSION_LOOKBACK &&
		pg_sub_s64_overflow(conversion_ts, state->window, &earliest))
		earliest = PG_INT64_MIN;

	/* everything before the first conversion is a touch */
	for (int64 i = 0; i < first; i++)
		if (events[i].ts < conversion_ts && events[i].ts >= earliest)
			touches++;
	if (touches > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%lld touches do not fit in an integer", (long long) touches)));
	PG_RETURN_INT32((int32) touches);
}

/* From the first row to the first conversion, as timestamp subtraction gives it. */
Datum
time_to_conversion_final(PG_FUNCTION_ARGS)
{
	const JourneyEvent *events;
	int64		first;
	EventState *state = ConvertedState(fcinfo, "time_to_conversion", &events, &first);

	if (state == NULL)
		PG_RETURN_NULL();
	return DirectFunctionCall2(timestamp_mi,
							   TimestampGetDatum(events[first].ts),
							   TimestampGetDatum(events[0].ts));
}
