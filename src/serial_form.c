/*-------------------------------------------------------------------------
 *
 * serial_form.c
 *	  Reading the serial forms of pg_journey's aggregate states (pure C).
 *
 * Every count is checked against the bytes that are actually there before
 * anything is read for it, so no count, however large, makes a reader run
 * past its input or hand a sink more than the input holds.
 *
 *-------------------------------------------------------------------------
 */
#include "serial_form.h"

#include <math.h>
#include <string.h>

#include "funnel_scan.h"
#include "journey_event.h"
#include "markov.h"
#include "stage_label.h"

#define PATH_EVENT_BYTES	12		/* time, node */
#define PATH_ROW_BYTES		20		/* length, conversions, nulls */

void
serial_reader_init(SerialReader *reader, const void *data, size_t len)
{
	reader->data = data;
	reader->len = len;
	reader->pos = 0;
}

static size_t
remaining(const SerialReader *reader)
{
	return reader->len - reader->pos;
}

/* Big-endian unsigned integer of n bytes; the caller checked they are there. */
static uint64_t
take(SerialReader *reader, int n)
{
	uint64_t	value = 0;

	for (int i = 0; i < n; i++)
		value = (value << 8) | reader->data[reader->pos++];
	return value;
}

static bool
read_u8(SerialReader *reader, int *value)
{
	if (remaining(reader) < 1)
		return false;
	*value = (int) take(reader, 1);
	return true;
}

static bool
read_i32(SerialReader *reader, int32_t *value)
{
	if (remaining(reader) < 4)
		return false;
	*value = (int32_t) (uint32_t) take(reader, 4);
	return true;
}

static bool
read_i64(SerialReader *reader, int64_t *value)
{
	if (remaining(reader) < 8)
		return false;
	*value = (int64_t) take(reader, 8);
	return true;
}

static bool
read_f64(SerialReader *reader, double *value)
{
	uint64_t	bits;

	if (remaining(reader) < 8)
		return false;
	bits = take(reader, 8);
	memcpy(value, &bits, sizeof(bits));
	return true;
}

/* A count of items of at least item_bytes each, no more than the bytes hold. */
static bool
read_count(SerialReader *reader, size_t item_bytes, int64_t *count)
{
	return read_i64(reader, count) && *count >= 0 &&
		(uint64_t) *count <= remaining(reader) / item_bytes;
}

uint64_t
event_state_valid_bits(EventKind kind, int nsteps)
{
	uint64_t	bits = condition_bits(nsteps);

	if (kind == EVENT_KIND_FUNNEL_EXCLUDING)
		bits |= EXCLUDE_BIT;
	return bits;
}

int
serial_mask_bytes(uint64_t valid_bits)
{
	int			bits = 1;

	while (bits < 64 && (valid_bits >> bits) != 0)
		bits++;
	return (bits + 7) / 8;
}

const char *
read_event_state_header(SerialReader *reader, EventStateHeader *header)
{
	int			version;
	int			kind;
	int			nsteps;
	int			modes;
	int			max_steps;

	if (!read_u8(reader, &version) || !read_u8(reader, &kind) || !read_u8(reader, &nsteps) ||
		!read_u8(reader, &modes) || !read_i32(reader, &header->window_days) ||
		!read_i64(reader, &header->window_time))
		return "too short";
	if (version != EVENT_STATE_SERIAL_VERSION)
		return "unknown version";
	if (kind < EVENT_KIND_FUNNEL || kind > EVENT_KIND_CONVERSION_LOOKBACK)
		return "unknown aggregate";
	max_steps = kind == EVENT_KIND_FUNNEL_EXCLUDING ? MAX_EXCLUDING_STEPS : JOURNEY_MAX_CONDITIONS;
	if (nsteps < 1 || nsteps > max_steps ||
		(kind == EVENT_KIND_STAGE_FUNNEL && nsteps != STAGE_COUNT) ||
		((kind == EVENT_KIND_CONVERSION || kind == EVENT_KIND_CONVERSION_LOOKBACK) && nsteps != 1))
		return "number of steps out of range";
	if ((modes & ~FUNNEL_ALL_MODES) != 0 ||
		((modes & FUNNEL_ALLOW_REENTRY) && !(modes & FUNNEL_STRICT_ORDER)))
		return "invalid modes";
	if (!window_microseconds(header->window_days, header->window_time, &header->window) ||
		header->window < 0)
		return "window out of range";
	header->kind = (EventKind) kind;
	header->nsteps = nsteps;
	header->modes = (unsigned) modes;
	return NULL;
}

const char *
read_sequence_header(SerialReader *reader, SequenceHeader *header)
{
	int			version;

	if (!read_u8(reader, &version) || !read_u8(reader, &header->nconditions) ||
		!read_i32(reader, &header->pattern_len))
		return "too short";
	if (version != SEQUENCE_SERIAL_VERSION)
		return "unknown version";
	if (header->nconditions < 1 || header->nconditions > JOURNEY_MAX_CONDITIONS)
		return "number of conditions out of range";
	if (header->pattern_len < 0 || (size_t) header->pattern_len > remaining(reader))
		return "pattern length out of range";
	header->pattern = (const char *) reader->data + reader->pos;
	reader->pos += header->pattern_len;
	return NULL;
}

const char *
read_path_header(SerialReader *reader, PathHeader *header)
{
	int			version;
	int			kind;
	int			collapse;

	if (!read_u8(reader, &version) || !read_u8(reader, &kind) || !read_u8(reader, &collapse) ||
		!read_i32(reader, &header->max_steps))
		return "too short";
	if (version != PATH_SERIAL_VERSION)
		return "unknown version";
	if ((kind != PATH_KIND_PATH && kind != PATH_KIND_PATH_TO) || collapse > 1 ||
		header->max_steps < 1 || header->max_steps > MAX_PATH_STEPS)
		return "invalid header";
	header->kind = (PathKind) kind;
	header->collapse = collapse == 1;
	return NULL;
}

const char *
read_attribution_header(SerialReader *reader, AttributionHeader *header)
{
	int			version;
	int			valued;

	if (!read_u8(reader, &version) || !read_u8(reader, &header->model.kind) ||
		!read_u8(reader, &valued) || !read_f64(reader, &header->model.first) ||
		!read_f64(reader, &header->model.last) || !read_i64(reader, &header->model.half_life) ||
		!read_i64(reader, &header->model.lookback))
		return "too short";
	if (version != ATTRIBUTION_SERIAL_VERSION)
		return "unknown version";
	if (valued > 1 || !attribution_model_valid(&header->model))
		return "invalid model";
	header->valued = valued == 1;
	return NULL;
}

const char *
read_next_node_header(SerialReader *reader, NextNodeHeader *header)
{
	int			version;
	int			direction;
	int			base;

	if (!read_u8(reader, &version) || !read_u8(reader, &direction) || !read_u8(reader, &base) ||
		!read_u8(reader, &header->nconditions))
		return "too short";
	if (version != NEXT_NODE_SERIAL_VERSION)
		return "unknown version";
	if (direction < DIRECTION_FORWARD || direction > DIRECTION_BACKWARD ||
		base < BASE_HEAD || base > BASE_LAST_MATCH ||
		header->nconditions < 1 || header->nconditions > JOURNEY_MAX_CONDITIONS)
		return "invalid header";
	header->direction = (NextNodeDirection) direction;
	header->base = (NextNodeBase) base;
	return NULL;
}

const char *
read_path_rows_header(SerialReader *reader, int32_t *order)
{
	int			version;

	if (!read_u8(reader, &version) || !read_i32(reader, order))
		return "too short";
	if (version != PATH_ROWS_SERIAL_VERSION)
		return "unknown version";
	if (*order < SHAPLEY_ORDER || *order > MARKOV_MAX_ORDER)
		return "order out of range";
	return NULL;
}

const char *
read_stage(SerialReader *reader, int *ordinal)
{
	if (!read_u8(reader, ordinal) || remaining(reader) != 0)
		return "not one byte";
	if (*ordinal < 1 || *ordinal > STAGE_COUNT)
		return "out of range";
	return NULL;
}

const char *
read_event_list(SerialReader *reader, uint64_t valid_bits, const SerialSink *sink)
{
	int			nbytes = serial_mask_bytes(valid_bits);
	int64_t		count;

	if (!read_count(reader, 8 + nbytes, &count) ||
		(uint64_t) count * (8 + nbytes) != remaining(reader))
		return "the event count does not match the bytes";
	for (int64_t i = 0; i < count; i++)
	{
		int64_t		ts = (int64_t) take(reader, 8);
		uint64_t	mask = take(reader, nbytes);

		if (mask & ~valid_bits)
			return "an event has a condition the aggregate does not have";
		sink->event(sink->ctx, ts, mask);
	}
	return NULL;
}

const char *
read_dictionary(SerialReader *reader, const SerialSink *sink, int32_t *nnodes)
{
	if (!read_i32(reader, nnodes))
		return "truncated node count";
	if (*nnodes < 0 || (size_t) *nnodes > remaining(reader) / 4)
		return "node count out of range";
	for (int32_t i = 0; i < *nnodes; i++)
	{
		int32_t		len;

		if (!read_i32(reader, &len))
			return "truncated node";
		if (len < 0 || (size_t) len > remaining(reader))
			return "node length out of range";
		if (!sink->node(sink->ctx, (const char *) reader->data + reader->pos, (uint32_t) len))
			return "a node appears twice";
		reader->pos += len;
	}
	return NULL;
}

const char *
read_path_events(SerialReader *reader, int32_t nnodes, const SerialSink *sink)
{
	int64_t		count;

	if (!read_count(reader, PATH_EVENT_BYTES, &count) ||
		(uint64_t) count * PATH_EVENT_BYTES != remaining(reader))
		return "the event count does not match the bytes";
	for (int64_t i = 0; i < count; i++)
	{
		int64_t		ts = (int64_t) take(reader, 8);
		int32_t		node = (int32_t) (uint32_t) take(reader, 4);

		if (node < -1 || node >= nnodes)
			return "an event refers to no node";
		sink->node_event(sink->ctx, ts, node);
	}
	return NULL;
}

const char *
read_attribution_events(SerialReader *reader, int32_t nnodes, const SerialSink *sink)
{
	int64_t		count;

	if (!read_count(reader, PATH_EVENT_BYTES, &count))
		return "event count out of range";
	for (int64_t i = 0; i < count; i++)
	{
		int64_t		ts;
		int32_t		channel;
		double		value;

		if (!read_i64(reader, &ts) || !read_i32(reader, &channel))
			return "truncated event";
		if (channel == -1)
		{
			if (!read_f64(reader, &value))
				return "truncated conversion";
			if (isnan(value) || isinf(value))
				return "a conversion value is not finite";
			sink->conversion(sink->ctx, ts, value);
		}
		else if (channel < 0 || channel >= nnodes)
			return "an event refers to no channel";
		else
			sink->node_event(sink->ctx, ts, channel);
	}
	if (remaining(reader) != 0)
		return "trailing bytes";
	return NULL;
}

const char *
read_next_node_rows(SerialReader *reader, int32_t nnodes, int nconditions,
					const SerialSink *sink)
{
	uint64_t	valid = condition_bits(nconditions);
	int64_t		count;

	if (!read_count(reader, NEXT_NODE_ROW_BYTES, &count) ||
		(uint64_t) count * NEXT_NODE_ROW_BYTES != remaining(reader))
		return "the row count does not match the bytes";
	for (int64_t i = 0; i < count; i++)
	{
		int64_t		ts = (int64_t) take(reader, 8);
		int32_t		node = (int32_t) (uint32_t) take(reader, 4);
		int			can_be_base = (int) take(reader, 1);
		uint64_t	conditions = take(reader, 8);

		if (node < 0 || node >= nnodes || can_be_base > 1 || (conditions & ~valid))
			return "invalid row";
		sink->next_node_row(sink->ctx, ts, node, can_be_base == 1, conditions);
	}
	return NULL;
}

const char *
read_path_rows(SerialReader *reader, int32_t nnodes, const SerialSink *sink)
{
	int64_t		count;

	if (!read_count(reader, PATH_ROW_BYTES, &count))
		return "row count out of range";
	for (int64_t r = 0; r < count; r++)
	{
		int32_t		length;
		int64_t		conversions;
		int64_t		nulls;

		if (!read_i32(reader, &length) || !read_i64(reader, &conversions) ||
			!read_i64(reader, &nulls))
			return "truncated row";
		if (length < 0 || (size_t) length > remaining(reader) / 4 || conversions < 0 || nulls < 0)
			return "invalid row";
		/* the channels are checked before the sink sees the row */
		for (int32_t i = 0; i < length; i++)
		{
			int32_t		channel = (int32_t) (uint32_t) take(reader, 4);

			if (channel < 0 || channel >= nnodes)
				return "a row refers to no channel";
		}
		sink->path_row(sink->ctx, length, conversions, nulls);
		reader->pos -= (size_t) length * 4;
		for (int32_t i = 0; i < length; i++)
			sink->path_channel(sink->ctx, (int32_t) (uint32_t) take(reader, 4));
	}
	if (remaining(reader) != 0)
		return "trailing bytes";
	return NULL;
}
