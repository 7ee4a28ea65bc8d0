/*-------------------------------------------------------------------------
 *
 * sequence.c
 *	  Pattern aggregates: sequence_match, sequence_count,
 *	  sequence_match_events (ClickHouse's sequenceMatch family).
 *
 * The state is a customer's events (an EventBuffer) and the compiled
 * pattern.  Patterns are compiled once per query and function: the
 * transition and deserialize functions keep what they compiled in fn_extra,
 * which lives as long as the query, and states point at it, so no group
 * copies or compiles its pattern.  The matching itself is pattern.c.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "event_buffer.h"
#include "event_state.h"
#include "pattern.h"

PG_FUNCTION_INFO_V1(sequence_transfn);
PG_FUNCTION_INFO_V1(sequence_combine);
PG_FUNCTION_INFO_V1(sequence_serialize);
PG_FUNCTION_INFO_V1(sequence_deserialize);
PG_FUNCTION_INFO_V1(sequence_match_final);
PG_FUNCTION_INFO_V1(sequence_count_final);
PG_FUNCTION_INFO_V1(sequence_match_events_final);
PG_FUNCTION_INFO_V1(sequence_match_events_timestamp_final);

/* A compiled pattern, in a per-query list (fn_extra), most recent first. */
typedef struct CompiledPattern
{
	struct CompiledPattern *next;
	int			len;
	Pattern		pattern;
	char		text[FLEXIBLE_ARRAY_MEMBER];	/* NUL-terminated */
} CompiledPattern;

typedef struct SequenceState
{
	EventBuffer buf;
	const CompiledPattern *pattern;
	int			nconditions;
	JourneyEvent inline_events[EVENT_STATE_INLINE_EVENTS];
} SequenceState;

static bool
SamePattern(const CompiledPattern *compiled, const char *text, int len)
{
	return compiled->len == len && memcmp(compiled->text, text, len) == 0;
}

/*
 * The compiled form of text[0..len), compiled on first sight.  A pattern
 * that does not compile is an error, or, when it comes from a serialized
 * state, a corrupt state.
 */
static const CompiledPattern *
LookupPattern(FunctionCallInfo fcinfo, const char *text, int len, bool from_state)
{
	CompiledPattern **head = (CompiledPattern **) &fcinfo->flinfo->fn_extra;
	CompiledPattern *compiled;
	int			errpos;
	char		message[256];

	for (compiled = *head; compiled != NULL; compiled = compiled->next)
		if (SamePattern(compiled, text, len))
			return compiled;

	compiled = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt,
								  offsetof(CompiledPattern, text) + len + 1);
	memcpy(compiled->text, text, len);
	compiled->text[len] = '\0';
	compiled->len = len;
	if (!pattern_compile(text, len, &compiled->pattern, &errpos, message, sizeof(message)))
	{
		if (from_state)
			InvalidSerialState("sequence state", "invalid pattern");
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_REGULAR_EXPRESSION),
				 errmsg("invalid pattern \"%s\" at position %d: %s",
						compiled->text, errpos, message),
				 errhint("A pattern is made of (?N) (condition N holds), \".\" (any event), \".*\" (any events) and (?t<op><seconds>) (a time bound), e.g. '(?1).*(?t<=7d)(?2)'.")));
	}
	compiled->next = *head;
	*head = compiled;
	return compiled;
}

static void
CheckConditionsPassed(const CompiledPattern *compiled, int nconditions)
{
	if (compiled->pattern.max_condition > nconditions)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid pattern \"%s\" at position %d: condition %d is used but only %d %s passed",
						compiled->text, compiled->pattern.max_condition_position,
						compiled->pattern.max_condition, nconditions,
						nconditions == 1 ? "condition is" : "conditions are"),
				 errhint("Pass a condition for every (?N) of the pattern, after the timestamp.")));
}

static SequenceState *
NewSequenceState(MemoryContext context, const CompiledPattern *compiled, int nconditions)
{
	SequenceState *state = MemoryContextAlloc(context, sizeof(SequenceState));

	EventBufferInit(&state->buf, state->inline_events, sizeof(state->inline_events),
					condition_bits(nconditions));
	state->pattern = compiled;
	state->nconditions = nconditions;
	return state;
}

static void
CheckSameSequenceConfiguration(const SequenceState *state, const CompiledPattern *compiled,
							   int nconditions)
{
	if (state->pattern != compiled && !SamePattern(state->pattern, compiled->text, compiled->len))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the pattern changes within a group: \"%s\" and \"%s\"",
						state->pattern->text, compiled->text),
				 errhint("Every row of a group must use the same pattern.")));
	if (state->nconditions != nconditions)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the number of conditions changes within a group: %d and %d",
						state->nconditions, nconditions),
				 errhint("Every row of a group must pass the same number of conditions.")));
}

/* (pattern, ts, VARIADIC conds): store the rows where some condition holds. */
Datum
sequence_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "sequence_match");
	SequenceState *state = PG_ARGISNULL(0) ? NULL : (SequenceState *) PG_GETARG_POINTER(0);
	text	   *pattern_text;
	const char *pattern;
	int			len;
	int			nconditions;
	uint64		mask;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the pattern must not be NULL"),
				 errhint("Give a pattern such as '(?1).*(?2)'.")));
	pattern_text = PG_GETARG_TEXT_PP(1);
	pattern = VARDATA_ANY(pattern_text);
	len = VARSIZE_ANY_EXHDR(pattern_text);
	mask = ConditionMask(fcinfo, 3, JOURNEY_MAX_CONDITIONS, &nconditions);

	if (state == NULL)
	{
		const CompiledPattern *compiled = LookupPattern(fcinfo, pattern, len, false);

		CheckConditionsPassed(compiled, nconditions);
		state = NewSequenceState(aggcontext, compiled, nconditions);
	}
	else if (unlikely(!SamePattern(state->pattern, pattern, len) ||
					  state->nconditions != nconditions))
		CheckSameSequenceConfiguration(state, LookupPattern(fcinfo, pattern, len, false),
									   nconditions);

	/* rows matching no condition are invisible to the pattern */
	if (mask != 0 && !PG_ARGISNULL(2))
		EventBufferAppend(&state->buf, PG_GETARG_INT64(2), mask, aggcontext);
	PG_RETURN_POINTER(state);
}

Datum
sequence_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "sequence_combine");
	SequenceState *into = PG_ARGISNULL(0) ? NULL : (SequenceState *) PG_GETARG_POINTER(0);
	SequenceState *from = PG_ARGISNULL(1) ? NULL : (SequenceState *) PG_GETARG_POINTER(1);

	RETURN_IF_NOTHING_TO_COMBINE(into, from);
	if (into == NULL)
		into = NewSequenceState(aggcontext, from->pattern, from->nconditions);
	else
		CheckSameSequenceConfiguration(into, from->pattern, from->nconditions);
	EventBufferAppendAll(&into->buf, &from->buf, aggcontext);
	PG_RETURN_POINTER(into);
}

/* The serial form is described in serial_form.h. */
Datum
sequence_serialize(PG_FUNCTION_ARGS)
{
	SequenceState *state = (SequenceState *) PG_GETARG_POINTER(0);
	StringInfoData out;

	AggregateContext(fcinfo, "sequence_serialize");
	pq_begintypsend(&out);
	pq_sendbyte(&out, SEQUENCE_SERIAL_VERSION);
	pq_sendbyte(&out, state->nconditions);
	pq_sendint32(&out, state->pattern->len);
	pq_sendbytes(&out, state->pattern->text, state->pattern->len);
	EventBufferSerialize(&out, &state->buf, condition_bits(state->nconditions));
	PG_RETURN_BYTEA_P(pq_endtypsend(&out));
}

/* Read a serial form, trusting none of it (serial_form.c checks it). */
Datum
sequence_deserialize(PG_FUNCTION_ARGS)
{
	SerialReader reader;
	SequenceHeader header;
	const CompiledPattern *compiled;
	SequenceState *state;
	SerialSink	sink;

	AggregateContext(fcinfo, "sequence_deserialize");
	InitSerialReader(&reader, PG_GETARG_BYTEA_PP(0));
	CheckSerialRead("sequence state", read_sequence_header(&reader, &header));
	compiled = LookupPattern(fcinfo, header.pattern, header.pattern_len, true);
	if (compiled->pattern.max_condition > header.nconditions)
		InvalidSerialState("sequence state", "pattern uses more conditions than passed");
	state = NewSequenceState(CurrentMemoryContext, compiled, header.nconditions);
	sink = EventBufferSink(&state->buf);
	CheckSerialRead("sequence state",
					read_event_list(&reader, condition_bits(header.nconditions), &sink));
	PG_RETURN_POINTER(state);
}

/*
 * The events in order (sorted once: they stay sorted for another final)
 * and the matcher's workspace.
 */
static const JourneyEvent *
PrepareMatch(FunctionCallInfo fcinfo, SequenceState *state, void **workspace)
{
	const JourneyEvent *events = FinalEvents(fcinfo, &state->buf);

	*workspace = FinalWorkspace(fcinfo, FINAL_WORKSPACE_SCAN,
								pattern_workspace_bytes(&state->pattern->pattern,
														(size_t) state->buf.nevents));
	return events;
}

Datum
sequence_match_final(PG_FUNCTION_ARGS)
{
	SequenceState *state;
	const JourneyEvent *events;
	void	   *workspace;

	AggregateContext(fcinfo, "sequence_match");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (SequenceState *) PG_GETARG_POINTER(0);
	events = PrepareMatch(fcinfo, state, &workspace);
	PG_RETURN_BOOL(pattern_match(&state->pattern->pattern, events,
								 (size_t) state->buf.nevents, workspace, CheckInterrupts));
}

Datum
sequence_count_final(PG_FUNCTION_ARGS)
{
	SequenceState *state;
	const JourneyEvent *events;
	void	   *workspace;

	AggregateContext(fcinfo, "sequence_count");
	if (PG_ARGISNULL(0))
		PG_RETURN_INT64(0);
	state = (SequenceState *) PG_GETARG_POINTER(0);
	events = PrepareMatch(fcinfo, state, &workspace);
	PG_RETURN_INT64(pattern_count(&state->pattern->pattern, events,
								  (size_t) state->buf.nevents, workspace, CheckInterrupts));
}

static Datum
MatchEventsResult(FunctionCallInfo fcinfo, Oid element_type)
{
	SequenceState *state;
	const JourneyEvent *events;
	void	   *workspace;
	int64		times[PATTERN_MAX_ELEMENTS];
	int			ntimes;

	AggregateContext(fcinfo, "sequence_match_events");
	if (PG_ARGISNULL(0))
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(element_type));
	state = (SequenceState *) PG_GETARG_POINTER(0);
	events = PrepareMatch(fcinfo, state, &workspace);
	ntimes = pattern_match_events(&state->pattern->pattern, events,
								  (size_t) state->buf.nevents, workspace, times,
								  CheckInterrupts);
	PG_RETURN_ARRAYTYPE_P(TimestampArray(times, ntimes, element_type));
}

Datum
sequence_match_events_final(PG_FUNCTION_ARGS)
{
	return MatchEventsResult(fcinfo, TIMESTAMPTZOID);
}

Datum
sequence_match_events_timestamp_final(PG_FUNCTION_ARGS)
{
	return MatchEventsResult(fcinfo, TIMESTAMPOID);
}
