/*-------------------------------------------------------------------------
 *
 * pg_journey.c
 *	  Module entry point of pg_journey, customer-journey analytics.
 *
 * Each concept has its own file: stage.c (the journey.stage type),
 * touchpoint.c (the built-in catalog), sample.c (the sample generator).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
