/*-------------------------------------------------------------------------
 *
 * metrics.c
 *	  Journey health metrics marketers track: NPS and CSAT.
 *
 * Both are rollups over customers (or answers), kept as bigint[] counters
 * (counts.c) so that they combine anywhere.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/array.h"

#include "counts.h"

PG_FUNCTION_INFO_V1(nps_transfn);
PG_FUNCTION_INFO_V1(nps_final);
PG_FUNCTION_INFO_V1(csat_transfn);
PG_FUNCTION_INFO_V1(csat_final);

/* nps counters: promoters (9-10), passives (7-8), detractors (0-6) */
#define NPS_COUNTERS 3
/* csat counters: satisfied answers (4-5), all answers */
#define CSAT_COUNTERS 2

/* The counters of a state array, which must have the expected number. */
static int64 *
CheckedCounters(ArrayType *counts, int expected)
{
	int			n;
	int64	   *data = CountsData(counts, &n);

	if (n != expected)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid counter state: %d counters instead of %d", n, expected)));
	return data;
}

/*
 * The state array to update: in an aggregate it is ours, in the aggregate
 * context, and is updated in place; called directly, it is copied.
 */
static int64 *
Counters(FunctionCallInfo fcinfo, ArrayType **counts, int expected)
{
	*counts = AggCheckCallContext(fcinfo, NULL) ?
		PG_GETARG_ARRAYTYPE_P(0) : PG_GETARG_ARRAYTYPE_P_COPY(0);
	return CheckedCounters(*counts, expected);
}

static void
CheckScore(int32 score, int lowest, int highest, const char *scale)
{
	if (score < lowest || score > highest)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s score %d is out of range", scale, score),
				 errhint("%s scores run from %d to %d.", scale, lowest, highest)));
}

Datum
nps_transfn(PG_FUNCTION_ARGS)
{
	ArrayType  *counts;
	int64	   *data = Counters(fcinfo, &counts, NPS_COUNTERS);
	int32		score = PG_GETARG_INT32(1);

	CheckScore(score, 0, 10, "NPS");
	if (score >= 9)
		data[0]++;
	else if (score >= 7)
		data[1]++;
	else
		data[2]++;
	PG_RETURN_ARRAYTYPE_P(counts);
}

/* % promoters minus % detractors; NULL when no one answered. */
Datum
nps_final(PG_FUNCTION_ARGS)
{
	int64	   *data = CheckedCounters(PG_GETARG_ARRAYTYPE_P(0), NPS_COUNTERS);
	int64		answers;

	answers = data[0] + data[1] + data[2];
	if (answers == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) (data[0] - data[2]) / (double) answers);
}

Datum
csat_transfn(PG_FUNCTION_ARGS)
{
	ArrayType  *counts;
	int64	   *data = Counters(fcinfo, &counts, CSAT_COUNTERS);
	int32		score = PG_GETARG_INT32(1);

	CheckScore(score, 1, 5, "CSAT");
	if (score >= 4)
		data[0]++;
	data[1]++;
	PG_RETURN_ARRAYTYPE_P(counts);
}

/* Satisfied answers (4 or 5) as a percentage of all; NULL when none. */
Datum
csat_final(PG_FUNCTION_ARGS)
{
	int64	   *data = CheckedCounters(PG_GETARG_ARRAYTYPE_P(0), CSAT_COUNTERS);

	if (data[1] == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) data[0] / (double) data[1]);
}
