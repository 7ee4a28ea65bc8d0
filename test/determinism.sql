-- Per-customer aggregates give the same answer whatever the physical order
-- of the rows, in parallel workers (serialize, deserialize, combine) and
-- when partitions are combined in one process.
BEGIN;
SELECT plan(14);

CREATE TABLE det_events AS SELECT * FROM journey.sample_events(20000, 11);
-- Some customers also act 1500 years later, beyond the range in which
-- events are kept in 8 bytes: their buffers turn wide part way, and
-- parallel workers combine packed and wide states.
INSERT INTO det_events
    SELECT customer_id, occurred_at + interval '1500 years', touchpoint, channel, medium, stage, revenue
    FROM det_events WHERE customer_id % 50 = 0 AND extract(day FROM occurred_at)::integer % 2 = 0;
CREATE TABLE det_by_customer AS SELECT * FROM det_events ORDER BY customer_id, occurred_at;
CREATE TABLE det_by_time_desc AS SELECT * FROM det_events ORDER BY occurred_at DESC, touchpoint DESC;
CREATE TABLE det_shuffled AS
    SELECT * FROM det_events ORDER BY md5(customer_id::text || occurred_at::text || touchpoint);
CREATE TABLE det_partitioned (LIKE det_events) PARTITION BY RANGE (occurred_at);
CREATE TABLE det_partitioned_1 PARTITION OF det_partitioned FOR VALUES FROM (MINVALUE) TO ('2026-03-01');
CREATE TABLE det_partitioned_2 PARTITION OF det_partitioned FOR VALUES FROM ('2026-03-01') TO ('2026-05-01');
CREATE TABLE det_partitioned_3 PARTITION OF det_partitioned FOR VALUES FROM ('2026-05-01') TO (MAXVALUE);
INSERT INTO det_partitioned SELECT * FROM det_shuffled;
ANALYZE det_by_customer, det_by_time_desc, det_shuffled, det_partitioned;

-- The same per-customer query over each table.
DO $$
DECLARE
    source text;
BEGIN
    FOREACH source IN ARRAY ARRAY['det_by_customer', 'det_by_time_desc', 'det_shuffled', 'det_partitioned'] LOOP
        EXECUTE format($q$
            CREATE VIEW %I AS
            SELECT customer_id,
                   journey.window_funnel('7 days', occurred_at, stage = 'awareness', stage = 'consideration',
                                         revenue IS NOT NULL, stage = 'retention') AS level,
                   journey.window_funnel_events('7 days', occurred_at, stage = 'awareness', stage = 'consideration',
                                                revenue IS NOT NULL, stage = 'retention') AS steps,
                   journey.window_funnel('7 days', 'strict_deduplication', occurred_at, stage = 'awareness',
                                         stage = 'consideration', revenue IS NOT NULL) AS dedup,
                   journey.window_funnel('7 days', 'strict_order,allow_reentry', occurred_at, stage = 'awareness',
                                         stage = 'consideration', revenue IS NOT NULL) AS strict_order,
                   journey.window_funnel('7 days', 'strict_increase', occurred_at, medium = 'digital',
                                         medium = 'digital', medium = 'physical') AS increase,
                   journey.window_funnel('7 days', 'strict_once', occurred_at, medium = 'digital',
                                         medium = 'digital', medium = 'physical') AS once,
                   journey.window_funnel_excluding('30 days', '', occurred_at, touchpoint = 'retargeting_ad',
                                                   stage = 'awareness', stage = 'consideration',
                                                   revenue IS NOT NULL) AS excluding,
                   journey.stage_funnel('30 days', occurred_at, stage) AS furthest_stage,
                   journey.touches_before(occurred_at, revenue IS NOT NULL) AS touches,
                   journey.touches_before(occurred_at, revenue IS NOT NULL, '7 days') AS recent_touches,
                   journey.time_to_conversion(occurred_at, revenue IS NOT NULL) AS time_to_purchase,
                   journey.path(occurred_at, channel) AS channel_path,
                   journey.path(occurred_at, touchpoint, 5, false) AS first_touchpoints,
                   journey.path_to(occurred_at, channel, revenue IS NOT NULL) AS path_to_purchase,
                   journey.path_to(occurred_at, touchpoint, revenue IS NOT NULL, 3, false) AS last_touchpoints,
                   journey.nps((extract(epoch FROM occurred_at)::bigint %% 11)::integer) AS nps,
                   journey.csat((extract(epoch FROM occurred_at)::bigint %% 5 + 1)::integer) AS csat,
                   journey.retention(stage = 'awareness', revenue IS NOT NULL, stage = 'retention') AS retention,
                   journey.sequence_next_node('forward', 'first_match', occurred_at, touchpoint, true,
                                              stage = 'consideration') AS after_considering,
                   journey.sequence_next_node('backward', 'last_match', occurred_at, channel, medium = 'digital',
                                              revenue IS NOT NULL) AS before_last_purchase,
                   journey.sequence_match('(?1).*(?t<=7d)(?2)', occurred_at, touchpoint = 'webinar',
                                          revenue IS NOT NULL) AS webinar_then_purchase,
                   journey.sequence_count('(?1)(?2)', occurred_at, medium = 'digital',
                                          medium = 'physical') AS digital_then_physical,
                   journey.sequence_match_events('(?1).(?t>=1d)(?2).*(?t<=3d)(?3)', occurred_at, stage = 'awareness',
                                                 stage = 'consideration', medium = 'physical',
                                                 revenue IS NOT NULL) AS pattern_events,
                   journey.attribution('time_decay(half_life=3 days)', occurred_at, channel, revenue IS NOT NULL,
                                       revenue::float8) AS time_decay_credit,
                   journey.attribution('position_based(lookback=14 days)', occurred_at, touchpoint,
                                       revenue IS NOT NULL) AS position_credit
            FROM %I GROUP BY customer_id$q$, source || '_funnels', source);
    END LOOP;
END
$$;

SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TABLE det_result AS SELECT * FROM det_by_customer_funnels;
SELECT is((SELECT count(*)::integer FROM det_result), 20000, 'one row per customer');
-- every sample journey starts aware, so levels run from 1
SELECT ok((SELECT count(DISTINCT level) = 4 AND count(DISTINCT furthest_stage) = 5 FROM det_result),
          'the sample reaches levels 1 to 4 and every stage (the test is not trivial)');
SELECT ok((SELECT count(DISTINCT webinar_then_purchase) = 2 AND count(DISTINCT digital_then_physical) > 2
                   AND count(DISTINCT cardinality(pattern_events)) > 2 FROM det_result),
          'the sequence aggregates give varied answers (the test is not trivial)');
SELECT is((SELECT count(*)::integer FROM det_result WHERE cardinality(steps) <> level), 0,
          'window_funnel_events has one timestamp per level reached');
SELECT is((SELECT count(*)::integer FROM det_result
            WHERE EXISTS (SELECT FROM unnest(steps) WITH ORDINALITY AS s (at, i)
                          WHERE at < steps[1] OR at > steps[1] + interval '7 days' OR (i > 1 AND at < steps[i - 1]))),
          0, 'every chain is in time order and within the window of its first step');

SELECT set_eq('SELECT * FROM det_by_time_desc_funnels', 'SELECT * FROM det_result',
              'rows stored newest first give the same results');
SELECT set_eq('SELECT * FROM det_shuffled_funnels', 'SELECT * FROM det_result',
              'rows stored in random order give the same results');

-- sessionize numbers visits the same way whatever the physical order
SELECT set_eq(
    $$SELECT customer_id, occurred_at, journey.sessionize(occurred_at, '30 minutes')
             OVER (PARTITION BY customer_id ORDER BY occurred_at) FROM det_shuffled$$,
    $$SELECT customer_id, occurred_at, journey.sessionize(occurred_at, '30 minutes')
             OVER (PARTITION BY customer_id ORDER BY occurred_at) FROM det_by_customer$$,
    'sessionize gives the same sessions whatever the physical order');

-- the cross-customer rollup, serially, to compare with parallel workers below
CREATE TABLE det_counts AS SELECT journey.funnel_counts(level, 4) AS counts FROM det_result;

-- Parallel workers scan, serialize their states; the leader combines them.
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
SELECT matches(test_helpers.plan_of('SELECT * FROM det_shuffled_funnels', 'ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF'),
               '(?s)Finalize.*Gather.*Workers Launched: [1-9].*Partial',
               'the parallel plan aggregates partially in launched workers');
SELECT set_eq('SELECT * FROM det_shuffled_funnels', 'SELECT * FROM det_result',
              'parallel workers give the same results');
SELECT matches(test_helpers.plan_of('SELECT journey.funnel_counts(level, 4) FROM det_result'),
               '(?s)Finalize.*Partial', 'funnel_counts aggregates partially in parallel');
SELECT is((SELECT journey.funnel_counts(level, 4) FROM det_result), (SELECT counts FROM det_counts),
          'funnel_counts combined from parallel workers equals the serial count');

-- Partitions aggregated apart and combined in one process.
SET LOCAL max_parallel_workers_per_gather = 0;
SET LOCAL enable_partitionwise_aggregate = on;
SET LOCAL enable_hashagg = off;		-- else one big hash table looks cheaper here
SELECT matches(test_helpers.plan_of('SELECT * FROM det_partitioned_funnels'),
               '(?s)Finalize.*Partial.*Partial',
               'partitions are aggregated partially, then combined');
SELECT set_eq('SELECT * FROM det_partitioned_funnels', 'SELECT * FROM det_result',
              'combining partition states gives the same results');

SELECT * FROM finish();
ROLLBACK;
