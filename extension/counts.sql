-- bigint[] counters: the state of cross-customer rollups (funnel_counts,
-- nps, csat).  A plain type, so partial counts combine in parallel workers
-- and on Citus workers alike.
CREATE FUNCTION journey.counts_combine(bigint[], bigint[]) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'counts_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
