-- Customer paths: the touchpoints (or channels) in time order, for top-path
-- reports and Sankey charts.

CREATE FUNCTION journey.path_transfn(internal, timestamptz, text) RETURNS internal
    AS 'MODULE_PATHNAME', 'path_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.path_transfn(internal, timestamp, text) RETURNS internal
    AS 'MODULE_PATHNAME', 'path_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.path_transfn(internal, timestamptz, text, integer, boolean) RETURNS internal
    AS 'MODULE_PATHNAME', 'path_options_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.path_transfn(internal, timestamp, text, integer, boolean) RETURNS internal
    AS 'MODULE_PATHNAME', 'path_options_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.path_to_transfn(internal, timestamptz, text, boolean) RETURNS internal
    AS 'MODULE_PATHNAME', 'path_to_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.path_to_transfn(internal, timestamp, text, boolean) RETURNS internal
    AS 'MODULE_PATHNAME', 'path_to_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.path_to_transfn(internal, timestamptz, text, boolean, integer, boolean) RETURNS internal
    AS 'MODULE_PATHNAME', 'path_to_options_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.path_to_transfn(internal, timestamp, text, boolean, integer, boolean) RETURNS internal
    AS 'MODULE_PATHNAME', 'path_to_options_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.path_combine(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'path_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.path_serialize(internal) RETURNS bytea
    AS 'MODULE_PATHNAME', 'path_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.path_deserialize(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'path_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.path_final(internal) RETURNS text[]
    AS 'MODULE_PATHNAME', 'path_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- SSPACE: the state with room for eight events, plus its node dictionary.
CREATE AGGREGATE journey.path(ts timestamptz, node text) (
    SFUNC = journey.path_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.path_final,
    COMBINEFUNC = journey.path_combine,
    SERIALFUNC = journey.path_serialize, DESERIALFUNC = journey.path_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.path(ts timestamp, node text) (
    SFUNC = journey.path_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.path_final,
    COMBINEFUNC = journey.path_combine,
    SERIALFUNC = journey.path_serialize, DESERIALFUNC = journey.path_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.path(ts timestamptz, node text, max_steps integer, collapse boolean) (
    SFUNC = journey.path_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.path_final,
    COMBINEFUNC = journey.path_combine,
    SERIALFUNC = journey.path_serialize, DESERIALFUNC = journey.path_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.path(ts timestamp, node text, max_steps integer, collapse boolean) (
    SFUNC = journey.path_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.path_final,
    COMBINEFUNC = journey.path_combine,
    SERIALFUNC = journey.path_serialize, DESERIALFUNC = journey.path_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.path_to(ts timestamptz, node text, conversion boolean) (
    SFUNC = journey.path_to_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.path_final,
    COMBINEFUNC = journey.path_combine,
    SERIALFUNC = journey.path_serialize, DESERIALFUNC = journey.path_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.path_to(ts timestamp, node text, conversion boolean) (
    SFUNC = journey.path_to_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.path_final,
    COMBINEFUNC = journey.path_combine,
    SERIALFUNC = journey.path_serialize, DESERIALFUNC = journey.path_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.path_to(ts timestamptz, node text, conversion boolean, max_steps integer, collapse boolean) (
    SFUNC = journey.path_to_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.path_final,
    COMBINEFUNC = journey.path_combine,
    SERIALFUNC = journey.path_serialize, DESERIALFUNC = journey.path_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.path_to(ts timestamp, node text, conversion boolean, max_steps integer, collapse boolean) (
    SFUNC = journey.path_to_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.path_final,
    COMBINEFUNC = journey.path_combine,
    SERIALFUNC = journey.path_serialize, DESERIALFUNC = journey.path_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.path(timestamptz, text) IS 'the first 20 nodes in time order (ties by node text), consecutive repeats collapsed';
COMMENT ON AGGREGATE journey.path(timestamptz, text, integer, boolean) IS 'the first max_steps nodes in time order (ties by node text), consecutive repeats collapsed when collapse';
COMMENT ON AGGREGATE journey.path_to(timestamptz, text, boolean) IS 'the last 20 nodes strictly before the first conversion (all nodes without one), repeats collapsed';
COMMENT ON AGGREGATE journey.path_to(timestamptz, text, boolean, integer, boolean) IS 'the last max_steps nodes strictly before the first conversion (all nodes without one)';

CREATE FUNCTION journey.path_transitions(path text[], converted boolean DEFAULT NULL)
    RETURNS TABLE (step integer, from_node text, to_node text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.i::integer,
           CASE WHEN s.i = 1 THEN '(start)' ELSE path[array_lower(path, 1) + s.i - 2] END,
           CASE WHEN s.i <= c.n THEN path[array_lower(path, 1) + s.i - 1]
                WHEN converted THEN '(conversion)'
                ELSE '(null)' END
    FROM (SELECT coalesce(cardinality(path), 0) AS n) AS c,
         generate_series(1, c.n + CASE WHEN converted IS NULL THEN 0 ELSE 1 END) AS s (i)
    WHERE path IS NOT NULL
    ORDER BY s.i
$$;
COMMENT ON FUNCTION journey.path_transitions(text[], boolean) IS 'the edges of a path for Sankey charts: (start) first, and (conversion) or (null) last when converted is given';
