-- Patterns over a customer's events: ClickHouse's sequenceMatch family.

CREATE FUNCTION journey.sequence_transfn(internal, text, timestamptz, boolean[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'sequence_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.sequence_transfn(internal, text, timestamp, boolean[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'sequence_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.sequence_combine(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'sequence_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.sequence_serialize(internal) RETURNS bytea
    AS 'MODULE_PATHNAME', 'sequence_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.sequence_deserialize(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'sequence_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.sequence_match_final(internal) RETURNS boolean
    AS 'MODULE_PATHNAME', 'sequence_match_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.sequence_count_final(internal) RETURNS bigint
    AS 'MODULE_PATHNAME', 'sequence_count_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.sequence_match_events_final(internal) RETURNS timestamptz[]
    AS 'MODULE_PATHNAME', 'sequence_match_events_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.sequence_match_events_timestamp_final(internal) RETURNS timestamp[]
    AS 'MODULE_PATHNAME', 'sequence_match_events_timestamp_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- SSPACE: the state with room for twelve events; bigger customers grow it.
CREATE AGGREGATE journey.sequence_match(pattern text, ts timestamptz, VARIADIC conds boolean[]) (
    SFUNC = journey.sequence_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.sequence_match_final,
    COMBINEFUNC = journey.sequence_combine,
    SERIALFUNC = journey.sequence_serialize, DESERIALFUNC = journey.sequence_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.sequence_match(pattern text, ts timestamp, VARIADIC conds boolean[]) (
    SFUNC = journey.sequence_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.sequence_match_final,
    COMBINEFUNC = journey.sequence_combine,
    SERIALFUNC = journey.sequence_serialize, DESERIALFUNC = journey.sequence_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.sequence_match(text, timestamptz, VARIADIC boolean[]) IS 'whether the customer''s events contain the pattern (ClickHouse sequenceMatch)';
COMMENT ON AGGREGATE journey.sequence_match(text, timestamp, VARIADIC boolean[]) IS 'whether the customer''s events contain the pattern (ClickHouse sequenceMatch)';
CREATE AGGREGATE journey.sequence_count(pattern text, ts timestamptz, VARIADIC conds boolean[]) (
    SFUNC = journey.sequence_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.sequence_count_final,
    COMBINEFUNC = journey.sequence_combine,
    SERIALFUNC = journey.sequence_serialize, DESERIALFUNC = journey.sequence_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.sequence_count(pattern text, ts timestamp, VARIADIC conds boolean[]) (
    SFUNC = journey.sequence_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.sequence_count_final,
    COMBINEFUNC = journey.sequence_combine,
    SERIALFUNC = journey.sequence_serialize, DESERIALFUNC = journey.sequence_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.sequence_count(text, timestamptz, VARIADIC boolean[]) IS 'the number of non-overlapping matches of the pattern (ClickHouse sequenceCount)';
COMMENT ON AGGREGATE journey.sequence_count(text, timestamp, VARIADIC boolean[]) IS 'the number of non-overlapping matches of the pattern (ClickHouse sequenceCount)';
CREATE AGGREGATE journey.sequence_match_events(pattern text, ts timestamptz, VARIADIC conds boolean[]) (
    SFUNC = journey.sequence_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.sequence_match_events_final,
    COMBINEFUNC = journey.sequence_combine,
    SERIALFUNC = journey.sequence_serialize, DESERIALFUNC = journey.sequence_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.sequence_match_events(pattern text, ts timestamp, VARIADIC conds boolean[]) (
    SFUNC = journey.sequence_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.sequence_match_events_timestamp_final,
    COMBINEFUNC = journey.sequence_combine,
    SERIALFUNC = journey.sequence_serialize, DESERIALFUNC = journey.sequence_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.sequence_match_events(text, timestamptz, VARIADIC boolean[]) IS 'the times of the events matched by each (?N) of the longest matchable prefix of the pattern (ClickHouse sequenceMatchEvents)';
COMMENT ON AGGREGATE journey.sequence_match_events(text, timestamp, VARIADIC boolean[]) IS 'the times of the events matched by each (?N) of the longest matchable prefix of the pattern (ClickHouse sequenceMatchEvents)';
