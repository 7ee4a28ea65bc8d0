-- Privileges: a role with no grants of its own uses every analytic
-- function, reads the touchpoint catalog, but changes it only when granted.
BEGIN;
SELECT plan(9);

CREATE ROLE journey_analyst NOLOGIN;

SELECT is((SELECT count(*)::integer
             FROM pg_proc AS p
             JOIN pg_depend AS d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
             JOIN pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'pg_journey'
            WHERE NOT has_function_privilege('journey_analyst', p.oid, 'EXECUTE')),
          0, 'the role may execute every function of the extension');
SELECT ok(has_schema_privilege('journey_analyst', 'journey', 'USAGE'), 'and use schema journey');

SET LOCAL ROLE journey_analyst;
SELECT lives_ok($$
    SELECT journey.window_funnel('7 days', occurred_at, stage = 'awareness', revenue IS NOT NULL),
           journey.stage_funnel('30 days', occurred_at, stage),
           journey.touches_before(occurred_at, revenue IS NOT NULL),
           journey.path_to(occurred_at, channel, revenue IS NOT NULL),
           journey.retention(stage = 'awareness', revenue IS NOT NULL),
           journey.sequence_match('(?1).*(?2)', occurred_at, stage = 'awareness', revenue IS NOT NULL),
           journey.sequence_next_node('forward', 'head', occurred_at, touchpoint, true, true),
           journey.nps(5), journey.stage_of(max(touchpoint))
    FROM journey.sample_events(50, 1) GROUP BY customer_id$$,
    'the analytic functions work for it');
SELECT lives_ok($$SELECT count(*) FROM journey.touchpoint$$, 'it reads the touchpoint catalog');
SELECT throws_ok($$INSERT INTO journey.touchpoint VALUES ('pigeon_post', 'awareness', 'mail', 'physical')$$,
                 '42501', NULL, 'but cannot add touchpoints');
SELECT throws_ok($$UPDATE journey.touchpoint SET channel = 'x' WHERE name = 'webinar'$$,
                 '42501', NULL, 'nor change them');
SELECT throws_ok($$DELETE FROM journey.touchpoint$$, '42501', NULL, 'nor delete them');
RESET ROLE;

GRANT INSERT, UPDATE ON journey.touchpoint TO journey_analyst;
SET LOCAL ROLE journey_analyst;
SELECT lives_ok($$INSERT INTO journey.touchpoint VALUES ('pigeon_post', 'awareness', 'mail', 'physical')$$,
                'once granted, it adds touchpoints');
SELECT is(journey.stage_of('pigeon_post')::text, 'awareness', 'which the functions then know');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
