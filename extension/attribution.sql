-- Attribution: which channels earn the credit for conversions.

CREATE TYPE journey.credit AS (channel text, conversions float8, value float8);
COMMENT ON TYPE journey.credit IS 'a channel''s share of conversions (and of their value, where one is given)';
CREATE TYPE journey.markov_credit AS (channel text, removal_effect float8, conversions float8);
COMMENT ON TYPE journey.markov_credit IS 'a channel''s removal effect in the Markov model and the conversions it is credited with';

-- Data-driven models over one row per distinct path (src/path_attribution.c).
CREATE FUNCTION journey.markov_attribution_transfn(internal, text[], bigint, bigint) RETURNS internal
    AS 'MODULE_PATHNAME', 'markov_attribution_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.markov_attribution_transfn(internal, text[], bigint, bigint, integer) RETURNS internal
    AS 'MODULE_PATHNAME', 'markov_attribution_order_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.shapley_attribution_transfn(internal, text[], bigint) RETURNS internal
    AS 'MODULE_PATHNAME', 'shapley_attribution_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.path_rows_combine(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'path_rows_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.path_rows_serialize(internal) RETURNS bytea
    AS 'MODULE_PATHNAME', 'path_rows_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.path_rows_deserialize(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'path_rows_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.markov_attribution_final(internal) RETURNS journey.markov_credit[]
    AS 'MODULE_PATHNAME', 'markov_attribution_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.shapley_attribution_final(internal) RETURNS journey.credit[]
    AS 'MODULE_PATHNAME', 'shapley_attribution_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE journey.markov_attribution(path text[], conversions bigint, nulls bigint) (
    SFUNC = journey.markov_attribution_transfn, STYPE = internal, SSPACE = 1024,
    FINALFUNC = journey.markov_attribution_final,
    COMBINEFUNC = journey.path_rows_combine,
    SERIALFUNC = journey.path_rows_serialize, DESERIALFUNC = journey.path_rows_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.markov_attribution(path text[], conversions bigint, nulls bigint, "order" integer) (
    SFUNC = journey.markov_attribution_transfn, STYPE = internal, SSPACE = 1024,
    FINALFUNC = journey.markov_attribution_final,
    COMBINEFUNC = journey.path_rows_combine,
    SERIALFUNC = journey.path_rows_serialize, DESERIALFUNC = journey.path_rows_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.shapley_attribution(channels text[], conversions bigint) (
    SFUNC = journey.shapley_attribution_transfn, STYPE = internal, SSPACE = 1024,
    FINALFUNC = journey.shapley_attribution_final,
    COMBINEFUNC = journey.path_rows_combine,
    SERIALFUNC = journey.path_rows_serialize, DESERIALFUNC = journey.path_rows_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.markov_attribution(text[], bigint, bigint) IS 'Markov-chain attribution over one row per distinct path: each channel''s removal effect and conversions, solved exactly';
COMMENT ON AGGREGATE journey.markov_attribution(text[], bigint, bigint, integer) IS 'Markov-chain attribution of the given order (states are windows of that many channels)';
COMMENT ON AGGREGATE journey.shapley_attribution(text[], bigint) IS 'Shapley-value attribution in the conversion-count game: each journey''s conversions split equally over its distinct channels';

-- Heuristic models, one customer per group (src/attribution.c).
CREATE FUNCTION journey.attribution_transfn(internal, text, timestamptz, text, boolean) RETURNS internal
    AS 'MODULE_PATHNAME', 'attribution_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.attribution_transfn(internal, text, timestamptz, text, boolean, float8) RETURNS internal
    AS 'MODULE_PATHNAME', 'attribution_value_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.attribution_transfn(internal, text, timestamp, text, boolean) RETURNS internal
    AS 'MODULE_PATHNAME', 'attribution_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.attribution_transfn(internal, text, timestamp, text, boolean, float8) RETURNS internal
    AS 'MODULE_PATHNAME', 'attribution_value_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.attribution_combine(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'attribution_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.attribution_serialize(internal) RETURNS bytea
    AS 'MODULE_PATHNAME', 'attribution_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.attribution_deserialize(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'attribution_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.attribution_final(internal) RETURNS journey.credit[]
    AS 'MODULE_PATHNAME', 'attribution_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- SSPACE: the state with room for eight events, plus its channel dictionary.
CREATE AGGREGATE journey.attribution(model text, ts timestamptz, channel text, conversion boolean) (
    SFUNC = journey.attribution_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.attribution_final,
    COMBINEFUNC = journey.attribution_combine,
    SERIALFUNC = journey.attribution_serialize, DESERIALFUNC = journey.attribution_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.attribution(model text, ts timestamptz, channel text, conversion boolean, value float8) (
    SFUNC = journey.attribution_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.attribution_final,
    COMBINEFUNC = journey.attribution_combine,
    SERIALFUNC = journey.attribution_serialize, DESERIALFUNC = journey.attribution_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.attribution(model text, ts timestamp, channel text, conversion boolean) (
    SFUNC = journey.attribution_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.attribution_final,
    COMBINEFUNC = journey.attribution_combine,
    SERIALFUNC = journey.attribution_serialize, DESERIALFUNC = journey.attribution_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.attribution(model text, ts timestamp, channel text, conversion boolean, value float8) (
    SFUNC = journey.attribution_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.attribution_final,
    COMBINEFUNC = journey.attribution_combine,
    SERIALFUNC = journey.attribution_serialize, DESERIALFUNC = journey.attribution_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.attribution(text, timestamptz, text, boolean) IS 'each of a customer''s conversions split over the channels of the touches since the previous conversion, by a heuristic model (first_touch, last_touch, linear, position_based, time_decay)';
COMMENT ON AGGREGATE journey.attribution(text, timestamptz, text, boolean, float8) IS 'as attribution(model, ts, channel, conversion), splitting each conversion''s value as well';
COMMENT ON AGGREGATE journey.attribution(text, timestamp, text, boolean) IS 'each of a customer''s conversions split over the channels of the touches since the previous conversion, by a heuristic model (first_touch, last_touch, linear, position_based, time_decay)';
COMMENT ON AGGREGATE journey.attribution(text, timestamp, text, boolean, float8) IS 'as attribution(model, ts, channel, conversion), splitting each conversion''s value as well';
