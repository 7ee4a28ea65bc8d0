/*-------------------------------------------------------------------------
 *
 * serial_form.h
 *	  Reading the serial forms of pg_journey's aggregate states.
 *
 * Parallel workers pass states as bytea, and a deserialize function must
 * trust none of it.  The readers here are pure C, so that they can be
 * fuzzed without a server (test/fuzz/serial_form_fuzz.c): each checks a
 * form completely and hands what it read to a sink, which builds the
 * state; on bad bytes it returns a message saying what is wrong, and the
 * sink has been given nothing past the bad part.  The forms are written by
 * the aggregates' serialize functions, in network byte order:
 *
 *	 event list		count (int64), then per event the time (int64) and as
 *					many mask bytes as the highest valid bit needs
 *	 dictionary		count (int32), then per node its length (int32), bytes
 *	 event state	version, kind, steps, modes (1 byte each), window days
 *					(int32) and time (int64), an event list
 *	 sequence		version, conditions (1 byte each), pattern length (int32)
 *					and bytes, an event list
 *	 path			version, kind, collapse (1 byte each), max steps (int32),
 *					a dictionary, count (int64), per event the time (int64)
 *					and node (int32, -1 for a conversion)
 *	 attribution	version, model kind, valued (1 byte each), first, last
 *					(float8), half life, lookback (int64), a dictionary,
 *					count (int64), per event the time (int64) and channel
 *					(int32), or -1 and the conversion's value (float8)
 *	 next node		version, direction, base, conditions (1 byte each), a
 *					dictionary, count (int64), per row the time (int64),
 *					node (int32), can-be-base (1 byte), conditions (int64)
 *	 path rows		version (1 byte), order (int32), a dictionary, count
 *					(int64), per row its length (int32), conversions and
 *					nulls (int64) and that many channels (int32)
 *	 stage			one byte, 1 (awareness) to 5 (advocacy): journey.stage's
 *					binary send and receive
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_SERIAL_FORM_H
#define JOURNEY_SERIAL_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "attribution_model.h"

#define EVENT_STATE_SERIAL_VERSION	1
#define SEQUENCE_SERIAL_VERSION		1
#define PATH_SERIAL_VERSION			1
#define ATTRIBUTION_SERIAL_VERSION	1
#define NEXT_NODE_SERIAL_VERSION	1
#define PATH_ROWS_SERIAL_VERSION	1

/* Which aggregate an event state belongs to (part of the serial form). */
typedef enum EventKind
{
	EVENT_KIND_FUNNEL = 1,		/* window_funnel, window_funnel_events */
	EVENT_KIND_FUNNEL_EXCLUDING = 2,	/* window_funnel_excluding */
	EVENT_KIND_STAGE_FUNNEL = 3,	/* stage_funnel */
	EVENT_KIND_CONVERSION = 4,	/* touches_before, time_to_conversion */
	EVENT_KIND_CONVERSION_LOOKBACK = 5	/* touches_before with a lookback */
} EventKind;

/* Exclusion rows carry the top bit, so an excluding funnel has 63 steps. */
#define EXCLUDE_BIT				(UINT64_C(1) << 63)
#define MAX_EXCLUDING_STEPS		63

typedef enum PathKind
{
	PATH_KIND_PATH = 1,			/* the first max_steps nodes */
	PATH_KIND_PATH_TO = 2		/* the last max_steps nodes before the conversion */
} PathKind;

#define MAX_PATH_STEPS			1000

typedef enum NextNodeDirection
{
	DIRECTION_FORWARD = 1,
	DIRECTION_BACKWARD = 2
} NextNodeDirection;

typedef enum NextNodeBase
{
	BASE_HEAD = 1,
	BASE_TAIL = 2,
	BASE_FIRST_MATCH = 3,
	BASE_LAST_MATCH = 4
} NextNodeBase;

#define SHAPLEY_ORDER			0	/* the order of a Shapley path-rows state */

/* A next-node row: time, node, can-be-base, conditions. */
#define NEXT_NODE_ROW_BYTES		(8 + 4 + 1 + 8)

/* Untrusted bytes being read. */
typedef struct SerialReader
{
	const unsigned char *data;
	size_t		len;
	size_t		pos;
} SerialReader;

/*
 * Where a reader puts what it read; a callback a form does not use may be
 * NULL.  node() returns false if the name is already in the dictionary.
 */
typedef struct SerialSink
{
	void	   *ctx;
	bool		(*node) (void *ctx, const char *name, uint32_t len);
	void		(*event) (void *ctx, int64_t ts, uint64_t mask);
	void		(*node_event) (void *ctx, int64_t ts, int32_t node);
	void		(*conversion) (void *ctx, int64_t ts, double value);
	void		(*next_node_row) (void *ctx, int64_t ts, int32_t node, bool can_be_base,
								  uint64_t conditions);
	/* a path row, then path_channel() for each of its channels */
	void		(*path_row) (void *ctx, int32_t length, int64_t conversions, int64_t nulls);
	void		(*path_channel) (void *ctx, int32_t channel);
} SerialSink;

typedef struct EventStateHeader
{
	EventKind	kind;
	int			nsteps;
	unsigned	modes;
	int32_t		window_days;
	int64_t		window_time;
	int64_t		window;			/* microseconds */
} EventStateHeader;

typedef struct SequenceHeader
{
	int			nconditions;
	const char *pattern;		/* into the reader's bytes, not terminated */
	int32_t		pattern_len;
} SequenceHeader;

typedef struct PathHeader
{
	PathKind	kind;
	bool		collapse;
	int32_t		max_steps;
} PathHeader;

typedef struct AttributionHeader
{
	AttributionModel model;
	bool		valued;
} AttributionHeader;

typedef struct NextNodeHeader
{
	NextNodeDirection direction;
	NextNodeBase base;
	int			nconditions;
} NextNodeHeader;

extern void serial_reader_init(SerialReader *reader, const void *data, size_t len);

/* Bytes a mask takes in an event list: enough for its highest valid bit. */
extern int	serial_mask_bytes(uint64_t valid_bits);

/* The bits an event state's masks may carry. */
extern uint64_t event_state_valid_bits(EventKind kind, int nsteps);

/*
 * Each returns NULL when the bytes were good, or what was wrong.  Headers
 * come first, so that the caller can make the state the rest goes into.
 */
extern const char *read_event_state_header(SerialReader *reader, EventStateHeader *header);
extern const char *read_sequence_header(SerialReader *reader, SequenceHeader *header);
extern const char *read_path_header(SerialReader *reader, PathHeader *header);
extern const char *read_attribution_header(SerialReader *reader, AttributionHeader *header);
extern const char *read_next_node_header(SerialReader *reader, NextNodeHeader *header);
extern const char *read_path_rows_header(SerialReader *reader, int32_t *order);

/* journey.stage's binary form, the whole of it. */
extern const char *read_stage(SerialReader *reader, int *ordinal);

/* An event list to its end: sink->event for each. */
extern const char *read_event_list(SerialReader *reader, uint64_t valid_bits,
								   const SerialSink *sink);

/* A dictionary: sink->node for each name; *nnodes receives the count. */
extern const char *read_dictionary(SerialReader *reader, const SerialSink *sink,
								   int32_t *nnodes);

/* The rest of each form, after its header and dictionary, to its end. */
extern const char *read_path_events(SerialReader *reader, int32_t nnodes,
									const SerialSink *sink);
extern const char *read_attribution_events(SerialReader *reader, int32_t nnodes,
										   const SerialSink *sink);
extern const char *read_next_node_rows(SerialReader *reader, int32_t nnodes, int nconditions,
									   const SerialSink *sink);
extern const char *read_path_rows(SerialReader *reader, int32_t nnodes,
								  const SerialSink *sink);

#endif							/* JOURNEY_SERIAL_FORM_H */
