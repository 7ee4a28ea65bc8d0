/*-------------------------------------------------------------------------
 *
 * sample.c
 *	  journey.sample_events(): realistic, reproducible customer journeys.
 *
 * Each customer is simulated from its own random stream, seeded by
 * (seed, customer_id), so a customer's journey does not depend on how many
 * customers are asked for.  All arithmetic is on integers: the same seed
 * gives the same rows on every platform.
 *
 * The journey model (docs/sample.md has the numbers it produces):
 *	- 48% of customers only ever see awareness touches, 1 to 11 of them;
 *	- 32% go on to consider (1-5 awareness, then 2-16 consideration touches)
 *	  and stop;
 *	- 20% buy after 1-5 awareness and 3-9 consideration touches (plus, for
 *	  most webshop orders, a cart visit): 7 to 11 touches on average, the
 *	  number marketing guides quote;
 *	- buyers may keep in touch (retention), buy again, and recommend the
 *	  brand (advocacy).
 * A fifth of the touches in the consideration phase are awareness touches
 * again (retargeting, ads seen while comparing).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "catalog.h"
#include "srf.h"
#include "stage.h"

PG_FUNCTION_INFO_V1(sample_events);

/* 2026-01-01 00:00:00 UTC: 9497 days after the PostgreSQL epoch. */
#define SAMPLE_EPOCH		((TimestampTz) 9497 * USECS_PER_DAY)
#define SAMPLE_START_DAYS	180
#define SECS_PER_MINUTE		60
#define SECS_PER_HOUR		3600
#define SECS_PER_DAY_INT	86400

#define SAMPLE_COLUMNS		7

/* Random stream of one customer: SplitMix64. */
typedef struct SampleRandom
{
	uint64		state;
} SampleRandom;

static uint64
RandomNext(SampleRandom *rnd)
{
	uint64		z = (rnd->state += UINT64CONST(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64CONST(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64CONST(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* Uniform integer in [lo, hi]. */
static int64
RandomBetween(SampleRandom *rnd, int64 lo, int64 hi)
{
	return lo + (int64) (RandomNext(rnd) % (uint64) (hi - lo + 1));
}

/* True with the given percent probability. */
static bool
RandomPercent(SampleRandom *rnd, int percent)
{
	return RandomBetween(rnd, 0, 99) < percent;
}

/* Touchpoints of one stage (or the purchase touchpoints) with weights. */
typedef struct WeightedChoice
{
	int			count;
	int			total_weight;
	int			index[64];		/* into builtin_touchpoints */
	int			cumulative[64];
} WeightedChoice;

typedef struct SampleModel
{
	WeightedChoice by_stage[STAGE_COUNT + 1];
	WeightedChoice purchase;
	int			cart;			/* "webshop" */
	int			checkout;		/* "checkout" */
	int			confirmation;	/* "order_confirmation" */
} SampleModel;

static void
AddChoice(WeightedChoice *choice, int index, int weight)
{
	if (weight <= 0)
		return;
	Assert(choice->count < lengthof(choice->index));
	choice->total_weight += weight;
	choice->index[choice->count] = index;
	choice->cumulative[choice->count] = choice->total_weight;
	choice->count++;
}

static int
FindTouchpoint(const char *name)
{
	int			i;

	for (i = 0; i < num_builtin_touchpoints; i++)
		if (strcmp(builtin_touchpoints[i].name, name) == 0)
			return i;
	elog(ERROR, "built-in touchpoint \"%s\" is missing", name);
	return -1;					/* keep compiler quiet */
}

static void
BuildModel(SampleModel *model)
{
	int			i;

	memset(model, 0, sizeof(*model));
	for (i = 0; i < num_builtin_touchpoints; i++)
	{
		const BuiltinTouchpoint *tp = &builtin_touchpoints[i];

		if (tp->is_purchase)
			AddChoice(&model->purchase, i, tp->sample_weight);
		else
			AddChoice(&model->by_stage[tp->stage], i, tp->sample_weight);
	}
	model->cart = FindTouchpoint("webshop");
	model->checkout = FindTouchpoint("checkout");
	model->confirmation = FindTouchpoint("order_confirmation");
}

static int
Choose(const WeightedChoice *choice, SampleRandom *rnd)
{
	int			r = (int) RandomBetween(rnd, 0, choice->total_weight - 1);
	int			i;

	for (i = 0; i < choice->count; i++)
		if (r < choice->cumulative[i])
			return choice->index[i];
	return choice->index[choice->count - 1];
}

/* Everything the emitter needs, for one call of sample_events(). */
typedef struct SampleWriter
{
	Tuplestorestate *tupstore;
	TupleDesc	tupdesc;
	SampleModel model;
	Datum	   *name_text;		/* prebuilt text per touchpoint */
	Datum	   *channel_text;
	Datum	   *medium_text;
	int64		customer_id;
	TimestampTz now;			/* time of the customer's latest touch */
	SampleRandom rnd;
} SampleWriter;

static void
Emit(SampleWriter *w, int touchpoint, int64 revenue_cents)
{
	Datum		values[SAMPLE_COLUMNS];
	bool		nulls[SAMPLE_COLUMNS] = {false, false, false, false, false, false, false};

	values[0] = Int64GetDatum(w->customer_id);
	values[1] = TimestampTzGetDatum(w->now);
	values[2] = w->name_text[touchpoint];
	values[3] = w->channel_text[touchpoint];
	values[4] = w->medium_text[touchpoint];
	values[5] = StageGetDatum((Stage) builtin_touchpoints[touchpoint].stage);
	if (revenue_cents > 0)
	{
		char		buf[32];

		snprintf(buf, sizeof(buf), INT64_FORMAT ".%02d",
				 revenue_cents / 100, (int) (revenue_cents % 100));
		values[6] = DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
										ObjectIdGetDatum(InvalidOid),
										Int32GetDatum(-1));
	}
	else
	{
		values[6] = (Datum) 0;
		nulls[6] = true;
	}
	tuplestore_putvalues(w->tupstore, w->tupdesc, values, nulls);
}

static void
Advance(SampleWriter *w, int64 lo_secs, int64 hi_secs)
{
	w->now += RandomBetween(&w->rnd, lo_secs, hi_secs) * USECS_PER_SEC;
}

/* The pause before the next touch: same visit, a day or two, or a week. */
static void
AdvanceToNextTouch(SampleWriter *w)
{
	int			r = (int) RandomBetween(&w->rnd, 0, 99);

	if (r < 30)
		Advance(w, SECS_PER_MINUTE, 30 * SECS_PER_MINUTE);
	else if (r < 70)
		Advance(w, SECS_PER_HOUR, 48 * SECS_PER_HOUR);
	else
		Advance(w, 2 * SECS_PER_DAY_INT, 10 * SECS_PER_DAY_INT);
}

static void
EmitTouches(SampleWriter *w, int stage, int count, int retarget_percent)
{
	int			i;

	for (i = 0; i < count; i++)
	{
		int			from_stage = RandomPercent(&w->rnd, retarget_percent) ?
			STAGE_AWARENESS : stage;

		AdvanceToNextTouch(w);
		Emit(w, Choose(&w->model.by_stage[from_stage], &w->rnd), 0);
	}
}

static int64
RevenueCents(SampleWriter *w, int touchpoint)
{
	int			r = (int) RandomBetween(&w->rnd, 0, 99);

	/* Contracts signed with a salesperson are business deals. */
	if (strcmp(builtin_touchpoints[touchpoint].channel, "sales") == 0)
		return RandomBetween(&w->rnd, 100000, 1000000);
	if (r < 60)
		return RandomBetween(&w->rnd, 1990, 9990);
	if (r < 90)
		return RandomBetween(&w->rnd, 10000, 29990);
	return RandomBetween(&w->rnd, 30000, 150000);
}

/* A purchase: maybe a cart visit, the paid order, maybe a confirmation. */
static void
EmitPurchase(SampleWriter *w)
{
	int			touchpoint = Choose(&w->model.purchase, &w->rnd);

	if (touchpoint == w->model.checkout && RandomPercent(&w->rnd, 70))
	{
		AdvanceToNextTouch(w);
		Emit(w, w->model.cart, 0);
		Advance(w, 2 * SECS_PER_MINUTE, 20 * SECS_PER_MINUTE);
	}
	else
		AdvanceToNextTouch(w);
	Emit(w, touchpoint, RevenueCents(w, touchpoint));

	if (strcmp(builtin_touchpoints[touchpoint].medium, "digital") == 0 &&
		RandomPercent(&w->rnd, 90))
	{
		Advance(w, SECS_PER_MINUTE, 5 * SECS_PER_MINUTE);
		Emit(w, w->model.confirmation, 0);
	}
}

/* After the first purchase: keep in touch, buy again, recommend. */
static void
EmitAfterPurchase(SampleWriter *w)
{
	int			retention_touches = RandomPercent(&w->rnd, 65) ?
		(int) RandomBetween(&w->rnd, 1, 6) : 0;
	int			repeat_purchases = 0;
	int			slots;

	if (RandomPercent(&w->rnd, 35))
		repeat_purchases = RandomPercent(&w->rnd, 30) ? 2 : 1;

	/* Spread the repeat purchases at random among the retention touches. */
	for (slots = retention_touches + repeat_purchases; slots > 0; slots--)
	{
		if (repeat_purchases > 0 &&
			RandomBetween(&w->rnd, 0, slots - 1) < repeat_purchases)
		{
			Advance(w, SECS_PER_DAY_INT, 20 * SECS_PER_DAY_INT);
			EmitPurchase(w);
			repeat_purchases--;
		}
		else
		{
			Advance(w, SECS_PER_DAY_INT, 20 * SECS_PER_DAY_INT);
			Emit(w, Choose(&w->model.by_stage[STAGE_RETENTION], &w->rnd), 0);
		}
	}

	if (retention_touches > 0 && RandomPercent(&w->rnd, 30))
	{
		int			advocacy_touches = (int) RandomBetween(&w->rnd, 1, 2);

		while (advocacy_touches-- > 0)
		{
			Advance(w, SECS_PER_DAY_INT, 14 * SECS_PER_DAY_INT);
			Emit(w, Choose(&w->model.by_stage[STAGE_ADVOCACY], &w->rnd), 0);
		}
	}
}

static void
EmitCustomer(SampleWriter *w, int32 seed, int64 customer_id)
{
	int			segment;

	w->customer_id = customer_id;
	w->rnd.state = ((uint64) (uint32) seed << 32) ^ (uint64) customer_id;

	w->now = SAMPLE_EPOCH;
	Advance(w, 0, (int64) SAMPLE_START_DAYS * SECS_PER_DAY_INT - 1);
	segment = (int) RandomBetween(&w->rnd, 0, 99);

	/* Every journey starts with an awareness touch at its start time. */
	Emit(w, Choose(&w->model.by_stage[STAGE_AWARENESS], &w->rnd), 0);
	if (segment < 48)
	{
		EmitTouches(w, STAGE_AWARENESS, (int) RandomBetween(&w->rnd, 0, 10), 0);
		return;
	}

	EmitTouches(w, STAGE_AWARENESS, (int) RandomBetween(&w->rnd, 0, 4), 0);
	if (segment < 80)
	{
		EmitTouches(w, STAGE_CONSIDERATION, (int) RandomBetween(&w->rnd, 2, 16), 20);
		return;
	}
	EmitTouches(w, STAGE_CONSIDERATION, (int) RandomBetween(&w->rnd, 3, 9), 20);
	EmitPurchase(w);
	EmitAfterPurchase(w);
}

/*
 * journey.sample_events(customers integer, seed integer)
 *		RETURNS TABLE(customer_id, occurred_at, touchpoint, channel, medium,
 *					  stage, revenue)
 */
Datum
sample_events(PG_FUNCTION_ARGS)
{
	int32		customers = PG_GETARG_INT32(0);
	int32		seed = PG_GETARG_INT32(1);
	SampleWriter w;
	MemoryContext per_customer;
	MemoryContext oldcontext;
	int			i;
	int64		customer_id;

	if (customers < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of customers must not be negative: %d", customers),
				 errhint("Ask for 0 or more customers; about ten events are made per customer.")));

	w.tupstore = BeginMaterializedResult(fcinfo, &w.tupdesc);
	BuildModel(&w.model);

	w.name_text = palloc(sizeof(Datum) * num_builtin_touchpoints);
	w.channel_text = palloc(sizeof(Datum) * num_builtin_touchpoints);
	w.medium_text = palloc(sizeof(Datum) * num_builtin_touchpoints);
	for (i = 0; i < num_builtin_touchpoints; i++)
	{
		w.name_text[i] = CStringGetTextDatum(builtin_touchpoints[i].name);
		w.channel_text[i] = CStringGetTextDatum(builtin_touchpoints[i].channel);
		w.medium_text[i] = CStringGetTextDatum(builtin_touchpoints[i].medium);
	}

	/* Revenue numerics are the only per-row allocations: free them often. */
	per_customer = AllocSetContextCreate(CurrentMemoryContext,
										 "journey sample customer",
										 ALLOCSET_SMALL_SIZES);
	for (customer_id = 1; customer_id <= customers; customer_id++)
	{
		CHECK_FOR_INTERRUPTS();
		oldcontext = MemoryContextSwitchTo(per_customer);
		EmitCustomer(&w, seed, customer_id);
		MemoryContextSwitchTo(oldcontext);
		MemoryContextReset(per_customer);
	}
	MemoryContextDelete(per_customer);
	return (Datum) 0;
}
