-- The touchpoint catalog: where customers meet the brand, by stage.

CREATE FUNCTION journey.seed_touchpoints()
    RETURNS TABLE (name text, stage journey.stage, channel text, medium text, description text)
    AS 'MODULE_PATHNAME', 'seed_touchpoints' LANGUAGE C IMMUTABLE PARALLEL SAFE
    ROWS 70;
COMMENT ON FUNCTION journey.seed_touchpoints() IS 'the touchpoints pg_journey ships, as seeded into journey.touchpoint';

CREATE TABLE journey.touchpoint (
    name text PRIMARY KEY CHECK (name <> ''),
    stage journey.stage NOT NULL,
    channel text NOT NULL CHECK (channel <> ''),
    medium text NOT NULL CHECK (medium IN ('digital', 'physical')),
    description text
);
COMMENT ON TABLE journey.touchpoint IS 'touchpoint catalog: each touchpoint''s journey stage, marketing channel and medium; add your own rows';
COMMENT ON COLUMN journey.touchpoint.name IS 'the touchpoint as it appears in event data, e.g. webinar';
COMMENT ON COLUMN journey.touchpoint.stage IS 'the journey stage a touch here belongs to';
COMMENT ON COLUMN journey.touchpoint.channel IS 'the marketing channel attribution reports credit, e.g. search, social, email';
COMMENT ON COLUMN journey.touchpoint.medium IS 'digital or physical';

INSERT INTO journey.touchpoint SELECT * FROM journey.seed_touchpoints();

GRANT SELECT ON journey.touchpoint TO PUBLIC;

-- A restore runs CREATE EXTENSION, which seeds the table, and then copies in
-- the dumped rows.  Rows still equal to their seed are not dumped (the
-- filter below); a dumped row that carries a seeded name is an edited seed
-- row, and replaces the pristine seed here instead of failing on the key.
-- The same holds for any INSERT of a seeded name whose row was never edited.
CREATE FUNCTION journey.touchpoint_replace_seed() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE journey.touchpoint AS t
       SET stage = NEW.stage, channel = NEW.channel,
           medium = NEW.medium, description = NEW.description
     WHERE t.name = NEW.name
       AND EXISTS (SELECT FROM journey.seed_touchpoints() AS s
                    WHERE s.name = t.name
                      AND s.stage::integer = t.stage::integer
                      AND s.channel = t.channel
                      AND s.medium = t.medium
                      AND s.description IS NOT DISTINCT FROM t.description);
    IF FOUND THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER touchpoint_replace_seed
    BEFORE INSERT ON journey.touchpoint
    FOR EACH ROW EXECUTE FUNCTION journey.touchpoint_replace_seed();

-- pg_dump runs the filter with an empty search_path: qualify everything and
-- compare stages as integers (the = operator would not be looked up).
SELECT pg_catalog.pg_extension_config_dump('journey.touchpoint', $$
    WHERE NOT EXISTS (SELECT FROM journey.seed_touchpoints() AS s
                       WHERE s.name = touchpoint.name
                         AND s.stage::integer = touchpoint.stage::integer
                         AND s.channel = touchpoint.channel
                         AND s.medium = touchpoint.medium
                         AND s.description IS NOT DISTINCT FROM touchpoint.description)
$$);

CREATE FUNCTION journey.stage_of(touchpoint text) RETURNS journey.stage
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT t.stage FROM journey.touchpoint AS t WHERE t.name = touchpoint
$$;
COMMENT ON FUNCTION journey.stage_of(text) IS 'the journey stage of a touchpoint in the catalog; NULL when the catalog does not know it';
