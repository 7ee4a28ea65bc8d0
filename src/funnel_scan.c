/*-------------------------------------------------------------------------
 *
 * funnel_scan.c
 *	  The window funnel over one customer's sorted events.
 *
 * Events are scanned in (timestamp, mask) order; at one timestamp the steps
 * are taken in step order (ClickHouse's tie rule), so the result never
 * depends on the input order.
 *
 * For each level k the scan keeps one chain: the one whose step-1 event is
 * latest.  That chain dominates every other chain of the same level, since
 * a later start leaves more of the window for the next step and, with an
 * exclusion, less room for an exclusion event inside the chain.  So the
 * greedy scan is exact, in O(events * set bits), for the default mode.
 *
 * ClickHouse's scan overwrites the level-k slot as soon as a chain reaches
 * it, which loses a valid chain when a new chain cannot be extended where
 * an older one could: under strict_increase, rows [0s: c1] [1s: c1]
 * [1s: c2] give ClickHouse 1 (its issue 93789), though 0s -> 1s is a valid
 * 2.  Here chains formed at the current timestamp are kept apart
 * ("pending") until time moves on, when they compete with the settled ones
 * on their start; this answers 2.
 *
 * strict_once (a row fills at most one step of a chain) only restricts
 * chains among rows sharing one timestamp: rows at other times are other
 * rows.  Within such a group a chain segment is an assignment of its steps
 * to distinct rows, found by augmenting paths (bipartite matching).
 *
 *-------------------------------------------------------------------------
 */
#include "funnel_scan.h"

#include <stdio.h>
#include <string.h>

/* The chains of each level, as described above. */
typedef struct LevelSlots
{
	bool	   *has;			/* [level] a chain is there */
	int64_t    *first;			/* [level] its step-1 timestamp */
	int64_t    *chain;			/* [level * nsteps + i] its step timestamps */
} LevelSlots;

typedef struct FunnelScanState
{
	const FunnelSpec *spec;
	int			nsteps;
	bool		deferred;		/* chains formed at time t wait until t ends */
	bool		track_chains;	/* keep step timestamps (window_funnel_events) */
	LevelSlots	settled;
	LevelSlots	pending;
	bool	   *reached;		/* [level] ever reached (deduplication, order) */
	int			level;			/* highest level reached */
	int64_t    *best;			/* the chain that first reached it */
	int64_t    *scratch;		/* a chain being built */
	bool		started;		/* a step-1 event was seen */
	bool		has_exclusion;	/* an exclusion happened before time t */
	int64_t		last_exclusion; /* the latest such */

	/* strict_once: the rows at the current timestamp */
	const JourneyEvent *group;
	size_t		group_size;
	int		   *row_step;		/* [row] step assigned to the row, 0 if none */
	unsigned   *row_visit;		/* [row] visit stamp of the augmenting search */
	unsigned	visit_stamp;
} FunnelScanState;

typedef enum
{
	SCAN_CONTINUE,
	SCAN_STOP
} ScanAction;

static const struct
{
	const char *name;
	unsigned	flag;
}			funnel_modes[] = {
	{"strict_deduplication", FUNNEL_STRICT_DEDUPLICATION},
	{"strict_order", FUNNEL_STRICT_ORDER},
	{"strict_increase", FUNNEL_STRICT_INCREASE},
	{"strict_once", FUNNEL_STRICT_ONCE},
	{"allow_reentry", FUNNEL_ALLOW_REENTRY},
};

#define NUM_FUNNEL_MODES (sizeof(funnel_modes) / sizeof(funnel_modes[0]))

static int
ascii_tolower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static bool
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool
funnel_parse_modes(const char *text, size_t len, unsigned *modes,
				   char *errbuf, size_t errlen)
{
	size_t		pos = 0;
	unsigned	result = 0;
	bool		any_text = false;

	for (size_t i = 0; i < len; i++)
		if (!is_blank((unsigned char) text[i]))
			any_text = true;
	if (!any_text)
	{
		*modes = 0;
		return true;
	}

	while (pos <= len)
	{
		size_t		start = pos;
		size_t		end;
		size_t		i;
		bool		known = false;

		while (pos < len && text[pos] != ',')
			pos++;
		end = pos;
		pos++;					/* past the comma (or the end) */

		while (start < end && is_blank((unsigned char) text[start]))
			start++;
		while (end > start && is_blank((unsigned char) text[end - 1]))
			end--;
		if (start == end)
		{
			snprintf(errbuf, errlen, "the mode list has an empty entry");
			return false;
		}
		for (i = 0; i < NUM_FUNNEL_MODES && !known; i++)
		{
			const char *name = funnel_modes[i].name;
			size_t		n = strlen(name);
			size_t		j;

			if (n != end - start)
				continue;
			for (j = 0; j < n; j++)
				if (ascii_tolower((unsigned char) text[start + j]) != name[j])
					break;
			if (j == n)
			{
				result |= funnel_modes[i].flag;
				known = true;
			}
		}
		if (!known)
		{
			if (end - start == 6 && ascii_tolower((unsigned char) text[start]) == 's' &&
				strncmp(text + start + 1, "trict", 5) == 0)
				snprintf(errbuf, errlen,
						 "mode \"strict\" is now called \"strict_deduplication\"");
			else
				snprintf(errbuf, errlen, "unknown mode \"%.*s\"",
						 (int) (end - start > 64 ? 64 : end - start), text + start);
			return false;
		}
	}

	if ((result & FUNNEL_ALLOW_REENTRY) && !(result & FUNNEL_STRICT_ORDER))
	{
		snprintf(errbuf, errlen, "allow_reentry only has a meaning with strict_order");
		return false;
	}
	*modes = result;
	return true;
}

void
funnel_modes_text(unsigned modes, char *buf, size_t buflen)
{
	size_t		used = 0;

	if (buflen == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < NUM_FUNNEL_MODES; i++)
	{
		int			n;

		if (!(modes & funnel_modes[i].flag))
			continue;
		n = snprintf(buf + used, buflen - used, "%s%s", used ? "," : "",
					 funnel_modes[i].name);
		if (n < 0 || (size_t) n >= buflen - used)
			return;
		used += (size_t) n;
	}
}

size_t
funnel_workspace_bytes(int nsteps, size_t max_group)
{
	size_t		levels = (size_t) nsteps + 1;

	return 2 * levels * (sizeof(bool) + sizeof(int64_t) + nsteps * sizeof(int64_t)) +
		levels * sizeof(bool) + 2 * nsteps * sizeof(int64_t) +
		max_group * (sizeof(int) + sizeof(unsigned)) + 64;
}

/* Carve the workspace; everything is aligned for int64_t first. */
static void
init_state(FunnelScanState *s, const FunnelSpec *spec, void *workspace)
{
	size_t		levels = (size_t) spec->nsteps + 1;
	size_t		chain_len = levels * spec->nsteps;
	int64_t    *i64 = (int64_t *) workspace;
	bool	   *flags;

	memset(s, 0, sizeof(*s));
	s->spec = spec;
	s->nsteps = spec->nsteps;
	s->deferred = (spec->modes & (FUNNEL_STRICT_INCREASE | FUNNEL_STRICT_ONCE)) != 0;

	s->settled.chain = i64;
	i64 += chain_len;
	s->pending.chain = i64;
	i64 += chain_len;
	s->settled.first = i64;
	i64 += levels;
	s->pending.first = i64;
	i64 += levels;
	s->best = i64;
	i64 += spec->nsteps;
	s->scratch = i64;
	i64 += spec->nsteps;

	flags = (bool *) i64;
	memset(flags, 0, 3 * levels * sizeof(bool));
	s->settled.has = flags;
	s->pending.has = flags + levels;
	s->reached = flags + 2 * levels;

	/* rows of a timestamp group, for strict_once, after the flags */
	s->row_step = (int *) (((uintptr_t) (flags + 3 * levels) + 7) & ~(uintptr_t) 7);
}

/* t - first <= window, where t >= first; an overflow is outside it. */
static bool
within_window(int64_t first, int64_t t, int64_t window)
{
	int64_t		elapsed;

	if (__builtin_sub_overflow(t, first, &elapsed))
		return false;
	return elapsed <= window;
}

/* May the chain that started at first take a step at time t? */
static bool
chain_usable(const FunnelScanState *s, int64_t first, int64_t t)
{
	if (!within_window(first, t, s->spec->window))
		return false;
	/* an exclusion strictly after the chain's start and before t spoils it */
	if (s->has_exclusion && s->last_exclusion > first)
		return false;
	return true;
}

/*
 * A chain reached level k: it started at first, its steps 1..k-1 are
 * prefix[0..k-2] and step k is at t.  Keep it if it starts later than the
 * chain the slot has (on a tie, the newer one, as ClickHouse does).
 */
static void
record_chain(FunnelScanState *s, LevelSlots *slots, int k, int64_t first,
			 const int64_t *prefix, int64_t t)
{
	int64_t    *chain = slots->chain + (size_t) k * s->nsteps;

	if (!slots->has[k] || first >= slots->first[k])
	{
		slots->has[k] = true;
		slots->first[k] = first;
		if (s->track_chains)
		{
			if (k > 1)
				memmove(chain, prefix, (size_t) (k - 1) * sizeof(int64_t));
			chain[k - 1] = t;
		}
	}
	s->reached[k] = true;
	if (k > s->level)
	{
		s->level = k;
		if (s->track_chains)
			memcpy(s->best, chain, (size_t) k * sizeof(int64_t));
	}
}

/* Time moves on: chains formed at the previous timestamp become usable. */
static void
settle_pending(FunnelScanState *s)
{
	for (int k = 1; k <= s->nsteps; k++)
	{
		if (!s->pending.has[k])
			continue;
		if (!s->settled.has[k] || s->pending.first[k] >= s->settled.first[k])
		{
			s->settled.has[k] = true;
			s->settled.first[k] = s->pending.first[k];
			if (s->track_chains)
				memcpy(s->settled.chain + (size_t) k * s->nsteps,
					   s->pending.chain + (size_t) k * s->nsteps,
					   (size_t) k * sizeof(int64_t));
		}
		s->pending.has[k] = false;
	}
}

/* Kuhn's augmenting path: give step to a row of the group other than skip. */
static bool
assign_step(FunnelScanState *s, int step, size_t skip)
{
	uint64_t	bit = UINT64_C(1) << (step - 1);

	for (size_t r = 0; r < s->group_size; r++)
	{
		if (r == skip || !(s->group[r].mask & bit) || s->row_visit[r] == s->visit_stamp)
			continue;
		s->row_visit[r] = s->visit_stamp;
		if (s->row_step[r] == 0 || assign_step(s, s->row_step[r], skip))
		{
			s->row_step[r] = step;
			return true;
		}
	}
	return false;
}

/*
 * strict_once: the best chain for step k on row `row` of the group.  Its
 * steps j..k-1 (if any) are on other rows of the group, its steps before j
 * are a settled chain (or j = 1 and it starts here).
 */
static void
strict_once_step(FunnelScanState *s, int64_t t, int k, size_t row)
{
	bool		found = false;
	int64_t		best_first = 0;
	int			best_j = 0;

	if (s->settled.has[k - 1] && chain_usable(s, s->settled.first[k - 1], t))
	{
		found = true;
		best_first = s->settled.first[k - 1];
		best_j = k;
	}

	/* with strict_increase too, no two steps share a timestamp */
	memset(s->row_step, 0, s->group_size * sizeof(int));
	for (int j = k - 1; j >= 1 && !(s->spec->modes & FUNNEL_STRICT_INCREASE); j--)
	{
		s->visit_stamp++;
		if (!assign_step(s, j, row))
			break;
		if (j == 1)
		{
			/* a chain starting now: no later start is possible */
			found = true;
			best_first = t;
			best_j = 1;
			break;
		}
		if (s->settled.has[j - 1] && chain_usable(s, s->settled.first[j - 1], t) &&
			(!found || s->settled.first[j - 1] > best_first))
		{
			found = true;
			best_first = s->settled.first[j - 1];
			best_j = j;
		}
	}
	if (!found)
		return;

	/* steps before best_j from the settled chain, the rest at t */
	if (best_j > 1 && s->track_chains)
		memcpy(s->scratch, s->settled.chain + (size_t) (best_j - 1) * s->nsteps,
			   (size_t) (best_j - 1) * sizeof(int64_t));
	for (int i = best_j - 1; i < k - 1; i++)
		s->scratch[i] = t;
	record_chain(s, &s->pending, k, best_first, s->scratch, t);
}

/* One (time, step, row) event, in scan order. */
static ScanAction
step_event(FunnelScanState *s, int64_t t, int k, size_t row)
{
	unsigned	modes = s->spec->modes;
	LevelSlots *target = s->deferred ? &s->pending : &s->settled;

	if (k == 1)
	{
		/* A step-1 event starts a chain; repeats never deduplicate. */
		s->started = true;
		record_chain(s, target, 1, t, NULL, t);
		return s->level == s->nsteps ? SCAN_STOP : SCAN_CONTINUE;
	}

	if ((modes & FUNNEL_STRICT_DEDUPLICATION) && s->reached[k])
		return SCAN_STOP;
	/* before the first step-1 event, strict_order ignores what it sees */
	if ((modes & FUNNEL_STRICT_ORDER) && s->started && !s->reached[k - 1])
		return (modes & FUNNEL_ALLOW_REENTRY) ? SCAN_CONTINUE : SCAN_STOP;

	if (modes & FUNNEL_STRICT_ONCE)
		strict_once_step(s, t, k, row);
	else if (s->settled.has[k - 1] && chain_usable(s, s->settled.first[k - 1], t))
		record_chain(s, target, k, s->settled.first[k - 1],
					 s->settled.chain + (size_t) (k - 1) * s->nsteps, t);

	return s->level == s->nsteps ? SCAN_STOP : SCAN_CONTINUE;
}

int
funnel_scan(const FunnelSpec *spec, const JourneyEvent *events,
			size_t nevents, void *workspace, int64_t *chain_ts,
			void (*check_interrupts) (void))
{
	FunnelScanState s;
	uint64_t	step_bits = condition_bits(spec->nsteps);
	size_t		start = 0;
	size_t		groups = 0;
	bool		exclusion_in_group = false;

	init_state(&s, spec, workspace);
	s.track_chains = chain_ts != NULL;

	while (start < nevents)
	{
		int64_t		t = events[start].ts;
		size_t		end = start;
		uint64_t	group_steps = 0;
		bool		group_has_stepless = false;

		if (check_interrupts && (++groups & 0x3FF) == 0)
			check_interrupts();

		/* time moves on */
		if (s.deferred)
			settle_pending(&s);
		if (exclusion_in_group)
		{
			s.has_exclusion = true;
			s.last_exclusion = events[start - 1].ts;
		}
		exclusion_in_group = false;

		while (end < nevents && events[end].ts == t)
		{
			uint64_t	steps = events[end].mask & step_bits;

			group_steps |= steps;
			if (steps == 0)
				group_has_stepless = true;
			if (spec->exclude_bit && (events[end].mask & spec->exclude_bit))
				exclusion_in_group = true;
			end++;
		}
		s.group = events + start;
		s.group_size = end - start;
		if (spec->modes & FUNNEL_STRICT_ONCE)
		{
			s.row_visit = (unsigned *) (s.row_step + s.group_size);
			memset(s.row_visit, 0, s.group_size * sizeof(unsigned));
			s.visit_stamp = 0;
		}

		/* strict_order: a row matching no step, once started, ends the scan */
		if ((spec->modes & FUNNEL_STRICT_ORDER) && s.started && group_has_stepless)
			break;

		/* the group's events, step by step, rows in order within a step */
		while (group_steps)
		{
			int			k = __builtin_ctzll(group_steps) + 1;
			uint64_t	bit = UINT64_C(1) << (k - 1);
			bool		stop = false;

			group_steps &= group_steps - 1;
			for (size_t r = 0; r < s.group_size && !stop; r++)
				if (s.group[r].mask & bit)
					stop = step_event(&s, t, k, r) == SCAN_STOP;
			if (stop)
				goto done;
		}
		start = end;
	}

done:
	if (chain_ts && s.level > 0)
		memcpy(chain_ts, s.best, (size_t) s.level * sizeof(int64_t));
	return s.level;
}
