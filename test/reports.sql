-- Reports: hostile identifiers, a read-only BI role, errors naming the bad
-- argument, a concurrent refresh while another session reads, and a refresh
-- scheduled with pg_cron that runs.  Not in one transaction: the other
-- session and pg_cron must see the reports, so the test cleans up itself.
SET client_min_messages = warning;
SELECT plan(30);

CREATE TABLE report_canary (id integer);
CREATE SCHEMA "events ""schema""";
CREATE TABLE "events ""schema"""."evil""; drop table report_canary; --" AS
    SELECT customer_id AS "select", occurred_at AS "from", touchpoint AS "Touch Point", revenue
    FROM journey.sample_events(300, 5);

-- Every identifier quoted: the table, the columns and the report schema.
SELECT is((SELECT count(*)::integer FROM journey.create_reports(
               '"events ""schema"""."evil""; drop table report_canary; --"', 'select', 'from', 'Touch Point',
               $$revenue IS NOT NULL$$, into_schema => 'my "reports"; drop table report_canary; --',
               value_column => 'revenue', materialized => true)),
          12, 'hostile table, column and schema names make a report set');
SELECT has_table('report_canary', 'no injected SQL ran');
SELECT ok((SELECT customers = 300 FROM "my ""reports""; drop table report_canary; --".stage_funnel WHERE stage_number = 1),
          'the reports read the hostile table');

-- The conversion is SQL, but one expression: a second statement is refused
-- before anything runs.
SELECT throws_like(
    $$SELECT journey.create_reports('"events ""schema"""."evil""; drop table report_canary; --"', 'select', 'from', 'Touch Point',
                                    'true)::boolean, false) AS c FROM report_canary AS s) AS src; DROP TABLE report_canary; SELECT (1',
                                    into_schema => 'injected')$$,
    'invalid conversion expression %', 'a conversion holding more statements is refused');
SELECT has_table('report_canary', 'the second statement did not run');
SELECT hasnt_schema('injected', 'nothing was created for it');

-- Bad arguments name the column.
SELECT throws_ok($$SELECT journey.create_reports('report_canary', 'customer', 'id', 'id', 'true')$$,
                 '42703', 'customer column "customer" does not exist in public.report_canary');
SELECT throws_ok($$SELECT journey.create_reports('journey.touchpoint', 'name', 'name', 'name', 'true')$$,
                 '42804', 'time column "name" of journey.touchpoint has type text, which the reports cannot use as a time');
SELECT throws_ok($$SELECT journey.create_reports('"events ""schema"""."evil""; drop table report_canary; --"', 'select', 'from', 'Touch Point', 'true', stage_column => 'revenue')$$,
                 '42804', 'stage column "revenue" of "events ""schema"""."evil""; drop table report_canary; --" has type numeric, which the reports cannot use as a stage');
SELECT throws_ok($$SELECT journey.create_reports(NULL, 'a', 'b', 'c', 'true')$$, '22004');

-- What a BI tool's login gets: usage on the schema and SELECT on its views.
CREATE ROLE journey_bi_reader;
GRANT USAGE ON SCHEMA "my ""reports""; drop table report_canary; --" TO journey_bi_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA "my ""reports""; drop table report_canary; --" TO journey_bi_reader;
SET ROLE journey_bi_reader;
SELECT lives_ok(format('SELECT count(*) FROM %s', r.relation),
                'the read-only role reads ' || r.name)
FROM journey.report_relations('my "reports"; drop table report_canary; --') AS r;
SELECT throws_ok($$SELECT journey.refresh_reports('my "reports"; drop table report_canary; --')$$, '42501',
                 NULL, 'but cannot refresh them');
RESET ROLE;

-- Another session reads a report inside an open transaction: a plain
-- refresh would wait for it, the concurrent one does not.
CREATE EXTENSION IF NOT EXISTS dblink;
SELECT dblink_connect('reader', format('dbname=%s port=%s host=%s', current_database(), current_setting('port'),
                                       split_part(current_setting('unix_socket_directories'), ',', 1)));
SELECT dblink_exec('reader', 'BEGIN');
SELECT * FROM dblink('reader', $$SELECT count(*) FROM "my ""reports""; drop table report_canary; --".top_paths$$) AS t (n bigint);
SET lock_timeout = '2s';
SELECT throws_ok($$REFRESH MATERIALIZED VIEW "my ""reports""; drop table report_canary; --".top_paths$$, '55P03',
                 NULL, 'a plain refresh would wait for the reader');
SELECT lives_ok($$SELECT journey.refresh_reports('my "reports"; drop table report_canary; --')$$,
                'refresh_reports refreshes concurrently while the reader holds its snapshot');
RESET lock_timeout;
SELECT dblink_exec('reader', 'COMMIT');
SELECT dblink_disconnect('reader');

-- pg_cron runs the scheduled refresh (at minute granularity, so wait for
-- up to 75 seconds), and the new events show.
CREATE EXTENSION IF NOT EXISTS pg_cron;
INSERT INTO "events ""schema"""."evil""; drop table report_canary; --"
    SELECT 999999, now(), 'search_ad', NULL;
CREATE TEMP TABLE scheduled AS
    SELECT journey.schedule_refresh('* * * * *', 'my "reports"; drop table report_canary; --') AS job;
SELECT ok((SELECT job > 0 FROM scheduled), 'schedule_refresh returns the pg_cron job');
DO $$
BEGIN
    FOR i IN 1 .. 75 LOOP
        EXIT WHEN EXISTS (SELECT FROM cron.job_run_details AS d JOIN scheduled AS s ON d.jobid = s.job
                          WHERE d.status = 'succeeded');
        PERFORM pg_sleep(1);
    END LOOP;
END
$$;
SELECT is((SELECT d.status FROM cron.job_run_details AS d JOIN scheduled AS s ON d.jobid = s.job
            ORDER BY d.start_time DESC LIMIT 1),
          'succeeded', 'pg_cron ran the refresh');
SELECT is((SELECT customers::integer FROM "my ""reports""; drop table report_canary; --".stage_funnel WHERE stage_number = 1),
          301, 'the refreshed report counts the new customer');

SELECT journey.drop_reports('my "reports"; drop table report_canary; --');
SELECT is((SELECT count(*)::integer FROM cron.job WHERE jobid = (SELECT job FROM scheduled)), 0,
          'drop_reports unschedules the refresh');
SELECT hasnt_schema('my "reports"; drop table report_canary; --', 'and drops the schema it made');

DROP TABLE "events ""schema"""."evil""; drop table report_canary; --";
DROP SCHEMA "events ""schema""";
DROP TABLE report_canary;
DROP ROLE journey_bi_reader;
DROP EXTENSION pg_cron;
DROP EXTENSION dblink;
SELECT * FROM finish();
