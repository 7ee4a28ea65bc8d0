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
#include "serial_form.h"

/*
 * An aggregate whose masks fit in 8 bits keeps each event in 8 bytes,
 * time * 256 + mask, whose signed order is exactly journey_event_cmp's.
 * That halves the memory a customer costs, so more customers stay in the
 * CPU caches, and sorts plain integers.  Times must then lie within 2^55
 * microseconds (some 1141 years) of 2000-01-01; the first event outside
 * that range turns the buffer to the wide form, (time, mask) pairs.
 */
#define PACKED_MAX_MASK			UINT64CONST(0xFF)
#define PACKED_TIME_LIMIT		(INT64CONST(1) << 55)

typedef struct EventBuffer
{
	void	   *data;			/* the owner's inline room, or allocated */
	int64		nevents;
	int64		capacity;		/* in events of the current form */
	bool		sorted;			/* events are in journey_event_cmp order */
	bool		allocated;		/* data no longer points at inline room */
	bool		packed;			/* 8-byte events, else JourneyEvents */
} EventBuffer;

/*
 * inline_bytes of room inside the owner come first.  Masks never carry a
 * bit outside valid_bits, which decides the form.
 */
extern void EventBufferInit(EventBuffer *buf, void *inline_room, Size inline_bytes,
							uint64 valid_bits);
extern void EventBufferGrow(EventBuffer *buf, MemoryContext context);
extern void EventBufferWiden(EventBuffer *buf, MemoryContext context);
extern void EventBufferAppendAll(EventBuffer *dst, const EventBuffer *src,
								 MemoryContext context);
extern void EventBufferSort(EventBuffer *buf);
/* The largest number of sorted events sharing one timestamp. */
extern int64 MaxEventsAtOneTime(const JourneyEvent *events, int64 nevents);

/*
 * Serial form: the count, then per event the time and as many mask bytes as
 * the highest of valid_bits (the bits the aggregate's masks may carry) needs.
 */
extern void EventBufferSerialize(StringInfo out, const EventBuffer *buf,
								 uint64 valid_bits);

/* A sink that appends the events of an event list (serial_form.h) to buf. */
extern SerialSink EventBufferSink(EventBuffer *buf);

static inline JourneyEvent
UnpackEvent(int64 packed)
{
	JourneyEvent event;

	event.mask = (uint64) packed & PACKED_MAX_MASK;
	event.ts = (packed - (int64) event.mask) / 256;
	return event;
}

/* A packed buffer's events, in the wide form, into events[0..nevents). */
static inline void
UnpackEvents(const EventBuffer *buf, JourneyEvent *events)
{
	const int64 *packed = (const int64 *) buf->data;

	Assert(buf->packed);
	for (int64 i = 0; i < buf->nevents; i++)
		events[i] = UnpackEvent(packed[i]);
}

/* Event i, in either form. */
static inline JourneyEvent
EventBufferGet(const EventBuffer *buf, int64 i)
{
	if (buf->packed)
		return UnpackEvent(((const int64 *) buf->data)[i]);
	return ((const JourneyEvent *) buf->data)[i];
}

/* The events of a buffer that is never packed (masks wider than 8 bits). */
static inline JourneyEvent *
EventBufferWideEvents(const EventBuffer *buf)
{
	Assert(!buf->packed);
	return (JourneyEvent *) buf->data;
}

/* Refuse a serialized state: "invalid pg_journey <what>: <detail>". */
extern void InvalidSerialState(const char *what, const char *detail) pg_attribute_noreturn();

/* After a serial_form.h reader: refuse the state if it found bad bytes. */
static inline void
CheckSerialRead(const char *what, const char *error)
{
	if (error != NULL)
		InvalidSerialState(what, error);
}

/* A reader over a serialized state (bytea), without copying it. */
static inline void
InitSerialReader(SerialReader *reader, bytea *bytes)
{
	serial_reader_init(reader, VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes));
}

/* Append one event: the hot path of every transition function. */
static inline void
EventBufferAppend(EventBuffer *buf, int64 ts, uint64 mask, MemoryContext context)
{
	if (unlikely(buf->nevents == buf->capacity))
		EventBufferGrow(buf, context);
	if (likely(buf->packed))
	{
		if (likely(ts > -PACKED_TIME_LIMIT && ts < PACKED_TIME_LIMIT))
		{
			int64	   *slot = (int64 *) buf->data + buf->nevents;
			int64		packed = ts * 256 + (int64) mask;

			Assert(mask <= PACKED_MAX_MASK);
			if (buf->sorted && buf->nevents > 0 && packed < slot[-1])
				buf->sorted = false;
			*slot = packed;
			buf->nevents++;
			return;
		}
		EventBufferWiden(buf, context);
	}
	{
		JourneyEvent *slot = (JourneyEvent *) buf->data + buf->nevents;

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
}

/*
 * Read a VARIADIC boolean[] argument in place into a condition mask: NULL
 * elements (and a NULL array) count as false.  Checks 1..max_conditions
 * elements; *nconditions receives the count.
 */
extern uint64 ConditionMask(FunctionCallInfo fcinfo, int argno,
							int max_conditions, int *nconditions);

#endif							/* JOURNEY_EVENT_BUFFER_H */
