/*-------------------------------------------------------------------------
 *
 * pattern.c
 *	  Compile and match ClickHouse-style sequence patterns.
 *
 * Element k of a pattern is bit k of a 64-bit set.  Scanning the events in
 * order, "reach" holds the elements that some match of the pattern's
 * prefix ends on at the current event, and "ever" those that any earlier
 * event reached.  An element is reached at an event that it matches when
 * the link to the element before it holds: adjacent, that element was
 * reached at the previous event; gap, it was reached at some earlier event;
 * time, it was reached at an earlier event whose time satisfies the bound,
 * which a summary of those times answers (the latest for < and <=, the
 * earliest for > and >=, both for !=, and a queue of candidate times for
 * ==).  Every event costs a few word operations plus one summary test per
 * time-bounded element it matches.
 *
 * To report the chain of the longest matchable prefix, the same recurrence
 * runs backwards ("can this element here be completed?"), keeping one word
 * per event, and a forward pass then picks the earliest event for each
 * element in turn.
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <string.h>

#include "pattern.h"

#define INTERRUPT_INTERVAL	65536

/* ---------------------------------------------------------------------
 * The compiler
 * ---------------------------------------------------------------------
 */

typedef struct Parser
{
	const char *text;
	size_t		len;
	size_t		pos;			/* 0-based */
	int		   *errpos;
	char	   *errbuf;
	size_t		errlen;
} Parser;

static bool
parse_error(Parser *parser, size_t at, const char *message)
{
	*parser->errpos = (int) (at + 1);
	snprintf(parser->errbuf, parser->errlen, "%s", message);
	return false;
}

static bool
at_char(const Parser *parser, size_t at, char c)
{
	return at < parser->len && parser->text[at] == c;
}

static bool
is_digit_at(const Parser *parser, size_t at)
{
	return at < parser->len && parser->text[at] >= '0' && parser->text[at] <= '9';
}

/* Digits at parser->pos into *value; false (value unchanged) if none. */
static bool
parse_number(Parser *parser, uint64_t limit, uint64_t *value, bool *too_big)
{
	uint64_t	result = 0;

	*too_big = false;
	if (!is_digit_at(parser, parser->pos))
		return false;
	while (is_digit_at(parser, parser->pos))
	{
		uint64_t	digit = (uint64_t) (parser->text[parser->pos] - '0');

		if (result > (limit - digit) / 10)
			*too_big = true;
		else
			result = result * 10 + digit;
		parser->pos++;
	}
	*value = result;
	return true;
}

static bool
add_element(Parser *parser, Pattern *pattern, size_t at, uint64_t condition,
			PatternLink link, PatternTimeOp op, int64_t bound)
{
	PatternElement *element;

	if (pattern->nelements == PATTERN_MAX_ELEMENTS)
		return parse_error(parser, at, "a pattern has at most 64 events ((?N) and \".\")");
	element = &pattern->elements[pattern->nelements++];
	element->condition = condition;
	element->link = (uint8_t) link;
	element->op = (uint8_t) op;
	element->bound = bound;
	if (condition != 0)
		pattern->nreported++;
	return true;
}

/* "(?t" op number [unit] ")" at parser->pos, which is at the "(". */
static bool
parse_time(Parser *parser, PatternTimeOp *op, int64_t *bound)
{
	const char *t = parser->text;
	size_t		number_at;
	uint64_t	seconds;
	uint64_t	unit = 1;
	bool		too_big;

	parser->pos += 3;
	if (at_char(parser, parser->pos, '<'))
		*op = at_char(parser, parser->pos + 1, '=') ? PATTERN_LE : PATTERN_LT;
	else if (at_char(parser, parser->pos, '>'))
		*op = at_char(parser, parser->pos + 1, '=') ? PATTERN_GE : PATTERN_GT;
	else if (at_char(parser, parser->pos, '=') && at_char(parser, parser->pos + 1, '='))
		*op = PATTERN_EQ;
	else if (at_char(parser, parser->pos, '!') && at_char(parser, parser->pos + 1, '='))
		*op = PATTERN_NE;
	else
		return parse_error(parser, parser->pos,
						   "expected a comparison after \"(?t\": <, <=, >, >=, == or !=");
	parser->pos += (*op == PATTERN_LT || *op == PATTERN_GT) ? 1 : 2;

	number_at = parser->pos;
	if (!parse_number(parser, INT64_MAX / 1000000, &seconds, &too_big))
		return parse_error(parser, parser->pos, "expected a whole number of seconds");
	if (parser->pos < parser->len)
	{
		switch (t[parser->pos])
		{
			case 's':
				unit = 1;
				break;
			case 'm':
				unit = 60;
				break;
			case 'h':
				unit = 3600;
				break;
			case 'd':
				unit = 86400;
				break;
			case 'w':
				unit = 604800;
				break;
			default:
				unit = 0;
				break;
		}
		if (unit != 0)
			parser->pos++;
		else
			unit = 1;
	}
	if (too_big || seconds > (uint64_t) (INT64_MAX / 1000000) / unit)
		return parse_error(parser, number_at, "the time is out of range");
	*bound = (int64_t) (seconds * unit * 1000000);
	if (!at_char(parser, parser->pos, ')'))
		return parse_error(parser, parser->pos,
						   "expected \")\" or a unit (s, m, h, d or w) after the time");
	parser->pos++;
	return true;
}

/* Sort the elements into the matcher's bit sets. */
static void
index_elements(Pattern *pattern)
{
	pattern->any_event = pattern->adjacent = pattern->gap = pattern->timed = 0;
	memset(pattern->by_condition, 0, sizeof(pattern->by_condition));
	for (int k = 0; k < pattern->nelements; k++)
	{
		const PatternElement *element = &pattern->elements[k];
		uint64_t	bit = UINT64_C(1) << k;

		if (element->condition == 0)
			pattern->any_event |= bit;
		else
			pattern->by_condition[__builtin_ctzll(element->condition)] |= bit;
		if (element->link == PATTERN_ADJACENT)
			pattern->adjacent |= bit;
		else if (element->link == PATTERN_GAP)
			pattern->gap |= bit;
		else
			pattern->timed |= bit;
	}
}

bool
pattern_compile(const char *text, size_t len, Pattern *pattern, int *errpos,
				char *errbuf, size_t errlen)
{
	Parser		parser = {text, len, 0, errpos, errbuf, errlen};
	PatternLink link = PATTERN_GAP; /* the implicit leading ".*" */
	PatternTimeOp op = PATTERN_LT;
	int64_t		bound = 0;
	size_t		time_at = 0;
	bool		after_event = false;

	pattern->nelements = 0;
	pattern->max_condition = 0;
	pattern->max_condition_position = 0;
	pattern->nreported = 0;

	while (parser.pos < len)
	{
		size_t		at = parser.pos;

		if (text[at] == '.' && at_char(&parser, at + 1, '*'))
		{
			/* a time bound already allows a gap */
			if (link == PATTERN_ADJACENT)
				link = PATTERN_GAP;
			parser.pos += 2;
		}
		else if (text[at] == '.')
		{
			if (!add_element(&parser, pattern, at, 0, link, op, bound))
				return false;
			link = PATTERN_ADJACENT;
			after_event = true;
			parser.pos++;
		}
		else if (text[at] == '(' && at_char(&parser, at + 1, '?') && at_char(&parser, at + 2, 't'))
		{
			/* it bounds the time since the last event element, so one is needed */
			if (!after_event)
				return parse_error(&parser, at,
								   "a time condition must follow an event condition, (?N) or \".\"");
			if (!parse_time(&parser, &op, &bound))
				return false;
			link = PATTERN_TIME;
			time_at = at;
			after_event = false;
		}
		else if (text[at] == '(' && at_char(&parser, at + 1, '?'))
		{
			uint64_t	number;
			bool		too_big;

			parser.pos += 2;
			if (!parse_number(&parser, 1000, &number, &too_big))
				return parse_error(&parser, parser.pos,
								   "expected a condition number or \"t\" after \"(?\"");
			if (number == 0 && !too_big)
				return parse_error(&parser, at + 2, "condition numbers start at 1");
			if (too_big || number > JOURNEY_MAX_CONDITIONS)
				return parse_error(&parser, at + 2, "condition numbers go up to 64");
			if (!at_char(&parser, parser.pos, ')'))
				return parse_error(&parser, parser.pos, "expected \")\" after the condition number");
			parser.pos++;
			if ((int) number > pattern->max_condition)
			{
				pattern->max_condition = (int) number;
				pattern->max_condition_position = (int) at + 3;
			}
			if (!add_element(&parser, pattern, at, UINT64_C(1) << (number - 1), link, op, bound))
				return false;
			link = PATTERN_ADJACENT;
			after_event = true;
		}
		else if (text[at] == '(')
			return parse_error(&parser, at + 1, "expected \"?\" after \"(\"");
		else
			return parse_error(&parser, at, "expected (?N), (?t...), \".\" or \".*\"");
	}

	/*
	 * A trailing time condition bounds the gap to some later event, except
	 * where no event at all satisfies it (< and <=, and >= 0), as ClickHouse
	 * lets those match nothing.
	 */
	if (link == PATTERN_TIME &&
		!(op == PATTERN_LT || op == PATTERN_LE || (op == PATTERN_GE && bound == 0)) &&
		!add_element(&parser, pattern, time_at, 0, link, op, bound))
		return false;
	index_elements(pattern);
	return true;
}

/* ---------------------------------------------------------------------
 * The matcher
 * ---------------------------------------------------------------------
 */

/* The times at which the element before a time-bounded link was reached. */
typedef struct TimeSummary
{
	bool		any;
	int64_t		earliest;
	int64_t		latest;
	int64_t    *queue;			/* for ==: distinct times, in scan order */
	size_t		head;
	size_t		tail;
} TimeSummary;

typedef struct Matcher
{
	const Pattern *pattern;
	int			n;				/* elements */
	uint64_t	last;			/* the final element */
	TimeSummary summary[PATTERN_MAX_ELEMENTS];	/* by the element after */
	uint64_t   *completable;	/* backward pass: per event */
	void		(*check_interrupts) (void);
} Matcher;

/* Later minus earlier, which cannot overflow as unsigned. */
static inline uint64_t
time_gap(int64_t later, int64_t earlier)
{
	return (uint64_t) later - (uint64_t) earlier;
}

static bool
compare_gap(uint64_t gap, PatternTimeOp op, uint64_t bound)
{
	switch (op)
	{
		case PATTERN_LT:
			return gap < bound;
		case PATTERN_LE:
			return gap <= bound;
		case PATTERN_GT:
			return gap > bound;
		case PATTERN_GE:
			return gap >= bound;
		case PATTERN_EQ:
			return gap == bound;
		case PATTERN_NE:
			return gap != bound;
	}
	return false;
}

static void
summary_add(TimeSummary *summary, int64_t ts, bool forward)
{
	if (!summary->any)
	{
		summary->any = true;
		summary->earliest = summary->latest = ts;
	}
	else if (forward)
		summary->latest = ts;
	else
		summary->earliest = ts;
	if (summary->queue != NULL &&
		(summary->tail == summary->head || summary->queue[summary->tail - 1] != ts))
		summary->queue[summary->tail++] = ts;
}

/*
 * Whether some summarised time lies within the bound of ts: before it when
 * scanning forward, after it when scanning backward.
 */
static bool
summary_test(TimeSummary *summary, const PatternElement *element, int64_t ts, bool forward)
{
	uint64_t	bound = (uint64_t) element->bound;
	uint64_t	nearest;
	uint64_t	farthest;

	if (!summary->any)
		return false;
	nearest = forward ? time_gap(ts, summary->latest) : time_gap(summary->earliest, ts);
	farthest = forward ? time_gap(ts, summary->earliest) : time_gap(summary->latest, ts);
	switch ((PatternTimeOp) element->op)
	{
		case PATTERN_LT:
		case PATTERN_LE:
			return compare_gap(nearest, element->op, bound);
		case PATTERN_GT:
		case PATTERN_GE:
			return compare_gap(farthest, element->op, bound);
		case PATTERN_NE:
			return nearest != bound || farthest != bound;
		case PATTERN_EQ:
			{
				/* times too far now are too far for every later test */
				while (summary->head < summary->tail &&
					   (forward ? time_gap(ts, summary->queue[summary->head])
						: time_gap(summary->queue[summary->head], ts)) > bound)
					summary->head++;
				return summary->head < summary->tail &&
					(forward ? time_gap(ts, summary->queue[summary->head])
					 : time_gap(summary->queue[summary->head], ts)) == bound;
			}
	}
	return false;
}

static void
reset_summaries(Matcher *matcher)
{
	for (uint64_t timed = matcher->pattern->timed; timed != 0; timed &= timed - 1)
	{
		TimeSummary *summary = &matcher->summary[__builtin_ctzll(timed)];

		summary->any = false;
		summary->head = summary->tail = 0;
	}
}

static size_t
equality_links(const Pattern *pattern)
{
	size_t		count = 0;

	for (int k = 0; k < pattern->nelements; k++)
		if (pattern->elements[k].link == PATTERN_TIME && pattern->elements[k].op == PATTERN_EQ)
			count++;
	return count;
}

size_t
pattern_workspace_bytes(const Pattern *pattern, size_t nevents)
{
	/* the summary queues, then one word per event for the backward pass */
	return (equality_links(pattern) + 1) * (nevents + 1) * sizeof(int64_t);
}

static void
matcher_init(Matcher *matcher, const Pattern *pattern, size_t nevents, void *workspace,
			 void (*check_interrupts) (void))
{
	int64_t    *space = workspace;

	matcher->pattern = pattern;
	matcher->n = pattern->nelements;
	matcher->last = matcher->n == 0 ? 0 : UINT64_C(1) << (matcher->n - 1);
	matcher->check_interrupts = check_interrupts;
	/* only time-bounded links have a summary, and only == a queue */
	for (uint64_t timed = pattern->timed; timed != 0; timed &= timed - 1)
	{
		int			k = __builtin_ctzll(timed);

		matcher->summary[k].queue = NULL;
		if (pattern->elements[k].op == PATTERN_EQ)
		{
			matcher->summary[k].queue = space;
			space += nevents + 1;
		}
	}
	matcher->completable = (uint64_t *) space;
}

/* The elements an event can stand for. */
static inline uint64_t
matching_elements(const Pattern *pattern, uint64_t mask)
{
	uint64_t	result = pattern->any_event;

	while (mask != 0)
	{
		result |= pattern->by_condition[__builtin_ctzll(mask)];
		mask &= mask - 1;
	}
	return result;
}

static inline void
maybe_check_interrupts(const Matcher *matcher, size_t i)
{
	if (matcher->check_interrupts != NULL && (i % INTERRUPT_INTERVAL) == 0)
		matcher->check_interrupts();
}

/*
 * Scan forward from events[start].  Returns the index of the first event
 * on which the whole pattern is reached, or nevents; *reached gets the
 * elements reached on some event.
 */
static size_t
scan_forward(Matcher *matcher, const JourneyEvent *events, size_t start, size_t nevents,
			 uint64_t *reached)
{
	const Pattern *pattern = matcher->pattern;
	uint64_t	reach = 0;
	uint64_t	ever = 0;

	reset_summaries(matcher);
	for (size_t i = start; i < nevents; i++)
	{
		uint64_t	candidates = matching_elements(matcher->pattern, events[i].mask);
		uint64_t	now;
		uint64_t	timed;
		uint64_t	feeds;

		maybe_check_interrupts(matcher, i);
		now = candidates & (((reach << 1) & pattern->adjacent) |
							(((ever << 1) | 1) & pattern->gap));
		for (timed = candidates & pattern->timed; timed != 0; timed &= timed - 1)
		{
			int			k = __builtin_ctzll(timed);

			if (summary_test(&matcher->summary[k], &pattern->elements[k], events[i].ts, true))
				now |= UINT64_C(1) << k;
		}
		/* times at which elements before a time-bounded link were reached */
		for (feeds = (now << 1) & pattern->timed; feeds != 0; feeds &= feeds - 1)
			summary_add(&matcher->summary[__builtin_ctzll(feeds)], events[i].ts, true);
		reach = now;
		ever |= now;
		if (reach & matcher->last)
		{
			*reached = ever;
			return i;
		}
	}
	*reached = ever;
	return nevents;
}

bool
pattern_match(const Pattern *pattern, const JourneyEvent *events, size_t nevents,
			  void *workspace, void (*check_interrupts) (void))
{
	Matcher		matcher;
	uint64_t	reached;

	if (pattern->nelements == 0)
		return true;
	matcher_init(&matcher, pattern, nevents, workspace, check_interrupts);
	return scan_forward(&matcher, events, 0, nevents, &reached) < nevents;
}

int64_t
pattern_count(const Pattern *pattern, const JourneyEvent *events, size_t nevents,
			  void *workspace, void (*check_interrupts) (void))
{
	Matcher		matcher;
	uint64_t	reached;
	int64_t		count = 0;
	size_t		start = 0;

	/* as in ClickHouse, an empty match consumes one event */
	if (pattern->nelements == 0)
		return (int64_t) nevents;
	matcher_init(&matcher, pattern, nevents, workspace, check_interrupts);
	while (start < nevents)
	{
		size_t		end = scan_forward(&matcher, events, start, nevents, &reached);

		if (end == nevents)
			break;
		count++;
		start = end + 1;
	}
	return count;
}

/*
 * Backward pass over elements 0..length-1: completable[i] gets the elements
 * that, placed on event i, can be followed by the rest of that prefix.
 */
static void
scan_backward(Matcher *matcher, const JourneyEvent *events, size_t nevents, int length)
{
	uint64_t	prefix = condition_bits(length);
	uint64_t	final = UINT64_C(1) << (length - 1);
	const Pattern *pattern = matcher->pattern;
	uint64_t	adjacent_next = (pattern->adjacent >> 1) & prefix;
	uint64_t	gap_next = (pattern->gap >> 1) & prefix;
	uint64_t	timed_next = (pattern->timed >> 1) & prefix;
	uint64_t	later = 0;		/* completable at the next event */
	uint64_t	ever = 0;		/* completable at some later event */

	reset_summaries(matcher);
	for (size_t i = nevents; i-- > 0;)
	{
		uint64_t	candidates = matching_elements(matcher->pattern, events[i].mask) & prefix;
		uint64_t	now;
		uint64_t	timed;
		uint64_t	feeds;

		maybe_check_interrupts(matcher, i);
		now = candidates & (final | ((later >> 1) & adjacent_next) | ((ever >> 1) & gap_next));
		for (timed = candidates & timed_next; timed != 0; timed &= timed - 1)
		{
			int			k = __builtin_ctzll(timed) + 1;

			if (summary_test(&matcher->summary[k], &pattern->elements[k], events[i].ts, false))
				now |= UINT64_C(1) << (k - 1);
		}
		for (feeds = now & pattern->timed; feeds != 0; feeds &= feeds - 1)
			summary_add(&matcher->summary[__builtin_ctzll(feeds)], events[i].ts, false);
		matcher->completable[i] = now;
		later = now;
		ever |= now;
	}
}

int
pattern_match_events(const Pattern *pattern, const JourneyEvent *events, size_t nevents,
					 void *workspace, int64_t *times, void (*check_interrupts) (void))
{
	Matcher		matcher;
	uint64_t	reached;
	int			length;
	int			ntimes = 0;
	size_t		i = 0;

	if (pattern->nelements == 0 || nevents == 0)
		return 0;
	matcher_init(&matcher, pattern, nevents, workspace, check_interrupts);
	scan_forward(&matcher, events, 0, nevents, &reached);
	length = 0;
	while (length < matcher.n && (reached & (UINT64_C(1) << length)))
		length++;
	if (length == 0)
		return 0;

	scan_backward(&matcher, events, nevents, length);
	for (int k = 0; k < length; k++)
	{
		const PatternElement *element = &pattern->elements[k];
		uint64_t	bit = UINT64_C(1) << k;
		size_t		previous = i;

		size_t		first = k == 0 ? 0 : previous + 1;
		size_t		end = (k > 0 && element->link == PATTERN_ADJACENT) ? first + 1 : nevents;

		/* the earliest event that completes, linked to the one chosen before */
		for (i = first; i < end && i < nevents; i++)
		{
			if (k > 0 && element->link == PATTERN_TIME &&
				!compare_gap(time_gap(events[i].ts, events[previous].ts),
							 element->op, (uint64_t) element->bound))
				continue;
			if (matcher.completable[i] & bit)
				break;
		}
		if (i >= end || i >= nevents)
			break;				/* not reached: the passes agree */
		if (element->condition != 0)
			times[ntimes++] = events[i].ts;
	}
	return ntimes;
}
