-- An index on a journey.stage column is used, and deduplicates.
BEGIN;
SELECT plan(4);

CREATE TABLE contacts AS
SELECT i AS id,
       (CASE WHEN i % 100 = 0 THEN 3 ELSE 1 + (i % 2) END)::journey.stage AS stage
FROM generate_series(1, 200000) AS i;
CREATE INDEX contacts_stage ON contacts (stage);
ANALYZE contacts;

SELECT matches(test_helpers.plan_of($$SELECT count(*) FROM contacts WHERE stage = 'purchase'$$),
               'Index',
               'WHERE stage = ''purchase'' (1% of 200,000 rows) uses the index');
SELECT is((SELECT count(*)::integer FROM contacts WHERE stage = 'purchase'), 2000,
          'and finds every purchase row');
SELECT matches(test_helpers.plan_of($$SELECT max(stage) FROM contacts$$),
               'Index Only Scan Backward|Index Scan Backward',
               'max(stage) reads the end of the index');

CREATE EXTENSION pageinspect;
SELECT ok((SELECT allequalimage FROM bt_metap('contacts_stage')),
          'the index may deduplicate (btequalimage)');

SELECT * FROM finish();
ROLLBACK;
