-- Bad input of every kind to every public function: a clear error with
-- the right SQLSTATE, never a crash.  The last test checks that the
-- server did not restart meanwhile.
BEGIN;
SELECT plan(70);

CREATE TEMP TABLE started AS SELECT pg_postmaster_start_time() AS at;
CREATE TEMP TABLE stage_copy (stage journey.stage);
CREATE TEMP TABLE cases (sql text, expected text);
INSERT INTO cases VALUES
    -- journey.stage
    ($$SELECT 'nonsense'::journey.stage$$, '22P02: invalid input syntax for type journey.stage: "nonsense"'),
    ($$SELECT ''::journey.stage$$, '22P02: invalid input syntax for type journey.stage: ""'),
    ($$SELECT 'purchase_'::journey.stage$$, '22P02: invalid input syntax for type journey.stage: "purchase_"'),
    ($$SELECT 0::journey.stage$$, '22003: integer 0 is out of range for type journey.stage'),
    ($$SELECT 2147483647::journey.stage$$, '22003: integer 2147483647 is out of range for type journey.stage'),
    -- journey.stage's binary receive, through COPY: a stage byte of 9, and two bytes
    ($$COPY stage_copy FROM PROGRAM $p$printf 'PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0\0\1\0\0\0\1\11\377\377'$p$ WITH (FORMAT binary)$$,
     '22P03: invalid binary journey.stage value 9'),
    ($$COPY stage_copy FROM PROGRAM $p$printf 'PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0\0\1\0\0\0\2\1\1\377\377'$p$ WITH (FORMAT binary)$$,
     '22P03: invalid binary journey.stage of 2 bytes'),
    -- sample data
    ($$SELECT * FROM journey.sample_events(-5)$$, '22023: number of customers must not be negative: -5'),
    -- funnels
    ($$SELECT journey.window_funnel('1 month', now(), true)$$, '22023: the funnel window must not be given in months or years'),
    ($$SELECT journey.window_funnel('1 year 2 days', now(), true)$$, '22023: the funnel window must not be given in months or years'),
    ($$SELECT journey.window_funnel('-1 second', now(), true)$$, '22023: the funnel window must not be negative'),
    ($$SELECT journey.window_funnel(NULL, now(), true)$$, '22004: the funnel window must not be NULL'),
    ($$SELECT journey.window_funnel('2147483647 days', now(), true)$$, '22008: the funnel window is out of range'),
    ($$SELECT journey.window_funnel('1 day', 'strict_everything', now(), true)$$, '22023: invalid funnel mode "strict_everything": unknown mode'),
    ($$SELECT journey.window_funnel('1 day', 'strict', now(), true)$$, '22023: invalid funnel mode "strict"'),
    ($$SELECT journey.window_funnel('1 day', 'allow_reentry', now(), true)$$, '22023: invalid funnel mode "allow_reentry"'),
    ($$SELECT journey.window_funnel('1 day', ',', now(), true)$$, '22023: invalid funnel mode ",": the mode list has an empty entry'),
    ($$SELECT journey.window_funnel('1 day', NULL, now(), true)$$, '22004: the funnel mode must not be NULL'),
    ($$SELECT journey.window_funnel('1 day', now(), VARIADIC '{}'::boolean[])$$, '22023: 0 conditions given, but 1 to 64 are accepted'),
    ($$SELECT journey.window_funnel('1 day', now(), VARIADIC NULL::boolean[])$$, '22004: the array of conditions must not be NULL'),
    ($$SELECT journey.window_funnel('1 day', now(), VARIADIC '{{true},{false}}'::boolean[])$$, '2202E: the conditions must be a one-dimensional array, not 2-dimensional'),
    ($$SELECT journey.window_funnel('1 day', now(), VARIADIC array_fill(true, ARRAY[65]))$$, '22023: 65 conditions given, but 1 to 64 are accepted'),
    ($$SELECT journey.window_funnel_excluding('1 day', '', now(), true, VARIADIC array_fill(true, ARRAY[64]))$$, '22023: 64 conditions given, but 1 to 63 are accepted'),
    ($$SELECT journey.window_funnel(w, now(), true) FROM (VALUES ('1 day'::interval), ('1 hour')) AS v (w)$$, '22023: the funnel window changes within a group'),
    ($$SELECT journey.stage_funnel('1 month', now(), 'purchase')$$, '22023: the funnel window must not be given in months or years'),
    ($$SELECT journey.funnel_counts(5, 4)$$, '22023: funnel level 5 is outside 0..4'),
    ($$SELECT journey.funnel_counts(1, 0)$$, '22023: the number of funnel steps must be between 1 and 1000, not 0'),
    ($$SELECT journey.funnel_counts(1, NULL)$$, '22004: the number of funnel steps must not be NULL'),
    -- touches
    ($$SELECT journey.touches_before(now(), true, '1 mon')$$, '22023: the lookback must not be given in months or years'),
    ($$SELECT journey.touches_before(now(), true, '-1 day')$$, '22023: the lookback must not be negative'),
    ($$SELECT journey.touches_before(now(), true, NULL)$$, '22004: the lookback must not be NULL'),
    -- paths
    ($$SELECT journey.path(now(), 'a', 0, true)$$, '22023: max_steps must be between 1 and 1000, not 0'),
    ($$SELECT journey.path_to(now(), 'a', false, 1001, true)$$, '22023: max_steps must be between 1 and 1000, not 1001'),
    ($$SELECT journey.path(now(), 'a', 20, NULL)$$, '22004: max_steps and collapse must not be NULL'),
    -- metrics
    ($$SELECT journey.nps(11)$$, '22003: NPS score 11 is out of range'),
    ($$SELECT journey.nps((-2147483648)::integer)$$, '22003: NPS score -2147483648 is out of range'),
    ($$SELECT journey.csat(0)$$, '22003: CSAT score 0 is out of range'),
    -- retention, sequences, sessions
    ($$SELECT journey.retention(VARIADIC '{}'::boolean[])$$, '22023: 0 conditions given, but 1 to 64 are accepted'),
    ($$SELECT journey.retention(VARIADIC array_fill(true, ARRAY[65]))$$, '22023: 65 conditions given, but 1 to 64 are accepted'),
    ($$SELECT journey.sequence_next_node('upward', 'head', now(), 'a', true, true)$$, '22023: unknown sequence_next_node direction "upward"'),
    ($$SELECT journey.sequence_next_node('forward', '', now(), 'a', true, true)$$, '22023: unknown sequence_next_node base ""'),
    ($$SELECT journey.sequence_next_node('forward', 'tail', now(), 'a', true, true)$$, '22023: sequence_next_node cannot go forward from the tail'),
    ($$SELECT journey.sequence_next_node('backward', NULL, now(), 'a', true, true)$$, '22004: the base of sequence_next_node must not be NULL'),
    ($$SELECT journey.sequence_match('(?1)(?t<=7x)(?2)', now(), true, true)$$, '2201B: invalid pattern "(?1)(?t<=7x)(?2)" at position 11: expected ")" or a unit'),
    ($$SELECT journey.sequence_count('(?t<5)(?1)', now(), true)$$, '2201B: invalid pattern "(?t<5)(?1)" at position 1: a time condition must follow an event condition'),
    ($$SELECT journey.sequence_match_events('(?0)', now(), true)$$, '2201B: invalid pattern "(?0)" at position 3: condition numbers start at 1'),
    ($$SELECT journey.sequence_match('(?1)(?3)', now(), true, true)$$, '22023: invalid pattern "(?1)(?3)" at position 7: condition 3 is used but only 2 conditions are passed'),
    ($$SELECT journey.sequence_match(NULL, now(), true)$$, '22004: the pattern must not be NULL'),
    ($$SELECT journey.sequence_match(p, now(), true) FROM (VALUES ('(?1)'), ('.')) AS v (p)$$, '22023: the pattern changes within a group: "(?1)" and "."'),
    ($$SELECT journey.sequence_count('(?1)', now(), VARIADIC array_fill(true, ARRAY[65]))$$, '22023: 65 conditions given, but 1 to 64 are accepted'),
    ($$SELECT journey.attribution(NULL, now(), 'a', true)$$, '22004: the attribution model must not be NULL'),
    ($$SELECT journey.attribution('linear(', now(), 'a', true)$$, '22023: invalid attribution model "linear(": expected a parameter name'),
    ($$SELECT journey.attribution('last_touch x', now(), 'a', true)$$, '22023: invalid attribution model "last_touch x": unexpected "x" after the model'),
    ($$SELECT journey.attribution('time_decay(half_life=1 day, half_life=2 days)', now(), 'a', true)$$, '22023: invalid attribution model "time_decay(half_life=1 day, half_life=2 days)": parameter "half_life" is given twice'),
    ($$SELECT journey.attribution('position_based(first=x)', now(), 'a', true)$$, '22023: invalid attribution model "position_based(first=x)": first must be a number from 0 to 1, not "x"'),
    ($$SELECT journey.attribution('linear', now(), 'a', true, 'NaN')$$, '22023: a conversion value must be a finite number, not NaN'),
    ($$SELECT journey.attribution(m, now(), 'a', true) FROM (VALUES ('linear'), ('first_touch')) AS v (m)$$, '22023: the attribution model changes within a group'),
    ($$SELECT journey.markov_attribution('{a}', 0, -1)$$, '22023: nulls must not be negative, not -1'),
    ($$SELECT journey.markov_attribution('{{a},{b}}', 0, 1)$$, '2202E: a path must be a one-dimensional array, not 2-dimensional'),
    ($$SELECT journey.markov_attribution('{a}', 0, 1, NULL)$$, '22004: the Markov order must not be NULL'),
    ($$SELECT journey.markov_attribution('{a}', 0, 1, o) FROM (VALUES (1), (2)) AS v (o)$$, '22023: the Markov order changes within a group: 1 and 2'),
    ($$SELECT journey.shapley_attribution('{a,NULL}', 1)$$, '22004: channel 2 of a path is NULL'),
    ($$SELECT journey.sessionize(t, '1 mon') OVER (ORDER BY t) FROM (VALUES (now())) AS v (t)$$, '22023: the session gap must not be given in months or years'),
    ($$SELECT journey.sessionize(t, NULL) OVER (ORDER BY t) FROM (VALUES (now())) AS v (t)$$, '22004: the session gap must not be NULL'),
    ($$SELECT journey.sessionize(t, '1 hour') OVER (ORDER BY t DESC) FROM (VALUES (now()), (now() - interval '1 day')) AS v (t)$$, '22023: sessionize needs its rows in time order'),
    ($$SELECT journey.sessionize(now(), '1 hour')$$, '42809: window function journey.sessionize requires an OVER clause'),
    -- support functions called outside an aggregate
    ($$SELECT journey.retention_combine('{1,1}', '{1,2}')$$, '0A000: retention_combine called in non-aggregate context'),
    ($$SELECT journey.counts_combine('{1,2}', '{3}')$$, '0A000: counts_combine called in non-aggregate context'),
    ($$SELECT journey.nps_final('{1,2}')$$, '22023: invalid counter state: 2 counters instead of 3');

SELECT matches(test_helpers.error_of(sql), '^' || regexp_replace(expected, '([.()*+?\[\]{}|^$\\])', '\\\1', 'g'),
               'refused: ' || left(sql, 90))
FROM cases;

SELECT is((SELECT at FROM started), pg_postmaster_start_time(), 'the server did not restart');

SELECT * FROM finish();
ROLLBACK;
