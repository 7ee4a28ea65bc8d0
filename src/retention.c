/*-------------------------------------------------------------------------
 *
 * retention.c
 *	  journey.retention(): did a customer who met condition 1 meet the
 *	  others too (ClickHouse's retention).
 *
 * Order does not matter, so the state is just which conditions were ever
 * true: a bigint[] of {mask, number of conditions}, combined by OR.  A
 * plain type, so partial states combine anywhere.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"

#include "counts.h"
#include "event_buffer.h"

PG_FUNCTION_INFO_V1(retention_transfn);
PG_FUNCTION_INFO_V1(retention_combine);
PG_FUNCTION_INFO_V1(retention_final);

#define RETENTION_STATE_LENGTH 2	/* {mask, number of conditions} */

static int64 *
RetentionData(ArrayType *state)
{
	int			n;
	int64	   *data = CountsData(state, &n);

	if (n != RETENTION_STATE_LENGTH || data[1] < 1 || data[1] > JOURNEY_MAX_CONDITIONS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid retention state")));
	return data;
}

static void
CheckSameConditionCount(int64 a, int64 b)
{
	if (a != b)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the number of retention conditions changes within a group: %lld and %lld",
						(long long) a, (long long) b),
				 errhint("Every row of a group must pass the same number of conditions.")));
}

Datum
retention_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	ArrayType  *state;
	int64	   *data;
	int			nconditions;
	uint64		mask;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("retention called in non-aggregate context")));
	mask = ConditionMask(fcinfo, 1, JOURNEY_MAX_CONDITIONS, &nconditions);

	if (PG_ARGISNULL(0))
	{
		MemoryContext old = MemoryContextSwitchTo(aggcontext);

		state = NewCounts(RETENTION_STATE_LENGTH);
		MemoryContextSwitchTo(old);
		data = (int64 *) ARR_DATA_PTR(state);
		data[1] = nconditions;
	}
	else
	{
		state = PG_GETARG_ARRAYTYPE_P(0);	/* ours, in aggcontext: update in place */
		data = RetentionData(state);
		CheckSameConditionCount(data[1], nconditions);
	}
	data[0] = (int64) ((uint64) data[0] | mask);
	PG_RETURN_ARRAYTYPE_P(state);
}

Datum
retention_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *into;
	int64	   *into_data;
	int64	   *from_data = RetentionData(PG_GETARG_ARRAYTYPE_P(1));

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("retention_combine called in non-aggregate context")));
	into = PG_GETARG_ARRAYTYPE_P(0);
	into_data = RetentionData(into);
	CheckSameConditionCount(into_data[1], from_data[1]);
	into_data[0] = (int64) ((uint64) into_data[0] | (uint64) from_data[0]);
	PG_RETURN_ARRAYTYPE_P(into);
}

/* r[1] = condition 1 was met; r[k] = conditions 1 and k were both met. */
Datum
retention_final(PG_FUNCTION_ARGS)
{
	int64	   *data = RetentionData(PG_GETARG_ARRAYTYPE_P(0));
	uint64		mask = (uint64) data[0];
	int			n = (int) data[1];
	bool		first = (mask & 1) != 0;
	Datum		result[JOURNEY_MAX_CONDITIONS];

	for (int k = 0; k < n; k++)
		result[k] = BoolGetDatum(first && (mask & (UINT64CONST(1) << k)) != 0);
	PG_RETURN_ARRAYTYPE_P(construct_array(result, n, BOOLOID, 1, true, TYPALIGN_CHAR));
}
