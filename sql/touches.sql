-- touches_before and time_to_conversion
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE TABLE touch_events (customer integer, at timestamptz, touchpoint text, converted boolean);
INSERT INTO touch_events VALUES
    -- three touches, a purchase, then more touches and a second purchase
    (1, '2026-01-01 10:00', 'search_ad', false), (1, '2026-01-03 10:00', 'blog_post', false),
    (1, '2026-01-10 09:00', 'webinar', false), (1, '2026-01-10 12:00', 'checkout', true),
    (1, '2026-02-01 10:00', 'newsletter', false), (1, '2026-02-05 10:00', 'checkout', true),
    -- never converts
    (2, '2026-01-01', 'display_ad', false), (2, '2026-01-02', 'website_visit', false),
    -- converts on the very first event
    (3, '2026-01-05', 'store_checkout', true), (3, '2026-01-06', 'support_call', false),
    -- a touch at the same instant as the conversion; rows out of order
    (4, '2026-01-07 08:00', 'checkout', true), (4, '2026-01-07 08:00', 'webshop', false),
    (4, '2026-01-01 08:00', 'search_engine', false),
    -- a NULL time is ignored, a NULL conversion is a touch
    (5, NULL, 'search_ad', false), (5, '2026-01-01', 'blog_post', NULL),
    (5, '2026-01-02', 'checkout', true), (5, NULL, 'checkout', true),
    -- touches long before the conversion
    (6, '2025-10-01', 'print_ad', false), (6, '2025-12-20', 'search_ad', false),
    (6, '2025-12-30', 'webinar', false), (6, '2026-01-02', 'checkout', true);

SELECT customer,
       journey.touches_before(at, converted) AS touches,
       journey.touches_before(at, converted, '7 days') AS within_7_days,
       journey.touches_before(at, converted, '0 seconds') AS zero_lookback,
       journey.time_to_conversion(at, converted) AS time_to_conversion
FROM touch_events GROUP BY customer ORDER BY customer;

-- no rows; the timestamp (without time zone) forms
SELECT journey.touches_before(at, converted) AS no_rows,
       journey.time_to_conversion(at, converted) AS no_time
FROM touch_events WHERE false;
SELECT journey.touches_before(at::timestamp, converted) AS touches,
       journey.touches_before(at::timestamp, converted, '7 days') AS within_7_days,
       journey.time_to_conversion(at::timestamp, converted) AS time_to_conversion
FROM touch_events WHERE customer = 1;

-- the sample's buyers: the same count as plain SQL gives, and the number
-- marketers quote
CREATE TEMP TABLE sample AS SELECT * FROM journey.sample_events(2000, 42);
WITH ours AS (
    SELECT customer_id, journey.touches_before(occurred_at, revenue IS NOT NULL) AS touches
    FROM sample GROUP BY customer_id
), plain AS (
    SELECT s.customer_id, count(*) FILTER (WHERE s.occurred_at < f.first_purchase) AS touches
    FROM sample AS s
    JOIN (SELECT customer_id, min(occurred_at) AS first_purchase
            FROM sample WHERE revenue IS NOT NULL GROUP BY customer_id) AS f USING (customer_id)
    GROUP BY s.customer_id
)
SELECT count(*) FILTER (WHERE o.touches IS NOT NULL) BETWEEN 300 AND 500 AS about_a_fifth_buy,
       count(*) FILTER (WHERE o.touches IS DISTINCT FROM p.touches) AS disagreements,
       avg(o.touches) BETWEEN 7 AND 11 AS seven_to_eleven
FROM ours AS o LEFT JOIN plain AS p USING (customer_id);

-- errors
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT journey.touches_before(at, converted, '1 month') FROM touch_events;
SELECT journey.touches_before(at, converted, '-1 day') FROM touch_events;
SELECT journey.touches_before(at, converted, NULL) FROM touch_events;
SELECT journey.touches_before(at, converted, l)
FROM (VALUES (interval '1 day'), (interval '2 days')) AS v (l), touch_events WHERE customer = 1;
