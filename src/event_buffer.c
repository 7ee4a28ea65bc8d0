/*-------------------------------------------------------------------------
 *
 * event_buffer.c
 *	  The per-customer event buffer: growth, merge, sort, serialization.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/memutils.h"

#include "event_buffer.h"

#if PG_VERSION_NUM >= 140000
#define ST_SORT sort_journey_events
#define ST_ELEMENT_TYPE JourneyEvent
#define ST_COMPARE(a, b) journey_event_cmp(a, b)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

#define ST_SORT sort_packed_events
#define ST_ELEMENT_TYPE int64
#define ST_COMPARE(a, b) (*(a) < *(b) ? -1 : *(a) > *(b) ? 1 : 0)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"
#else
static int
journey_event_qsort_cmp(const void *a, const void *b)
{
	return journey_event_cmp((const JourneyEvent *) a, (const JourneyEvent *) b);
}

static int
packed_event_qsort_cmp(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}
#endif

static inline Size
EventBytes(const EventBuffer *buf)
{
	return buf->packed ? sizeof(int64) : sizeof(JourneyEvent);
}

void
EventBufferInit(EventBuffer *buf, void *inline_room, Size inline_bytes, uint64 valid_bits)
{
	buf->packed = (valid_bits & ~PACKED_MAX_MASK) == 0;
	buf->data = inline_room;
	buf->nevents = 0;
	buf->capacity = inline_bytes / EventBytes(buf);
	buf->sorted = true;
	buf->allocated = false;
}

/* Double the room: huge allocations, so a customer may exceed 1 GB. */
void
EventBufferGrow(EventBuffer *buf, MemoryContext context)
{
	int64		capacity = Max(buf->capacity * 2, 8);
	Size		bytes = mul_size((Size) capacity, EventBytes(buf));

	if (buf->allocated)
		buf->data = repalloc_huge(buf->data, bytes);
	else
	{
		void	   *data = MemoryContextAllocHuge(context, bytes);

		memcpy(data, buf->data, buf->nevents * EventBytes(buf));
		buf->data = data;
		buf->allocated = true;
	}
	buf->capacity = capacity;
}

/*
 * Turn a packed buffer into the wide form, with room for at least as many
 * events as before: a time beyond the packed range has come.
 */
void
EventBufferWiden(EventBuffer *buf, MemoryContext context)
{
	int64		capacity = Max(buf->capacity, 8);
	JourneyEvent *events = MemoryContextAllocHuge(context,
												  mul_size((Size) capacity, sizeof(JourneyEvent)));

	UnpackEvents(buf, events);
	if (buf->allocated)
		pfree(buf->data);
	buf->data = events;
	buf->capacity = capacity;
	buf->allocated = true;
	buf->packed = false;
}

/* Combine: append src's events; order is restored by the final sort. */
void
EventBufferAppendAll(EventBuffer *dst, const EventBuffer *src, MemoryContext context)
{
	if (src->nevents == 0)
		return;
	if (dst->packed != src->packed)
	{
		/* one of them met a time beyond the packed range: go event by event */
		for (int64 i = 0; i < src->nevents; i++)
		{
			JourneyEvent event = EventBufferGet(src, i);

			EventBufferAppend(dst, event.ts, event.mask, context);
		}
		return;
	}
	while (dst->capacity - dst->nevents < src->nevents)
		EventBufferGrow(dst, context);
	if (dst->sorted && dst->nevents > 0)
	{
		JourneyEvent last = EventBufferGet(dst, dst->nevents - 1);
		JourneyEvent first = EventBufferGet(src, 0);

		if (!src->sorted || journey_event_cmp(&last, &first) > 0)
			dst->sorted = false;
	}
	else if (dst->nevents == 0)
		dst->sorted = src->sorted;
	memcpy((char *) dst->data + dst->nevents * EventBytes(dst), src->data,
		   src->nevents * EventBytes(src));
	dst->nevents += src->nevents;
}

/* Sort into the total order, once: input that arrived in order is not. */
void
EventBufferSort(EventBuffer *buf)
{
	if (buf->sorted)
		return;
#if PG_VERSION_NUM >= 140000
	if (buf->packed)
		sort_packed_events((int64 *) buf->data, buf->nevents);
	else
		sort_journey_events((JourneyEvent *) buf->data, buf->nevents);
#else
	if (buf->packed)
		qsort(buf->data, buf->nevents, sizeof(int64), packed_event_qsort_cmp);
	else
		qsort(buf->data, buf->nevents, sizeof(JourneyEvent), journey_event_qsort_cmp);
#endif
	buf->sorted = true;
}

int64
MaxEventsAtOneTime(const JourneyEvent *events, int64 nevents)
{
	int64		max_group = 0;
	int64		start = 0;

	while (start < nevents)
	{
		int64		end = start + 1;

		while (end < nevents && events[end].ts == events[start].ts)
			end++;
		max_group = Max(max_group, end - start);
		start = end;
	}
	return max_group;
}

void
EventBufferSerialize(StringInfo out, const EventBuffer *buf, uint64 valid_bits)
{
	int			mask_bytes = serial_mask_bytes(valid_bits);
	Size		event_bytes = sizeof(int64) + mask_bytes;

	if ((Size) buf->nevents > (MaxAllocSize - 64) / event_bytes)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a customer's %lld events are too many to pass between parallel workers",
						(long long) buf->nevents),
				 errhint("The serialized state must stay under 1 GB; run the query without parallel workers (max_parallel_workers_per_gather = 0).")));

	pq_sendint64(out, buf->nevents);
	for (int64 i = 0; i < buf->nevents; i++)
	{
		JourneyEvent event = EventBufferGet(buf, i);
		uint64		mask = event.mask;

		pq_sendint64(out, event.ts);
		for (int b = mask_bytes - 1; b >= 0; b--)
			pq_sendbyte(out, (int) ((mask >> (8 * b)) & 0xFF));
	}
}

void
InvalidSerialState(const char *what, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid pg_journey %s: %s", what, detail)));
}

static void
AppendSerialEvent(void *ctx, int64_t ts, uint64_t mask)
{
	EventBufferAppend((EventBuffer *) ctx, ts, mask, CurrentMemoryContext);
}

SerialSink
EventBufferSink(EventBuffer *buf)
{
	SerialSink	sink = {0};

	sink.ctx = buf;
	sink.event = AppendSerialEvent;
	return sink;
}

uint64
ConditionMask(FunctionCallInfo fcinfo, int argno, int max_conditions, int *nconditions)
{
	ArrayType  *conditions;
	int			n;
	const bool *values;
	const bits8 *nulls;
	uint64		mask = 0;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the array of conditions must not be NULL"),
				 errhint("Pass the conditions as separate arguments, or as VARIADIC ARRAY[...].")));
	conditions = PG_GETARG_ARRAYTYPE_P(argno);
	if (ARR_NDIM(conditions) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("the conditions must be a one-dimensional array, not %d-dimensional",
						ARR_NDIM(conditions))));
	n = ARR_NDIM(conditions) == 0 ? 0 : ARR_DIMS(conditions)[0];
	if (n < 1 || n > max_conditions)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%d conditions given, but 1 to %d are accepted", n, max_conditions),
				 errhint("Each condition takes one bit of a 64-bit mask (window_funnel_excluding keeps one for its exclusion).")));

	/* booleans are one byte each, stored one after the other */
	values = (const bool *) ARR_DATA_PTR(conditions);
	nulls = ARR_NULLBITMAP(conditions);
	if (nulls == NULL)
	{
		for (int i = 0; i < n; i++)
			if (values[i])
				mask |= UINT64CONST(1) << i;
	}
	else
	{
		int			stored = 0;

		for (int i = 0; i < n; i++)
		{
			if (!(nulls[i / 8] & (1 << (i % 8))))
				continue;		/* NULL: false, and takes no room */
			if (values[stored++])
				mask |= UINT64CONST(1) << i;
		}
	}
	*nconditions = n;
	return mask;
}
