/*-------------------------------------------------------------------------
 *
 * paths.c
 *	  Customer paths: journey.path() and journey.path_to().
 *
 * The state keeps the customer's events in an EventBuffer whose mask is
 * the node's number in the customer's NodeDictionary: each distinct node
 * string is stored once, however many rows name it.  At the final step
 * the nodes are ranked by their text, so that events at one timestamp
 * come in node order whatever order they arrived in, and sorted once.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "event_state.h"
#include "node_dictionary.h"

PG_FUNCTION_INFO_V1(path_transfn);
PG_FUNCTION_INFO_V1(path_options_transfn);
PG_FUNCTION_INFO_V1(path_to_transfn);
PG_FUNCTION_INFO_V1(path_to_options_transfn);
PG_FUNCTION_INFO_V1(path_combine);
PG_FUNCTION_INFO_V1(path_serialize);
PG_FUNCTION_INFO_V1(path_deserialize);
PG_FUNCTION_INFO_V1(path_final);

#define DEFAULT_MAX_STEPS		20
#define CONVERSION_EVENT		(UINT64CONST(1) << 63)
#define PATH_INLINE_EVENTS		8

typedef struct PathState
{
	EventBuffer buf;			/* mask: node number, or CONVERSION_EVENT */
	int32		max_steps;
	uint8		kind;			/* PathKind */
	bool		collapse;
	NodeDictionary dict;
	JourneyEvent inline_events[PATH_INLINE_EVENTS];
} PathState;

static PathState *
NewPathState(MemoryContext context, PathKind kind, int32 max_steps, bool collapse)
{
	PathState  *state = MemoryContextAllocZero(context, sizeof(PathState));

	EventBufferInit(&state->buf, state->inline_events, sizeof(state->inline_events),
					~UINT64CONST(0));
	state->kind = (uint8) kind;
	state->max_steps = max_steps;
	state->collapse = collapse;
	return state;
}

static void
CheckSamePathOptions(const PathState *state, int32 max_steps, bool collapse)
{
	if (state->max_steps != max_steps)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_steps changes within a group: %d and %d", state->max_steps, max_steps),
				 errhint("Every row of a group must use the same max_steps.")));
	if (state->collapse != collapse)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("collapse changes within a group: %s and %s",
						state->collapse ? "true" : "false", collapse ? "true" : "false"),
				 errhint("Every row of a group must use the same collapse.")));
}

/*
 * The shared transition: (ts, node [, conversion] [, max_steps, collapse]).
 * A NULL time is ignored, and so is a touch with a NULL node; a conversion
 * row's node is not looked at.
 */
static Datum
PathAccumulate(FunctionCallInfo fcinfo, PathKind kind, int conversion_arg, int options_arg)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "path");
	PathState  *state = PG_ARGISNULL(0) ? NULL : (PathState *) PG_GETARG_POINTER(0);
	int32		max_steps = DEFAULT_MAX_STEPS;
	bool		collapse = true;
	bool		conversion = conversion_arg >= 0 && !PG_ARGISNULL(conversion_arg) &&
		PG_GETARG_BOOL(conversion_arg);

	if (options_arg >= 0)
	{
		if (PG_ARGISNULL(options_arg) || PG_ARGISNULL(options_arg + 1))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("max_steps and collapse must not be NULL"),
					 errhint("Leave them out for the defaults: 20 steps, repeats collapsed.")));
		max_steps = PG_GETARG_INT32(options_arg);
		collapse = PG_GETARG_BOOL(options_arg + 1);
		if (max_steps < 1 || max_steps > MAX_PATH_STEPS)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("max_steps must be between 1 and %d, not %d", MAX_PATH_STEPS, max_steps)));
	}

	if (state == NULL)
		state = NewPathState(aggcontext, kind, max_steps, collapse);
	else if (unlikely(state->max_steps != max_steps || state->collapse != collapse))
		CheckSamePathOptions(state, max_steps, collapse);

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(state);
	if (conversion)
		EventBufferAppend(&state->buf, PG_GETARG_INT64(1), CONVERSION_EVENT, aggcontext);
	else if (!PG_ARGISNULL(2))
	{
		text	   *node = PG_GETARG_TEXT_PP(2);
		int32		id = DictionaryIntern(&state->dict, VARDATA_ANY(node),
											 VARSIZE_ANY_EXHDR(node), aggcontext);

		EventBufferAppend(&state->buf, PG_GETARG_INT64(1), (uint64) id, aggcontext);
	}
	PG_RETURN_POINTER(state);
}

/* path(ts, node) */
Datum
path_transfn(PG_FUNCTION_ARGS)
{
	return PathAccumulate(fcinfo, PATH_KIND_PATH, -1, -1);
}

/* path(ts, node, max_steps, collapse) */
Datum
path_options_transfn(PG_FUNCTION_ARGS)
{
	return PathAccumulate(fcinfo, PATH_KIND_PATH, -1, 3);
}

/* path_to(ts, node, conversion) */
Datum
path_to_transfn(PG_FUNCTION_ARGS)
{
	return PathAccumulate(fcinfo, PATH_KIND_PATH_TO, 3, -1);
}

/* path_to(ts, node, conversion, max_steps, collapse) */
Datum
path_to_options_transfn(PG_FUNCTION_ARGS)
{
	return PathAccumulate(fcinfo, PATH_KIND_PATH_TO, 3, 4);
}

Datum
path_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "path_combine");
	PathState  *into = PG_ARGISNULL(0) ? NULL : (PathState *) PG_GETARG_POINTER(0);
	PathState  *from = PG_ARGISNULL(1) ? NULL : (PathState *) PG_GETARG_POINTER(1);

	RETURN_IF_NOTHING_TO_COMBINE(into, from);
	if (into == NULL)
		into = NewPathState(aggcontext, from->kind, from->max_steps, from->collapse);
	else
		CheckSamePathOptions(into, from->max_steps, from->collapse);
	if (from->buf.nevents > 0)
	{
		/* renumber the other state's nodes into ours, once each */
		int32	   *renumber = DictionaryMerge(&into->dict, &from->dict, aggcontext);

		for (int64 i = 0; i < from->buf.nevents; i++)
		{
			const JourneyEvent *event = &EventBufferWideEvents(&from->buf)[i];
			uint64		mask = (event->mask & CONVERSION_EVENT) ?
				CONVERSION_EVENT : (uint64) renumber[event->mask];

			EventBufferAppend(&into->buf, event->ts, mask, aggcontext);
		}
		pfree(renumber);
	}
	PG_RETURN_POINTER(into);
}

/* The serial form is described in serial_form.h. */
Datum
path_serialize(PG_FUNCTION_ARGS)
{
	PathState  *state = (PathState *) PG_GETARG_POINTER(0);
	StringInfoData out;

	AggregateContext(fcinfo, "path_serialize");
	if ((Size) state->buf.nevents > (MaxAllocSize - state->dict.arena_used) / 16)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a customer's %lld path events are too many to pass between parallel workers",
						(long long) state->buf.nevents),
				 errhint("Run the query without parallel workers (max_parallel_workers_per_gather = 0).")));
	pq_begintypsend(&out);
	pq_sendbyte(&out, PATH_SERIAL_VERSION);
	pq_sendbyte(&out, state->kind);
	pq_sendbyte(&out, state->collapse ? 1 : 0);
	pq_sendint32(&out, state->max_steps);
	DictionarySerialize(&out, &state->dict);
	pq_sendint64(&out, state->buf.nevents);
	for (int64 i = 0; i < state->buf.nevents; i++)
	{
		uint64		mask = EventBufferWideEvents(&state->buf)[i].mask;

		pq_sendint64(&out, EventBufferWideEvents(&state->buf)[i].ts);
		pq_sendint32(&out, (mask & CONVERSION_EVENT) ? -1 : (int32) mask);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&out));
}

static void
AppendPathEvent(void *ctx, int64_t ts, int32_t node)
{
	PathState  *state = (PathState *) ctx;

	EventBufferAppend(&state->buf, ts, node < 0 ? CONVERSION_EVENT : (uint64) node,
					  CurrentMemoryContext);
}

/* Read a serial form, trusting none of it (serial_form.c checks it). */
Datum
path_deserialize(PG_FUNCTION_ARGS)
{
	SerialReader reader;
	PathHeader	header;
	PathState  *state;
	SerialSink	sink = {0};

	AggregateContext(fcinfo, "path_deserialize");
	InitSerialReader(&reader, PG_GETARG_BYTEA_PP(0));
	CheckSerialRead("path state", read_path_header(&reader, &header));
	state = NewPathState(CurrentMemoryContext, header.kind, header.max_steps, header.collapse);
	DictionaryDeserialize(&reader, &state->dict, "path state");
	sink.ctx = state;
	sink.node_event = AppendPathEvent;
	CheckSerialRead("path state", read_path_events(&reader, state->dict.nnodes, &sink));
	PG_RETURN_POINTER(state);
}

/*
 * Put the events in (time, node text) order: renumber the nodes by their
 * rank in text order, then sort.  Returns rank -> node number.
 */
static int32 *
SortByTimeAndText(PathState *state)
{
	int32	   *rank_of = DictionaryRanks(&state->dict);
	int32	   *by_rank = palloc(sizeof(int32) * Max(state->dict.nnodes, 1));

	for (int32 i = 0; i < state->dict.nnodes; i++)
		by_rank[rank_of[i]] = i;

	/* sort only if the renumbered events are out of order */
	state->buf.sorted = true;
	for (int64 i = 0; i < state->buf.nevents; i++)
	{
		JourneyEvent *event = &EventBufferWideEvents(&state->buf)[i];

		if (!(event->mask & CONVERSION_EVENT))
			event->mask = (uint64) rank_of[event->mask];
		if (i > 0 && journey_event_cmp(event - 1, event) > 0)
			state->buf.sorted = false;
	}
	EventBufferSort(&state->buf);

	/* back to node numbers, so the state stays valid for another call */
	for (int64 i = 0; i < state->buf.nevents; i++)
	{
		JourneyEvent *event = &EventBufferWideEvents(&state->buf)[i];

		if (!(event->mask & CONVERSION_EVENT))
			event->mask = (uint64) by_rank[event->mask];
	}
	pfree(rank_of);
	return by_rank;
}

/*
 * path(): the first max_steps nodes; path_to(): the last max_steps nodes
 * strictly before the first conversion (all of them without one).
 * Consecutive repeats are collapsed first when collapse is on.
 */
Datum
path_final(PG_FUNCTION_ARGS)
{
	PathState  *state;
	int64		end;
	int64		kept = 0;
	int64		conversion_ts = PG_INT64_MAX;
	int32	   *steps;
	Datum	   *elements;
	int64		first;
	int64		last_node = -1;

	AggregateContext(fcinfo, "path");
	if (PG_ARGISNULL(0))
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(TEXTOID));
	state = (PathState *) PG_GETARG_POINTER(0);
	pfree(SortByTimeAndText(state));

	/* the touches that count: all, or those before the first conversion */
	end = state->buf.nevents;
	for (int64 i = 0; i < state->buf.nevents; i++)
		if (EventBufferWideEvents(&state->buf)[i].mask & CONVERSION_EVENT)
		{
			conversion_ts = EventBufferWideEvents(&state->buf)[i].ts;
			end = i;
			break;
		}

	steps = palloc(sizeof(int32) * Max(end, 1));
	for (int64 i = 0; i < end; i++)
	{
		const JourneyEvent *event = &EventBufferWideEvents(&state->buf)[i];

		if ((i & 0xFFFF) == 0)
			CheckInterrupts();
		if (event->ts >= conversion_ts)
			break;
		if (state->collapse && (int64) event->mask == last_node)
			continue;
		last_node = (int64) event->mask;
		steps[kept++] = (int32) event->mask;
		if (state->kind == PATH_KIND_PATH && kept == state->max_steps)
			break;
	}

	first = state->kind == PATH_KIND_PATH_TO ? Max(kept - state->max_steps, 0) : 0;
	elements = palloc(sizeof(Datum) * Max(kept - first, 1));
	for (int64 i = first; i < kept; i++)
	{
		uint32		len;
		const char *text = DictionaryText(&state->dict, steps[i], &len);

		elements[i - first] = PointerGetDatum(cstring_to_text_with_len(text, (int) len));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(elements, (int) (kept - first), TEXTOID, -1, false,
										  TYPALIGN_INT));
}
