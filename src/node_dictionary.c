/*-------------------------------------------------------------------------
 *
 * node_dictionary.c
 *	  A customer's distinct node strings, each stored once.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/memutils.h"

#include "event_buffer.h"
#include "node_dictionary.h"

/* above this many nodes, lookups go through a hash index */
#define LINEAR_LOOKUP_NODES		16

static void
IndexNode(NodeDictionary *dict, int32 node)
{
	uint32		mask = (uint32) dict->index_size - 1;
	uint32		slot = dict->nodes[node].hash & mask;

	while (dict->index[slot] >= 0)
		slot = (slot + 1) & mask;
	dict->index[slot] = node;
}

/* Keep the hash index at most half full. */
static void
GrowIndex(NodeDictionary *dict, MemoryContext context)
{
	int32		size = dict->index_size == 0 ? 64 : dict->index_size * 2;

	if (dict->index != NULL)
		pfree(dict->index);
	dict->index = MemoryContextAlloc(context, sizeof(int32) * size);
	memset(dict->index, -1, sizeof(int32) * size);
	dict->index_size = size;
	for (int32 i = 0; i < dict->nnodes; i++)
		IndexNode(dict, i);
}

static bool
NodeEquals(const NodeDictionary *dict, int32 node, const char *text, uint32 len, uint32 hash)
{
	const DictionaryNode *entry = &dict->nodes[node];

	return entry->hash == hash && entry->len == len &&
		memcmp(dict->arena + entry->offset, text, len) == 0;
}

int32
DictionaryIntern(NodeDictionary *dict, const char *text, uint32 len, MemoryContext context)
{
	uint32		hash = hash_bytes((const unsigned char *) text, (int) len);
	DictionaryNode *entry;

	if (dict->index_size > 0)
	{
		uint32		mask = (uint32) dict->index_size - 1;

		for (uint32 slot = hash & mask; dict->index[slot] >= 0; slot = (slot + 1) & mask)
			if (NodeEquals(dict, dict->index[slot], text, len, hash))
				return dict->index[slot];
	}
	else
	{
		for (int32 i = 0; i < dict->nnodes; i++)
			if (NodeEquals(dict, i, text, len, hash))
				return i;
	}

	if (dict->nnodes == dict->nodes_capacity)
	{
		int32		capacity = dict->nodes_capacity == 0 ? 8 : dict->nodes_capacity * 2;

		dict->nodes = dict->nodes == NULL ?
			MemoryContextAlloc(context, sizeof(DictionaryNode) * capacity) :
			repalloc(dict->nodes, sizeof(DictionaryNode) * capacity);
		dict->nodes_capacity = capacity;
	}
	if ((uint64) dict->arena_used + len > dict->arena_capacity)
	{
		uint64		capacity = Max((uint64) dict->arena_capacity * 2, 128);

		while (capacity < (uint64) dict->arena_used + len)
			capacity *= 2;
		if (capacity > MaxAllocSize)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("a customer's distinct nodes exceed 1 GB")));
		dict->arena = dict->arena == NULL ?
			MemoryContextAlloc(context, capacity) : repalloc(dict->arena, capacity);
		dict->arena_capacity = (uint32) capacity;
	}
	entry = &dict->nodes[dict->nnodes];
	entry->offset = dict->arena_used;
	entry->len = len;
	entry->hash = hash;
	memcpy(dict->arena + dict->arena_used, text, len);
	dict->arena_used += len;
	dict->nnodes++;

	if (dict->nnodes > LINEAR_LOOKUP_NODES &&
		(dict->index_size == 0 || dict->nnodes * 2 > dict->index_size))
		GrowIndex(dict, context);
	else if (dict->index_size > 0)
		IndexNode(dict, dict->nnodes - 1);
	return dict->nnodes - 1;
}

/* qsort_arg comparator: node numbers by their text, in byte order. */
static int
CompareNodeText(const void *a, const void *b, void *arg)
{
	const NodeDictionary *dict = (const NodeDictionary *) arg;
	const DictionaryNode *x = &dict->nodes[*(const int32 *) a];
	const DictionaryNode *y = &dict->nodes[*(const int32 *) b];
	int			cmp = memcmp(dict->arena + x->offset, dict->arena + y->offset,
							 Min(x->len, y->len));

	if (cmp != 0)
		return cmp;
	return (x->len > y->len) - (x->len < y->len);
}

int32 *
DictionaryRanks(const NodeDictionary *dict)
{
	int32	   *by_rank = palloc(sizeof(int32) * Max(dict->nnodes, 1));
	int32	   *rank_of = palloc(sizeof(int32) * Max(dict->nnodes, 1));

	for (int32 i = 0; i < dict->nnodes; i++)
		by_rank[i] = i;
	qsort_arg(by_rank, dict->nnodes, sizeof(int32), CompareNodeText, (void *) dict);
	for (int32 r = 0; r < dict->nnodes; r++)
		rank_of[by_rank[r]] = r;
	pfree(by_rank);
	return rank_of;
}

int32 *
DictionaryMerge(NodeDictionary *into, const NodeDictionary *from, MemoryContext context)
{
	int32	   *renumber = palloc(sizeof(int32) * Max(from->nnodes, 1));

	for (int32 i = 0; i < from->nnodes; i++)
		renumber[i] = DictionaryIntern(into, from->arena + from->nodes[i].offset,
									   from->nodes[i].len, context);
	return renumber;
}

void
DictionarySerialize(StringInfo out, const NodeDictionary *dict)
{
	pq_sendint32(out, dict->nnodes);
	for (int32 i = 0; i < dict->nnodes; i++)
	{
		pq_sendint32(out, (int32) dict->nodes[i].len);
		pq_sendbytes(out, dict->arena + dict->nodes[i].offset, (int) dict->nodes[i].len);
	}
}

static bool
InternNewNode(void *ctx, const char *name, uint32_t len)
{
	NodeDictionary *dict = (NodeDictionary *) ctx;
	int32		next = dict->nnodes;

	return DictionaryIntern(dict, name, len, CurrentMemoryContext) == next;
}

void
DictionaryDeserialize(SerialReader *reader, NodeDictionary *dict, const char *what)
{
	SerialSink	sink = {0};
	int32		nnodes;

	sink.ctx = dict;
	sink.node = InternNewNode;
	CheckSerialRead(what, read_dictionary(reader, &sink, &nnodes));
}
