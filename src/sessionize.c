/*-------------------------------------------------------------------------
 *
 * sessionize.c
 *	  journey.sessionize(ts, gap) OVER (PARTITION BY customer ORDER BY ts):
 *	  the visit (session) number of each row.
 *
 * A gap strictly longer than `gap` since the previous row starts a new
 * session.  The function keeps three values per partition, so its memory
 * does not grow with the partition, and lets the window drop rows behind
 * it.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/int.h"
#include "fmgr.h"
#include "utils/timestamp.h"
#include "windowapi.h"

#include "event_state.h"

PG_FUNCTION_INFO_V1(sessionize);

typedef struct SessionizeState
{
	bool		started;		/* a row with a time was seen */
	int64		session;		/* the current session number */
	int64		last_ts;		/* time of the latest row with a time */
	int64		gap;			/* the gap, microseconds */
	int32		gap_days;		/* the gap as first given */
	int64		gap_time;
} SessionizeState;

Datum
sessionize(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	SessionizeState *state;
	bool		isnull;
	Datum		ts_datum;
	Interval   *gap;
	int64		ts;
	int64		elapsed;

	state = (SessionizeState *) WinGetPartitionLocalMemory(winobj, sizeof(SessionizeState));
	WinSetMarkPosition(winobj, WinGetCurrentPosition(winobj));

	gap = DatumGetIntervalP(WinGetFuncArgCurrent(winobj, 1, &isnull));
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the session gap must not be NULL"),
				 errhint("Give the gap that ends a session, e.g. '30 minutes'.")));
	if (!state->started || gap->day != state->gap_days || gap->time != state->gap_time ||
		gap->month != 0)
	{
		int64		microseconds = WindowMicroseconds(gap, "the session gap");

		if (state->started && microseconds != state->gap)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the session gap changes within a partition"),
					 errhint("Every row of a partition must use the same gap.")));
		state->gap = microseconds;
		state->gap_days = gap->day;
		state->gap_time = gap->time;
	}

	ts_datum = WinGetFuncArgCurrent(winobj, 0, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	ts = DatumGetInt64(ts_datum);

	if (!state->started)
	{
		state->started = true;
		state->session = 1;
	}
	else if (ts < state->last_ts)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sessionize needs its rows in time order, but a row goes back in time"),
				 errhint("Use journey.sessionize(ts, gap) OVER (PARTITION BY customer ORDER BY ts).")));
	else if (pg_sub_s64_overflow(ts, state->last_ts, &elapsed) || elapsed > state->gap)
		state->session++;
	state->last_ts = ts;
	PG_RETURN_INT64(state->session);
}
