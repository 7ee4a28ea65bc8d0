-- The reports of the pg_journey demo (run by scripts/demo.sh).
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION pg_journey;

CREATE TABLE events AS SELECT * FROM journey.sample_events(10000, 42);
CREATE INDEX events_customer_time ON events (customer_id, occurred_at);
ANALYZE events;

\echo
\echo 'pg_journey demo: 10,000 sample customers, journey.sample_events(10000, 42)'
SELECT count(*) AS touches,
       count(DISTINCT customer_id) AS customers,
       min(occurred_at)::date AS first_day,
       max(occurred_at)::date AS last_day
FROM events;

\echo 'Customers per stage: reached = touched the stage at least once;'
\echo 'stopped here = the furthest stage they reached (the funnel''s drop-off).'
WITH furthest AS (
    SELECT customer_id, max(stage) AS stage FROM events GROUP BY customer_id
), reached AS (
    SELECT stage, count(DISTINCT customer_id) AS customers FROM events GROUP BY stage
)
SELECT s.stage,
       coalesce(r.customers, 0) AS reached,
       round(100.0 * coalesce(r.customers, 0) / (SELECT count(*) FROM furthest), 1) AS "reached %",
       (SELECT count(*) FROM furthest f WHERE f.stage = s.stage) AS "stopped here"
FROM journey.stages() AS s
LEFT JOIN reached AS r USING (stage)
ORDER BY s.stage;

\echo 'Touches per stage: how busy each stage is, and how much of it is digital.'
SELECT stage,
       count(*) AS touches,
       round(count(*)::numeric / count(DISTINCT customer_id), 1) AS "per customer",
       round(100.0 * count(*) FILTER (WHERE medium = 'digital') / count(*), 1) AS "digital %",
       round(100.0 * count(*) FILTER (WHERE medium = 'physical') / count(*), 1) AS "physical %"
FROM events
GROUP BY stage
ORDER BY stage;

\echo 'Busiest touchpoints of each stage (top 3 by touches).'
SELECT stage, touchpoint, channel, medium, touches
FROM (
    SELECT stage, touchpoint, channel, medium, count(*) AS touches,
           row_number() OVER (PARTITION BY stage ORDER BY count(*) DESC, touchpoint) AS rank
    FROM events
    GROUP BY stage, touchpoint, channel, medium
) AS ranked
WHERE rank <= 3
ORDER BY stage, touches DESC, touchpoint;

\echo 'The touchpoint catalog (journey.touchpoint): touchpoints per stage and medium.'
SELECT stage, medium, sum(n) AS n, string_agg(names, E',\n' ORDER BY line) AS touchpoints
FROM (
    SELECT stage, medium, (rank - 1) / 4 AS line, count(*) AS n,
           string_agg(name, ', ' ORDER BY name) AS names
    FROM (SELECT stage, medium, name,
                 row_number() OVER (PARTITION BY stage, medium ORDER BY name) AS rank
          FROM journey.touchpoint) AS numbered
    GROUP BY stage, medium, line
) AS lines
GROUP BY stage, medium
ORDER BY stage, medium;

\echo 'The stage funnel: how far customers got, in stage order, within 30 days of becoming aware'
\echo '(journey.stage_funnel per customer, journey.funnel_counts, journey.funnel_report).'
\pset format aligned
SELECT step, label AS stage, customers,
       round(conversion_from_start::numeric, 1) AS "% of aware",
       round(conversion_from_previous::numeric, 1) AS "% of previous",
       dropped
FROM journey.funnel_report(
    (SELECT journey.funnel_counts(coalesce(furthest::integer, 0), 5)
       FROM (SELECT journey.stage_funnel('30 days', occurred_at, stage) AS furthest
               FROM events GROUP BY customer_id) AS per_customer),
    ARRAY(SELECT stage::text FROM journey.stages()));

\echo 'A purchase funnel: aware, then considering, then buying, within 30 days; with the median'
\echo 'time each step took (journey.window_funnel_events).'
WITH per_customer AS (
    SELECT journey.window_funnel_events('30 days', occurred_at, stage = 'awareness',
                                        stage = 'consideration', revenue IS NOT NULL) AS steps
    FROM events GROUP BY customer_id
)
SELECT r.step, r.label, r.customers,
       round(r.conversion_from_start::numeric, 1) AS "% of start",
       round(r.conversion_from_previous::numeric, 1) AS "% of previous",
       r.dropped,
       (SELECT justify_hours(percentile_cont(0.5) WITHIN GROUP (ORDER BY steps[r.step] - steps[r.step - 1]))
          FROM per_customer WHERE cardinality(steps) >= r.step AND r.step > 1) AS "median time from previous"
FROM journey.funnel_report(
    (SELECT journey.funnel_counts(cardinality(steps), 3) FROM per_customer),
    ARRAY['aware', 'considering', 'bought']) AS r;

\echo 'Touches before the first purchase (journey.touches_before): marketers quote 7 to 11.'
SELECT count(*) AS buyers, min(touches),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY touches) AS median,
       round(avg(touches), 1) AS mean,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY touches) AS p90,
       max(touches),
       justify_hours(percentile_cont(0.5) WITHIN GROUP (ORDER BY time_to_purchase)) AS "median time to purchase"
FROM (SELECT journey.touches_before(occurred_at, revenue IS NOT NULL) AS touches,
             journey.time_to_conversion(occurred_at, revenue IS NOT NULL) AS time_to_purchase
        FROM events GROUP BY customer_id) AS per_customer
WHERE touches IS NOT NULL;

\echo 'The ten most common paths to a first purchase: the last three channels before it'
\echo '(journey.path_to, repeats collapsed).'
SELECT array_to_string(path, ' > ') AS path, count(*) AS buyers,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS "% of buyers"
FROM (SELECT journey.path_to(occurred_at, channel, revenue IS NOT NULL, 3, true) AS path,
             bool_or(revenue IS NOT NULL) AS bought
        FROM events GROUP BY customer_id) AS p
WHERE bought
GROUP BY path ORDER BY buyers DESC, path LIMIT 10;

\echo 'Sankey edges of those paths, for every customer, the busiest five per step'
\echo '(journey.path_transitions; (null) = did not buy).'
SELECT step, from_node, to_node, customers
FROM (SELECT step, from_node, to_node, count(*) AS customers,
             row_number() OVER (PARTITION BY step ORDER BY count(*) DESC, from_node, to_node) AS rank
        FROM (SELECT journey.path_to(occurred_at, channel, revenue IS NOT NULL, 3, true) AS path,
                     bool_or(revenue IS NOT NULL) AS converted
                FROM events GROUP BY customer_id) AS p,
             journey.path_transitions(p.path, p.converted)
       GROUP BY step, from_node, to_node) AS edges
WHERE rank <= 5
ORDER BY step, customers DESC, from_node, to_node;

\echo 'Repeat purchases by month of first purchase (journey.retention).'
WITH buyers AS (
    SELECT e.*, min(occurred_at) FILTER (WHERE revenue IS NOT NULL)
                    OVER (PARTITION BY customer_id) AS first_purchase
    FROM events AS e
), per_customer AS (
    SELECT date_trunc('month', min(first_purchase))::date AS cohort,
           journey.retention(revenue IS NOT NULL AND occurred_at = first_purchase,
                             revenue IS NOT NULL AND occurred_at > first_purchase
                                 AND occurred_at <= first_purchase + interval '7 days',
                             revenue IS NOT NULL AND occurred_at > first_purchase
                                 AND occurred_at <= first_purchase + interval '30 days',
                             revenue IS NOT NULL AND occurred_at > first_purchase
                                 AND occurred_at <= first_purchase + interval '90 days') AS r
    FROM buyers WHERE first_purchase IS NOT NULL GROUP BY customer_id
)
SELECT cohort, count(*) FILTER (WHERE r[1]) AS buyers,
       count(*) FILTER (WHERE r[2]) AS "again in 7 days",
       count(*) FILTER (WHERE r[3]) AS "again in 30 days",
       count(*) FILTER (WHERE r[4]) AS "again in 90 days",
       round(100.0 * count(*) FILTER (WHERE r[4]) / count(*) FILTER (WHERE r[1]), 1) AS "% in 90 days"
FROM per_customer GROUP BY cohort ORDER BY cohort;

\echo 'Visits (journey.sessionize, a 30-minute gap ends a visit): touches per visit.'
SELECT touches_in_visit, count(*) AS visits
FROM (SELECT customer_id, session, count(*) AS touches_in_visit
        FROM (SELECT customer_id, journey.sessionize(occurred_at, '30 minutes')
                         OVER (PARTITION BY customer_id ORDER BY occurred_at) AS session
                FROM events) AS s
       GROUP BY customer_id, session) AS v
GROUP BY touches_in_visit ORDER BY touches_in_visit;

\echo 'What customers did right after their first webinar (journey.sequence_next_node).'
SELECT next_step, count(*) AS customers,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS "%"
FROM (SELECT journey.sequence_next_node('forward', 'first_match', occurred_at, touchpoint,
                                        true, touchpoint = 'webinar') AS next_step
        FROM events GROUP BY customer_id) AS n
WHERE next_step IS NOT NULL
GROUP BY next_step ORDER BY customers DESC, next_step LIMIT 5;

\echo 'Webinar, then a purchase: within 7 days or later (journey.sequence_match), and the median'
\echo 'days from the first webinar to the first purchase after it (journey.sequence_match_events).'
SELECT count(*) FILTER (WHERE webinar) AS "attended a webinar",
       count(*) FILTER (WHERE within_week) AS "bought within 7 days",
       count(*) FILTER (WHERE webinar_then_purchase AND NOT within_week) AS "bought later",
       round(percentile_cont(0.5) WITHIN GROUP (
                 ORDER BY extract(epoch FROM chain[2] - chain[1]) / 86400)::numeric, 1) AS "median days"
FROM (SELECT journey.sequence_match('(?1)', occurred_at, touchpoint = 'webinar') AS webinar,
             journey.sequence_match('(?1).*(?t<=7d)(?2)', occurred_at,
                                    touchpoint = 'webinar', revenue IS NOT NULL) AS within_week,
             journey.sequence_match('(?1).*(?2)', occurred_at,
                                    touchpoint = 'webinar', revenue IS NOT NULL) AS webinar_then_purchase,
             journey.sequence_match_events('(?1).*(?2)', occurred_at,
                                           touchpoint = 'webinar', revenue IS NOT NULL) AS chain
        FROM events GROUP BY customer_id) AS s;

\echo
\echo 'The report schema for BI tools: one call makes it from the events table, materialized,'
\echo 'with a refresh that pg_cron can schedule (journey.create_reports, journey.refresh_reports).'
SELECT count(*) AS "report relations in journey_reports"
FROM journey.create_reports('events', 'customer_id', 'occurred_at', 'touchpoint', 'revenue IS NOT NULL',
                            value_column => 'revenue', materialized => true);
SET client_min_messages = notice;
\o /dev/null
SELECT journey.refresh_reports();
\o
SET client_min_messages = warning;

\echo 'journey_reports.stage_funnel'
SELECT * FROM journey_reports.stage_funnel;
\echo 'journey_reports.stage_conversion'
SELECT * FROM journey_reports.stage_conversion;
\echo 'journey_reports.touches_before_purchase (the distribution; min, median, mean and p90 on every row)'
SELECT touches, buyers, percent_of_buyers, min_touches, median_touches, mean_touches, p90_touches
FROM journey_reports.touches_before_purchase;
\echo 'journey_reports.top_paths (the first ten of fifty)'
SELECT * FROM journey_reports.top_paths WHERE rank <= 10;
\echo 'journey_reports.attribution_by_channel: conversions credited to each channel by every model'
SELECT * FROM journey_reports.attribution_by_channel ORDER BY markov DESC;
\echo 'journey_reports.retention_cohorts: percent of each cohort buying again, by months since the first purchase'
SELECT cohort_month, max(cohort_size) AS buyers,
       max(percent_of_cohort) FILTER (WHERE months_since = 1) AS "month 1",
       max(percent_of_cohort) FILTER (WHERE months_since = 2) AS "month 2",
       max(percent_of_cohort) FILTER (WHERE months_since = 3) AS "month 3",
       max(percent_of_cohort) FILTER (WHERE months_since = 4) AS "month 4"
FROM journey_reports.retention_cohorts GROUP BY cohort_month ORDER BY cohort_month;
