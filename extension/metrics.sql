-- Journey health metrics marketers track: NPS and CSAT.

CREATE FUNCTION journey.nps_transfn(bigint[], integer) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'nps_transfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.nps_final(bigint[]) RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE journey.nps(score integer) (
    SFUNC = journey.nps_transfn, STYPE = bigint[], INITCOND = '{0,0,0}',
    FINALFUNC = journey.nps_final,
    COMBINEFUNC = journey.counts_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.nps(integer) IS 'Net Promoter Score: % promoters (9-10) minus % detractors (0-6) of 0-10 answers; NULL without answers';

CREATE FUNCTION journey.csat_transfn(bigint[], integer) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'csat_transfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION journey.csat_final(bigint[]) RETURNS float8
    AS 'MODULE_PATHNAME', 'csat_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE journey.csat(score integer) (
    SFUNC = journey.csat_transfn, STYPE = bigint[], INITCOND = '{0,0}',
    FINALFUNC = journey.csat_final,
    COMBINEFUNC = journey.counts_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE journey.csat(integer) IS 'customer satisfaction: % of 1-5 answers that are 4 or 5; NULL without answers';
