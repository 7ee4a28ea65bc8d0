-- create_reports, refresh_reports, drop_reports
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
-- the refresh NOTICEs carry timings
SET client_min_messages = warning;

-- ann is aware, considers and buys within 3 days, buys again in February
-- and refers a friend; bob never buys and meets a touchpoint the catalog
-- does not know; cy buys on her first event.  Rows without a customer or
-- a time are left out.
CREATE TABLE shop (customer text, at timestamptz, touch text, amount numeric);
INSERT INTO shop VALUES
    ('ann', '2026-01-05 10:00', 'search_ad', NULL),
    ('ann', '2026-01-06 10:00', 'webinar', NULL),
    ('ann', '2026-01-08 10:00', 'checkout', 100),
    ('ann', '2026-02-10 10:00', 'checkout', 50),
    ('ann', '2026-02-11 10:00', 'referral', NULL),
    ('bob', '2026-01-10 09:00', 'blog_post', NULL),
    ('bob', '2026-01-20 09:00', 'store_visit', NULL),
    ('bob', '2026-01-20 12:00', 'door_hanger', NULL),
    ('cy', '2026-02-01 08:00', 'checkout', 20),
    ('cy', '2026-02-02 08:00', 'customer_newsletter', NULL),
    (NULL, '2026-01-01 08:00', 'search_ad', NULL),
    ('bob', NULL, 'webinar', NULL);

SELECT * FROM journey.create_reports('shop', 'customer', 'at', 'touch', $$touch = 'checkout'$$,
                                     into_schema => 'shop_reports', value_column => 'amount');

SELECT customer_id, touches, purchases, revenue, touches_before_purchase, time_to_purchase, path, furthest_stage
FROM shop_reports.customers ORDER BY customer_id;
SELECT * FROM shop_reports.stage_funnel;
SELECT * FROM shop_reports.stage_conversion;
SELECT * FROM shop_reports.touchpoints_by_stage;
SELECT * FROM shop_reports.touches_before_purchase;
SELECT * FROM shop_reports.time_to_purchase WHERE buyers > 0 OR bucket IN (2, 31);
SELECT * FROM shop_reports.top_paths;
SELECT * FROM shop_reports.path_transitions;
SELECT * FROM shop_reports.attribution_by_channel;
SELECT * FROM shop_reports.retention_cohorts;
SELECT * FROM shop_reports.daily_stage_counts;

-- Again, materialized: the same relations, and a grant on them survives.
CREATE ROLE regress_journey_reader;
GRANT USAGE ON SCHEMA shop_reports TO regress_journey_reader;
GRANT SELECT ON shop_reports.stage_funnel TO regress_journey_reader;
SELECT count(*) AS relations
FROM journey.create_reports('shop', 'customer', 'at', 'touch', $$touch = 'checkout'$$,
                            into_schema => 'shop_reports', value_column => 'amount', materialized => true);
SELECT c.relname, c.relkind, i.indexdef IS NOT NULL AS unique_index
FROM pg_class AS c
LEFT JOIN pg_indexes AS i ON i.schemaname = 'shop_reports' AND i.tablename = c.relname
                         AND i.indexdef LIKE 'CREATE UNIQUE INDEX%'
WHERE c.relnamespace = 'shop_reports'::regnamespace AND c.relkind IN ('v', 'm')
ORDER BY array_position(journey.report_names(), c.relname::text);
SELECT has_table_privilege('regress_journey_reader', 'shop_reports.stage_funnel', 'SELECT') AS reader_keeps_grant;

-- New events show after a refresh, not before.
INSERT INTO shop VALUES ('bob', '2026-02-05 09:00', 'checkout', 30);
SELECT stage, customers FROM shop_reports.stage_funnel WHERE stage = 'purchase';
SELECT journey.refresh_reports('shop_reports');
SELECT stage, customers FROM shop_reports.stage_funnel WHERE stage = 'purchase';

SELECT journey.drop_reports('shop_reports');
SELECT count(*) AS schemas_left FROM pg_namespace WHERE nspname = 'shop_reports';
DROP ROLE regress_journey_reader;

-- errors name the bad argument
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT journey.create_reports('shop', 'customer', 'when', 'touch', 'true');
SELECT journey.create_reports('shop', 'customer', 'touch', 'touch', 'true');
SELECT journey.create_reports('shop', 'customer', 'at', 'touch', 'true', value_column => 'touch');
SELECT journey.create_reports('shop', 'customer', 'at', 'touch', 'touch = ');
SELECT journey.create_reports('shop', 'customer', 'at', 'touch', 'true', conversion_window => '1 month');
SELECT journey.refresh_reports('no_such_reports');
SELECT journey.schedule_refresh('0 3 * * *', 'shop_reports');
