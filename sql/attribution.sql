-- attribution: heuristic models over one customer's touches and conversions
SET timezone = 'UTC';

-- Customer 1: email and search together, social a day later, then a
-- purchase of 100; display, then a purchase of 50 with video at the same
-- instant (not before it, so credited nothing); a touch without a channel
-- is ignored.  Customer 2 buys at the instant of its only touch.
CREATE TABLE att (customer integer, at timestamptz, channel text, bought boolean, amount float8);
INSERT INTO att VALUES
    (1, '2026-01-02 00:00', 'search', false, NULL),
    (1, '2026-01-02 00:00', 'email', false, NULL),
    (1, '2026-01-03 00:00', 'social', false, NULL),
    (1, '2026-01-04 00:00', NULL, true, 100),
    (1, '2026-01-06 00:00', 'display', false, NULL),
    (1, '2026-01-07 00:00', NULL, false, NULL),
    (1, '2026-01-08 00:00', 'video', false, NULL),
    (1, '2026-01-08 00:00', NULL, true, 50),
    (2, '2026-02-01 00:00', 'ads', false, NULL),
    (2, '2026-02-01 00:00', NULL, true, 20);

SELECT m.model, journey.attribution(m.model, at, channel, bought, amount) AS credits
FROM att, (VALUES (1, 'first_touch'), (2, 'last_touch'), (3, 'linear'),
                  (4, 'position_based(first=0.5, last=0.25)'), (5, 'time_decay(half_life=1 day)'),
                  (6, 'Linear ( lookback = 1 day )')) AS m (n, model)
WHERE customer = 1
GROUP BY m.n, m.model ORDER BY m.n;

-- without values; a conversion with no touch before it credits (direct)
SELECT customer, journey.attribution('first_touch', at, channel, bought) AS credits,
       journey.attribution('last_touch', at::timestamp, channel, bought) AS local_credits
FROM att GROUP BY customer ORDER BY customer;

-- no conversion, no credit; no rows, NULL
SELECT journey.attribution('linear', at, channel, false) AS no_conversion FROM att WHERE customer = 1;
SELECT journey.attribution('linear', at, channel, bought) AS no_rows FROM att WHERE false;

-- errors name the bad part
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT journey.attribution('u_shaped', now(), 'a', true);
SELECT journey.attribution('time_decay(half_life=0 days)', now(), 'a', true);
SELECT journey.attribution('position_based(first=0.7, last=0.7)', now(), 'a', true);
SELECT journey.attribution('linear(first=0.5)', now(), 'a', true);
SELECT journey.attribution('linear(lookback=30 parsecs)', now(), 'a', true);
