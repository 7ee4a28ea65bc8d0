/*-------------------------------------------------------------------------
 *
 * srf.c
 *	  Set-returning functions that fill a tuplestore in one call.
 *
 * Core has this helper only from PostgreSQL 15 on, under a name that
 * changed in 16, so pg_journey keeps its own for 13 to 17.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"

#include "srf.h"

/*
 * Check that the caller accepts a materialized set and return an empty
 * tuplestore, already attached to the result, plus the row descriptor.
 */
Tuplestorestate *
BeginMaterializedResult(FunctionCallInfo fcinfo, TupleDesc *tupdesc)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext oldcontext;
	TupleDesc	resultdesc;
	Tuplestorestate *tupstore;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("materialize mode required, but it is not allowed in this context")));
	if (get_call_result_type(fcinfo, NULL, &resultdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");

	oldcontext = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	resultdesc = CreateTupleDescCopy(resultdesc);
	tupstore = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
									 false, work_mem);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = tupstore;
	rsinfo->setDesc = resultdesc;
	MemoryContextSwitchTo(oldcontext);

	*tupdesc = resultdesc;
	return tupstore;
}
