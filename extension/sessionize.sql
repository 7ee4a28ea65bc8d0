-- Sessions: which touches belong to one visit.

CREATE FUNCTION journey.sessionize(ts timestamptz, gap interval) RETURNS bigint
    AS 'MODULE_PATHNAME', 'sessionize' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION journey.sessionize(ts timestamp, gap interval) RETURNS bigint
    AS 'MODULE_PATHNAME', 'sessionize' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION journey.sessionize(timestamptz, interval) IS 'window function: session number 1, 2, ... within the partition; a gap strictly longer than gap starts a new session';
