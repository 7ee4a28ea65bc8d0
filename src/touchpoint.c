/*-------------------------------------------------------------------------
 *
 * touchpoint.c
 *	  journey.seed_touchpoints(): the built-in touchpoint catalog as rows.
 *
 * The install script seeds journey.touchpoint from it, and pg_dump's filter
 * on that table uses it to leave out seeded rows that were never edited.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "catalog.h"
#include "srf.h"
#include "stage.h"

PG_FUNCTION_INFO_V1(seed_touchpoints);

Datum
seed_touchpoints(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	Tuplestorestate *tupstore = BeginMaterializedResult(fcinfo, &tupdesc);
	int			i;

	for (i = 0; i < num_builtin_touchpoints; i++)
	{
		const BuiltinTouchpoint *tp = &builtin_touchpoints[i];
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		values[0] = CStringGetTextDatum(tp->name);
		values[1] = StageGetDatum((Stage) tp->stage);
		values[2] = CStringGetTextDatum(tp->channel);
		values[3] = CStringGetTextDatum(tp->medium);
		values[4] = CStringGetTextDatum(tp->description);
		tuplestore_putvalues(tupstore, tupdesc, values, nulls);
	}
	return (Datum) 0;
}
