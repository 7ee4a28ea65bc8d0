-- The per-customer aggregates (funnels, touches) share one internal state,
-- the customer's events, and these support functions.
CREATE FUNCTION journey.event_state_combine(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'event_state_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.event_state_serialize(internal) RETURNS bytea
    AS 'MODULE_PATHNAME', 'event_state_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.event_state_deserialize(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'event_state_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
