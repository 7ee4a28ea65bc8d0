-- Touches before a conversion: the number marketers quote (7 to 11).

CREATE FUNCTION journey.conversion_transfn(internal, timestamptz, boolean) RETURNS internal
    AS 'MODULE_PATHNAME', 'conversion_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.conversion_transfn(internal, timestamp, boolean) RETURNS internal
    AS 'MODULE_PATHNAME', 'conversion_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.conversion_transfn(internal, timestamptz, boolean, interval) RETURNS internal
    AS 'MODULE_PATHNAME', 'conversion_lookback_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.conversion_transfn(internal, timestamp, boolean, interval) RETURNS internal
    AS 'MODULE_PATHNAME', 'conversion_lookback_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.touches_before_final(internal) RETURNS integer
    AS 'MODULE_PATHNAME', 'touches_before_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.time_to_conversion_final(internal) RETURNS interval
    AS 'MODULE_PATHNAME', 'time_to_conversion_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE journey.touches_before(ts timestamptz, conversion boolean) (
    SFUNC = journey.conversion_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.touches_before_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.touches_before(ts timestamp, conversion boolean) (
    SFUNC = journey.conversion_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.touches_before_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.touches_before(ts timestamptz, conversion boolean, lookback interval) (
    SFUNC = journey.conversion_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.touches_before_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.touches_before(ts timestamp, conversion boolean, lookback interval) (
    SFUNC = journey.conversion_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.touches_before_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.touches_before(timestamptz, boolean) IS 'the number of non-conversion rows strictly before the first conversion; NULL if none converted';
COMMENT ON AGGREGATE journey.touches_before(timestamptz, boolean, interval) IS 'the number of non-conversion rows within the lookback strictly before the first conversion; NULL if none converted';

CREATE AGGREGATE journey.time_to_conversion(ts timestamptz, conversion boolean) (
    SFUNC = journey.conversion_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.time_to_conversion_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.time_to_conversion(ts timestamp, conversion boolean) (
    SFUNC = journey.conversion_transfn, STYPE = internal, SSPACE = 256,
    FINALFUNC = journey.time_to_conversion_final,
    COMBINEFUNC = journey.event_state_combine,
    SERIALFUNC = journey.event_state_serialize, DESERIALFUNC = journey.event_state_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.time_to_conversion(timestamptz, boolean) IS 'from the first row to the first conversion; NULL if none converted';
