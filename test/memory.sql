-- Memory that the aggregates allocate must go away with the row, group or
-- query that needed it.  Leak checkers cannot tell a leak from memory a
-- server keeps on purpose, so this test watches the backend's memory
-- contexts (pg_backend_memory_contexts) instead:
--   * inside one query: every aggregate as a window aggregate over a moving
--     frame, whose state PostgreSQL rebuilds for each of 12,000 rows, uses
--     no more memory at row 12,000 than at row 2,000 beyond what the same
--     query with the built-in count(*) uses (a leak of 8 bytes per call
--     would add 80 kB);
--   * across queries: running each grouped query again, once its caches
--     are warm, leaves the session no bigger.
BEGIN;
SELECT plan(24);

CREATE FUNCTION pg_temp.backend_memory() RETURNS bigint LANGUAGE sql VOLATILE AS $$
    SELECT sum(total_bytes)::bigint FROM pg_backend_memory_contexts
$$;

CREATE TEMP TABLE mem_events AS
    SELECT i, '2026-01-01'::timestamptz + i * interval '1 minute' AS ts,
           (ARRAY['search_ad', 'blog_post', 'webinar', 'pricing_page', 'checkout'])[1 + i % 5] AS touchpoint,
           (ARRAY['paid_search', 'content', 'email'])[1 + i % 3] AS channel,
           (1 + i % 5)::journey.stage AS stage,
           i % 7 = 6 AS converted
    FROM generate_series(1, 12000) AS i;
ANALYZE mem_events;

-- Bytes gained between row 2,000 and row 12,000 while `call` runs as a
-- window aggregate over the previous 30 rows, and whether every row got a
-- result.
CREATE FUNCTION pg_temp.window_growth(call text, OUT growth bigint, OUT answered bigint)
    LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format($q$
        SELECT max(m) FILTER (WHERE rn = 12000) - max(m) FILTER (WHERE rn = 2000), count(r)
        FROM (SELECT rn, CASE WHEN rn IN (2000, 12000) THEN pg_temp.backend_memory() END AS m, r
              FROM (SELECT row_number() OVER (ORDER BY ts) AS rn,
                           %s OVER (ORDER BY ts ROWS BETWEEN 30 PRECEDING AND CURRENT ROW) AS r
                    FROM mem_events) AS w) AS s$q$, call)
        INTO growth, answered;
END
$$;

CREATE TEMP TABLE baseline AS SELECT growth FROM pg_temp.window_growth('count(*)');

CREATE FUNCTION pg_temp.no_growth_in_window(call text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    result record;
BEGIN
    SELECT * INTO result FROM pg_temp.window_growth(call);
    RETURN NEXT cmp_ok(result.growth - (SELECT growth FROM baseline), '<', 65536::bigint,
                       call || ' over a moving frame does not grow the backend');
END
$$;

SELECT pg_temp.no_growth_in_window(call) FROM unnest(ARRAY[
    $$journey.window_funnel('1 hour', ts, touchpoint = 'search_ad', touchpoint = 'webinar', converted)$$,
    $$journey.window_funnel('1 hour', 'strict_order,strict_once', ts, touchpoint = 'search_ad', touchpoint = 'webinar')$$,
    $$journey.window_funnel_events('1 hour', ts, touchpoint = 'search_ad', touchpoint = 'webinar', converted)$$,
    $$journey.window_funnel_excluding('1 hour', '', ts, channel = 'email', touchpoint = 'search_ad', converted)$$,
    $$journey.stage_funnel('1 hour', ts, stage)$$,
    $$journey.touches_before(ts, converted)$$,
    $$journey.time_to_conversion(ts, converted)$$,
    $$journey.path(ts, touchpoint)$$,
    $$journey.path_to(ts, channel, converted, 5, false)$$,
    $$journey.sequence_match('(?1).*(?t<=3600)(?2)', ts, touchpoint = 'search_ad', converted)$$,
    $$journey.sequence_count('(?1)(?2)', ts, touchpoint = 'search_ad', touchpoint = 'blog_post')$$,
    $$journey.sequence_match_events('(?1).*(?2)', ts, touchpoint = 'search_ad', converted)$$,
    $$journey.sequence_next_node('forward', 'first_match', ts, touchpoint, true, touchpoint = 'webinar')$$,
    $$journey.attribution('position_based', ts, channel, converted)$$,
    $$journey.retention(touchpoint = 'search_ad', converted)$$,
    $$journey.nps(i % 11)$$,
    $$journey.csat(1 + i % 5)$$,
    $$journey.funnel_counts(i % 4, 3)$$,
    $$journey.markov_attribution(ARRAY[channel, touchpoint], i % 2, 1 - i % 2)$$,
    $$journey.shapley_attribution(ARRAY[channel, touchpoint], i % 2)$$
]) AS call;

-- Across queries: the grouped form of each family, run again, leaves the
-- session as big as it was.
CREATE TEMP TABLE mem_sample AS SELECT * FROM journey.sample_events(3000, 5);
ANALYZE mem_sample;

-- The growth of the backend over two runs of the query, after four runs
-- (and the same statements of this function) have warmed every cache.
CREATE FUNCTION pg_temp.session_growth(query text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    memory bigint[] := '{}';
BEGIN
    FOR round IN 1..3 LOOP
        EXECUTE query;
        EXECUTE query;
        memory := memory || pg_temp.backend_memory();
    END LOOP;
    RETURN memory[3] - memory[2];
END
$$;

SELECT is(pg_temp.session_growth($$
    SELECT count(*) FROM (
        SELECT customer_id,
               journey.window_funnel('7 days', occurred_at, stage = 'awareness', stage = 'consideration', revenue IS NOT NULL) AS f,
               journey.window_funnel_events('7 days', occurred_at, stage = 'awareness', revenue IS NOT NULL) AS e,
               journey.stage_funnel('30 days', occurred_at, stage) AS s,
               journey.touches_before(occurred_at, revenue IS NOT NULL) AS t,
               journey.sequence_match('(?1).*(?2)', occurred_at, touchpoint = 'webinar', revenue IS NOT NULL) AS m
        FROM mem_sample GROUP BY customer_id) AS q
    WHERE f IS NOT NULL AND e IS NOT NULL AND s IS NOT NULL AND m IS NOT NULL$$), 0::bigint,
    'funnels, touches and patterns leave the session as big as they found it');

SELECT is(pg_temp.session_growth($$
    SELECT count(*) FROM (
        SELECT customer_id, journey.path(occurred_at, channel) AS p,
               journey.path_to(occurred_at, touchpoint, revenue IS NOT NULL) AS pt,
               journey.attribution('time_decay(half_life=7 days)', occurred_at, channel, revenue IS NOT NULL, revenue) AS a,
               journey.sequence_next_node('forward', 'head', occurred_at, touchpoint, true, true) AS n
        FROM mem_sample GROUP BY customer_id) AS q
    WHERE p IS NOT NULL AND pt IS NOT NULL AND a IS NOT NULL AND n IS NOT NULL$$), 0::bigint,
    'paths, attribution and next nodes leave the session as big as they found it');

SELECT is(pg_temp.session_growth($$
    SELECT journey.markov_attribution(p, c, n), journey.shapley_attribution(p, c)
    FROM (SELECT path, count(*) FILTER (WHERE converted) AS c, count(*) FILTER (WHERE NOT converted) AS n
          FROM (SELECT customer_id, journey.path_to(occurred_at, channel, revenue IS NOT NULL) AS path,
                       bool_or(revenue IS NOT NULL) AS converted
                FROM mem_sample GROUP BY customer_id) AS per_customer
          GROUP BY path) AS paths (p, c, n)$$), 0::bigint,
    'Markov and Shapley attribution leave the session as big as they found it');

SELECT is(pg_temp.session_growth($$
    SELECT journey.retention(stage = 'awareness', revenue IS NOT NULL), journey.nps(i), journey.csat(1 + i % 5),
           journey.funnel_counts(i % 4, 3)
    FROM (SELECT *, (extract(epoch FROM occurred_at)::bigint % 11)::integer AS i FROM mem_sample) AS s$$), 0::bigint,
    'rollups leave the session as big as they found it');

SELECT * FROM finish();
ROLLBACK;
