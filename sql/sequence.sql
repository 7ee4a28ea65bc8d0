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
