-- The touchpoint catalog: seeded rows, stage_of(), user rows, what pg_dump keeps

-- every stage has digital and physical touchpoints
SELECT stage, medium, count(*) AS touchpoints
FROM journey.touchpoint GROUP BY stage, medium ORDER BY stage, medium;
SELECT count(*) >= 40 AS at_least_40 FROM journey.touchpoint;

-- the table starts as exactly the built-in seed
SELECT count(*) AS differences FROM (
    (SELECT * FROM journey.touchpoint EXCEPT SELECT * FROM journey.seed_touchpoints())
    UNION ALL
    (SELECT * FROM journey.seed_touchpoints() EXCEPT SELECT * FROM journey.touchpoint)
) AS d;

-- the common touchpoints marketing guides name, one per line
SELECT name, stage, channel, medium FROM journey.touchpoint
WHERE name IN ('search_engine', 'social_media_ad', 'display_ad', 'pr_article', 'radio_ad',
               'event', 'trade_fair', 'print_ad', 'direct_mail', 'blog_post', 'review_site',
               'comparison_site', 'webinar', 'ebook', 'product_video', 'chat',
               'digital_demo', 'sales_call', 'showroom', 'store_visit', 'webshop',
               'checkout', 'order_confirmation', 'delivery_tracking', 'onboarding_email',
               'support_ticket', 'newsletter', 'loyalty_programme', 'customer_survey',
               'nps_survey', 'review_written', 'referral', 'social_share')
ORDER BY stage, name;

-- stage_of: the catalog's stage, NULL when unknown or NULL
SELECT journey.stage_of('webinar') AS webinar, journey.stage_of('checkout') AS checkout,
       journey.stage_of('Webinar') AS case_matters, journey.stage_of('no such touchpoint') AS unknown,
       journey.stage_of(NULL) AS null_input;

-- the catalog's rules
INSERT INTO journey.touchpoint VALUES ('telepathy', 'awareness', 'magic', 'psychic', NULL);
INSERT INTO journey.touchpoint VALUES ('', 'awareness', 'search', 'digital', NULL);
INSERT INTO journey.touchpoint VALUES ('no_stage', NULL, 'search', 'digital', NULL);
INSERT INTO journey.touchpoint
VALUES ('bad_stage', 'halfway', 'search', 'digital', NULL);

BEGIN;
-- users add their own touchpoints, and stage_of sees them at once
INSERT INTO journey.touchpoint (name, stage, channel, medium, description)
VALUES ('podcast_ad', 'awareness', 'audio', 'digital', 'Ad read in a podcast');
SELECT journey.stage_of('podcast_ad') AS podcast_ad;
-- a seeded name inserted again replaces the seeded row while it is unedited
-- (this is how a restore brings an edited seed row back) ...
INSERT INTO journey.touchpoint VALUES ('newsletter', 'retention', 'email', 'digital', 'Customer newsletter');
SELECT name, stage, channel, description FROM journey.touchpoint WHERE name = 'newsletter';
-- ... and fails on the key once the row is not the seed any more
INSERT INTO journey.touchpoint VALUES ('newsletter', 'awareness', 'email', 'digital', NULL);
ROLLBACK;

-- pg_dump dumps the rows its filter selects: user rows and edited seed rows,
-- never the unedited seed (CREATE EXTENSION recreates those on restore)
SELECT array_length(extcondition, 1) AS filters FROM pg_extension WHERE extname = 'pg_journey';
CREATE FUNCTION dumped_touchpoints() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    filter text;
BEGIN
    SELECT extcondition[1] INTO filter FROM pg_extension WHERE extname = 'pg_journey';
    RETURN QUERY EXECUTE 'SELECT name FROM ONLY journey.touchpoint ' || filter || ' ORDER BY name';
END
$$;
SELECT count(*) AS dumped_before_changes FROM dumped_touchpoints();
BEGIN;
INSERT INTO journey.touchpoint VALUES ('podcast_ad', 'awareness', 'audio', 'digital', NULL);
UPDATE journey.touchpoint SET description = 'Our own webinars' WHERE name = 'webinar';
UPDATE journey.touchpoint SET stage = 'consideration' WHERE name = 'trade_fair';
SELECT * FROM dumped_touchpoints();
-- putting a seed row back as it was takes it out of the dump again
UPDATE journey.touchpoint SET stage = 'awareness' WHERE name = 'trade_fair';
SELECT * FROM dumped_touchpoints();
ROLLBACK;
DROP FUNCTION dumped_touchpoints();

-- everyone may read the catalog; changing it takes a grant
CREATE ROLE regress_journey_reader;
SET ROLE regress_journey_reader;
SELECT count(*) > 0 AS readable FROM journey.touchpoint;
SELECT journey.stage_of('blog_post') AS stage_of_works;
INSERT INTO journey.touchpoint VALUES ('x', 'awareness', 'search', 'digital', NULL);
UPDATE journey.touchpoint SET channel = 'x';
DELETE FROM journey.touchpoint;
RESET ROLE;
DROP ROLE regress_journey_reader;
