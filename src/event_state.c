/*-------------------------------------------------------------------------
 *
 * event_state.c
 *	  The per-customer aggregate state: configuration checks, combine,
 *	  serialization.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "event_state.h"
#include "funnel_scan.h"
#include "stage_label.h"

PG_FUNCTION_INFO_V1(event_state_combine);
PG_FUNCTION_INFO_V1(event_state_serialize);
PG_FUNCTION_INFO_V1(event_state_deserialize);

MemoryContext
AggregateContext(FunctionCallInfo fcinfo, const char *name)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", name)));
	return aggcontext;
}

/*
 * The window in microseconds.  Months have no fixed length, so they are
 * refused; a day counts 24 hours, as EXTRACT(EPOCH FROM interval) has it.
 */
/* What a state's interval is called in messages. */
static const char *
WindowName(EventKind kind)
{
	return (kind == EVENT_KIND_CONVERSION || kind == EVENT_KIND_CONVERSION_LOOKBACK) ?
		"the lookback" : "the funnel window";
}

int64
WindowMicroseconds(Interval *window, const char *what)
{
	int64		result;

#ifdef INTERVAL_NOT_FINITE
	if (INTERVAL_NOT_FINITE(window))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be finite", what),
				 errhint("Give it in days, hours, minutes or seconds, e.g. '30 days'.")));
#endif
	if (window->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be given in months or years: \"%s\"",
						what,
						DatumGetCString(DirectFunctionCall1(interval_out,
															IntervalPGetDatum(window)))),
				 errhint("A month has no fixed length; give it in days, e.g. '30 days'.")));
	if (!window_microseconds(window->day, window->time, &result))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s is out of range", what)));
	if (result < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative: \"%s\"",
						what,
						DatumGetCString(DirectFunctionCall1(interval_out,
															IntervalPGetDatum(window)))),
				 errhint("Give zero or more, e.g. '30 days'.")));
	return result;
}

static char *
WindowText(int32 days, int64 time)
{
	Interval	window;

	window.time = time;
	window.day = days;
	window.month = 0;
	return DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(&window)));
}

EventState *
NewEventState(MemoryContext context, EventKind kind, int nsteps, unsigned modes,
			  int64 window, int32 window_days, int64 window_time)
{
	EventState *state = MemoryContextAlloc(context, sizeof(EventState));

	EventBufferInit(&state->buf, state->inline_events, sizeof(state->inline_events),
					event_state_valid_bits(kind, nsteps));
	state->kind = (uint8) kind;
	state->nsteps = (uint8) nsteps;
	state->modes = (uint8) modes;
	state->window = window;
	state->window_days = window_days;
	state->window_time = window_time;
	return state;
}

/* A group's rows must agree on the configuration: say which values differ. */
void
CheckSameConfiguration(const EventState *state, int nsteps, unsigned modes,
					   int64 window, int32 window_days, int64 window_time)
{
	char		a[128];
	char		b[128];

	if (state->window != window)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s changes within a group: \"%s\" and \"%s\"",
						WindowName(state->kind),
						WindowText(state->window_days, state->window_time),
						WindowText(window_days, window_time)),
				 errhint("Every row of a group must use the same interval.")));
	if (state->modes != modes)
	{
		funnel_modes_text(state->modes, a, sizeof(a));
		funnel_modes_text(modes, b, sizeof(b));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the funnel mode changes within a group: \"%s\" and \"%s\"", a, b),
				 errhint("Every row of a group must use the same mode.")));
	}
	if (state->nsteps != nsteps)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the number of funnel steps changes within a group: %d and %d",
						state->nsteps, nsteps),
				 errhint("Every row of a group must pass the same number of conditions.")));
}

Datum
event_state_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "event_state_combine");
	EventState *into = PG_ARGISNULL(0) ? NULL : (EventState *) PG_GETARG_POINTER(0);
	EventState *from = PG_ARGISNULL(1) ? NULL : (EventState *) PG_GETARG_POINTER(1);

	RETURN_IF_NOTHING_TO_COMBINE(into, from);
	if (into == NULL)
		into = NewEventState(aggcontext, from->kind, from->nsteps, from->modes,
							  from->window, from->window_days, from->window_time);
	else
		CheckSameConfiguration(into, from->nsteps, from->modes, from->window,
							   from->window_days, from->window_time);
	EventBufferAppendAll(&into->buf, &from->buf, aggcontext);
	PG_RETURN_POINTER(into);
}

/* The serial form is described in serial_form.h. */
Datum
event_state_serialize(PG_FUNCTION_ARGS)
{
	EventState *state = (EventState *) PG_GETARG_POINTER(0);
	StringInfoData out;

	AggregateContext(fcinfo, "event_state_serialize");
	pq_begintypsend(&out);
	pq_sendbyte(&out, EVENT_STATE_SERIAL_VERSION);
	pq_sendbyte(&out, state->kind);
	pq_sendbyte(&out, state->nsteps);
	pq_sendbyte(&out, state->modes);
	pq_sendint32(&out, state->window_days);
	pq_sendint64(&out, state->window_time);
	EventBufferSerialize(&out, &state->buf, event_state_valid_bits(state->kind, state->nsteps));
	PG_RETURN_BYTEA_P(pq_endtypsend(&out));
}

/* Read a serial form, trusting none of it (serial_form.c checks it). */
Datum
event_state_deserialize(PG_FUNCTION_ARGS)
{
	SerialReader reader;
	EventStateHeader header;
	EventState *state;
	SerialSink	sink;

	AggregateContext(fcinfo, "event_state_deserialize");
	InitSerialReader(&reader, PG_GETARG_BYTEA_PP(0));
	CheckSerialRead("aggregate state", read_event_state_header(&reader, &header));
	state = NewEventState(CurrentMemoryContext, header.kind, header.nsteps, header.modes,
						  header.window, header.window_days, header.window_time);
	sink = EventBufferSink(&state->buf);
	CheckSerialRead("aggregate state",
					read_event_list(&reader, event_state_valid_bits(header.kind, header.nsteps),
									&sink));
	PG_RETURN_POINTER(state);
}

/*
 * Final functions' workspaces, kept for the query (fn_extra of the final
 * function) so that a million customers do not mean a million allocations.
 */
typedef struct FinalWorkspaces
{
	Size		size[FINAL_WORKSPACE_KINDS];
	void	   *data[FINAL_WORKSPACE_KINDS];
} FinalWorkspaces;

void *
FinalWorkspace(FunctionCallInfo fcinfo, FinalWorkspaceKind kind, Size size)
{
	FinalWorkspaces *workspaces = (FinalWorkspaces *) fcinfo->flinfo->fn_extra;

	if (workspaces == NULL)
	{
		workspaces = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(FinalWorkspaces));
		fcinfo->flinfo->fn_extra = workspaces;
	}
	if (workspaces->data[kind] == NULL || workspaces->size[kind] < size)
	{
		if (workspaces->data[kind] != NULL)
			pfree(workspaces->data[kind]);
		workspaces->data[kind] = MemoryContextAllocHuge(fcinfo->flinfo->fn_mcxt, Max(size, 1));
		workspaces->size[kind] = size;
	}
	return workspaces->data[kind];
}

const JourneyEvent *
FinalEvents(FunctionCallInfo fcinfo, EventBuffer *buf)
{
	JourneyEvent *events;

	EventBufferSort(buf);
	if (!buf->packed)
		return (const JourneyEvent *) buf->data;
	events = FinalWorkspace(fcinfo, FINAL_WORKSPACE_EVENTS,
							mul_size((Size) buf->nevents, sizeof(JourneyEvent)));
	UnpackEvents(buf, events);
	return events;
}

ArrayType *
TimestampArray(const int64 *times, int ntimes, Oid element_type)
{
	Datum		elements[JOURNEY_MAX_CONDITIONS];

	Assert(ntimes <= JOURNEY_MAX_CONDITIONS);
	for (int i = 0; i < ntimes; i++)
		elements[i] = Int64GetDatum(times[i]);
	return construct_array(elements, ntimes, element_type,
						   sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

/* For the pure-C cores, which take a callback. */
void
CheckInterrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

