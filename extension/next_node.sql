-- What comes right after (or before) a run of steps: ClickHouse's sequenceNextNode.

CREATE FUNCTION journey.sequence_next_node_transfn(internal, text, text, timestamptz, text, boolean, boolean[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'sequence_next_node_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.sequence_next_node_transfn(internal, text, text, timestamp, text, boolean, boolean[]) RETURNS internal
    AS 'MODULE_PATHNAME', 'sequence_next_node_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.sequence_next_node_combine(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'sequence_next_node_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.sequence_next_node_serialize(internal) RETURNS bytea
    AS 'MODULE_PATHNAME', 'sequence_next_node_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.sequence_next_node_deserialize(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'sequence_next_node_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.sequence_next_node_final(internal) RETURNS text
    AS 'MODULE_PATHNAME', 'sequence_next_node_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- SSPACE: the state with room for four rows, plus its value dictionary.
CREATE AGGREGATE journey.sequence_next_node(direction text, base text, ts timestamptz, value text,
                                            base_cond boolean, VARIADIC conds boolean[]) (
    SFUNC = journey.sequence_next_node_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.sequence_next_node_final,
    COMBINEFUNC = journey.sequence_next_node_combine,
    SERIALFUNC = journey.sequence_next_node_serialize, DESERIALFUNC = journey.sequence_next_node_deserialize,
    PARALLEL = SAFE
);
CREATE AGGREGATE journey.sequence_next_node(direction text, base text, ts timestamp, value text,
                                            base_cond boolean, VARIADIC conds boolean[]) (
    SFUNC = journey.sequence_next_node_transfn, STYPE = internal, SSPACE = 512,
    FINALFUNC = journey.sequence_next_node_final,
    COMBINEFUNC = journey.sequence_next_node_combine,
    SERIALFUNC = journey.sequence_next_node_serialize, DESERIALFUNC = journey.sequence_next_node_deserialize,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.sequence_next_node(text, text, timestamptz, text, boolean, VARIADIC boolean[]) IS 'the value of the node after (forward) or before (backward) the nodes matching the conditions from the base (ClickHouse sequenceNextNode)';
