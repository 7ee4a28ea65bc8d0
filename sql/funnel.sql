-- Funnels: window_funnel and its modes, window_funnel_events,
-- window_funnel_excluding, stage_funnel, funnel_counts, funnel_report
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- Each case is a customer whose events are named a, b, c, d, e, x at whole
-- seconds after 2026-01-01 00:00:00; a row may carry several names ('abc').
CREATE TABLE funnel_events (case_name text, second integer, names text);
CREATE FUNCTION at_second(integer) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE AS $$ SELECT '2026-01-01 00:00:00+00'::timestamptz + $1 * interval '1 second' $$;
INSERT INTO funnel_events VALUES
    -- ClickHouse's documentation: steps a, b, c and a long window
    ('in order', 1, 'a'), ('in order', 2, 'b'), ('in order', 3, 'c'), ('in order', 4, 'd'),
    ('reversed', 1, 'd'), ('reversed', 2, 'c'), ('reversed', 3, 'b'), ('reversed', 4, 'a'),
    ('no start', 1, 'd'), ('no start', 2, 'c'),
    -- one row matching every step
    ('one row', 1, 'abc'),
    -- strict_order cases of ClickHouse's pull request 9773
    ('abc', 1, 'a'), ('abc', 2, 'b'), ('abc', 3, 'c'),
    ('adbc', 1, 'a'), ('adbc', 2, 'd'), ('adbc', 3, 'b'), ('adbc', 4, 'c'),
    ('aabbdcc', 1, 'a'), ('aabbdcc', 2, 'a'), ('aabbdcc', 3, 'b'), ('aabbdcc', 4, 'b'),
    ('aabbdcc', 5, 'd'), ('aabbdcc', 6, 'c'), ('aabbdcc', 7, 'c'),
    ('ccbbaa', 1, 'c'), ('ccbbaa', 2, 'c'), ('ccbbaa', 3, 'b'), ('ccbbaa', 4, 'b'),
    ('ccbbaa', 5, 'a'), ('ccbbaa', 6, 'a'),
    ('abac', 1, 'a'), ('abac', 2, 'b'), ('abac', 3, 'a'), ('abac', 4, 'c'),
    ('acbc', 1, 'a'), ('acbc', 2, 'c'), ('acbc', 3, 'b'), ('acbc', 4, 'c'),
    ('a+c at once', 1, 'ac'), ('a+c at once', 2, 'b'), ('a+c at once', 3, 'c'),
    -- a step already reached seen again, after the first chain expired
    ('repeat after expiry', 0, 'a'), ('repeat after expiry', 1, 'b'),
    ('repeat after expiry', 100, 'a'), ('repeat after expiry', 101, 'b'),
    ('repeat after expiry', 102, 'c'),
    -- ties at one timestamp: ClickHouse issue 93789 and row identity
    ('tie 93789', 0, 'a'), ('tie 93789', 1, 'a'), ('tie 93789', 1, 'b'),
    ('two rows, one time', 5, 'a'), ('two rows, one time', 5, 'b'),
    ('ab+a at one time', 5, 'ab'), ('ab+a at one time', 5, 'a'),
    ('ab+b at one time', 5, 'ab'), ('ab+b at one time', 5, 'b'),
    -- the window is measured from the step-1 event of the chain, inclusive
    ('window edge', 0, 'a'), ('window edge', 5, 'b'), ('window edge', 10, 'c'),
    ('late restart', 0, 'a'), ('late restart', 8, 'a'), ('late restart', 12, 'b'), ('late restart', 18, 'c'),
    -- exclusions (x)
    ('x between', 0, 'a'), ('x between', 1, 'x'), ('x between', 2, 'b'),
    ('x with start', 0, 'a'), ('x with start', 0, 'x'), ('x with start', 2, 'b'),
    ('x with step', 0, 'a'), ('x with step', 2, 'x'), ('x with step', 2, 'b'),
    ('x after', 0, 'a'), ('x after', 1, 'b'), ('x after', 2, 'x'),
    ('x then restart', 0, 'a'), ('x then restart', 1, 'x'), ('x then restart', 2, 'a'), ('x then restart', 3, 'b'),
    -- NULLs: a NULL time is ignored, a NULL name matches no step
    ('nulls', NULL, 'a'), ('nulls', 1, NULL), ('nulls', 2, 'a'), ('nulls', 3, 'b');

-- one row per case: levels in the default mode and in every mode
SELECT case_name,
       journey.window_funnel('1 hour', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c') AS default_mode,
       journey.window_funnel('1 hour', 'strict_deduplication', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c') AS dedup,
       journey.window_funnel('1 hour', 'strict_order', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c') AS strict_order,
       journey.window_funnel('1 hour', 'strict_order, allow_reentry', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c') AS reentry,
       journey.window_funnel('1 hour', 'strict_increase', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c') AS increase,
       journey.window_funnel('1 hour', 'strict_once', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c') AS once
FROM funnel_events
WHERE case_name NOT LIKE 'x %' AND case_name NOT IN ('window edge', 'late restart', 'repeat after expiry')
GROUP BY case_name
ORDER BY case_name;

-- the window: from the chain's step-1 event, inclusive
SELECT case_name,
       journey.window_funnel('10 seconds', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c') AS w10,
       journey.window_funnel('9 seconds', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c') AS w9,
       journey.window_funnel_events('10 seconds', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c') AS steps_w10
FROM funnel_events WHERE case_name IN ('window edge', 'late restart')
GROUP BY case_name ORDER BY case_name;
SELECT journey.window_funnel('0 seconds', at_second(second), names ~ 'a', names ~ 'b') AS zero_window_same_time
FROM funnel_events WHERE case_name = 'one row';

-- strict_deduplication stops at a repeated step even when the level it
-- repeats belonged to an expired chain
SELECT journey.window_funnel('10 seconds', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c') AS default_mode,
       journey.window_funnel('10 seconds', 'strict_deduplication', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c') AS dedup
FROM funnel_events WHERE case_name = 'repeat after expiry';

-- ClickHouse's window facts: rows at t = 3..7 match steps 1..5
SELECT journey.window_funnel('4 seconds', at_second(t), t = 3, t = 4, t = 5, t = 6, t = 7) AS window_4,
       journey.window_funnel('3 seconds', at_second(t), t = 3, t = 4, t = 5, t = 6, t = 7) AS window_3
FROM generate_series(3, 7) AS t;

-- deduplication over events 1000..1006 with 1005 twice
SELECT journey.window_funnel('1 hour', at_second(i), event = 1000, event = 1001, event = 1002, event = 1003,
                             event = 1004, event = 1005, event = 1006) AS default_mode,
       journey.window_funnel('1 hour', 'strict_deduplication', at_second(i), event = 1000, event = 1001,
                             event = 1002, event = 1003, event = 1004, event = 1005, event = 1006) AS dedup
FROM (VALUES (1, 1000), (2, 1001), (3, 1002), (4, 1003), (5, 1004), (6, 1005), (7, 1005), (8, 1006))
     AS v (i, event);

-- exclusions: a chain with an x strictly between its first and last steps
-- does not count; an x at the time of a step is not between
SELECT case_name,
       journey.window_funnel_excluding('1 hour', '', at_second(second), names ~ 'x', names ~ 'a', names ~ 'b') AS level
FROM funnel_events WHERE case_name LIKE 'x %'
GROUP BY case_name ORDER BY case_name;

-- window_funnel_events: one timestamp per step reached
SELECT case_name,
       journey.window_funnel_events('1 hour', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c') AS steps,
       journey.window_funnel_events('1 hour', 'strict_increase', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c') AS steps_increase
FROM funnel_events WHERE case_name IN ('in order', 'tie 93789', 'late restart', 'nulls', 'no start')
GROUP BY case_name ORDER BY case_name;

-- empty groups and the timestamp (without time zone) forms
SELECT journey.window_funnel('1 hour', at_second(second), true) AS no_rows,
       journey.window_funnel_events('1 hour', at_second(second), true) AS no_events,
       journey.stage_funnel('1 hour', at_second(second), NULL) AS no_stage
FROM funnel_events WHERE false;
SELECT journey.window_funnel('1 hour', at_second(second)::timestamp, names ~ 'a', names ~ 'b') AS level,
       journey.window_funnel_events('1 hour', '', at_second(second)::timestamp, names ~ 'a', names ~ 'b') AS steps
FROM funnel_events WHERE case_name = 'in order';

-- 64 steps, one row each, in order; a running level as a window aggregate
SELECT journey.window_funnel('1 day', at_second(i), VARIADIC (SELECT array_agg(s = i ORDER BY s) FROM generate_series(1, 64) AS s)) AS level_64
FROM generate_series(1, 64) AS i;
SELECT second, names,
       journey.window_funnel('1 hour', at_second(second), names ~ 'a', names ~ 'b', names ~ 'c')
           OVER (ORDER BY second) AS running_level
FROM funnel_events WHERE case_name = 'in order' ORDER BY second;

-- the stage funnel: the furthest stage reached in stage order
SELECT customer, journey.stage_funnel('30 days', at, stage) AS furthest
FROM (VALUES (1, '2026-01-01'::timestamptz, 'awareness'::journey.stage),
             (1, '2026-01-05', 'consideration'), (1, '2026-01-20', 'purchase'), (1, '2026-03-01', 'retention'),
             (2, '2026-01-01', 'consideration'), (2, '2026-01-02', 'purchase'),
             (3, '2026-01-01', 'awareness'), (3, '2026-01-02', 'purchase'),
             (4, '2026-01-01', 'awareness'), (4, '2026-01-01', 'consideration'), (4, '2026-01-01', 'purchase'),
             (4, '2026-01-01', 'retention'), (4, '2026-01-01', 'advocacy'),
             (5, NULL, 'awareness'), (5, '2026-01-01', NULL)) AS v (customer, at, stage)
GROUP BY customer ORDER BY customer;

-- times far from 2000: within 2^55 microseconds (some 1141 years) of
-- 2000-01-01 events are kept in 8 bytes, beyond in 16; the answers are
-- the same (customer 1 is all beyond, 2 and 3 straddle the range)
SELECT customer,
       journey.window_funnel('1 day', at, step = 1, step = 2, step = 3) AS level,
       journey.window_funnel_events('1 day', at, step = 1, step = 2, step = 3) AS steps
FROM (VALUES (1, '0800-06-01 00:00+00'::timestamptz, 1), (1, '0800-06-01 01:00+00', 2), (1, '0800-06-01 02:00+00', 3),
             (2, '2026-01-01 00:00+00', 1), (2, '3500-01-01 00:00+00', 2), (2, '2026-01-01 01:00+00', 2),
             (3, '-infinity', 1), (3, '2026-01-01 00:00+00', 1), (3, '2026-01-01 12:00+00', 2),
             (3, 'infinity', 3)) AS v (customer, at, step)
GROUP BY customer ORDER BY customer;

-- from levels to the table a marketer reads
SELECT journey.funnel_counts(level, 3) AS counts
FROM (VALUES (3), (1), (0), (2), (3), (NULL)) AS v (level);
SELECT * FROM journey.funnel_report('{4,3,2}', ARRAY['aware', 'considered', 'bought']);
SELECT * FROM journey.funnel_report('{0,0}');
SELECT count(*) AS no_rows FROM journey.funnel_report(NULL);

-- errors a person can act on
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT journey.window_funnel('1 month', at_second(1), true);
SELECT journey.window_funnel('-1 day', at_second(1), true);
SELECT journey.window_funnel(NULL, at_second(1), true);
SELECT journey.window_funnel('1 day', 'strict', at_second(1), true);
SELECT journey.window_funnel('1 day', 'strict_order,strict_sometimes', at_second(1), true);
SELECT journey.window_funnel('1 day', 'allow_reentry', at_second(1), true);
SELECT journey.window_funnel('1 day', 'strict_order,,strict_once', at_second(1), true);
SELECT journey.window_funnel('1 day', NULL, at_second(1), true);
SELECT journey.window_funnel('1 day', at_second(1), VARIADIC '{}'::boolean[]);
SELECT journey.window_funnel('1 day', at_second(1), VARIADIC (SELECT array_agg(true) FROM generate_series(1, 65)));
SELECT journey.window_funnel_excluding('1 day', '', at_second(1), false, VARIADIC (SELECT array_agg(true) FROM generate_series(1, 64)));
SELECT journey.window_funnel(w, at_second(1), true) FROM (VALUES (interval '1 day'), (interval '2 days')) AS v (w);
SELECT journey.window_funnel('1 day', m, at_second(1), true) FROM (VALUES ('strict_order'), ('')) AS v (m);
SELECT journey.window_funnel('1 day', at_second(1), VARIADIC c) FROM (VALUES ('{true}'::boolean[]), ('{true,false}')) AS v (c);
SELECT journey.funnel_counts(4, 3);
SELECT journey.funnel_counts(-1, 3);
SELECT journey.funnel_counts(1, s) FROM (VALUES (3), (4)) AS v (s);
