-- journey.sample_events(): reproducible, realistic sample journeys
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';

-- Pinned rows: a buyer who browses, buys twice, keeps in touch and
-- recommends, and a one-touch journey.  A change here means the generator
-- changed, which breaks every user's "same seed, same data": do it only on
-- purpose, and say so in the release notes.
SELECT * FROM journey.sample_events(100, 42) WHERE customer_id = 95;
SELECT * FROM journey.sample_events(10, 7) WHERE customer_id = 10;

-- a customer's journey does not depend on how many customers are asked for
SELECT count(*) AS differences FROM (
    (SELECT * FROM journey.sample_events(95, 42) WHERE customer_id > 90
     EXCEPT ALL
     SELECT * FROM journey.sample_events(1000, 42) WHERE customer_id BETWEEN 91 AND 95)
    UNION ALL
    (SELECT * FROM journey.sample_events(1000, 42) WHERE customer_id BETWEEN 91 AND 95
     EXCEPT ALL
     SELECT * FROM journey.sample_events(95, 42) WHERE customer_id > 90)
) AS d;

-- the same seed gives the same rows; another seed other rows
SELECT (SELECT count(*) FROM (SELECT * FROM journey.sample_events(500, 1)
                              EXCEPT ALL SELECT * FROM journey.sample_events(500, 1)) AS d) AS same_seed_differences,
       (SELECT count(*) FROM (SELECT * FROM journey.sample_events(500, 1)
                              EXCEPT ALL SELECT * FROM journey.sample_events(500, 2)) AS d) > 0 AS other_seed_differs;

-- edge cases: no customers, NULL arguments, defaults (1000 customers, seed 42)
SELECT count(*) AS no_customers FROM journey.sample_events(0);
SELECT count(*) AS null_customers FROM journey.sample_events(NULL, 1);
SELECT count(*) AS null_seed FROM journey.sample_events(10, NULL);
SELECT (SELECT count(*) FROM journey.sample_events()) = (SELECT count(*) FROM journey.sample_events(1000, 42)) AS defaults;
SELECT count(*) FROM journey.sample_events(-1);

-- properties of 10,000 journeys
CREATE TEMP TABLE sample AS SELECT * FROM journey.sample_events(10000, 42);

SELECT count(DISTINCT customer_id) AS customers,
       min(customer_id) AS first_id, max(customer_id) AS last_id,
       count(*)::numeric / count(DISTINCT customer_id) BETWEEN 8 AND 12 AS about_ten_events_each
FROM sample;

-- channel, medium and stage are the catalog's
SELECT count(*) AS not_as_in_catalog
FROM sample AS s LEFT JOIN journey.seed_touchpoints() AS t
  ON t.name = s.touchpoint AND t.channel = s.channel AND t.medium = s.medium AND t.stage = s.stage
WHERE t.name IS NULL;

-- revenue on purchases, and only there; whole cents
SELECT touchpoint, bool_and(revenue IS NOT NULL) AS always, bool_or(revenue IS NOT NULL) AS ever,
       bool_and(revenue > 0) AS positive, bool_and(scale(revenue) = 2) AS cents
FROM sample WHERE stage = 'purchase' GROUP BY touchpoint ORDER BY touchpoint;
SELECT count(*) AS revenue_outside_purchases FROM sample WHERE revenue IS NOT NULL AND stage <> 'purchase';

-- every journey starts with an awareness touch in the first half of 2026,
-- and its touches come in strictly increasing time
WITH firsts AS (
    SELECT DISTINCT ON (customer_id) customer_id, occurred_at, stage
    FROM sample ORDER BY customer_id, occurred_at
)
SELECT bool_and(stage = 'awareness') AS starts_aware,
       min(occurred_at) >= '2026-01-01' AND max(occurred_at) < '2026-06-30' AS starts_in_h1
FROM firsts;
SELECT count(*) AS not_increasing FROM (
    SELECT occurred_at <= lag(occurred_at) OVER (PARTITION BY customer_id ORDER BY occurred_at) AS back
    FROM sample
) AS s WHERE back;

-- the funnel narrows stage by stage; most stop at awareness or consideration
WITH reached AS (
    SELECT stage, count(DISTINCT customer_id) AS customers FROM sample GROUP BY stage
)
SELECT bool_and(r.customers > n.customers) AS narrows
FROM reached AS r JOIN reached AS n ON n.stage = journey.next_stage(r.stage);
WITH furthest AS (SELECT customer_id, max(stage) AS stage FROM sample GROUP BY customer_id)
SELECT round(100.0 * count(*) FILTER (WHERE stage <= 'consideration') / count(*)) BETWEEN 75 AND 85 AS most_stop_early,
       round(100.0 * count(*) FILTER (WHERE stage >= 'purchase') / count(*)) BETWEEN 17 AND 23 AS about_a_fifth_buy
FROM furthest;

-- buyers need 7 to 11 touches before their first purchase, on average;
-- some buy again
WITH first_purchase AS (
    SELECT customer_id, min(occurred_at) AS at FROM sample WHERE revenue IS NOT NULL GROUP BY customer_id
), touches AS (
    SELECT f.customer_id, count(s.*) AS before
    FROM first_purchase AS f JOIN sample AS s
      ON s.customer_id = f.customer_id AND s.occurred_at < f.at
    GROUP BY f.customer_id
)
SELECT avg(before) BETWEEN 7 AND 11 AS seven_to_eleven, min(before) >= 4 AS at_least_four
FROM touches;
SELECT count(*) FILTER (WHERE purchases > 1) > 0 AS some_buy_again
FROM (SELECT customer_id, count(revenue) AS purchases FROM sample GROUP BY customer_id) AS p;
