/*-------------------------------------------------------------------------
 *
 * counts.c
 *	  bigint[] counters shared by the cross-customer rollups.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"

#include "counts.h"

PG_FUNCTION_INFO_V1(counts_combine);

/* An array of n zeros. */
ArrayType *
NewCounts(int n)
{
	Datum	   *zeros = palloc(sizeof(Datum) * n);

	for (int i = 0; i < n; i++)
		zeros[i] = Int64GetDatum(0);
	return construct_array(zeros, n, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

/*
 * The counters of a state array, which must look as ours do: one
 * dimension from 1, bigint, no NULLs.  A user can pass any array to the
 * support functions, so this is checked, not assumed.
 */
int64 *
CountsData(ArrayType *counts, int *n)
{
	if (ARR_NDIM(counts) != 1 || ARR_HASNULL(counts) || ARR_ELEMTYPE(counts) != INT8OID ||
		ARR_LBOUND(counts)[0] != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid counter state"),
				 errhint("The state must be a one-dimensional bigint array without NULLs.")));
	*n = ARR_DIMS(counts)[0];
	return (int64 *) ARR_DATA_PTR(counts);
}

/* Combine function of the rollups: add the counters, in place. */
Datum
counts_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	ArrayType  *into;
	ArrayType  *from = PG_GETARG_ARRAYTYPE_P(1);
	int			into_n;
	int			from_n;
	int64	   *into_data;
	int64	   *from_data;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("counts_combine called in non-aggregate context")));
	into = PG_GETARG_ARRAYTYPE_P(0);
	into_data = CountsData(into, &into_n);
	from_data = CountsData(from, &from_n);
	if (into_n != from_n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine %d counters with %d", into_n, from_n),
				 errhint("Every row of a group must count the same number of steps.")));
	for (int i = 0; i < into_n; i++)
		into_data[i] += from_data[i];
	PG_RETURN_ARRAYTYPE_P(into);
}
