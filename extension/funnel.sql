-- Funnels: how far customers get through ordered steps within a window.

CREATE FUNCTION journey.window_funnel_transfn(internal, interval, timestamptz, boolean[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'window_funnel_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.window_funnel_transfn(internal, interval, timestamp, boolean[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'window_funnel_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.window_funnel_transfn(internal, interval, text, timestamptz, boolean[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'window_funnel_mode_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.window_funnel_transfn(internal, interval, text, timestamp, boolean[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'window_funnel_mode_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.window_funnel_excluding_transfn(internal, interval, text, timestamptz, boolean, boolean[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'window_funnel_excluding_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.window_funnel_excluding_transfn(internal, interval, text, timestamp, boolean, boolean[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'window_funnel_excluding_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.stage_funnel_transfn(internal, interval, timestamptz, journey.stage) RETURNS internal
    AS 'MODULE_PATHNAME', 'stage_funnel_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.stage_funnel_transfn(internal, interval, timestamp, journey.stage) RETURNS internal
    AS 'MODULE_PATHNAME', 'stage_funnel_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION journey.window_funnel_final(internal) RETURNS integer
    AS 'MODULE_PATHNAME', 'window_funnel_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.window_funnel_events_final(internal) RETURNS timestamptz[]
    AS 'MODULE_PATHNAME', 'window_funnel_events_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.window_funnel_events_timestamp_final(internal) RETURNS timestamp[]
    AS 'MODULE_PATHNAME', 'window_funnel_events_timestamp_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.stage_funnel_final(internal) RETURNS journey.stage
    AS 'MODULE_PATHNAME', 'stage_funnel_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- SSPACE: the state with room for twelve events; bigger customers grow it.
CREATE AGGREGATE journey.window_funnel("window" interval, ts timestamptz, VARIADIC steps boolean[]) (
    SFUNC = journey.window_funnel_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.window_funnel_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.window_funnel("window" interval, ts timestamp, VARIADIC steps boolean[]) (
    SFUNC = journey.window_funnel_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.window_funnel_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.window_funnel("window" interval, mode text, ts timestamptz, VARIADIC steps boolean[]) (
    SFUNC = journey.window_funnel_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.window_funnel_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.window_funnel("window" interval, mode text, ts timestamp, VARIADIC steps boolean[]) (
    SFUNC = journey.window_funnel_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.window_funnel_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel(interval, timestamptz, VARIADIC boolean[]) IS 'funnel level: the longest prefix of the steps reached in order within the window';
COMMENT ON AGGREGATE journey.window_funnel(interval, text, timestamptz, VARIADIC boolean[]) IS 'funnel level, with ClickHouse modes (strict_deduplication, strict_order, strict_increase, strict_once, allow_reentry)';

CREATE AGGREGATE journey.window_funnel_events("window" interval, ts timestamptz, VARIADIC steps boolean[]) (
    SFUNC = journey.window_funnel_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.window_funnel_events_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.window_funnel_events("window" interval, ts timestamp, VARIADIC steps boolean[]) (
    SFUNC = journey.window_funnel_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.window_funnel_events_timestamp_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.window_funnel_events("window" interval, mode text, ts timestamptz, VARIADIC steps boolean[]) (
    SFUNC = journey.window_funnel_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.window_funnel_events_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.window_funnel_events("window" interval, mode text, ts timestamp, VARIADIC steps boolean[]) (
    SFUNC = journey.window_funnel_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.window_funnel_events_timestamp_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_events(interval, timestamptz, VARIADIC boolean[]) IS 'the step timestamps of the chain that reached window_funnel''s level';
COMMENT ON AGGREGATE journey.window_funnel_events(interval, text, timestamptz, VARIADIC boolean[]) IS 'the step timestamps of the chain that reached window_funnel''s level, with modes';

CREATE AGGREGATE journey.window_funnel_excluding("window" interval, mode text, ts timestamptz, exclude boolean, VARIADIC steps boolean[]) (
    SFUNC = journey.window_funnel_excluding_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.window_funnel_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.window_funnel_excluding("window" interval, mode text, ts timestamp, exclude boolean, VARIADIC steps boolean[]) (
    SFUNC = journey.window_funnel_excluding_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.window_funnel_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.window_funnel_excluding(interval, text, timestamptz, boolean, VARIADIC boolean[]) IS 'funnel level counting only chains with no exclusion event strictly inside them';

CREATE AGGREGATE journey.stage_funnel("window" interval, ts timestamptz, stage journey.stage) (
    SFUNC = journey.stage_funnel_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.stage_funnel_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.stage_funnel("window" interval, ts timestamp, stage journey.stage) (
    SFUNC = journey.stage_funnel_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.stage_funnel_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.stage_funnel(interval, timestamptz, journey.stage) IS 'the furthest stage reached in stage order, from awareness, within the window; NULL if never aware';

-- Cross-customer rollup: a plain bigint[] state (see extension/counts.sql).
CREATE FUNCTION journey.funnel_counts_transfn(bigint[], integer, integer) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'funnel_counts_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE journey.funnel_counts(level integer, steps integer) (
    SFUNC = journey.funnel_counts_transfn, STYPE = bigint[],
    COMBINEFUNC = journey.counts_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.funnel_counts(integer, integer) IS 'per step k, the number of rows whose funnel level is k or more';

CREATE FUNCTION journey.funnel_report(counts bigint[], labels text[] DEFAULT NULL)
    RETURNS TABLE (step integer, label text, customers bigint, conversion_from_start float8,
                   conversion_from_previous float8, dropped bigint)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.k::integer,
           coalesce(labels[c.k], 'step ' || c.k),
           c.customers,
           CASE WHEN first_value(c.customers) OVER w > 0
                THEN 100.0::float8 * c.customers / first_value(c.customers) OVER w END,
           CASE WHEN lag(c.customers) OVER w > 0
                THEN 100.0::float8 * c.customers / lag(c.customers) OVER w END,
           lag(c.customers) OVER w - c.customers
    FROM unnest(counts) WITH ORDINALITY AS c (customers, k)
    WINDOW w AS (ORDER BY c.k)
    ORDER BY c.k
$$;
COMMENT ON FUNCTION journey.funnel_report(bigint[], text[]) IS 'the funnel table a marketer reads: per step, customers, conversion from start and from the previous step (percent), and drop-off';
