-- journey.stage: the customer-journey stage, one byte, pass by value.

CREATE TYPE journey.stage;

CREATE FUNCTION journey.stage_in(cstring) RETURNS journey.stage
    AS 'MODULE_PATHNAME', 'stage_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.stage_out(journey.stage) RETURNS cstring
    AS 'MODULE_PATHNAME', 'stage_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.stage_recv(internal) RETURNS journey.stage
    AS 'MODULE_PATHNAME', 'stage_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.stage_send(journey.stage) RETURNS bytea
    AS 'MODULE_PATHNAME', 'stage_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE journey.stage (
    INPUT = journey.stage_in,
    OUTPUT = journey.stage_out,
    RECEIVE = journey.stage_recv,
    SEND = journey.stage_send,
    INTERNALLENGTH = 1,
    PASSEDBYVALUE,
    ALIGNMENT = char,
    STORAGE = plain
);
COMMENT ON TYPE journey.stage IS 'customer-journey stage: awareness < consideration < purchase < retention < advocacy';

-- journey.stage is stored like "char" (one unsigned byte, the stage ordinal),
-- so core's "char" comparison and hash functions serve it unchanged.
CREATE FUNCTION journey.stage_eq(journey.stage, journey.stage) RETURNS boolean
    AS 'chareq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION journey.stage_ne(journey.stage, journey.stage) RETURNS boolean
    AS 'charne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION journey.stage_lt(journey.stage, journey.stage) RETURNS boolean
    AS 'charlt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION journey.stage_le(journey.stage, journey.stage) RETURNS boolean
    AS 'charle' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION journey.stage_gt(journey.stage, journey.stage) RETURNS boolean
    AS 'chargt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION journey.stage_ge(journey.stage, journey.stage) RETURNS boolean
    AS 'charge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION journey.stage_cmp(journey.stage, journey.stage) RETURNS integer
    AS 'btcharcmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION journey.stage_hash(journey.stage) RETURNS integer
    AS 'hashchar' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION journey.stage_hash_extended(journey.stage, bigint) RETURNS bigint
    AS 'hashcharextended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION journey.stage_smaller(journey.stage, journey.stage) RETURNS journey.stage
    AS 'MODULE_PATHNAME', 'stage_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.stage_larger(journey.stage, journey.stage) RETURNS journey.stage
    AS 'MODULE_PATHNAME', 'stage_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR pg_catalog.= (
    LEFTARG = journey.stage, RIGHTARG = journey.stage, FUNCTION = journey.stage_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = journey.stage, RIGHTARG = journey.stage, FUNCTION = journey.stage_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = journey.stage, RIGHTARG = journey.stage, FUNCTION = journey.stage_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = journey.stage, RIGHTARG = journey.stage, FUNCTION = journey.stage_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = journey.stage, RIGHTARG = journey.stage, FUNCTION = journey.stage_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = journey.stage, RIGHTARG = journey.stage, FUNCTION = journey.stage_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);

-- btequalimage as support function 4: equal stages are bitwise equal, so
-- B-tree indexes on a stage column may deduplicate.
CREATE OPERATOR CLASS journey.stage_ops
    DEFAULT FOR TYPE journey.stage USING btree AS
        OPERATOR 1 pg_catalog.<,
        OPERATOR 2 pg_catalog.<=,
        OPERATOR 3 pg_catalog.=,
        OPERATOR 4 pg_catalog.>=,
        OPERATOR 5 pg_catalog.>,
        FUNCTION 1 journey.stage_cmp(journey.stage, journey.stage),
        FUNCTION 4 pg_catalog.btequalimage(oid);

CREATE OPERATOR CLASS journey.stage_ops
    DEFAULT FOR TYPE journey.stage USING hash AS
        OPERATOR 1 pg_catalog.=,
        FUNCTION 1 journey.stage_hash(journey.stage),
        FUNCTION 2 journey.stage_hash_extended(journey.stage, bigint);

CREATE AGGREGATE pg_catalog.min(journey.stage) (
    SFUNC = journey.stage_smaller,
    STYPE = journey.stage,
    COMBINEFUNC = journey.stage_smaller,
    SORTOP = OPERATOR(pg_catalog.<),
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE pg_catalog.min(journey.stage) IS 'earliest journey stage';
CREATE AGGREGATE pg_catalog.max(journey.stage) (
    SFUNC = journey.stage_larger,
    STYPE = journey.stage,
    COMBINEFUNC = journey.stage_larger,
    SORTOP = OPERATOR(pg_catalog.>),
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE pg_catalog.max(journey.stage) IS 'furthest journey stage';

CREATE FUNCTION journey.stage_to_int4(journey.stage) RETURNS integer
    AS 'MODULE_PATHNAME', 'stage_to_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.int4_to_stage(integer) RETURNS journey.stage
    AS 'MODULE_PATHNAME', 'int4_to_stage' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (journey.stage AS integer) WITH FUNCTION journey.stage_to_int4(journey.stage);
CREATE CAST (integer AS journey.stage) WITH FUNCTION journey.int4_to_stage(integer);

CREATE FUNCTION journey.next_stage(journey.stage) RETURNS journey.stage
    AS 'MODULE_PATHNAME', 'stage_next' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION journey.next_stage(journey.stage) IS 'the stage after the given one; NULL after advocacy';

CREATE FUNCTION journey.stages()
    RETURNS TABLE (stage journey.stage, ordinal integer, label_fi text, description text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.ordinal::journey.stage, s.ordinal, s.label_fi, s.description
    FROM (VALUES
        (1, 'tietoisuus', 'The customer notices a need or the brand.'),
        (2, 'harkinta', 'The customer searches, compares options and reads reviews.'),
        (3, 'osto', 'The customer decides and buys, online or in a store.'),
        (4, 'oston jälkeen', 'The customer uses the product, gets support and buys again.'),
        (5, 'suosittelu', 'The customer recommends the brand to others.')
    ) AS s (ordinal, label_fi, description)
    ORDER BY s.ordinal
$$;
COMMENT ON FUNCTION journey.stages() IS 'the five journey stages in order, with Finnish labels and descriptions';
