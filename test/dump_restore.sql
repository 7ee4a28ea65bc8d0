-- This database was restored from a pg_dump of test/fixtures/dump_source.sql
-- (scripts/test.sh): user data that depends on pg_journey came through.
BEGIN;
SELECT plan(11);

SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'pg_journey'), '0.1.0',
          'the restore created the extension');
SELECT results_eq(
    $$SELECT name, stage::text, channel, medium, description FROM journey.touchpoint WHERE name = 'podcast_ad'$$,
    $$VALUES ('podcast_ad', 'awareness', 'audio', 'digital', 'Ad read in a podcast')$$,
    'a user-added touchpoint survives dump and restore');
SELECT results_eq(
    $$SELECT channel, description FROM journey.touchpoint WHERE name = 'webinar'$$,
    $$VALUES ('webinars', 'Our monthly webinar')$$,
    'an edited seed row keeps its edit');
SELECT is((SELECT count(*)::integer FROM journey.touchpoint), 71,
          'the seed rows are there once each, plus the user row');
SELECT results_eq(
    $$SELECT c.stage::text, count(*)::integer FROM crm_contacts AS c GROUP BY c.stage ORDER BY c.stage$$,
    $$VALUES ('awareness', 200), ('consideration', 200), ('purchase', 200), ('retention', 200), ('advocacy', 200)$$,
    'a table with a journey.stage column keeps its values');
SET LOCAL enable_seqscan = off;
SELECT is((SELECT count(*)::integer FROM crm_contacts WHERE stage = 'purchase'), 200,
          'its restored B-tree index answers');
SELECT results_eq(
    $$SELECT v.stage::text, v.label_fi, v.contacts::integer FROM contacts_per_stage AS v ORDER BY v.stage$$,
    $$VALUES ('awareness', 'tietoisuus', 200), ('consideration', 'harkinta', 200), ('purchase', 'osto', 200),
             ('retention', 'oston jälkeen', 200), ('advocacy', 'suosittelu', 200)$$,
    'a view over journey.stages() works after restore');
REFRESH MATERIALIZED VIEW sample_touches;
SELECT set_eq(
    $$SELECT stage, touches FROM sample_touches$$,
    $$SELECT stage, count(*) FROM journey.sample_events(100, 7) GROUP BY stage$$,
    'a materialized view over sample_events() refreshes after restore');

SELECT is((SELECT count(*)::integer FROM journey.report_relations('shop_reports') WHERE kind = 'm'), 11,
          'the materialized reports came through');
CREATE TEMP TABLE restored_funnel AS SELECT * FROM shop_reports.stage_funnel;
SELECT is((SELECT customers::integer FROM restored_funnel WHERE stage_number = 1), 200,
          'with their data');
SET client_min_messages = warning;
SELECT journey.refresh_reports('shop_reports');
SELECT set_eq('SELECT * FROM shop_reports.stage_funnel', 'SELECT * FROM restored_funnel',
              'and they refresh to the same numbers');

SELECT * FROM finish();
ROLLBACK;
