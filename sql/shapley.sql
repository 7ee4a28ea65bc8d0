-- shapley_attribution: each journey's conversions split equally over its
-- distinct channels (the closed form of the Shapley value of this game)
SELECT journey.shapley_attribution(channels, conversions) AS credits
FROM (VALUES ('{C1,C2,C3}'::text[], 3), ('{C1}', 2), ('{C2,C3,C2}', 4)) AS j (channels, conversions);

-- a: 6/2 + 3/3 = 4; b: 6/2 + 2 + 3/3 = 6; c: 3/3 = 1; the empty journey
-- credits no one; a NULL one is no row
SELECT c.channel, c.conversions, c.value
FROM (SELECT journey.shapley_attribution(channels, conversions) AS credits
        FROM (VALUES ('{a,b}'::text[], 6), ('{b}', 2), ('{b,c,a}', 3), ('{}', 7), (NULL, 9)) AS j (channels, conversions)) AS s,
     unnest(s.credits) AS c;

\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT journey.shapley_attribution('{""}', 1);
SELECT journey.shapley_attribution('{a}', -5);
