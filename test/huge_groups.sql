-- One customer with five million events, in reverse time order (so every
-- buffer is sorted at the end): every per-customer aggregate answers, and
-- a statement timeout or pg_cancel_backend stops such a query, or a long
-- Markov solve, within a second.
BEGIN;
SELECT plan(4);
SET LOCAL work_mem = '256MB';

CREATE TEMP VIEW huge_customer AS
    SELECT i, '2026-01-01'::timestamptz + i * interval '1 second' AS t
    FROM generate_series(4999999, 0, -1) AS i;

-- Derived by hand: the conditions cycle with i, so every chain completes;
-- touches before the last row are all the others; the sequence pairs are
-- (0,1), (2,3), ...; the last row with i % 7 = 3 is 4999998, followed by
-- 4999999 (% 7 = 4); of the scores i % 11, 0..4 occur 454546 times and
-- 5..10 454545 times, so NPS = 100 * (909090 - 3181820) / 5000000.
SELECT results_eq($$
    SELECT journey.window_funnel('7 days', t, i % 3 = 0, i % 3 = 1, i % 3 = 2),
           journey.window_funnel('7 days', 'strict_once', t, i % 3 = 0, i % 3 = 1, i % 3 = 2),
           journey.stage_funnel('30 days', t, (1 + i % 5)::journey.stage)::text,
           journey.touches_before(t, i = 4999999),
           cardinality(journey.path(t, (i % 7)::text, 1000, false)),
           cardinality(journey.path_to(t, (i % 7)::text, i = 4999999, 1000, false)),
           journey.retention(i % 2 = 0, i % 3 = 0),
           journey.sequence_count('(?1)(?t<=1)(?2)', t, i % 2 = 0, i % 2 = 1),
           journey.sequence_match_events('(?1).*(?t==3)(?2)', t, i % 2 = 0, i % 2 = 1)
               = ARRAY['2026-01-01 00:00:00+00', '2026-01-01 00:00:03+00']::timestamptz[],
           journey.sequence_next_node('forward', 'last_match', t, (i % 7)::text, true, i % 7 = 3),
           round(journey.nps(i % 11)::numeric, 4)
    FROM huge_customer$$,
    $$VALUES (3, 3, 'advocacy', 4999999, 1000, 1000, ARRAY[true, true], 2500000::bigint, true, '4', -45.4546)$$,
    'every aggregate answers over one customer with 5M events');

CREATE FUNCTION pg_temp.seconds_until_cancelled(query text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    started timestamptz := clock_timestamp();
BEGIN
    EXECUTE query;
    RETURN NULL;
EXCEPTION WHEN query_canceled THEN
    RETURN extract(epoch FROM clock_timestamp() - started);
END
$$;
SET LOCAL statement_timeout = '1s';
SELECT cmp_ok(pg_temp.seconds_until_cancelled(
                   $$SELECT journey.sequence_match_events('(?1).*(?t==3)(?2)', t, i % 2 = 0, i % 2 = 1),
                            journey.window_funnel('7 days', t, i % 3 = 0, i % 3 = 1, i % 3 = 2)
                     FROM huge_customer, generate_series(1, 4)$$),
              '<', 2.0::float8, 'statement_timeout stops a 20M-event funnel and pattern match within a second');

-- 300,000 paths over 300 channels are collected in a fraction of a second
-- and then take seconds to solve (301 solves of 300 states).
SELECT cmp_ok(pg_temp.seconds_until_cancelled(
                   $$SELECT journey.markov_attribution(ARRAY[(i % 300)::text, ((i * 7) % 301)::text,
                                                             ((i * 13) % 299)::text], (i % 2)::bigint,
                                                       (1 - i % 2)::bigint)
                     FROM generate_series(1, 300000) AS i$$),
              '<', 2.0::float8, 'statement_timeout stops a Markov solve within a second');
SET LOCAL statement_timeout = 0;

-- pg_cancel_backend from another session, one second into the query.
CREATE EXTENSION IF NOT EXISTS dblink;
SELECT dblink_connect('busy', format('dbname=%s port=%s host=%s', current_database(), current_setting('port'),
                                     split_part(current_setting('unix_socket_directories'), ',', 1)));
CREATE FUNCTION pg_temp.seconds_from_cancel_to_error(query text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    busy_pid integer := (SELECT p FROM dblink('busy', 'SELECT pg_backend_pid()') AS t (p integer));
    cancelled timestamptz;
BEGIN
    PERFORM dblink_send_query('busy', query);
    PERFORM pg_sleep(1);
    cancelled := clock_timestamp();
    PERFORM pg_cancel_backend(busy_pid);
    PERFORM * FROM dblink_get_result('busy') AS t (r text);
    RETURN NULL;
EXCEPTION WHEN query_canceled THEN
    -- the other session's "canceling statement due to user request"
    RETURN extract(epoch FROM clock_timestamp() - cancelled);
END
$$;
SELECT cmp_ok(pg_temp.seconds_from_cancel_to_error(
                   $$SELECT journey.window_funnel('7 days', t, i % 3 = 0, i % 3 = 1, i % 3 = 2)::text
                     FROM (SELECT i, '2026-01-01'::timestamptz + i * interval '1 second' AS t
                           FROM generate_series(19999999, 0, -1) AS i) AS huge$$),
              '<', 1.0::float8, 'pg_cancel_backend stops a 20M-event funnel within a second');
SELECT dblink_disconnect('busy');

SELECT * FROM finish();
ROLLBACK;
