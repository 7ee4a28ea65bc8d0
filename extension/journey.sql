-- pg_journey install script.  Built by the Makefile from extension/*.sql
-- (journey.sql first, then one file per concept, in the order OBJECTS lists).

\echo Use "CREATE EXTENSION pg_journey" to load this file. \quit

-- Everything lives in schema journey.  The script creates it, so it belongs
-- to the extension and DROP EXTENSION removes it.  The operators and the
-- min/max aggregates of journey.stage go to pg_catalog instead, so that
-- "stage < 'purchase'" and "max(stage)" work without journey on the
-- search_path; they are keyed by journey.stage and cannot clash.
CREATE SCHEMA journey;
COMMENT ON SCHEMA journey IS 'pg_journey: customer-journey analytics (stages, touchpoints, funnels, paths, attribution)';
GRANT USAGE ON SCHEMA journey TO PUBLIC;
