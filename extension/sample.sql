-- Sample journeys for demos, tests and benchmarks.

CREATE FUNCTION journey.sample_events(customers integer DEFAULT 1000, seed integer DEFAULT 42)
    RETURNS TABLE (customer_id bigint, occurred_at timestamptz, touchpoint text,
                   channel text, medium text, stage journey.stage, revenue numeric)
    AS 'MODULE_PATHNAME', 'sample_events' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    ROWS 10000;
COMMENT ON FUNCTION journey.sample_events(integer, integer) IS 'realistic sample customer journeys over the built-in touchpoint catalog; the same seed always gives the same rows';
