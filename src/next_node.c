/*-------------------------------------------------------------------------
 *
 * next_node.c
 *	  journey.sequence_next_node(): what comes right after (or before) a
 *	  run of steps, with ClickHouse's sequenceNextNode semantics.
 *
 * Every row with a time and a value is a node.  Nodes are put in (time,
 * value) order, a base node is picked (head, tail, first or last match),
 * the conditions must hold on consecutive nodes from the base, and the
 * result is the value of the node after (forward) or before (backward)
 * them.  Values are kept once per customer in a NodeDictionary; each row
 * is 24 bytes.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "event_state.h"
#include "node_dictionary.h"

PG_FUNCTION_INFO_V1(sequence_next_node_transfn);
PG_FUNCTION_INFO_V1(sequence_next_node_combine);
PG_FUNCTION_INFO_V1(sequence_next_node_serialize);
PG_FUNCTION_INFO_V1(sequence_next_node_deserialize);
PG_FUNCTION_INFO_V1(sequence_next_node_final);

#define NEXT_NODE_INLINE_ROWS		4

typedef struct NextNodeRow
{
	int64		ts;
	uint64		conditions;		/* bit k-1: condition k held */
	int32		node;			/* in the dictionary */
	bool		can_be_base;	/* base_cond held */
} NextNodeRow;

typedef struct NextNodeState
{
	NodeDictionary dict;
	NextNodeRow *rows;			/* inline_rows, or allocated */
	int64		nrows;
	int64		capacity;
	uint8		direction;
	uint8		base;
	uint8		nconditions;
	NextNodeRow inline_rows[NEXT_NODE_INLINE_ROWS];
} NextNodeState;

static const char *const direction_names[] = {NULL, "forward", "backward"};
static const char *const base_names[] = {NULL, "head", "tail", "first_match", "last_match"};

static int
ParseName(FunctionCallInfo fcinfo, int argno, const char *const *names, int count,
		  const char *what, const char *accepted)
{
	text	   *arg;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the %s of sequence_next_node must not be NULL", what),
				 errhint("Use %s.", accepted)));
	arg = PG_GETARG_TEXT_PP(argno);
	for (int i = 1; i <= count; i++)
		if (VARSIZE_ANY_EXHDR(arg) == strlen(names[i]) &&
			pg_strncasecmp(VARDATA_ANY(arg), names[i], strlen(names[i])) == 0)
			return i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown sequence_next_node %s \"%s\"", what, text_to_cstring(arg)),
			 errhint("Use %s.", accepted)));
	return 0;					/* keep compiler quiet */
}

/*
 * ParseName, but first the cheap check that the argument is, to the byte,
 * the name the group's state already has (known, 0 for none): the hot path
 * of every row after a group's first.
 */
static int
ParseKnownName(FunctionCallInfo fcinfo, int argno, const char *const *names, int count,
			   const char *what, const char *accepted, int known)
{
	if (known > 0 && !PG_ARGISNULL(argno))
	{
		text	   *arg = PG_GETARG_TEXT_PP(argno);
		size_t		len = strlen(names[known]);

		if (VARSIZE_ANY_EXHDR(arg) == len && memcmp(VARDATA_ANY(arg), names[known], len) == 0)
			return known;
	}
	return ParseName(fcinfo, argno, names, count, what, accepted);
}

static NextNodeState *
NewNextNodeState(MemoryContext context, int direction, int base, int nconditions)
{
	NextNodeState *state = MemoryContextAllocZero(context, sizeof(NextNodeState));

	state->rows = state->inline_rows;
	state->capacity = NEXT_NODE_INLINE_ROWS;
	state->direction = (uint8) direction;
	state->base = (uint8) base;
	state->nconditions = (uint8) nconditions;
	return state;
}

static void
CheckSameNextNodeConfiguration(const NextNodeState *state, int direction, int base,
							   int nconditions)
{
	if (state->direction != direction || state->base != base)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sequence_next_node's direction and base change within a group: \"%s, %s\" and \"%s, %s\"",
						direction_names[state->direction], base_names[state->base],
						direction_names[direction], base_names[base]),
				 errhint("Every row of a group must use the same direction and base.")));
	if (state->nconditions != nconditions)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the number of sequence_next_node conditions changes within a group: %d and %d",
						state->nconditions, nconditions),
				 errhint("Every row of a group must pass the same number of conditions.")));
}

static void
AppendRow(NextNodeState *state, int64 ts, int32 node, bool can_be_base, uint64 conditions,
		  MemoryContext context)
{
	NextNodeRow *row;

	if (state->nrows == state->capacity)
	{
		int64		capacity = state->capacity * 2;
		Size		bytes = mul_size((Size) capacity, sizeof(NextNodeRow));

		if (state->rows == state->inline_rows)
		{
			NextNodeRow *rows = MemoryContextAllocHuge(context, bytes);

			memcpy(rows, state->rows, state->nrows * sizeof(NextNodeRow));
			state->rows = rows;
		}
		else
			state->rows = repalloc_huge(state->rows, bytes);
		state->capacity = capacity;
	}
	row = &state->rows[state->nrows++];
	row->ts = ts;
	row->node = node;
	row->can_be_base = can_be_base;
	row->conditions = conditions;
}

/*
 * sequence_next_node(direction, base, ts, value, base_cond, VARIADIC conds):
 * a row with a NULL time or value is ignored; NULL conditions are false.
 */
Datum
sequence_next_node_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "sequence_next_node");
	NextNodeState *state = PG_ARGISNULL(0) ? NULL : (NextNodeState *) PG_GETARG_POINTER(0);
	int			direction = ParseKnownName(fcinfo, 1, direction_names, 2, "direction",
										   "'forward' or 'backward'",
										   state ? state->direction : 0);
	int			base = ParseKnownName(fcinfo, 2, base_names, 4, "base",
									  "'head', 'tail', 'first_match' or 'last_match'",
									  state ? state->base : 0);
	int			nconditions;
	uint64		conditions = ConditionMask(fcinfo, 6, JOURNEY_MAX_CONDITIONS, &nconditions);

	if ((direction == DIRECTION_FORWARD && base == BASE_TAIL) ||
		(direction == DIRECTION_BACKWARD && base == BASE_HEAD))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sequence_next_node cannot go %s from the %s",
						direction_names[direction], base_names[base]),
				 errhint("Go forward from the head or a match, or backward from the tail or a match.")));

	if (state == NULL)
		state = NewNextNodeState(aggcontext, direction, base, nconditions);
	else if (unlikely(state->direction != direction || state->base != base ||
					  state->nconditions != nconditions))
		CheckSameNextNodeConfiguration(state, direction, base, nconditions);

	if (!PG_ARGISNULL(3) && !PG_ARGISNULL(4))
	{
		text	   *value = PG_GETARG_TEXT_PP(4);
		int32		node = DictionaryIntern(&state->dict, VARDATA_ANY(value),
										   VARSIZE_ANY_EXHDR(value), aggcontext);

		AppendRow(state, PG_GETARG_INT64(3), node,
				  !PG_ARGISNULL(5) && PG_GETARG_BOOL(5), conditions, aggcontext);
	}
	PG_RETURN_POINTER(state);
}

Datum
sequence_next_node_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "sequence_next_node");
	NextNodeState *into = PG_ARGISNULL(0) ? NULL : (NextNodeState *) PG_GETARG_POINTER(0);
	NextNodeState *from = PG_ARGISNULL(1) ? NULL : (NextNodeState *) PG_GETARG_POINTER(1);
	int32	   *renumber;

	RETURN_IF_NOTHING_TO_COMBINE(into, from);
	if (into == NULL)
		into = NewNextNodeState(aggcontext, from->direction, from->base, from->nconditions);
	else
		CheckSameNextNodeConfiguration(into, from->direction, from->base, from->nconditions);

	renumber = DictionaryMerge(&into->dict, &from->dict, aggcontext);
	for (int64 i = 0; i < from->nrows; i++)
	{
		const NextNodeRow *row = &from->rows[i];

		AppendRow(into, row->ts, renumber[row->node], row->can_be_base, row->conditions,
				  aggcontext);
	}
	pfree(renumber);
	PG_RETURN_POINTER(into);
}

/* The serial form is described in serial_form.h. */
Datum
sequence_next_node_serialize(PG_FUNCTION_ARGS)
{
	NextNodeState *state = (NextNodeState *) PG_GETARG_POINTER(0);
	StringInfoData out;

	AggregateContext(fcinfo, "sequence_next_node");
	if ((Size) state->nrows > (MaxAllocSize - state->dict.arena_used) / (NEXT_NODE_ROW_BYTES + 8))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a customer's %lld rows are too many to pass between parallel workers",
						(long long) state->nrows),
				 errhint("Run the query without parallel workers (max_parallel_workers_per_gather = 0).")));
	pq_begintypsend(&out);
	pq_sendbyte(&out, NEXT_NODE_SERIAL_VERSION);
	pq_sendbyte(&out, state->direction);
	pq_sendbyte(&out, state->base);
	pq_sendbyte(&out, state->nconditions);
	DictionarySerialize(&out, &state->dict);
	pq_sendint64(&out, state->nrows);
	for (int64 i = 0; i < state->nrows; i++)
	{
		pq_sendint64(&out, state->rows[i].ts);
		pq_sendint32(&out, state->rows[i].node);
		pq_sendbyte(&out, state->rows[i].can_be_base ? 1 : 0);
		pq_sendint64(&out, (int64) state->rows[i].conditions);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&out));
}

/* Read a serial form, trusting none of it. */
static void
AppendSerialRow(void *ctx, int64_t ts, int32_t node, bool can_be_base, uint64_t conditions)
{
	AppendRow((NextNodeState *) ctx, ts, node, can_be_base, conditions, CurrentMemoryContext);
}

/* Read a serial form, trusting none of it (serial_form.c checks it). */
Datum
sequence_next_node_deserialize(PG_FUNCTION_ARGS)
{
	SerialReader reader;
	NextNodeHeader header;
	NextNodeState *state;
	SerialSink	sink = {0};

	AggregateContext(fcinfo, "sequence_next_node");
	InitSerialReader(&reader, PG_GETARG_BYTEA_PP(0));
	CheckSerialRead("sequence_next_node state", read_next_node_header(&reader, &header));
	state = NewNextNodeState(CurrentMemoryContext, header.direction, header.base,
							 header.nconditions);
	DictionaryDeserialize(&reader, &state->dict, "sequence_next_node state");
	sink.ctx = state;
	sink.next_node_row = AppendSerialRow;
	CheckSerialRead("sequence_next_node state",
					read_next_node_rows(&reader, state->dict.nnodes, header.nconditions, &sink));
	PG_RETURN_POINTER(state);
}

typedef struct RowOrder
{
	const NextNodeState *state;
	const int32 *rank_of;
} RowOrder;

/* Total order of rows: time, value (in byte order), base_cond, conditions. */
static int
CompareRows(const void *a, const void *b, void *arg)
{
	const RowOrder *order = (const RowOrder *) arg;
	const NextNodeRow *x = &order->state->rows[*(const int64 *) a];
	const NextNodeRow *y = &order->state->rows[*(const int64 *) b];

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	if (order->rank_of[x->node] != order->rank_of[y->node])
		return order->rank_of[x->node] < order->rank_of[y->node] ? -1 : 1;
	if (x->can_be_base != y->can_be_base)
		return x->can_be_base ? 1 : -1;
	if (x->conditions != y->conditions)
		return x->conditions < y->conditions ? -1 : 1;
	return 0;
}

Datum
sequence_next_node_final(PG_FUNCTION_ARGS)
{
	NextNodeState *state;
	int64		n;
	int64	   *order;
	RowOrder	context;
	int64		base = -1;
	int64		sorted_to;
	int			nconditions;
	int64		result = -1;
	uint32		len;
	const char *value;

	AggregateContext(fcinfo, "sequence_next_node");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (NextNodeState *) PG_GETARG_POINTER(0);
	n = state->nrows;
	nconditions = state->nconditions;
	if (n <= nconditions)
		PG_RETURN_NULL();

	order = palloc(sizeof(int64) * n);
	for (int64 i = 0; i < n; i++)
		order[i] = i;
	/* rows that came in strictly rising time are in order (only ties compare text) */
	for (sorted_to = 1; sorted_to < n; sorted_to++)
		if (state->rows[sorted_to - 1].ts >= state->rows[sorted_to].ts)
			break;
	if (sorted_to < n)
	{
		context.state = state;
		context.rank_of = DictionaryRanks(&state->dict);
		qsort_arg(order, n, sizeof(int64), CompareRows, &context);
		CheckInterrupts();
	}

#define ROW(i) (&state->rows[order[i]])
	/* one base candidate, as ClickHouse picks it */
	switch (state->base)
	{
		case BASE_HEAD:
			base = ROW(0)->can_be_base ? 0 : -1;
			break;
		case BASE_TAIL:
			base = ROW(n - 1)->can_be_base ? n - 1 : -1;
			break;
		case BASE_FIRST_MATCH:
			for (int64 i = 0; i < n && base < 0; i++)
				if ((ROW(i)->conditions & 1) && ROW(i)->can_be_base)
					base = i;
			break;
		case BASE_LAST_MATCH:
			for (int64 i = n - 1; i >= 0 && base < 0; i--)
				if ((ROW(i)->conditions & 1) && ROW(i)->can_be_base)
					base = i;
			break;
	}
	if (base < 0)
		PG_RETURN_NULL();

	/* condition k must hold on the k-th node from the base */
	if (state->direction == DIRECTION_FORWARD)
	{
		int			k;

		for (k = 0; k < nconditions && base + k < n; k++)
			if (!(ROW(base + k)->conditions & (UINT64CONST(1) << k)))
				break;
		if (k == nconditions && base + k < n)
			result = base + k;
	}
	else
	{
		int			k;

		for (k = 0; k < nconditions && k < base; k++)
			if (!(ROW(base - k)->conditions & (UINT64CONST(1) << k)))
				break;
		if (k == nconditions)
			result = base - k;
	}
	if (result < 0)
		PG_RETURN_NULL();
	value = DictionaryText(&state->dict, ROW(result)->node, &len);
#undef ROW
	PG_RETURN_TEXT_P(cstring_to_text_with_len(value, (int) len));
}
