/*-------------------------------------------------------------------------
 *
 * node_dictionary.h
 *	  A customer's distinct node strings, each stored once.
 *
 * Aggregates over text nodes (path, path_to, sequence_next_node) keep a
 * node's number per row instead of its text: the strings live once in an
 * arena, found by a linear scan while there are few and through a hash
 * index beyond that.
 *
 *-------------------------------------------------------------------------
 */
#ifndef JOURNEY_NODE_DICTIONARY_H
#define JOURNEY_NODE_DICTIONARY_H

#include "postgres.h"

#include "lib/stringinfo.h"

#include "serial_form.h"

typedef struct DictionaryNode
{
	uint32		offset;			/* into the arena */
	uint32		len;
	uint32		hash;
} DictionaryNode;

typedef struct NodeDictionary
{
	int32		nnodes;
	int32		nodes_capacity;
	DictionaryNode *nodes;
	char	   *arena;			/* the strings, one after another */
	uint32		arena_used;
	uint32		arena_capacity;
	int32	   *index;			/* open addressing over nodes, -1 = empty */
	int32		index_size;		/* a power of 2, or 0 */
} NodeDictionary;

/* The node's number, adding it if it is new. */
extern int32 DictionaryIntern(NodeDictionary *dict, const char *text, uint32 len,
							  MemoryContext context);

/* The node's text (not NUL-terminated) and length. */
static inline const char *
DictionaryText(const NodeDictionary *dict, int32 node, uint32 *len)
{
	*len = dict->nodes[node].len;
	return dict->arena + dict->nodes[node].offset;
}

/* rank_of[node]: the node's rank among all nodes by text in byte order. */
extern int32 *DictionaryRanks(const NodeDictionary *dict);

/* Add every node of from; returns renumber[from's node] = our node. */
extern int32 *DictionaryMerge(NodeDictionary *into, const NodeDictionary *from,
							  MemoryContext context);

/* Serial form: the count (int32), then each node's length (int32) and bytes. */
extern void DictionarySerialize(StringInfo out, const NodeDictionary *dict);

/*
 * Read a serialized dictionary into an empty one, in CurrentMemoryContext;
 * bad bytes or a name that comes twice make the state (what) invalid.
 */
extern void DictionaryDeserialize(SerialReader *reader, NodeDictionary *dict, const char *what);

#endif							/* JOURNEY_NODE_DICTIONARY_H */
