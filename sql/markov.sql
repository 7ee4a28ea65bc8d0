-- markov_attribution: exact removal effects over one row per distinct path
-- Bryl (2016): P(conversion) = 1/3; removal effects 0.5, 1, 1; conversions
-- 0.2, 0.4, 0.4
SELECT c.channel, round(c.removal_effect::numeric, 10) AS removal_effect,
       round(c.conversions::numeric, 10) AS conversions
FROM (SELECT journey.markov_attribution(path, conversions, nulls) AS credits
        FROM (VALUES ('{C1,C2,C3}'::text[], 1, 0), ('{C1}', 0, 1), ('{C2,C3}', 0, 1)) AS p (path, conversions, nulls)) AS m,
     unnest(m.credits) AS c;

-- A cycle: a > b > a converts, b does not.  From (start) a or b by half;
-- a: b or (conversion) by half; b: a or (null) by half.  x_a = 2/3,
-- x_b = 1/3, P = 1/2; without a, 0; without b, 1/4.
SELECT c.channel, round(c.removal_effect::numeric, 10) AS removal_effect,
       round(c.conversions::numeric, 10) AS conversions
FROM (SELECT journey.markov_attribution(path, conversions, nulls) AS credits
        FROM (VALUES ('{a,b,a}'::text[], 1, 0), ('{b}', 0, 1)) AS p (path, conversions, nulls)) AS m,
     unnest(m.credits) AS c;

-- a > a > b is a > b; a NULL path is no row, NULL counts are 0
SELECT journey.markov_attribution(path, conversions, nulls) AS repeated
FROM (VALUES ('{a,a,b}'::text[], 2, 3), (NULL, 5, 5), ('{b}', NULL, NULL)) AS p (path, conversions, nulls);
SELECT journey.markov_attribution(path, conversions, nulls) AS collapsed
FROM (VALUES ('{a,b}'::text[], 2, 3)) AS p (path, conversions, nulls);

-- Order 2: states (a,b) and (b,c); every channel is needed to convert
SELECT c.channel, c.removal_effect, round(c.conversions::numeric, 10) AS conversions
FROM (SELECT journey.markov_attribution(path, conversions, nulls, 2) AS credits
        FROM (VALUES ('{a,b,c}'::text[], 1, 0), ('{a,b}', 0, 1)) AS p (path, conversions, nulls)) AS m,
     unnest(m.credits) AS c;

-- no rows
SELECT journey.markov_attribution(path, 1, 0) AS no_rows FROM (VALUES ('{a}'::text[])) AS p (path) WHERE false;

-- errors
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT journey.markov_attribution('{a,""}', 1, 0);
SELECT journey.markov_attribution('{a,NULL}', 1, 0);
SELECT journey.markov_attribution('{a}', -1, 0);
SELECT journey.markov_attribution('{a}', 1, 0, 0);
