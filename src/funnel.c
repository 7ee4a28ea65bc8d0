/*-------------------------------------------------------------------------
 *
 * funnel.c
 *	  Funnel aggregates: window_funnel, window_funnel_events,
 *	  window_funnel_excluding, stage_funnel, funnel_counts.
 *
 * The per-customer aggregates share one state: the customer's events in an
 * EventBuffer plus the funnel's configuration, which must not change within
 * a group.  The scan itself is funnel_scan.c.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "event_buffer.h"
#include "funnel_scan.h"
#include "stage.h"

PG_FUNCTION_INFO_V1(window_funnel_transfn);
PG_FUNCTION_INFO_V1(window_funnel_mode_transfn);
PG_FUNCTION_INFO_V1(window_funnel_excluding_transfn);
PG_FUNCTION_INFO_V1(stage_funnel_transfn);
PG_FUNCTION_INFO_V1(funnel_combine);
PG_FUNCTION_INFO_V1(funnel_serialize);
PG_FUNCTION_INFO_V1(funnel_deserialize);
PG_FUNCTION_INFO_V1(window_funnel_final);
PG_FUNCTION_INFO_V1(window_funnel_events_final);
PG_FUNCTION_INFO_V1(window_funnel_events_timestamp_final);
PG_FUNCTION_INFO_V1(stage_funnel_final);
PG_FUNCTION_INFO_V1(funnel_counts_transfn);
PG_FUNCTION_INFO_V1(funnel_counts_combine);

/* Which aggregate a state belongs to (it is part of the serial form). */
typedef enum FunnelKind
{
	FUNNEL_KIND_STEPS = 1,		/* window_funnel, window_funnel_events */
	FUNNEL_KIND_EXCLUDING = 2,	/* window_funnel_excluding */
	FUNNEL_KIND_STAGE = 3		/* stage_funnel */
} FunnelKind;

/* Exclusion rows carry the top bit, so an excluding funnel has 63 steps. */
#define EXCLUDE_BIT				(UINT64CONST(1) << 63)
#define MAX_EXCLUDING_STEPS		63

/*
 * Room for this many events inside the state, which then fills a 256-byte
 * allocation chunk: most customers need no more (the sample averages 9.6).
 */
#define FUNNEL_INLINE_EVENTS	12

#define FUNNEL_SERIAL_VERSION	1

typedef struct FunnelState
{
	EventBuffer buf;
	int64		window;			/* microseconds */
	int32		window_days;	/* the window as given, for messages */
	int64		window_time;
	uint8		kind;			/* FunnelKind */
	uint8		nsteps;
	uint8		modes;			/* FUNNEL_* of funnel_scan.h */
	JourneyEvent inline_events[FUNNEL_INLINE_EVENTS];
} FunnelState;

/* Per-query cache of the parsed mode text (fn_extra). */
typedef struct ModeCache
{
	int			len;
	unsigned	modes;
	char		text[FLEXIBLE_ARRAY_MEMBER];
} ModeCache;

static MemoryContext
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
static int64
WindowMicroseconds(Interval *window)
{
	int64		days_us;
	int64		result;

#ifdef INTERVAL_NOT_FINITE
	if (INTERVAL_NOT_FINITE(window))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the funnel window must be finite"),
				 errhint("Give the window in days, hours, minutes or seconds, e.g. '30 days'.")));
#endif
	if (window->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the funnel window must not be given in months or years: \"%s\"",
						DatumGetCString(DirectFunctionCall1(interval_out,
															IntervalPGetDatum(window)))),
				 errhint("A month has no fixed length; give the window in days, e.g. '30 days'.")));
	if (pg_mul_s64_overflow((int64) window->day, USECS_PER_DAY, &days_us) ||
		pg_add_s64_overflow(days_us, window->time, &result))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("the funnel window is out of range")));
	if (result < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the funnel window must not be negative: \"%s\"",
						DatumGetCString(DirectFunctionCall1(interval_out,
															IntervalPGetDatum(window)))),
				 errhint("Give a window of zero or more, e.g. '30 days'.")));
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

static unsigned
ParseModes(FunctionCallInfo fcinfo, int argno)
{
	text	   *mode_text;
	const char *bytes;
	int			len;
	ModeCache  *cache = (ModeCache *) fcinfo->flinfo->fn_extra;
	unsigned	modes;
	char		message[256];

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the funnel mode must not be NULL"),
				 errhint("Pass '' for no mode.")));
	mode_text = PG_GETARG_TEXT_PP(argno);
	bytes = VARDATA_ANY(mode_text);
	len = VARSIZE_ANY_EXHDR(mode_text);

	/* The cache only saves work: it may be gone on every call. */
	if (cache != NULL && cache->len == len && memcmp(cache->text, bytes, len) == 0)
		return cache->modes;

	if (!funnel_parse_modes(bytes, len, &modes, message, sizeof(message)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid funnel mode \"%s\": %s", text_to_cstring(mode_text), message),
				 errhint("Modes are strict_deduplication, strict_order, strict_increase, strict_once and allow_reentry (with strict_order), separated by commas; '' for none.")));

	if (cache == NULL || cache->len < len)
		cache = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, offsetof(ModeCache, text) + len);
	cache->len = len;
	cache->modes = modes;
	memcpy(cache->text, bytes, len);
	fcinfo->flinfo->fn_extra = cache;
	return modes;
}

static FunnelState *
NewFunnelState(MemoryContext aggcontext, FunnelKind kind, int nsteps, unsigned modes,
			   int64 window, int32 window_days, int64 window_time)
{
	FunnelState *state = MemoryContextAlloc(aggcontext, sizeof(FunnelState));

	EventBufferInit(&state->buf, state->inline_events, FUNNEL_INLINE_EVENTS);
	state->kind = (uint8) kind;
	state->nsteps = (uint8) nsteps;
	state->modes = (uint8) modes;
	state->window = window;
	state->window_days = window_days;
	state->window_time = window_time;
	return state;
}

/* A group's rows must agree on the configuration: say which values differ. */
static void
CheckSameConfiguration(const FunnelState *state, int nsteps, unsigned modes,
					   int64 window, int32 window_days, int64 window_time)
{
	char		a[128];
	char		b[128];

	if (state->window != window)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the funnel window changes within a group: \"%s\" and \"%s\"",
						WindowText(state->window_days, state->window_time),
						WindowText(window_days, window_time)),
				 errhint("Every row of a group must use the same window.")));
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

/*
 * The shared transition: validate the row's configuration, then store the
 * event if the scan can need it.
 */
static Datum
FunnelAccumulate(FunctionCallInfo fcinfo, FunnelKind kind, int window_arg,
				 int mode_arg, int ts_arg, int exclude_arg, int steps_arg)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "window_funnel");
	FunnelState *state = PG_ARGISNULL(0) ? NULL : (FunnelState *) PG_GETARG_POINTER(0);
	Interval   *window_interval;
	int64		window;
	unsigned	modes = 0;
	uint64		mask;
	int			nsteps;

	if (PG_ARGISNULL(window_arg))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the funnel window must not be NULL"),
				 errhint("Give the window in days, hours, minutes or seconds, e.g. '30 days'.")));
	window_interval = PG_GETARG_INTERVAL_P(window_arg);
	if (state != NULL && window_interval->month == 0 &&
		window_interval->day == state->window_days && window_interval->time == state->window_time)
		window = state->window;
	else
		window = WindowMicroseconds(window_interval);
	if (mode_arg >= 0)
		modes = ParseModes(fcinfo, mode_arg);

	if (kind == FUNNEL_KIND_STAGE)
	{
		Stage		stage = PG_ARGISNULL(steps_arg) ? 0 : PG_GETARG_STAGE(steps_arg);

		if (stage > STAGE_COUNT)
			elog(ERROR, "invalid journey.stage value %d", (int) stage);
		nsteps = STAGE_COUNT;
		mask = stage == 0 ? 0 : UINT64CONST(1) << (stage - 1);
	}
	else
	{
		int			max_steps = kind == FUNNEL_KIND_EXCLUDING ?
			MAX_EXCLUDING_STEPS : JOURNEY_MAX_CONDITIONS;

		mask = ConditionMask(fcinfo, steps_arg, max_steps, &nsteps);
		if (exclude_arg >= 0 && !PG_ARGISNULL(exclude_arg) && PG_GETARG_BOOL(exclude_arg))
			mask |= EXCLUDE_BIT;
	}

	if (state == NULL)
		state = NewFunnelState(aggcontext, kind, nsteps, modes, window,
							   window_interval->day, window_interval->time);
	else if (unlikely(state->window != window || state->modes != modes ||
					  state->nsteps != nsteps))
		CheckSameConfiguration(state, nsteps, modes, window,
							   window_interval->day, window_interval->time);

	/* NULL time: the row is ignored, but its configuration was checked */
	if (PG_ARGISNULL(ts_arg))
		PG_RETURN_POINTER(state);

	/* rows matching nothing only matter to strict_order */
	if (mask != 0 || (modes & FUNNEL_STRICT_ORDER))
		EventBufferAppend(&state->buf, PG_GETARG_INT64(ts_arg), mask, aggcontext);
	PG_RETURN_POINTER(state);
}

/* window_funnel(window, ts, VARIADIC steps) */
Datum
window_funnel_transfn(PG_FUNCTION_ARGS)
{
	return FunnelAccumulate(fcinfo, FUNNEL_KIND_STEPS, 1, -1, 2, -1, 3);
}

/* window_funnel(window, mode, ts, VARIADIC steps) */
Datum
window_funnel_mode_transfn(PG_FUNCTION_ARGS)
{
	return FunnelAccumulate(fcinfo, FUNNEL_KIND_STEPS, 1, 2, 3, -1, 4);
}

/* window_funnel_excluding(window, mode, ts, exclude, VARIADIC steps) */
Datum
window_funnel_excluding_transfn(PG_FUNCTION_ARGS)
{
	return FunnelAccumulate(fcinfo, FUNNEL_KIND_EXCLUDING, 1, 2, 3, 4, 5);
}

/* stage_funnel(window, ts, stage) */
Datum
stage_funnel_transfn(PG_FUNCTION_ARGS)
{
	return FunnelAccumulate(fcinfo, FUNNEL_KIND_STAGE, 1, -1, 2, -1, 3);
}

Datum
funnel_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "funnel_combine");
	FunnelState *into = PG_ARGISNULL(0) ? NULL : (FunnelState *) PG_GETARG_POINTER(0);
	FunnelState *from = PG_ARGISNULL(1) ? NULL : (FunnelState *) PG_GETARG_POINTER(1);

	if (from == NULL)
	{
		if (into == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(into);
	}
	if (into == NULL)
		into = NewFunnelState(aggcontext, from->kind, from->nsteps, from->modes,
							  from->window, from->window_days, from->window_time);
	else
		CheckSameConfiguration(into, from->nsteps, from->modes, from->window,
							   from->window_days, from->window_time);
	EventBufferAppendAll(&into->buf, &from->buf, aggcontext);
	PG_RETURN_POINTER(into);
}

/* The bits a funnel state's masks may carry. */
static uint64
FunnelValidBits(int kind, int nsteps)
{
	uint64		bits = nsteps == 64 ? ~UINT64CONST(0) : (UINT64CONST(1) << nsteps) - 1;

	if (kind == FUNNEL_KIND_EXCLUDING)
		bits |= EXCLUDE_BIT;
	return bits;
}

/*
 * Serial form, version 1, network byte order: version, kind, steps, modes
 * (one byte each), window days (int32) and time (int64), then the events.
 */
Datum
funnel_serialize(PG_FUNCTION_ARGS)
{
	FunnelState *state = (FunnelState *) PG_GETARG_POINTER(0);
	StringInfoData out;

	AggregateContext(fcinfo, "funnel_serialize");
	pq_begintypsend(&out);
	pq_sendbyte(&out, FUNNEL_SERIAL_VERSION);
	pq_sendbyte(&out, state->kind);
	pq_sendbyte(&out, state->nsteps);
	pq_sendbyte(&out, state->modes);
	pq_sendint32(&out, state->window_days);
	pq_sendint64(&out, state->window_time);
	EventBufferSerialize(&out, &state->buf, FunnelValidBits(state->kind, state->nsteps));
	PG_RETURN_BYTEA_P(pq_endtypsend(&out));
}

static void
InvalidFunnelState(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid pg_journey funnel state: %s", detail)));
}

/* Read a serial form, trusting none of it. */
Datum
funnel_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData in;
	int			version;
	int			kind;
	int			nsteps;
	int			modes;
	int32		window_days;
	int64		window_time;
	Interval	window;
	FunnelState *state;

	AggregateContext(fcinfo, "funnel_deserialize");
	in.data = VARDATA_ANY(bytes);
	in.len = VARSIZE_ANY_EXHDR(bytes);
	in.maxlen = in.len;
	in.cursor = 0;

	if (in.len < 4 + 4 + 8)
		InvalidFunnelState("too short");
	version = pq_getmsgbyte(&in);
	if (version != FUNNEL_SERIAL_VERSION)
		InvalidFunnelState("unknown version");
	kind = pq_getmsgbyte(&in);
	nsteps = pq_getmsgbyte(&in);
	modes = pq_getmsgbyte(&in);
	window_days = pq_getmsgint(&in, 4);
	window_time = pq_getmsgint64(&in);

	if (kind < FUNNEL_KIND_STEPS || kind > FUNNEL_KIND_STAGE)
		InvalidFunnelState("unknown aggregate");
	if (nsteps < 1 || nsteps > (kind == FUNNEL_KIND_EXCLUDING ? MAX_EXCLUDING_STEPS : JOURNEY_MAX_CONDITIONS) ||
		(kind == FUNNEL_KIND_STAGE && nsteps != STAGE_COUNT))
		InvalidFunnelState("number of steps out of range");
	if ((modes & ~FUNNEL_ALL_MODES) != 0 ||
		((modes & FUNNEL_ALLOW_REENTRY) && !(modes & FUNNEL_STRICT_ORDER)))
		InvalidFunnelState("invalid modes");
	window.day = window_days;
	window.time = window_time;
	window.month = 0;

	state = NewFunnelState(CurrentMemoryContext, kind, nsteps, modes,
						   WindowMicroseconds(&window), window_days, window_time);
	EventBufferDeserialize(&in, &state->buf, FunnelValidBits(kind, nsteps), CurrentMemoryContext);
	PG_RETURN_POINTER(state);
}

static void
CheckInterrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

/*
 * Sort (once) and scan.  Sorting in place leaves the state logically the
 * same, so the final may run again, and a window aggregate may go on
 * appending after it.
 */
/*
 * The scan's workspace, kept for the query (fn_extra of the final function)
 * so that a million customers do not mean a million allocations.
 */
typedef struct ScanWorkspace
{
	Size		size;
	char		data[FLEXIBLE_ARRAY_MEMBER];
} ScanWorkspace;

static void *
GetScanWorkspace(FunctionCallInfo fcinfo, Size size)
{
	ScanWorkspace *workspace = (ScanWorkspace *) fcinfo->flinfo->fn_extra;

	if (workspace == NULL || workspace->size < size)
	{
		if (workspace != NULL)
			pfree(workspace);
		workspace = MemoryContextAllocHuge(fcinfo->flinfo->fn_mcxt,
										   offsetof(ScanWorkspace, data) + size);
		workspace->size = size;
		fcinfo->flinfo->fn_extra = workspace;
	}
	return workspace->data;
}

static int
RunFunnel(FunctionCallInfo fcinfo, FunnelState *state, int64 *chain_ts)
{
	FunnelSpec	spec;
	void	   *workspace;
	int64		max_group = 1;

	EventBufferSort(&state->buf);
	spec.nsteps = state->nsteps;
	spec.window = state->window;
	spec.modes = state->modes;
	spec.exclude_bit = state->kind == FUNNEL_KIND_EXCLUDING ? EXCLUDE_BIT : 0;
	if (spec.modes & FUNNEL_STRICT_ONCE)
		max_group = EventBufferMaxGroup(&state->buf);
	workspace = GetScanWorkspace(fcinfo, funnel_workspace_bytes(spec.nsteps, (size_t) max_group));
	return funnel_scan(&spec, state->buf.events, (size_t) state->buf.nevents,
					   workspace, chain_ts, CheckInterrupts);
}

Datum
window_funnel_final(PG_FUNCTION_ARGS)
{
	AggregateContext(fcinfo, "window_funnel");
	if (PG_ARGISNULL(0))
		PG_RETURN_INT32(0);
	PG_RETURN_INT32(RunFunnel(fcinfo, (FunnelState *) PG_GETARG_POINTER(0), NULL));
}

static Datum
FunnelEventsResult(FunctionCallInfo fcinfo, Oid element_type)
{
	FunnelState *state;
	int64		chain[JOURNEY_MAX_CONDITIONS];
	Datum		elements[JOURNEY_MAX_CONDITIONS];
	int			level;

	AggregateContext(fcinfo, "window_funnel_events");
	if (PG_ARGISNULL(0))
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(element_type));
	state = (FunnelState *) PG_GETARG_POINTER(0);
	level = RunFunnel(fcinfo, state, chain);
	for (int i = 0; i < level; i++)
		elements[i] = Int64GetDatum(chain[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elements, level, element_type,
										  sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

Datum
window_funnel_events_final(PG_FUNCTION_ARGS)
{
	return FunnelEventsResult(fcinfo, TIMESTAMPTZOID);
}

Datum
window_funnel_events_timestamp_final(PG_FUNCTION_ARGS)
{
	return FunnelEventsResult(fcinfo, TIMESTAMPOID);
}

Datum
stage_funnel_final(PG_FUNCTION_ARGS)
{
	int			level;

	AggregateContext(fcinfo, "stage_funnel");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	level = RunFunnel(fcinfo, (FunnelState *) PG_GETARG_POINTER(0), NULL);
	if (level == 0)
		PG_RETURN_NULL();
	PG_RETURN_STAGE((Stage) level);
}

/*
 * funnel_counts(level, steps): bigint[steps], element k the number of rows
 * whose level is k or more.  The state is the result array itself, a
 * plain type, so partial counts combine anywhere (parallel workers, Citus).
 */
#define MAX_FUNNEL_COUNT_STEPS 1000

static ArrayType *
NewCounts(int steps)
{
	Datum	   *zeros = palloc(sizeof(Datum) * steps);

	for (int i = 0; i < steps; i++)
		zeros[i] = Int64GetDatum(0);
	return construct_array(zeros, steps, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

/* A counts array we wrote: one dimension, no NULLs, the right length. */
static int64 *
CountsData(ArrayType *counts, int *steps)
{
	if (ARR_NDIM(counts) != 1 || ARR_HASNULL(counts) || ARR_ELEMTYPE(counts) != INT8OID ||
		ARR_LBOUND(counts)[0] != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid funnel_counts state"),
				 errhint("The state must be a one-dimensional bigint array without NULLs.")));
	*steps = ARR_DIMS(counts)[0];
	return (int64 *) ARR_DATA_PTR(counts);
}

Datum
funnel_counts_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "funnel_counts");
	ArrayType  *counts;
	int64	   *data;
	int			steps;
	int32		level;
	int			nsteps;

	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the number of funnel steps must not be NULL")));
	steps = PG_GETARG_INT32(2);
	if (steps < 1 || steps > MAX_FUNNEL_COUNT_STEPS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the number of funnel steps must be between 1 and %d, not %d",
						MAX_FUNNEL_COUNT_STEPS, steps)));

	if (PG_ARGISNULL(0))
	{
		MemoryContext old = MemoryContextSwitchTo(aggcontext);

		counts = NewCounts(steps);
		MemoryContextSwitchTo(old);
	}
	else
		counts = PG_GETARG_ARRAYTYPE_P(0);	/* ours, in aggcontext: update in place */
	data = CountsData(counts, &nsteps);
	if (nsteps != steps)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the number of funnel steps changes within a group: %d and %d",
						nsteps, steps)));

	if (PG_ARGISNULL(1))
		PG_RETURN_ARRAYTYPE_P(counts);
	level = PG_GETARG_INT32(1);
	if (level < 0 || level > steps)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel level %d is outside 0..%d", level, steps),
				 errhint("A level counts the steps reached, from 0 to the number of steps.")));
	for (int k = 0; k < level; k++)
		data[k]++;
	PG_RETURN_ARRAYTYPE_P(counts);
}

Datum
funnel_counts_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *into = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *from = PG_GETARG_ARRAYTYPE_P(1);
	int			into_steps;
	int			from_steps;
	int64	   *into_data;
	int64	   *from_data;

	AggregateContext(fcinfo, "funnel_counts");
	into_data = CountsData(into, &into_steps);
	from_data = CountsData(from, &from_steps);
	if (into_steps != from_steps)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the number of funnel steps changes within a group: %d and %d",
						into_steps, from_steps)));
	for (int k = 0; k < into_steps; k++)
		into_data[k] += from_data[k];
	PG_RETURN_ARRAYTYPE_P(into);
}
