/*-------------------------------------------------------------------------
 *
 * funnel.c
 *	  Funnel aggregates: window_funnel, window_funnel_events,
 *	  window_funnel_excluding, stage_funnel, funnel_counts.
 *
 * The per-customer funnels keep an EventState (event_state.c): the
 * customer's events plus the funnel's configuration.  The scan itself is
 * funnel_scan.c.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "counts.h"
#include "event_state.h"
#include "funnel_scan.h"
#include "stage.h"

PG_FUNCTION_INFO_V1(window_funnel_transfn);
PG_FUNCTION_INFO_V1(window_funnel_mode_transfn);
PG_FUNCTION_INFO_V1(window_funnel_excluding_transfn);
PG_FUNCTION_INFO_V1(stage_funnel_transfn);
PG_FUNCTION_INFO_V1(window_funnel_final);
PG_FUNCTION_INFO_V1(window_funnel_events_final);
PG_FUNCTION_INFO_V1(window_funnel_events_timestamp_final);
PG_FUNCTION_INFO_V1(stage_funnel_final);
PG_FUNCTION_INFO_V1(funnel_counts_transfn);

/* Per-query cache of the parsed mode text (fn_extra). */
typedef struct ModeCache
{
	int			len;
	unsigned	modes;
	char		text[FLEXIBLE_ARRAY_MEMBER];
} ModeCache;

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

/*
 * The shared transition: validate the row's configuration, then store the
 * event if the scan can need it.
 */
static Datum
FunnelAccumulate(FunctionCallInfo fcinfo, EventKind kind, int window_arg,
				 int mode_arg, int ts_arg, int exclude_arg, int steps_arg)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "window_funnel");
	EventState *state = PG_ARGISNULL(0) ? NULL : (EventState *) PG_GETARG_POINTER(0);
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
		window = WindowMicroseconds(window_interval, "the funnel window");
	if (mode_arg >= 0)
		modes = ParseModes(fcinfo, mode_arg);

	if (kind == EVENT_KIND_STAGE_FUNNEL)
	{
		Stage		stage = PG_ARGISNULL(steps_arg) ? 0 : PG_GETARG_STAGE(steps_arg);

		if (stage > STAGE_COUNT)
			elog(ERROR, "invalid journey.stage value %d", (int) stage);
		nsteps = STAGE_COUNT;
		mask = stage == 0 ? 0 : UINT64CONST(1) << (stage - 1);
	}
	else
	{
		int			max_steps = kind == EVENT_KIND_FUNNEL_EXCLUDING ?
			MAX_EXCLUDING_STEPS : JOURNEY_MAX_CONDITIONS;

		mask = ConditionMask(fcinfo, steps_arg, max_steps, &nsteps);
		if (exclude_arg >= 0 && !PG_ARGISNULL(exclude_arg) && PG_GETARG_BOOL(exclude_arg))
			mask |= EXCLUDE_BIT;
	}

	if (state == NULL)
		state = NewEventState(aggcontext, kind, nsteps, modes, window,
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
	return FunnelAccumulate(fcinfo, EVENT_KIND_FUNNEL, 1, -1, 2, -1, 3);
}

/* window_funnel(window, mode, ts, VARIADIC steps) */
Datum
window_funnel_mode_transfn(PG_FUNCTION_ARGS)
{
	return FunnelAccumulate(fcinfo, EVENT_KIND_FUNNEL, 1, 2, 3, -1, 4);
}

/* window_funnel_excluding(window, mode, ts, exclude, VARIADIC steps) */
Datum
window_funnel_excluding_transfn(PG_FUNCTION_ARGS)
{
	return FunnelAccumulate(fcinfo, EVENT_KIND_FUNNEL_EXCLUDING, 1, 2, 3, 4, 5);
}

/* stage_funnel(window, ts, stage) */
Datum
stage_funnel_transfn(PG_FUNCTION_ARGS)
{
	return FunnelAccumulate(fcinfo, EVENT_KIND_STAGE_FUNNEL, 1, -1, 2, -1, 3);
}

/*
 * Sort (once) and scan.  Sorting in place leaves the state logically the
 * same, so the final may run again, and a window aggregate may go on
 * appending after it.
 */
static int
RunFunnel(FunctionCallInfo fcinfo, EventState *state, int64 *chain_ts)
{
	FunnelSpec	spec;
	const JourneyEvent *events = FinalEvents(fcinfo, &state->buf);
	void	   *workspace;
	int64		max_group = 1;

	spec.nsteps = state->nsteps;
	spec.window = state->window;
	spec.modes = state->modes;
	spec.exclude_bit = state->kind == EVENT_KIND_FUNNEL_EXCLUDING ? EXCLUDE_BIT : 0;
	if (spec.modes & FUNNEL_STRICT_ONCE)
		max_group = MaxEventsAtOneTime(events, state->buf.nevents);
	workspace = FinalWorkspace(fcinfo, FINAL_WORKSPACE_SCAN,
							   funnel_workspace_bytes(spec.nsteps, (size_t) max_group));
	return funnel_scan(&spec, events, (size_t) state->buf.nevents,
					   workspace, chain_ts, CheckInterrupts);
}

Datum
window_funnel_final(PG_FUNCTION_ARGS)
{
	AggregateContext(fcinfo, "window_funnel");
	if (PG_ARGISNULL(0))
		PG_RETURN_INT32(0);
	PG_RETURN_INT32(RunFunnel(fcinfo, (EventState *) PG_GETARG_POINTER(0), NULL));
}

static Datum
FunnelEventsResult(FunctionCallInfo fcinfo, Oid element_type)
{
	EventState *state;
	int64		chain[JOURNEY_MAX_CONDITIONS];
	int			level;

	AggregateContext(fcinfo, "window_funnel_events");
	if (PG_ARGISNULL(0))
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(element_type));
	state = (EventState *) PG_GETARG_POINTER(0);
	level = RunFunnel(fcinfo, state, chain);
	PG_RETURN_ARRAYTYPE_P(TimestampArray(chain, level, element_type));
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
	level = RunFunnel(fcinfo, (EventState *) PG_GETARG_POINTER(0), NULL);
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
