/*-------------------------------------------------------------------------
 *
 * credit.h
 *	  The result arrays of the attribution aggregates.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_CREDIT_H
#define JOURNEY_CREDIT_H

#include "postgres.h"

#include "fmgr.h"

/* One element: (channel, first, second), e.g. (channel, conversions, value). */
typedef struct CreditRow
{
	const char *channel;
	int			channel_len;
	double		first;
	double		second;
	bool		second_is_null;
} CreditRow;

/* The aggregate's result array; its element type comes from its return type. */
extern Datum CreditArray(FunctionCallInfo fcinfo, const CreditRow *rows, int nrows);

#endif							/* JOURNEY_CREDIT_H */
