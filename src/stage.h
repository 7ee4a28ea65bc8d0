/*-------------------------------------------------------------------------
 *
 * stage.h
 *	  journey.stage: a one-byte, pass-by-value journey stage.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_STAGE_H
#define JOURNEY_STAGE_H

#include "postgres.h"

#include "stage_label.h"

typedef uint8 Stage;

#define DatumGetStage(d)	((Stage) DatumGetUInt8(d))
#define StageGetDatum(s)	UInt8GetDatum(s)
#define PG_GETARG_STAGE(n)	DatumGetStage(PG_GETARG_DATUM(n))
#define PG_RETURN_STAGE(s)	return StageGetDatum(s)

#endif							/* JOURNEY_STAGE_H */
