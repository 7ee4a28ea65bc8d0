/*-------------------------------------------------------------------------
 *
 * srf.h
 *	  Set-returning functions that fill a tuplestore in one call.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_SRF_H
#define JOURNEY_SRF_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/tuplestore.h"

extern Tuplestorestate *BeginMaterializedResult(FunctionCallInfo fcinfo,
												TupleDesc *tupdesc);

#endif							/* JOURNEY_SRF_H */
