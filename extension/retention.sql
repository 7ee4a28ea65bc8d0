-- Retention: did customers who met condition 1 meet the others too.

CREATE FUNCTION journey.retention_transfn(bigint[], boolean[]) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'retention_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.retention_combine(bigint[], bigint[]) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'retention_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.retention_final(bigint[]) RETURNS boolean[]
    AS 'MODULE_PATHNAME', 'retention_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE journey.retention(VARIADIC conditions boolean[]) (
    SFUNC = journey.retention_transfn, STYPE = bigint[],
    FINALFUNC = journey.retention_final,
    COMBINEFUNC = journey.retention_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.retention(VARIADIC boolean[]) IS 'r[1]: condition 1 held on some row; r[k]: conditions 1 and k each held on some row (ClickHouse retention)';
