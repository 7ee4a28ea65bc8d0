/*-------------------------------------------------------------------------
 *
 * event_buffer.h
 *	  The per-customer event buffer of pg_journey's aggregates.
 *
 * Every aggregate that looks at a customer's events in time order keeps
 * them here: a growable array of (timestamp, condition mask) in the
 * aggregate's memory context, starting in room the owner provides inline
 * (so a small customer costs one allocation), with a flag that stays set
 * while input arrives in order, so that ordered input is never sorted.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_EVENT_BUFFER_H
#define JOURNEY_EVENT_BUFFER_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

#include "journey_event.h"

typedef struct EventBuffer
{
	JourneyEvent *events;		/* the owner's inline room, or allocated */
	int64		nevents;
	int64		capacity;
	bool		sorted;			/* events are in journey_event_cmp order */
	bool		allocated;		/* events no longer points at inline room */
} EventBuffer;

extern void EventBufferInit(EventBuffer *buf, JourneyEvent *inline_room,
							int inline_capacity);
extern void EventBufferGrow(EventBuffer *buf, MemoryContext context);
extern void EventBufferAppendAll(EventBuffer *dst, const EventBuffer *src,
								 MemoryContext context);
extern void EventBufferSort(EventBuffer *buf);
extern int64 EventBufferMaxGroup(const EventBuffer *buf);

/*
 * Serial form: the count, then per event the time and as many mask bytes as
 * the highest of valid_bits (the bits the aggregate's masks may carry) needs.
 */
extern void EventBufferSerialize(StringInfo out, const EventBuffer *buf,
								 uint64 valid_bits);
extern void EventBufferDeserialize(StringInfo in, EventBuffer *buf,
								   uint64 valid_bits, MemoryContext context);

/* Refuse a serialized state: "invalid pg_journey <what>: <detail>". */
extern void InvalidSerialState(const char *what, const char *detail) pg_attribute_noreturn();

/* Read a serialized state (bytea) through a StringInfo, without copying it. */
static inline void
InitReadBytea(StringInfo in, bytea *bytes)
{
	in->data = VARDATA_ANY(bytes);
	in->len = VARSIZE_ANY_EXHDR(bytes);
	in->maxlen = in->len;
	in->cursor = 0;
}

/* Append one event: the hot path of every transition function. */
static inline void
EventBufferAppend(EventBuffer *buf, int64 ts, uint64 mask, MemoryContext context)
{
	JourneyEvent *slot;

	if (unlikely(buf->nevents == buf->capacity))
		EventBufferGrow(buf, context);
	slot = &buf->events[buf->nevents];
	if (buf->sorted && buf->nevents > 0)
	{
		const JourneyEvent *last = slot - 1;

		if (ts < last->ts || (ts == last->ts && mask < last->mask))
			buf->sorted = false;
	}
	slot->ts = ts;
	slot->mask = mask;
	buf->nevents++;
}

/*
 * Read a VARIADIC boolean[] argument in place into a condition mask: NULL
 * elements (and a NULL array) count as false.  Checks 1..max_conditions
 * elements; *nconditions receives the count.
 */
extern uint64 ConditionMask(FunctionCallInfo fcinfo, int argno,
							int max_conditions, int *nconditions);

#endif							/* JOURNEY_EVENT_BUFFER_H */
