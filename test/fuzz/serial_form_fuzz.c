/*
 * libFuzzer harness for the readers of serialized aggregate states and of
 * journey.stage's binary form (src/serial_form.c): what the deserialize
 * and receive functions run on bytes from elsewhere.  The first input byte
 * picks the form; the rest are the bytes.  Checks what must hold whatever
 * the input: no read past the bytes (AddressSanitizer), every item handed
 * to a sink is within what the bytes can hold and inside the ranges the
 * header allows, and a form read without error was read to its end.
 */
#include <stdlib.h>
#include <string.h>

#include "pattern.h"
#include "serial_form.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the sinks saw, and the limits it must stay within. */
typedef struct Seen
{
	size_t		size;			/* bytes of the form */
	uint64_t	valid_bits;		/* of an event list */
	int32_t		nnodes;			/* of the dictionary read so far */
	size_t		least_bytes;	/* the fewest bytes what the sinks saw takes */
	uint32_t	last_len;		/* the previous node name, to refuse a repeat */
	const char *last_name;
	int32_t		channels_due;	/* of the current path row */
} Seen;

/* Each item a sink sees takes at least min_bytes of the input. */
static void
count_item(Seen *seen, size_t min_bytes)
{
	seen->least_bytes += min_bytes;
	if (seen->least_bytes > seen->size)
		abort();
}

static bool
on_node(void *ctx, const char *name, uint32_t len)
{
	Seen	   *seen = ctx;
	bool		repeat = seen->last_name != NULL && seen->last_len == len &&
		memcmp(seen->last_name, name, len) == 0;

	count_item(seen, 4 + (size_t) len);
	if (len > 0)
		(void) *(volatile const char *) &name[len - 1];	/* inside the input */
	seen->last_name = name;
	seen->last_len = len;
	if (!repeat)
		seen->nnodes++;
	return !repeat;
}

static void
on_event(void *ctx, int64_t ts, uint64_t mask)
{
	Seen	   *seen = ctx;

	(void) ts;
	count_item(seen, 9);
	if (mask & ~seen->valid_bits)
		abort();
}

static void
on_node_event(void *ctx, int64_t ts, int32_t node)
{
	Seen	   *seen = ctx;

	(void) ts;
	count_item(seen, 12);
	if (node < -1 || node >= seen->nnodes)
		abort();
}

static void
on_conversion(void *ctx, int64_t ts, double value)
{
	(void) ts;
	count_item(ctx, 20);
	if (value != value || value - value != 0)	/* NaN or infinite */
		abort();
}

static void
on_next_node_row(void *ctx, int64_t ts, int32_t node, bool can_be_base, uint64_t conditions)
{
	Seen	   *seen = ctx;

	(void) ts;
	(void) can_be_base;
	count_item(seen, NEXT_NODE_ROW_BYTES);
	if (node < 0 || node >= seen->nnodes || (conditions & ~seen->valid_bits))
		abort();
}

static void
on_path_row(void *ctx, int32_t length, int64_t conversions, int64_t nulls)
{
	Seen	   *seen = ctx;

	count_item(seen, 20);
	if (length < 0 || conversions < 0 || nulls < 0 || seen->channels_due != 0)
		abort();
	seen->channels_due = length;
}

static void
on_path_channel(void *ctx, int32_t channel)
{
	Seen	   *seen = ctx;

	count_item(seen, 4);
	if (channel < 0 || channel >= seen->nnodes || seen->channels_due-- <= 0)
		abort();
}

/* After a reader: on success it must have read every byte. */
static bool
done(const SerialReader *reader, const char *error)
{
	if (error == NULL && reader->pos != reader->len)
		abort();
	if (reader->pos > reader->len)
		abort();
	return error == NULL;
}

static bool
ok(const SerialReader *reader, const char *error)
{
	if (reader->pos > reader->len)
		abort();
	return error == NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	SerialReader reader;
	SerialSink	sink = {0};
	Seen		seen = {0};
	const char *error;

	if (size < 1)
		return 0;
	serial_reader_init(&reader, data + 1, size - 1);
	seen.size = size - 1;
	seen.valid_bits = ~UINT64_C(0);
	sink.ctx = &seen;
	sink.node = on_node;
	sink.event = on_event;
	sink.node_event = on_node_event;
	sink.conversion = on_conversion;
	sink.next_node_row = on_next_node_row;
	sink.path_row = on_path_row;
	sink.path_channel = on_path_channel;

	switch (data[0] % 8)
	{
		case 0:
			{
				EventStateHeader header;

				if (!ok(&reader, read_event_state_header(&reader, &header)))
					break;
				if (header.nsteps < 1 || header.nsteps > 64 || header.window < 0)
					abort();
				seen.valid_bits = event_state_valid_bits(header.kind, header.nsteps);
				done(&reader, read_event_list(&reader, seen.valid_bits, &sink));
				break;
			}
		case 1:
			{
				SequenceHeader header;
				static Pattern pattern;
				int			errpos;
				char		message[256];

				if (!ok(&reader, read_sequence_header(&reader, &header)))
					break;
				if (header.pattern_len > 0)
					(void) *(volatile const char *) &header.pattern[header.pattern_len - 1];
				if (!pattern_compile(header.pattern, header.pattern_len, &pattern, &errpos,
									 message, sizeof(message)) ||
					pattern.max_condition > header.nconditions)
					break;
				seen.valid_bits = condition_bits(header.nconditions);
				done(&reader, read_event_list(&reader, seen.valid_bits, &sink));
				break;
			}
		case 2:
			{
				PathHeader	header;
				int32_t		nnodes;

				if (!ok(&reader, read_path_header(&reader, &header)) ||
					!ok(&reader, read_dictionary(&reader, &sink, &nnodes)))
					break;
				if (nnodes != seen.nnodes)
					abort();
				done(&reader, read_path_events(&reader, nnodes, &sink));
				break;
			}
		case 3:
			{
				AttributionHeader header;
				int32_t		nnodes;

				if (!ok(&reader, read_attribution_header(&reader, &header)) ||
					!ok(&reader, read_dictionary(&reader, &sink, &nnodes)))
					break;
				if (!attribution_model_valid(&header.model) || nnodes != seen.nnodes)
					abort();
				done(&reader, read_attribution_events(&reader, nnodes, &sink));
				break;
			}
		case 4:
			{
				NextNodeHeader header;
				int32_t		nnodes;

				if (!ok(&reader, read_next_node_header(&reader, &header)) ||
					!ok(&reader, read_dictionary(&reader, &sink, &nnodes)))
					break;
				seen.valid_bits = condition_bits(header.nconditions);
				done(&reader, read_next_node_rows(&reader, nnodes, header.nconditions, &sink));
				break;
			}
		case 5:
			{
				int32_t		order;
				int32_t		nnodes;

				if (!ok(&reader, read_path_rows_header(&reader, &order)) ||
					!ok(&reader, read_dictionary(&reader, &sink, &nnodes)))
					break;
				if (done(&reader, read_path_rows(&reader, nnodes, &sink)) && seen.channels_due != 0)
					abort();
				break;
			}
		case 6:
			{
				int			ordinal = 0;

				if (done(&reader, read_stage(&reader, &ordinal)) && (ordinal < 1 || ordinal > 5))
					abort();
				break;
			}
		default:
			{
				/* a bare event list, with as many conditions as the next byte says */
				int			nconditions;

				if (size < 2)
					break;
				nconditions = 1 + data[1] % 64;
				serial_reader_init(&reader, data + 2, size - 2);
				seen.size = size - 2;
				seen.valid_bits = condition_bits(nconditions);
				error = read_event_list(&reader, seen.valid_bits, &sink);
				done(&reader, error);
				break;
			}
	}
	return 0;
}
