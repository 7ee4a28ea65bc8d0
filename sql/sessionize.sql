-- sessionize
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE TABLE visits (customer integer, at timestamptz);
INSERT INTO visits VALUES
    (1, '2026-01-01 10:00'), (1, '2026-01-01 10:10'), (1, '2026-01-01 12:00'),
    (2, '2026-01-01 10:00'), (2, '2026-01-01 10:30'), (2, '2026-01-01 11:00:00.000001'),
    (2, '2026-01-01 11:00:00.000001'), (2, NULL), (2, '2026-01-01 11:20');

-- a gap strictly longer than 30 minutes starts a new session; a gap of
-- exactly 30 minutes does not; rows at one time share a session; a NULL
-- time gives NULL and is skipped
SELECT customer, at, journey.sessionize(at, '30 minutes') OVER (PARTITION BY customer ORDER BY at) AS session
FROM visits ORDER BY customer, at;
SELECT customer, at, journey.sessionize(at::timestamp, '1 hour') OVER (PARTITION BY customer ORDER BY at) AS session
FROM visits WHERE customer = 1 ORDER BY at;

-- errors
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT journey.sessionize(at, '30 minutes') OVER (PARTITION BY customer ORDER BY at DESC) FROM visits WHERE customer = 1;
SELECT journey.sessionize(at, '1 month') OVER (ORDER BY at) FROM visits WHERE customer = 1;
SELECT journey.sessionize(at, NULL) OVER (ORDER BY at) FROM visits WHERE customer = 1;
SELECT journey.sessionize(at, CASE WHEN at < '2026-01-01 11:00' THEN interval '30 minutes' ELSE interval '1 hour' END)
    OVER (ORDER BY at) FROM visits WHERE customer = 1;
SELECT journey.sessionize(now(), '30 minutes');
