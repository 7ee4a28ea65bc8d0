-- CREATE EXTENSION and DROP EXTENSION: nothing is left behind.
BEGIN;
SELECT plan(5);

-- This database also holds objects restored from a dump that depend on
-- pg_journey (test/fixtures/dump_source.sql); drop them with it.
SET LOCAL client_min_messages = warning;
DROP EXTENSION pg_journey CASCADE;

-- Row counts of the system catalogs, taken into tables that exist before
-- either count (pgTAP's own scratch tables must not count either).
CREATE TEMP TABLE catalog_rows_before (catalog text, n bigint);
CREATE TEMP TABLE catalog_rows_after (catalog text, n bigint);
CREATE FUNCTION pg_temp.catalog_rows() RETURNS TABLE (catalog text, n bigint) LANGUAGE sql AS $$
SELECT 'pg_class' AS catalog, count(*) AS n FROM pg_class
UNION ALL SELECT 'pg_type', count(*) FROM pg_type
UNION ALL SELECT 'pg_proc', count(*) FROM pg_proc
UNION ALL SELECT 'pg_operator', count(*) FROM pg_operator
UNION ALL SELECT 'pg_opclass', count(*) FROM pg_opclass
UNION ALL SELECT 'pg_opfamily', count(*) FROM pg_opfamily
UNION ALL SELECT 'pg_amop', count(*) FROM pg_amop
UNION ALL SELECT 'pg_amproc', count(*) FROM pg_amproc
UNION ALL SELECT 'pg_cast', count(*) FROM pg_cast
UNION ALL SELECT 'pg_namespace', count(*) FROM pg_namespace
UNION ALL SELECT 'pg_trigger', count(*) FROM pg_trigger
UNION ALL SELECT 'pg_constraint', count(*) FROM pg_constraint
UNION ALL SELECT 'pg_depend', count(*) FROM pg_depend
UNION ALL SELECT 'pg_description', count(*) FROM pg_description
UNION ALL SELECT 'pg_init_privs', count(*) FROM pg_init_privs
$$;
INSERT INTO catalog_rows_before SELECT * FROM pg_temp.catalog_rows();

SELECT hasnt_schema('journey', 'DROP EXTENSION removes schema journey');

CREATE EXTENSION pg_journey;
SELECT has_schema('journey', 'CREATE EXTENSION creates schema journey');
SELECT is((SELECT count(*)::integer FROM journey.touchpoint), 70, 'and seeds the touchpoint catalog');
DROP EXTENSION pg_journey;

INSERT INTO catalog_rows_after SELECT * FROM pg_temp.catalog_rows();
SELECT set_eq(
    $$SELECT catalog, n FROM catalog_rows_after$$,
    $$SELECT catalog, n FROM catalog_rows_before$$,
    'CREATE EXTENSION then DROP EXTENSION leaves every system catalog as it was');
SELECT hasnt_schema('journey', 'and schema journey is gone again');

SELECT * FROM finish();
ROLLBACK;
