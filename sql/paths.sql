-- path, path_to, path_transitions
SET timezone = 'UTC';

CREATE TABLE path_events (customer integer, day integer, node text, converted boolean);
INSERT INTO path_events VALUES
    -- ties at one time come in node order; a repeat; a conversion; after it
    (1, 1, 'search', false), (1, 1, 'display', false), (1, 2, 'display', false),
    (1, 3, 'email', false), (1, 3, 'email', false), (1, 4, 'web', false),
    (1, 5, NULL, true), (1, 6, 'email', false), (1, 7, 'web', true),
    -- never converts
    (2, 1, 'social', false), (2, 2, 'social', false), (2, 3, 'search', false),
    -- converts first; the conversion row's node does not count
    (3, 1, 'web', true), (3, 2, 'email', false),
    -- a touch at the same time as the conversion is not before it
    (4, 1, 'search', false), (4, 2, 'web', true), (4, 2, 'email', false),
    -- NULL nodes and NULL times are ignored
    (5, 1, NULL, false), (5, NULL, 'print', false), (5, 2, 'events', false), (5, 3, 'events', NULL),
    -- a long path: a, b, ..., l
    (6, 1, 'a', false), (6, 2, 'b', false), (6, 3, 'c', false), (6, 4, 'd', false),
    (6, 5, 'e', false), (6, 6, 'f', false), (6, 7, 'g', false), (6, 8, 'h', false),
    (6, 9, 'i', false), (6, 10, 'j', false), (6, 11, 'k', false), (6, 12, 'l', true);

SELECT customer,
       journey.path(timestamptz '2026-01-01' + day * interval '1 day', node) AS path,
       journey.path(timestamptz '2026-01-01' + day * interval '1 day', node, 3, false) AS first_3_raw,
       journey.path_to(timestamptz '2026-01-01' + day * interval '1 day', node, converted) AS path_to,
       journey.path_to(timestamptz '2026-01-01' + day * interval '1 day', node, converted, 3, true) AS last_3,
       journey.path_to(timestamptz '2026-01-01' + day * interval '1 day', node, converted, 1000, false) AS raw
FROM path_events GROUP BY customer ORDER BY customer;

-- no rows; the timestamp (without time zone) form
SELECT journey.path(now(), node) AS no_rows, journey.path_to(now(), node, true) AS no_rows_to
FROM path_events WHERE false;
SELECT journey.path(timestamp '2026-01-01' + day * interval '1 day', node, 2, true) AS path
FROM path_events WHERE customer = 1;

-- Sankey edges
SELECT * FROM journey.path_transitions('{search,display,web}', true);
SELECT * FROM journey.path_transitions('{social,search}', false);
SELECT * FROM journey.path_transitions('{social,search}');
SELECT * FROM journey.path_transitions('{}', true);
SELECT count(*) AS no_edges FROM journey.path_transitions(NULL, true);
SELECT step, from_node, to_node, count(*) AS customers
FROM (SELECT customer,
             journey.path_to(timestamptz '2026-01-01' + day * interval '1 day', node, converted) AS path,
             bool_or(converted) AS converted
        FROM path_events WHERE customer IN (1, 2, 4) GROUP BY customer) AS p,
     journey.path_transitions(p.path, p.converted)
GROUP BY step, from_node, to_node ORDER BY step, from_node, to_node;

-- errors
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT journey.path(now(), 'a', 0, true);
SELECT journey.path(now(), 'a', 1001, true);
SELECT journey.path_to(now(), 'a', false, NULL, true);
SELECT journey.path(now(), 'a', s, true) FROM (VALUES (2), (3)) AS v (s);
SELECT journey.path(now(), 'a', 2, c) FROM (VALUES (true), (false)) AS v (c);
