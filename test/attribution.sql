-- Attribution properties: the Shapley closed form against a brute-force
-- enumeration of coalitions, credits that add up over the sample data, and
-- the same answer from parallel workers.
BEGIN;
SELECT plan(7);

-- Shapley: phi_i = sum over coalitions S without i of
-- |S|! (n - |S| - 1)! / n! * (v(S + i) - v(S)), v(S) = conversions of the
-- journeys whose channel set S contains.
CREATE TEMP TABLE journeys (channels text[], conversions bigint);
INSERT INTO journeys VALUES ('{a,b}', 6), ('{b}', 2), ('{b,c,a}', 3), ('{d,a,d}', 5), ('{c}', 1),
    ('{a,b,c,d}', 8), ('{}', 4);
CREATE TEMP TABLE channel_bits AS
    SELECT c AS channel, (row_number() OVER (ORDER BY c) - 1)::integer AS bit
    FROM (SELECT DISTINCT unnest(channels) AS c FROM journeys) AS x;
CREATE TEMP TABLE journey_masks AS
    SELECT coalesce((SELECT sum(1 << b.bit) FROM channel_bits AS b WHERE b.channel = ANY (j.channels)), 0)::integer AS mask,
           j.conversions
    FROM journeys AS j;
CREATE FUNCTION pg_temp.worth(coalition integer) RETURNS numeric LANGUAGE sql AS
    $$SELECT coalesce(sum(conversions), 0) FROM journey_masks WHERE mask & ~coalition = 0$$;
SELECT is_empty($$
    WITH n AS (SELECT count(*)::integer AS n FROM channel_bits),
    brute AS (
        SELECT b.channel,
               sum(factorial(length(replace(s::bit(4)::text, '0', '')))
                   * factorial(n.n - length(replace(s::bit(4)::text, '0', '')) - 1) / factorial(n.n)
                   * (pg_temp.worth(s | (1 << b.bit)) - pg_temp.worth(s))) AS phi
        FROM channel_bits AS b, n, generate_series(0, (1 << n.n) - 1) AS s
        WHERE s & (1 << b.bit) = 0
        GROUP BY b.channel)
    SELECT * FROM brute
    JOIN (SELECT c.channel, c.conversions
            FROM (SELECT journey.shapley_attribution(channels, conversions) AS credits FROM journeys) AS s,
                 unnest(s.credits) AS c) AS ours USING (channel)
    WHERE abs(brute.phi - ours.conversions::numeric) > 1e-9$$,
    'shapley_attribution equals the Shapley value enumerated over all 16 coalitions');

CREATE TEMP TABLE sample AS SELECT * FROM journey.sample_events(3000, 21);

-- Every model hands out exactly each conversion and its value.
SELECT is_empty($$
    SELECT customer_id, m
    FROM sample, unnest(ARRAY['first_touch', 'last_touch', 'linear', 'position_based',
                              'time_decay(half_life=2 days, lookback=30 days)']) AS m
    GROUP BY customer_id, m
    HAVING abs(coalesce((SELECT sum(c.conversions) FROM unnest(journey.attribution(m, occurred_at, channel, revenue IS NOT NULL,
                                                                               revenue::float8)) AS c), 0)
               - count(*) FILTER (WHERE revenue IS NOT NULL)) > 1e-9
        OR abs(coalesce((SELECT sum(c.value) FROM unnest(journey.attribution(m, occurred_at, channel, revenue IS NOT NULL,
                                                                         revenue::float8)) AS c), 0)
               - coalesce(sum(revenue::float8) FILTER (WHERE revenue IS NOT NULL), 0)) > 1e-9 * (1 + coalesce(sum(revenue::float8), 0))$$,
    'every model credits each customer''s conversions and revenue in full');
SELECT ok((SELECT count(*) > 500 FROM sample WHERE revenue IS NOT NULL), 'the sample has conversions to credit');

-- One row per distinct channel path to a first purchase, with its counts
-- (not a temporary table: those are never scanned in parallel).
CREATE TABLE attribution_paths AS
    SELECT path, count(*) FILTER (WHERE bought) AS conversions, count(*) FILTER (WHERE NOT bought) AS nulls
    FROM (SELECT journey.path_to(occurred_at, channel, revenue IS NOT NULL) AS path,
                 bool_or(revenue IS NOT NULL) AS bought
            FROM sample GROUP BY customer_id) AS p
    GROUP BY path;
ANALYZE attribution_paths;
CREATE TEMP TABLE serial_markov AS
    SELECT journey.markov_attribution(path, conversions, nulls) AS m1,
           journey.markov_attribution(path, conversions, nulls, 2) AS m2,
           journey.shapley_attribution(path, conversions) AS s
    FROM attribution_paths;
SELECT ok((SELECT abs(sum(c.conversions) - (SELECT sum(conversions) FROM attribution_paths)) < 1e-9
                  AND bool_and(c.removal_effect BETWEEN 0 AND 1)
             FROM serial_markov, unnest(m1) AS c),
          'Markov credits sum to the conversions; removal effects lie in 0..1');
SELECT ok((SELECT abs(sum(c.conversions) - (SELECT sum(conversions) FROM attribution_paths WHERE cardinality(path) > 0)) < 1e-9
             FROM serial_markov, unnest(s) AS c),
          'Shapley credits sum to the conversions of journeys with a channel');

-- Parallel workers: the same answers to the last bit.
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
SELECT matches(test_helpers.plan_of('SELECT journey.markov_attribution(path, conversions, nulls) FROM attribution_paths',
                                    'ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF'),
               '(?s)Finalize.*Workers Launched: [1-9].*Partial', 'markov_attribution runs in parallel workers');
SELECT results_eq(
    $$SELECT journey.markov_attribution(path, conversions, nulls), journey.markov_attribution(path, conversions, nulls, 2),
             journey.shapley_attribution(path, conversions) FROM attribution_paths$$,
    $$SELECT m1, m2, s FROM serial_markov$$,
    'and give exactly the serial answers');

SELECT * FROM finish();
ROLLBACK;
