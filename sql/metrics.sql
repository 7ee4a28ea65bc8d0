-- NPS and CSAT

-- ten answers: 5 promoters (9-10), 2 passives (7-8), 3 detractors (0-6)
SELECT journey.nps(score) FROM unnest('{10,10,9,9,9,8,7,6,3,0}'::integer[]) AS score;
SELECT journey.nps(score) AS all_promoters FROM unnest('{9,10}'::integer[]) AS score;
SELECT journey.nps(score) AS all_detractors FROM unnest('{0,6}'::integer[]) AS score;
SELECT journey.nps(score) AS one_third FROM unnest('{10,8,8}'::integer[]) AS score;
SELECT journey.nps(score) AS nulls_ignored FROM unnest('{10,NULL,0}'::integer[]) AS score;
SELECT journey.nps(score) AS no_answers FROM unnest('{}'::integer[]) AS score;
SELECT journey.nps(score) AS only_nulls FROM unnest('{NULL}'::integer[]) AS score;

-- five answers on 1-5: three are 4 or 5
SELECT journey.csat(score) FROM unnest('{5,4,4,3,1}'::integer[]) AS score;
SELECT journey.csat(score) AS nulls_ignored FROM unnest('{NULL,5}'::integer[]) AS score;
SELECT journey.csat(score) AS no_answers FROM unnest('{}'::integer[]) AS score;

-- per group
SELECT survey, journey.nps(score) AS nps, journey.csat(least(greatest(score / 2, 1), 5)) AS csat
FROM (VALUES ('spring', 10), ('spring', 0), ('autumn', 9), ('autumn', 9), ('autumn', 2)) AS v (survey, score)
GROUP BY survey ORDER BY survey;

-- out-of-range scores
SELECT journey.nps(score) FROM unnest('{10,11}'::integer[]) AS score;
SELECT journey.nps(-1);
SELECT journey.csat(0);
SELECT journey.csat(6);
