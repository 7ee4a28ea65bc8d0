-- retention
SET timezone = 'UTC';

-- three customers' active days: 0, 1, 2 / 0, 2 / 1, 2
CREATE TABLE activity (customer integer, day integer);
INSERT INTO activity VALUES (1, 0), (1, 1), (1, 2), (2, 2), (2, 0), (3, 1), (3, 2), (3, 2);

SELECT customer, journey.retention(day = 0, day = 1, day = 2) AS retained
FROM activity GROUP BY customer ORDER BY customer;

-- the cohort table: of those active on day 0, how many came back on day k
SELECT sum(r[1]::integer) AS day_0, sum(r[2]::integer) AS day_1, sum(r[3]::integer) AS day_2
FROM (SELECT journey.retention(day = 0, day = 1, day = 2) AS r FROM activity GROUP BY customer) AS c;

-- one row meeting conditions 1 and 2 counts for both; NULL is false
SELECT journey.retention(true, true) AS same_row, journey.retention(NULL, true) AS null_first;
SELECT journey.retention(day = 0) AS no_rows FROM activity WHERE false;
SELECT journey.retention(VARIADIC (SELECT array_agg(i <= 2) FROM generate_series(1, 64) AS i)) AS sixty_four;

-- errors
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT journey.retention(VARIADIC '{}'::boolean[]);
SELECT journey.retention(VARIADIC (SELECT array_agg(true) FROM generate_series(1, 65)));
SELECT journey.retention(VARIADIC c) FROM (VALUES ('{true}'::boolean[]), ('{true,false}')) AS v (c);
