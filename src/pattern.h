/*-------------------------------------------------------------------------
 *
 * pattern.h
 *	  ClickHouse's sequence pattern language: compiler and matcher.
 *
 * A pattern such as "(?1).*(?t<=7d)(?2)" compiles into a list of event
 * elements ((?N), or "." for any event), each linked to the one before it:
 * directly adjacent, any gap, or any gap within a time bound.  Matching is
 * a dynamic program over the sorted events that keeps, per element, one
 * bit of "reached" and a small summary of when it was reached, so it takes
 * time linear in the number of events whatever the pattern; there is no
 * backtracking.
 *
 * Pure C: no server calls, so the compiler and the matcher are unit-tested
 * and fuzzed on their own.  docs/sequence.md states the semantics.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_PATTERN_H
#define JOURNEY_PATTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "journey_event.h"

/* Event elements per pattern, counting "." and (?N): one bit each. */
#define PATTERN_MAX_ELEMENTS 64

typedef enum PatternLink
{
	PATTERN_ADJACENT,			/* the very next stored event */
	PATTERN_GAP,				/* any later stored event (after ".*") */
	PATTERN_TIME				/* any later one, with a time bound */
} PatternLink;

typedef enum PatternTimeOp
{
	PATTERN_LT,
	PATTERN_LE,
	PATTERN_GT,
	PATTERN_GE,
	PATTERN_EQ,
	PATTERN_NE
} PatternTimeOp;

typedef struct PatternElement
{
	uint64_t	condition;		/* bit of (?N); 0 for "." (any event) */
	uint8_t		link;			/* PatternLink to the element before */
	uint8_t		op;				/* PatternTimeOp, for PATTERN_TIME */
	int64_t		bound;			/* microseconds, for PATTERN_TIME */
} PatternElement;

typedef struct Pattern
{
	int			nelements;		/* 0 when the pattern is only ".*" */
	int			max_condition;	/* largest N of (?N), 0 if none */
	int			max_condition_position; /* where it is, 1-based */
	int			nreported;		/* (?N) elements, whose times are reported */
	PatternElement elements[PATTERN_MAX_ELEMENTS];

	/* element k is bit k of these sets, which the matcher works with */
	uint64_t	any_event;		/* "." */
	uint64_t	by_condition[JOURNEY_MAX_CONDITIONS];	/* (?N), by N - 1 */
	uint64_t	adjacent;		/* by the link before the element */
	uint64_t	gap;
	uint64_t	timed;
} Pattern;

/*
 * Compile text[0..len).  Returns true, or false with *errpos (1-based
 * character position) and a message in errbuf.
 */
extern bool pattern_compile(const char *text, size_t len, Pattern *pattern,
							int *errpos, char *errbuf, size_t errlen);

/* Bytes of workspace the matchers need for nevents events. */
extern size_t pattern_workspace_bytes(const Pattern *pattern, size_t nevents);

/*
 * The matchers take events sorted by journey_event_cmp.  check_interrupts,
 * if not NULL, is called now and then (it may not return).
 */

/* Whether the events contain a match. */
extern bool pattern_match(const Pattern *pattern, const JourneyEvent *events,
						  size_t nevents, void *workspace,
						  void (*check_interrupts) (void));

/*
 * The number of non-overlapping matches: each search starts after the
 * last event of the previous match, and takes the match that ends first.
 */
extern int64_t pattern_count(const Pattern *pattern, const JourneyEvent *events,
							 size_t nevents, void *workspace,
							 void (*check_interrupts) (void));

/*
 * The times of the (?N) elements of the longest matchable prefix of the
 * pattern, choosing among its chains the one with the earliest first
 * event, then the earliest second, and so on.  Writes up to
 * pattern->nreported times to times and returns how many.
 */
extern int	pattern_match_events(const Pattern *pattern, const JourneyEvent *events,
								 size_t nevents, void *workspace, int64_t *times,
								 void (*check_interrupts) (void));

#endif							/* JOURNEY_PATTERN_H */
