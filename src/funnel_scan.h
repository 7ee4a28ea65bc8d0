/*-------------------------------------------------------------------------
 *
 * funnel_scan.h
 *	  The window funnel: the longest chain of steps 1..N within a window.
 *
 * Pure C: no server calls, so the algorithm is unit-tested and fuzzed on
 * its own.  docs/funnel.md states the semantics this implements.
 *
 *-------------------------------------------------------------------------
 */
#ifndef FUNNEL_SCAN_H
#define FUNNEL_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "journey_event.h"

/* Modes, combinable (ClickHouse's names). */
#define FUNNEL_STRICT_DEDUPLICATION	0x01
#define FUNNEL_STRICT_ORDER			0x02
#define FUNNEL_STRICT_INCREASE		0x04
#define FUNNEL_STRICT_ONCE			0x08
#define FUNNEL_ALLOW_REENTRY		0x10
#define FUNNEL_ALL_MODES			0x1F

typedef struct FunnelSpec
{
	int			nsteps;			/* 1..64, or 1..63 with exclusion */
	int64_t		window;			/* microseconds, >= 0, inclusive */
	unsigned	modes;			/* FUNNEL_* */
	uint64_t	exclude_bit;	/* mask bit of exclusion rows, or 0 */
} FunnelSpec;

/*
 * Parse a comma-separated mode list (blanks around names ignored, case
 * insensitive).  Returns true and sets *modes, or returns false with a
 * message (including the offending name) in errbuf.
 */
extern bool funnel_parse_modes(const char *text, size_t len, unsigned *modes,
							   char *errbuf, size_t errlen);

/* Canonical text of a mode set, e.g. "strict_order,allow_reentry". */
extern void funnel_modes_text(unsigned modes, char *buf, size_t buflen);

/*
 * Bytes of workspace funnel_scan needs, for events whose largest run of
 * equal timestamps has max_group rows.
 */
extern size_t funnel_workspace_bytes(int nsteps, size_t max_group);

/*
 * Scan events, sorted by journey_event_cmp, and return the level reached
 * (0..nsteps).  When chain_ts is not NULL, the timestamps of the chain that
 * first reached that level are written to chain_ts[0..level-1].
 * check_interrupts, if not NULL, is called now and then (it may not return).
 */
extern int	funnel_scan(const FunnelSpec *spec, const JourneyEvent *events,
						size_t nevents, void *workspace, int64_t *chain_ts,
						void (*check_interrupts) (void));

#endif							/* FUNNEL_SCAN_H */
