/*-------------------------------------------------------------------------
 *
 * attribution.c
 *	  journey.attribution(): one customer's conversions credited to the
 *	  channels of the touches before each, by a heuristic model.
 *
 * The state keeps the customer's events in an EventBuffer: a touch's mask
 * is its channel's number in a NodeDictionary, a conversion's mask is
 * CONVERSION_EVENT plus its number in the list of conversion values.  At
 * the final step touches are put in (time, channel text) order and
 * conversions in (time, value) order, and one sweep hands each conversion
 * the touches since the previous conversion (within the lookback).  The
 * model itself is attribution_model.c.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "attribution_model.h"
#include "credit.h"
#include "event_state.h"
#include "node_dictionary.h"

PG_FUNCTION_INFO_V1(attribution_transfn);
PG_FUNCTION_INFO_V1(attribution_value_transfn);
PG_FUNCTION_INFO_V1(attribution_combine);
PG_FUNCTION_INFO_V1(attribution_serialize);
PG_FUNCTION_INFO_V1(attribution_deserialize);
PG_FUNCTION_INFO_V1(attribution_final);

#define CONVERSION_EVENT		(UINT64CONST(1) << 63)
#define ATTRIBUTION_INLINE_EVENTS	8
#define DIRECT_CHANNEL			"(direct)"

typedef struct AttributionState
{
	EventBuffer buf;
	NodeDictionary dict;
	double	   *values;			/* per conversion: its value (1 without one) */
	int64		nvalues;
	int64		values_capacity;
	AttributionModel model;
	bool		valued;			/* the form with a value argument */
	JourneyEvent inline_events[ATTRIBUTION_INLINE_EVENTS];
} AttributionState;

/* Per-query cache of the parsed model text (fn_extra). */
typedef struct ModelCache
{
	int			len;
	AttributionModel model;
	char		text[FLEXIBLE_ARRAY_MEMBER];
} ModelCache;

static const AttributionModel *
ParseModel(FunctionCallInfo fcinfo)
{
	ModelCache *cache = (ModelCache *) fcinfo->flinfo->fn_extra;
	text	   *model_text;
	const char *bytes;
	int			len;
	AttributionModel model;
	char		message[256];

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the attribution model must not be NULL"),
				 errhint("Use first_touch, last_touch, linear, position_based or time_decay.")));
	model_text = PG_GETARG_TEXT_PP(1);
	bytes = VARDATA_ANY(model_text);
	len = VARSIZE_ANY_EXHDR(model_text);
	if (cache != NULL && cache->len == len && memcmp(cache->text, bytes, len) == 0)
		return &cache->model;

	if (!attribution_parse_model(bytes, len, &model, message, sizeof(message)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid attribution model \"%s\": %s", text_to_cstring(model_text), message),
				 errhint("Models are first_touch, last_touch, linear, position_based(first=0.4, last=0.4) and time_decay(half_life=7 days), each with an optional lookback, e.g. linear(lookback=30 days).")));
	if (cache == NULL || cache->len < len)
		cache = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, offsetof(ModelCache, text) + len);
	cache->len = len;
	cache->model = model;
	memcpy(cache->text, bytes, len);
	fcinfo->flinfo->fn_extra = cache;
	return &cache->model;
}

static AttributionState *
NewAttributionState(MemoryContext context, const AttributionModel *model, bool valued)
{
	AttributionState *state = MemoryContextAllocZero(context, sizeof(AttributionState));

	EventBufferInit(&state->buf, state->inline_events, sizeof(state->inline_events),
					~UINT64CONST(0));
	state->model = *model;
	state->valued = valued;
	return state;
}

static bool
SameModel(const AttributionModel *a, const AttributionModel *b)
{
	return a->kind == b->kind && a->first == b->first && a->last == b->last &&
		a->half_life == b->half_life && a->lookback == b->lookback;
}

static void
CheckSameModel(const AttributionState *state, const AttributionModel *model)
{
	if (!SameModel(&state->model, model))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the attribution model changes within a group"),
				 errhint("Every row of a group must use the same model.")));
}

static void
AddConversion(AttributionState *state, int64 ts, double value, MemoryContext context)
{
	if (state->nvalues == state->values_capacity)
	{
		state->values_capacity = Max(state->values_capacity * 2, 4);
		state->values = state->values == NULL ?
			MemoryContextAllocHuge(context, state->values_capacity * sizeof(double)) :
			repalloc_huge(state->values, state->values_capacity * sizeof(double));
	}
	state->values[state->nvalues] = value;
	EventBufferAppend(&state->buf, ts, CONVERSION_EVENT | (uint64) state->nvalues, context);
	state->nvalues++;
}

/*
 * (model, ts, channel, conversion [, value]).  A NULL time is no row; a
 * touch with a NULL channel is ignored; a conversion's channel is not
 * looked at; a NULL conversion is a touch; a NULL value is 0.
 */
static Datum
AttributionAccumulate(FunctionCallInfo fcinfo, bool valued)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "attribution");
	AttributionState *state = PG_ARGISNULL(0) ? NULL : (AttributionState *) PG_GETARG_POINTER(0);
	const AttributionModel *model = ParseModel(fcinfo);

	if (state == NULL)
		state = NewAttributionState(aggcontext, model, valued);
	else
		CheckSameModel(state, model);
	if (PG_ARGISNULL(2))
		PG_RETURN_POINTER(state);

	if (!PG_ARGISNULL(4) && PG_GETARG_BOOL(4))
	{
		double		value = 1;

		if (valued)
		{
			value = PG_ARGISNULL(5) ? 0 : PG_GETARG_FLOAT8(5);
			if (isnan(value) || isinf(value))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("a conversion value must be a finite number, not %s",
								isnan(value) ? "NaN" : "infinity")));
		}
		AddConversion(state, PG_GETARG_INT64(2), value, aggcontext);
	}
	else if (!PG_ARGISNULL(3))
	{
		text	   *channel = PG_GETARG_TEXT_PP(3);
		int32		id = DictionaryIntern(&state->dict, VARDATA_ANY(channel),
										 VARSIZE_ANY_EXHDR(channel), aggcontext);

		EventBufferAppend(&state->buf, PG_GETARG_INT64(2), (uint64) id, aggcontext);
	}
	PG_RETURN_POINTER(state);
}

Datum
attribution_transfn(PG_FUNCTION_ARGS)
{
	return AttributionAccumulate(fcinfo, false);
}

Datum
attribution_value_transfn(PG_FUNCTION_ARGS)
{
	return AttributionAccumulate(fcinfo, true);
}

Datum
attribution_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "attribution_combine");
	AttributionState *into = PG_ARGISNULL(0) ? NULL : (AttributionState *) PG_GETARG_POINTER(0);
	AttributionState *from = PG_ARGISNULL(1) ? NULL : (AttributionState *) PG_GETARG_POINTER(1);
	int32	   *renumber;

	RETURN_IF_NOTHING_TO_COMBINE(into, from);
	if (into == NULL)
		into = NewAttributionState(aggcontext, &from->model, from->valued);
	else
		CheckSameModel(into, &from->model);
	renumber = DictionaryMerge(&into->dict, &from->dict, aggcontext);
	for (int64 i = 0; i < from->buf.nevents; i++)
	{
		const JourneyEvent *event = &EventBufferWideEvents(&from->buf)[i];

		if (event->mask & CONVERSION_EVENT)
			AddConversion(into, event->ts, from->values[event->mask & ~CONVERSION_EVENT], aggcontext);
		else
			EventBufferAppend(&into->buf, event->ts, (uint64) renumber[event->mask], aggcontext);
	}
	pfree(renumber);
	PG_RETURN_POINTER(into);
}

/* The serial form is described in serial_form.h. */
Datum
attribution_serialize(PG_FUNCTION_ARGS)
{
	AttributionState *state = (AttributionState *) PG_GETARG_POINTER(0);
	StringInfoData out;

	AggregateContext(fcinfo, "attribution_serialize");
	if ((Size) state->buf.nevents > (MaxAllocSize - state->dict.arena_used) / 24)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a customer's %lld events are too many to pass between parallel workers",
						(long long) state->buf.nevents),
				 errhint("Run the query without parallel workers (max_parallel_workers_per_gather = 0).")));
	pq_begintypsend(&out);
	pq_sendbyte(&out, ATTRIBUTION_SERIAL_VERSION);
	pq_sendbyte(&out, state->model.kind);
	pq_sendbyte(&out, state->valued ? 1 : 0);
	pq_sendfloat8(&out, state->model.first);
	pq_sendfloat8(&out, state->model.last);
	pq_sendint64(&out, state->model.half_life);
	pq_sendint64(&out, state->model.lookback);
	DictionarySerialize(&out, &state->dict);
	pq_sendint64(&out, state->buf.nevents);
	for (int64 i = 0; i < state->buf.nevents; i++)
	{
		const JourneyEvent *event = &EventBufferWideEvents(&state->buf)[i];

		pq_sendint64(&out, event->ts);
		if (event->mask & CONVERSION_EVENT)
		{
			pq_sendint32(&out, -1);
			pq_sendfloat8(&out, state->values[event->mask & ~CONVERSION_EVENT]);
		}
		else
			pq_sendint32(&out, (int32) event->mask);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&out));
}

static void
AppendTouch(void *ctx, int64_t ts, int32_t channel)
{
	AttributionState *state = (AttributionState *) ctx;

	EventBufferAppend(&state->buf, ts, (uint64) channel, CurrentMemoryContext);
}

static void
AppendConversion(void *ctx, int64_t ts, double value)
{
	AddConversion((AttributionState *) ctx, ts, value, CurrentMemoryContext);
}

/* Read a serial form, trusting none of it (serial_form.c checks it). */
Datum
attribution_deserialize(PG_FUNCTION_ARGS)
{
	SerialReader reader;
	AttributionHeader header;
	AttributionState *state;
	SerialSink	sink = {0};

	AggregateContext(fcinfo, "attribution_deserialize");
	InitSerialReader(&reader, PG_GETARG_BYTEA_PP(0));
	CheckSerialRead("attribution state", read_attribution_header(&reader, &header));
	state = NewAttributionState(CurrentMemoryContext, &header.model, header.valued);
	DictionaryDeserialize(&reader, &state->dict, "attribution state");
	sink.ctx = state;
	sink.node_event = AppendTouch;
	sink.conversion = AppendConversion;
	CheckSerialRead("attribution state",
					read_attribution_events(&reader, state->dict.nnodes, &sink));
	PG_RETURN_POINTER(state);
}

typedef struct Touch
{
	int64		ts;
	int32		rank;			/* the channel's rank by text */
} Touch;

typedef struct Conversion
{
	int64		ts;
	double		value;
} Conversion;

static int
CompareTouches(const void *a, const void *b)
{
	const Touch *x = a;
	const Touch *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static int
CompareConversions(const void *a, const void *b)
{
	const Conversion *x = a;
	const Conversion *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->value < y->value ? -1 : x->value > y->value;
}

Datum
attribution_final(PG_FUNCTION_ARGS)
{
	AttributionState *state;
	int32	   *rank_of;
	int32	   *node_of;
	int32		nchannels;
	Touch	   *touches;
	Conversion *conversions;
	int64		ntouches = 0;
	int64		nconversions = 0;
	int64		window_start = 0;	/* first touch not yet given to a conversion */
	int64		window_end = 0;
	double	   *conversion_credit;	/* per rank; [nchannels]: (direct) */
	double	   *value_credit;
	int64_t    *times;
	double	   *shares;
	CreditRow  *credits;
	int			ncredits = 0;
	bool		direct_placed = false;

	AggregateContext(fcinfo, "attribution");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (AttributionState *) PG_GETARG_POINTER(0);
	nchannels = state->dict.nnodes;
	rank_of = DictionaryRanks(&state->dict);
	node_of = palloc(sizeof(int32) * Max(nchannels, 1));
	for (int32 n = 0; n < nchannels; n++)
		node_of[rank_of[n]] = n;

	touches = palloc(sizeof(Touch) * Max(state->buf.nevents, 1));
	conversions = palloc(sizeof(Conversion) * Max(state->buf.nevents, 1));
	for (int64 i = 0; i < state->buf.nevents; i++)
	{
		const JourneyEvent *event = &EventBufferWideEvents(&state->buf)[i];

		if (event->mask & CONVERSION_EVENT)
		{
			conversions[nconversions].ts = event->ts;
			conversions[nconversions++].value = state->values[event->mask & ~CONVERSION_EVENT];
		}
		else
		{
			touches[ntouches].ts = event->ts;
			touches[ntouches++].rank = rank_of[event->mask];
		}
	}
	qsort(touches, ntouches, sizeof(Touch), CompareTouches);
	qsort(conversions, nconversions, sizeof(Conversion), CompareConversions);

	conversion_credit = palloc0(sizeof(double) * (nchannels + 1));
	value_credit = palloc0(sizeof(double) * (nchannels + 1));
	times = palloc(sizeof(int64_t) * Max(ntouches, 1));
	shares = palloc(sizeof(double) * Max(ntouches, 1));

	/* each conversion gets the touches since the previous one, before it */
	for (int64 c = 0; c < nconversions; c++)
	{
		int64		at = conversions[c].ts;
		int64		first;
		int			n;
		double		value_given = 0;

		while (window_end < ntouches && touches[window_end].ts < at)
			window_end++;
		first = window_start;
		if (state->model.lookback != NO_LOOKBACK)
			while (first < window_end && (uint64) at - (uint64) touches[first].ts > (uint64) state->model.lookback)
				first++;
		n = (int) (window_end - first);
		if (n == 0)
		{
			conversion_credit[nchannels] += 1;
			value_credit[nchannels] += conversions[c].value;
		}
		else
		{
			for (int i = 0; i < n; i++)
				times[i] = touches[first + i].ts;
			attribution_shares(&state->model, times, n, shares);
			for (int i = 0; i < n; i++)
			{
				int32		rank = touches[first + i].rank;
				double		value = i == n - 1 ? conversions[c].value - value_given :
					conversions[c].value * shares[i];

				conversion_credit[rank] += shares[i];
				value_credit[rank] += value;
				value_given += value;
			}
		}
		window_start = window_end;
		if ((c % 4096) == 0)
			CheckInterrupts();
	}

	/* channels with credit in text order, (direct) in its place among them */
	credits = palloc(sizeof(CreditRow) * (nchannels + 1));
	for (int32 r = 0; r <= nchannels; r++)
	{
		uint32		len = 0;
		const char *name = r < nchannels ? DictionaryText(&state->dict, node_of[r], &len) : NULL;
		int			order = 1;

		if (!direct_placed && conversion_credit[nchannels] > 0)
		{
			if (name != NULL)
			{
				int			cmp = memcmp(DIRECT_CHANNEL, name, Min(len, strlen(DIRECT_CHANNEL)));

				order = cmp != 0 ? cmp : (int) strlen(DIRECT_CHANNEL) - (int) len;
			}
			else
				order = -1;
			if (order <= 0)
			{
				/* a channel named (direct) shares the entry */
				double		extra_conversions = order == 0 ? conversion_credit[r] : 0;
				double		extra_value = order == 0 ? value_credit[r] : 0;

				credits[ncredits].channel = DIRECT_CHANNEL;
				credits[ncredits].channel_len = strlen(DIRECT_CHANNEL);
				credits[ncredits].first = conversion_credit[nchannels] + extra_conversions;
				credits[ncredits].second = value_credit[nchannels] + extra_value;
				credits[ncredits].second_is_null = !state->valued;
				ncredits++;
				direct_placed = true;
				if (order == 0)
					continue;
			}
		}
		if (name == NULL || conversion_credit[r] <= 0)
			continue;
		credits[ncredits].channel = name;
		credits[ncredits].channel_len = (int) len;
		credits[ncredits].first = conversion_credit[r];
		credits[ncredits].second = value_credit[r];
		credits[ncredits].second_is_null = !state->valued;
		ncredits++;
	}
	return CreditArray(fcinfo, credits, ncredits);
}
