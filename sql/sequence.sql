-- sequence_next_node
SET timezone = 'UTC';

-- ClickHouse's clickstream: the pages of four visitors, by second
CREATE TABLE flow (id integer, second integer, page text);
INSERT INTO flow VALUES
    (1, 1, 'Home'), (1, 2, 'Gift'), (1, 3, 'Exit'),
    (2, 1, 'Home'), (2, 2, 'Home'), (2, 3, 'Gift'), (2, 4, 'Basket'),
    (3, 1, 'Gift'), (3, 2, 'Home'), (3, 3, 'Gift'), (3, 4, 'Basket'),
    -- four pages at one time come in value order: A, B, C, D
    (4, 1, 'D'), (4, 1, 'B'), (4, 1, 'A'), (4, 1, 'C'),
    -- NULL values and times are ignored; one node left is too few
    (5, 1, 'Home'), (5, 2, NULL), (5, NULL, 'Gift');
CREATE FUNCTION flow_time(integer) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE AS $$ SELECT '2026-01-01 09:00:00+00'::timestamptz + $1 * interval '1 second' $$;

SELECT id,
       journey.sequence_next_node('forward', 'head', flow_time(second), page, page = 'Home',
                                  page = 'Home', page = 'Gift') AS after_home_gift,
       journey.sequence_next_node('backward', 'tail', flow_time(second), page, page = 'Basket',
                                  page = 'Basket', page = 'Gift') AS before_gift_basket,
       journey.sequence_next_node('forward', 'first_match', flow_time(second), page, true,
                                  page = 'Gift') AS after_first_gift,
       journey.sequence_next_node('forward', 'last_match', flow_time(second), page, true,
                                  page = 'Gift') AS after_last_gift,
       journey.sequence_next_node('backward', 'first_match', flow_time(second), page, true,
                                  page = 'Gift') AS before_first_gift,
       journey.sequence_next_node('backward', 'last_match', flow_time(second), page, true,
                                  page = 'Gift') AS before_last_gift,
       journey.sequence_next_node('forward', 'head', flow_time(second), page, true, true) AS second_node
FROM flow GROUP BY id ORDER BY id;

-- the timestamp (without time zone) form, and no rows
SELECT journey.sequence_next_node('forward', 'head', flow_time(second)::timestamp, page, true, true) AS second_node
FROM flow WHERE id = 3;
SELECT journey.sequence_next_node('forward', 'head', flow_time(second), page, true, true) AS no_rows
FROM flow WHERE false;

-- errors
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT journey.sequence_next_node('sideways', 'head', now(), 'a', true, true);
SELECT journey.sequence_next_node('forward', 'middle', now(), 'a', true, true);
SELECT journey.sequence_next_node('forward', 'tail', now(), 'a', true, true);
SELECT journey.sequence_next_node('backward', 'head', now(), 'a', true, true);
SELECT journey.sequence_next_node(NULL, 'head', now(), 'a', true, true);
SELECT journey.sequence_next_node(d, 'first_match', now(), 'a', true, true)
FROM (VALUES ('forward'), ('backward')) AS v (d);

-- sequence_match, sequence_count, sequence_match_events
SET datestyle = 'ISO, YMD';
-- ClickHouse's documentation example: rows 1, 3, 2.  A row matching no
-- condition is invisible; passing number = 3 as a condition makes it seen.
CREATE TABLE numbers_at (second integer, number integer);
INSERT INTO numbers_at VALUES (1, 1), (2, 3), (3, 2);
SELECT journey.sequence_match('(?1)(?2)', flow_time(second), number = 1, number = 2) AS two_conditions,
       journey.sequence_match('(?1)(?2)', flow_time(second), number = 1, number = 2, number = 3) AS three_conditions,
       journey.sequence_match('(?1).*(?2)', flow_time(second), number = 1, number = 2, number = 3) AS with_gap
FROM numbers_at;

-- a webinar, then a purchase exactly 7 days later, 7 days and a second
-- later, or before the webinar; customer 1 read a blog in between
CREATE TABLE touches_at (customer integer, at timestamptz, touch text);
INSERT INTO touches_at VALUES
    (1, '2026-03-01 10:00+00', 'webinar'), (1, '2026-03-04 09:00+00', 'blog'),
    (1, '2026-03-08 10:00+00', 'purchase'),
    (2, '2026-03-01 10:00+00', 'webinar'), (2, '2026-03-08 10:00:01+00', 'purchase'),
    (3, '2026-03-01 10:00+00', 'purchase'), (3, '2026-03-02 10:00+00', 'webinar');
SELECT customer,
       journey.sequence_match('(?1).*(?t<=7d)(?2)', at, touch = 'webinar', touch = 'purchase') AS within_week,
       journey.sequence_match('(?1)(?t<7d)(?2)', at, touch = 'webinar', touch = 'purchase') AS under_week,
       journey.sequence_match('(?1)(?t>1w)(?2)', at, touch = 'webinar', touch = 'purchase') AS over_week,
       journey.sequence_match('(?1)(?t==604800)(?2)', at, touch = 'webinar', touch = 'purchase') AS exactly_week,
       journey.sequence_match('(?1)(?2)', at, touch = 'webinar', touch = 'purchase') AS adjacent,
       journey.sequence_match('(?1)(?2)', at, touch = 'webinar', touch = 'purchase', touch = 'blog') AS blog_seen
FROM touches_at GROUP BY customer ORDER BY customer;

-- the chain of the longest matchable prefix; its timestamp form
SELECT customer,
       journey.sequence_match_events('(?1).*(?t<=7d)(?2)', at, touch = 'webinar', touch = 'purchase') AS chain,
       journey.sequence_match_events('(?1)(?2)', at::timestamp, touch = 'webinar', touch = 'purchase') AS local_chain
FROM touches_at GROUP BY customer ORDER BY customer;

-- ClickHouse's test table: seconds 0..11 with data 0,0,0,0,1,2,0,0,0,0,1,1.
-- Of the chains, the earliest first event, then the earliest second.
CREATE TABLE data_at (second integer, data integer);
INSERT INTO data_at VALUES (0, 0), (1, 0), (2, 0), (3, 0), (4, 1), (5, 2),
    (6, 0), (7, 0), (8, 0), (9, 0), (10, 1), (11, 1);
SELECT journey.sequence_match_events('(?1)(?t<3)(?3)', flow_time(second), data = 0, data = 1, data = 2) AS lt_3,
       journey.sequence_match_events('(?2)(?t>=7)(?2)', flow_time(second), data = 0, data = 1, data = 2) AS ge_7,
       journey.sequence_match_events('(?1)(?t>11)(?2)', flow_time(second), data = 0, data = 1, data = 2) AS partial,
       journey.sequence_count('(?1)(?1)', flow_time(second), data = 0, data = 1, data = 2) AS pairs,
       journey.sequence_count('', flow_time(second), data = 0, data = 1, data = 2) AS empty_pattern
FROM data_at;

-- non-overlapping matches: c1 c2 c1 c2 c1 c2 holds three of (?1)(?2)
SELECT journey.sequence_count('(?1)(?2)', flow_time(s), s % 2 = 1, s % 2 = 0) AS alternating,
       journey.sequence_count('(?1).*(?1)', flow_time(s), s % 2 = 1, s % 2 = 0) AS odd_pairs
FROM generate_series(1, 6) AS s;

-- rows at one time are ordered by their conditions: condition 1 first
SELECT journey.sequence_match('(?1)(?2)', t, c = 1, c = 2) AS one_then_two,
       journey.sequence_match('(?2)(?1)', t, c = 1, c = 2) AS two_then_one
FROM (VALUES (2), (1)) AS v (c), (VALUES ('2026-01-01 00:00+00'::timestamptz)) AS w (t);

-- no rows
SELECT journey.sequence_match('(?1)', now(), true) AS no_match,
       journey.sequence_count('(?1)', now(), true) AS no_count,
       journey.sequence_match_events('(?1)', now(), true) AS no_events
WHERE false;

-- a malformed pattern
SELECT journey.sequence_match('(?1)x(?2)', now(), true, true);
