/*-------------------------------------------------------------------------
 *
 * path_attribution.c
 *	  Data-driven attribution over one row per path:
 *	  journey.markov_attribution() and journey.shapley_attribution().
 *
 * The state keeps the rows: each path's channels as numbers into a
 * NodeDictionary, with its conversions and nulls.  At the final step the
 * channels are renumbered by their text and the rows sorted, so that the
 * floating-point work runs in one order whatever order the rows came in
 * (serially, from parallel workers, or from partitions).  The Markov solver
 * is markov.c.
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

#include "credit.h"
#include "event_state.h"
#include "markov.h"
#include "node_dictionary.h"

PG_FUNCTION_INFO_V1(markov_attribution_transfn);
PG_FUNCTION_INFO_V1(markov_attribution_order_transfn);
PG_FUNCTION_INFO_V1(shapley_attribution_transfn);
PG_FUNCTION_INFO_V1(path_rows_combine);
PG_FUNCTION_INFO_V1(path_rows_serialize);
PG_FUNCTION_INFO_V1(path_rows_deserialize);
PG_FUNCTION_INFO_V1(markov_attribution_final);
PG_FUNCTION_INFO_V1(shapley_attribution_final);


typedef struct PathRow
{
	int64		offset;			/* into channels */
	int32		length;
	int64		conversions;
	int64		nulls;
} PathRow;

typedef struct PathRowsState
{
	NodeDictionary dict;
	int32	   *channels;		/* every row's channel numbers, one after another */
	int64		nchannels;
	int64		channels_capacity;
	PathRow    *rows;
	int64		nrows;
	int64		rows_capacity;
	int32		order;			/* Markov order 1..MARKOV_MAX_ORDER, or SHAPLEY_ORDER */
} PathRowsState;

static PathRowsState *
NewPathRowsState(MemoryContext context, int32 order)
{
	PathRowsState *state = MemoryContextAllocZero(context, sizeof(PathRowsState));

	state->order = order;
	return state;
}

static void
AddRow(PathRowsState *state, int32 length, int64 conversions, int64 nulls, MemoryContext context)
{
	PathRow    *row;

	if (state->nrows == state->rows_capacity)
	{
		state->rows_capacity = Max(state->rows_capacity * 2, 16);
		state->rows = state->rows == NULL ?
			MemoryContextAllocHuge(context, state->rows_capacity * sizeof(PathRow)) :
			repalloc_huge(state->rows, state->rows_capacity * sizeof(PathRow));
	}
	while (state->nchannels + length > state->channels_capacity)
	{
		state->channels_capacity = Max(state->channels_capacity * 2, 64);
		state->channels = state->channels == NULL ?
			MemoryContextAllocHuge(context, state->channels_capacity * sizeof(int32)) :
			repalloc_huge(state->channels, state->channels_capacity * sizeof(int32));
	}
	row = &state->rows[state->nrows++];
	row->offset = state->nchannels;
	row->length = length;
	row->conversions = conversions;
	row->nulls = nulls;
	state->nchannels += length;
}

static int64
CountArgument(FunctionCallInfo fcinfo, int argno, const char *what)
{
	int64		count;

	if (PG_ARGISNULL(argno))
		return 0;
	count = PG_GETARG_INT64(argno);
	if (count < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative, not " INT64_FORMAT, what, count),
				 errhint("Pass the number of journeys that took the path.")));
	return count;
}

/*
 * The shared transition: (path, conversions [, nulls [, order]]).  A NULL
 * path is no row; NULL counts are 0.
 */
static Datum
PathRowsAccumulate(FunctionCallInfo fcinfo, int32 order, int nulls_arg, const char *name)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, name);
	PathRowsState *state = PG_ARGISNULL(0) ? NULL : (PathRowsState *) PG_GETARG_POINTER(0);
	int64		conversions = CountArgument(fcinfo, 2, "conversions");
	int64		nulls = nulls_arg >= 0 ? CountArgument(fcinfo, nulls_arg, "nulls") : 0;
	ArrayType  *path;
	Datum	   *elements;
	bool	   *element_nulls;
	int			nelements;
	int32		first;

	if (state == NULL)
		state = NewPathRowsState(aggcontext, order);
	else if (state->order != order)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the Markov order changes within a group: %d and %d", state->order, order),
				 errhint("Every row of a group must use the same order.")));
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(state);

	path = PG_GETARG_ARRAYTYPE_P(1);
	if (ARR_NDIM(path) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("a path must be a one-dimensional array, not %d-dimensional", ARR_NDIM(path))));
	deconstruct_array(path, TEXTOID, -1, false, TYPALIGN_INT, &elements, &element_nulls, &nelements);

	first = (int32) state->nchannels;
	AddRow(state, nelements, conversions, nulls, aggcontext);
	for (int i = 0; i < nelements; i++)
	{
		text	   *channel;

		if (element_nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("channel %d of a path is NULL", i + 1),
					 errhint("Leave unknown channels out of the path, or name them, e.g. '(unknown)'.")));
		channel = DatumGetTextPP(elements[i]);
		if (VARSIZE_ANY_EXHDR(channel) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("channel %d of a path is an empty string", i + 1),
					 errhint("Leave unknown channels out of the path, or name them, e.g. '(unknown)'.")));
		state->channels[first + i] = DictionaryIntern(&state->dict, VARDATA_ANY(channel),
													  VARSIZE_ANY_EXHDR(channel), aggcontext);
	}
	pfree(elements);
	pfree(element_nulls);
	PG_RETURN_POINTER(state);
}

/* markov_attribution(path, conversions, nulls) */
Datum
markov_attribution_transfn(PG_FUNCTION_ARGS)
{
	return PathRowsAccumulate(fcinfo, 1, 3, "markov_attribution");
}

/* markov_attribution(path, conversions, nulls, order) */
Datum
markov_attribution_order_transfn(PG_FUNCTION_ARGS)
{
	int32		order;

	if (PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the Markov order must not be NULL"),
				 errhint("Give 1 (the default) to %d.", MARKOV_MAX_ORDER)));
	order = PG_GETARG_INT32(4);
	if (order < 1 || order > MARKOV_MAX_ORDER)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the Markov order must be between 1 and %d, not %d", MARKOV_MAX_ORDER, order)));
	return PathRowsAccumulate(fcinfo, order, 3, "markov_attribution");
}

/* shapley_attribution(channels, conversions) */
Datum
shapley_attribution_transfn(PG_FUNCTION_ARGS)
{
	return PathRowsAccumulate(fcinfo, SHAPLEY_ORDER, -1, "shapley_attribution");
}

Datum
path_rows_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "path_rows_combine");
	PathRowsState *into = PG_ARGISNULL(0) ? NULL : (PathRowsState *) PG_GETARG_POINTER(0);
	PathRowsState *from = PG_ARGISNULL(1) ? NULL : (PathRowsState *) PG_GETARG_POINTER(1);
	int32	   *renumber;

	RETURN_IF_NOTHING_TO_COMBINE(into, from);
	if (into == NULL)
		into = NewPathRowsState(aggcontext, from->order);
	else if (into->order != from->order)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the Markov order changes within a group: %d and %d", into->order, from->order)));
	renumber = DictionaryMerge(&into->dict, &from->dict, aggcontext);
	for (int64 r = 0; r < from->nrows; r++)
	{
		const PathRow *row = &from->rows[r];
		int64		first = into->nchannels;

		AddRow(into, row->length, row->conversions, row->nulls, aggcontext);
		for (int32 i = 0; i < row->length; i++)
			into->channels[first + i] = renumber[from->channels[row->offset + i]];
	}
	pfree(renumber);
	PG_RETURN_POINTER(into);
}

/* The serial form is described in serial_form.h. */
Datum
path_rows_serialize(PG_FUNCTION_ARGS)
{
	PathRowsState *state = (PathRowsState *) PG_GETARG_POINTER(0);
	StringInfoData out;

	AggregateContext(fcinfo, "path_rows_serialize");
	if ((Size) state->nrows > (MaxAllocSize - state->dict.arena_used) / 40 ||
		(Size) state->nchannels > (MaxAllocSize - state->dict.arena_used) / 8)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%lld paths are too many to pass between parallel workers",
						(long long) state->nrows),
				 errhint("Aggregate to one row per distinct path first, or run without parallel workers.")));
	pq_begintypsend(&out);
	pq_sendbyte(&out, PATH_ROWS_SERIAL_VERSION);
	pq_sendint32(&out, state->order);
	DictionarySerialize(&out, &state->dict);
	pq_sendint64(&out, state->nrows);
	for (int64 r = 0; r < state->nrows; r++)
	{
		const PathRow *row = &state->rows[r];

		pq_sendint32(&out, row->length);
		pq_sendint64(&out, row->conversions);
		pq_sendint64(&out, row->nulls);
		for (int32 i = 0; i < row->length; i++)
			pq_sendint32(&out, state->channels[row->offset + i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&out));
}

/* Read a serial form, trusting none of it. */
/* A state being deserialized, and where its next channel goes. */
typedef struct PathRowsReading
{
	PathRowsState *state;
	int64		next_channel;
} PathRowsReading;

static void
AddSerialRow(void *ctx, int32_t length, int64_t conversions, int64_t nulls)
{
	PathRowsReading *reading = (PathRowsReading *) ctx;

	reading->next_channel = reading->state->nchannels;
	AddRow(reading->state, length, conversions, nulls, CurrentMemoryContext);
}

static void
AddSerialChannel(void *ctx, int32_t channel)
{
	PathRowsReading *reading = (PathRowsReading *) ctx;

	reading->state->channels[reading->next_channel++] = channel;
}

/* Read a serial form, trusting none of it (serial_form.c checks it). */
Datum
path_rows_deserialize(PG_FUNCTION_ARGS)
{
	SerialReader reader;
	int32		order;
	PathRowsState *state;
	PathRowsReading reading;
	SerialSink	sink = {0};

	AggregateContext(fcinfo, "path_rows_deserialize");
	InitSerialReader(&reader, PG_GETARG_BYTEA_PP(0));
	CheckSerialRead("path attribution state", read_path_rows_header(&reader, &order));
	state = NewPathRowsState(CurrentMemoryContext, order);
	DictionaryDeserialize(&reader, &state->dict, "path attribution state");
	reading.state = state;
	reading.next_channel = 0;
	sink.ctx = &reading;
	sink.path_row = AddSerialRow;
	sink.path_channel = AddSerialChannel;
	CheckSerialRead("path attribution state",
					read_path_rows(&reader, state->dict.nnodes, &sink));
	PG_RETURN_POINTER(state);
}

/* Rows in the order of their channels' texts, then their counts. */
static int
CompareRows(const void *a, const void *b, void *arg)
{
	const PathRow *x = a;
	const PathRow *y = b;
	const int32 *channels = arg;
	int32		common = Min(x->length, y->length);

	for (int32 i = 0; i < common; i++)
		if (channels[x->offset + i] != channels[y->offset + i])
			return channels[x->offset + i] < channels[y->offset + i] ? -1 : 1;
	if (x->length != y->length)
		return x->length < y->length ? -1 : 1;
	if (x->conversions != y->conversions)
		return x->conversions < y->conversions ? -1 : 1;
	if (x->nulls != y->nulls)
		return x->nulls < y->nulls ? -1 : 1;
	return 0;
}

/*
 * Renumber the channels by text rank, dictionary included, and sort the
 * rows, in place: the state stays logically the same, so a second final
 * finds it already done.
 */
static void
Canonicalize(PathRowsState *state)
{
	int32	   *rank_of = DictionaryRanks(&state->dict);
	int32	   *node_of = palloc(sizeof(int32) * Max(state->dict.nnodes, 1));
	NodeDictionary ranked;

	memset(&ranked, 0, sizeof(ranked));
	for (int32 n = 0; n < state->dict.nnodes; n++)
		node_of[rank_of[n]] = n;
	for (int32 r = 0; r < state->dict.nnodes; r++)
	{
		uint32		len;
		const char *text = DictionaryText(&state->dict, node_of[r], &len);

		DictionaryIntern(&ranked, text, len, GetMemoryChunkContext(state));
	}
	for (int64 i = 0; i < state->nchannels; i++)
		state->channels[i] = rank_of[state->channels[i]];
	state->dict = ranked;
	qsort_arg(state->rows, state->nrows, sizeof(PathRow), CompareRows, state->channels);
	pfree(rank_of);
	pfree(node_of);
}

static void *
SolverAlloc(size_t bytes, void *arg)
{
	return MemoryContextAllocZero((MemoryContext) arg, bytes);
}

Datum
markov_attribution_final(PG_FUNCTION_ARGS)
{
	PathRowsState *state;
	MemoryContext solver_context;
	MarkovContext context;
	MarkovPath *paths;
	MarkovResult result;
	CreditRow  *credits;
	int			nchannels;

	AggregateContext(fcinfo, "markov_attribution");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (PathRowsState *) PG_GETARG_POINTER(0);
	Canonicalize(state);
	nchannels = state->dict.nnodes;

	solver_context = AllocSetContextCreate(CurrentMemoryContext, "markov attribution",
										   ALLOCSET_DEFAULT_SIZES);
	paths = MemoryContextAllocHuge(solver_context, sizeof(MarkovPath) * Max(state->nrows, 1));
	for (int64 r = 0; r < state->nrows; r++)
	{
		paths[r].channels = &state->channels[state->rows[r].offset];
		paths[r].length = state->rows[r].length;
		paths[r].conversions = state->rows[r].conversions;
		paths[r].nulls = state->rows[r].nulls;
	}
	result.removal_effect = MemoryContextAlloc(solver_context, sizeof(double) * Max(nchannels, 1));
	result.conversions = MemoryContextAlloc(solver_context, sizeof(double) * Max(nchannels, 1));
	context.alloc = SolverAlloc;
	context.check_interrupts = CheckInterrupts;
	context.arg = solver_context;
	context.dense_limit = 0;
	markov_attribute(paths, (size_t) state->nrows, nchannels, Max(state->order, 1), &context, &result);

	credits = palloc(sizeof(CreditRow) * Max(nchannels, 1));
	for (int c = 0; c < nchannels; c++)
	{
		uint32		len;

		credits[c].channel = DictionaryText(&state->dict, c, &len);
		credits[c].channel_len = (int) len;
		credits[c].first = result.removal_effect[c];
		credits[c].second = result.conversions[c];
		credits[c].second_is_null = false;
	}
	MemoryContextDelete(solver_context);
	return CreditArray(fcinfo, credits, nchannels);
}

/*
 * The Shapley value of the conversion-count game, in closed form: a
 * journey's conversions split equally over its distinct channels.
 */
Datum
shapley_attribution_final(PG_FUNCTION_ARGS)
{
	PathRowsState *state;
	double	   *credit;
	bool	   *seen;
	CreditRow  *credits;
	int			nchannels;

	AggregateContext(fcinfo, "shapley_attribution");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (PathRowsState *) PG_GETARG_POINTER(0);
	Canonicalize(state);
	nchannels = state->dict.nnodes;
	credit = palloc0(sizeof(double) * Max(nchannels, 1));
	seen = palloc0(sizeof(bool) * Max(nchannels, 1));

	for (int64 r = 0; r < state->nrows; r++)
	{
		const PathRow *row = &state->rows[r];
		const int32 *channels = &state->channels[row->offset];
		int			distinct = 0;

		for (int32 i = 0; i < row->length; i++)
			if (!seen[channels[i]])
			{
				seen[channels[i]] = true;
				distinct++;
			}
		for (int32 i = 0; i < row->length; i++)
			if (seen[channels[i]])
			{
				credit[channels[i]] += (double) row->conversions / distinct;
				seen[channels[i]] = false;
			}
		if ((r % 65536) == 0)
			CheckInterrupts();
	}

	credits = palloc(sizeof(CreditRow) * Max(nchannels, 1));
	for (int c = 0; c < nchannels; c++)
	{
		uint32		len;

		credits[c].channel = DictionaryText(&state->dict, c, &len);
		credits[c].channel_len = (int) len;
		credits[c].first = credit[c];
		credits[c].second = 0;
		credits[c].second_is_null = true;
	}
	return CreditArray(fcinfo, credits, nchannels);
}
