-- META.json (PGXN) agrees with the control file and has what the spec requires.
\set meta `cat META.json`
BEGIN;
SELECT plan(8);

CREATE TEMP TABLE meta AS SELECT :'meta'::jsonb AS doc;

SELECT is((SELECT doc->>'name' FROM meta), 'pg_journey', 'distribution name');
SELECT is((SELECT doc->>'version' FROM meta),
          (SELECT default_version FROM pg_available_extensions WHERE name = 'pg_journey'),
          'version equals the control file''s default_version');
SELECT is((SELECT doc->'provides'->'pg_journey'->>'version' FROM meta),
          (SELECT default_version FROM pg_available_extensions WHERE name = 'pg_journey'),
          'provides.pg_journey.version equals default_version');
SELECT ok((SELECT doc->>'version' ~ '^\d+\.\d+\.\d+$' FROM meta), 'version is semantic (x.y.z)');
SELECT ok((SELECT doc ? 'abstract' AND doc ? 'maintainer' AND doc ? 'license' AND doc ? 'provides'
                  AND doc ? 'meta-spec' FROM meta),
          'every required key is present');
SELECT is((SELECT doc->'meta-spec'->>'version' FROM meta), '1.0.0', 'meta-spec 1.0.0');
SELECT ok((SELECT doc->'provides'->'pg_journey' ? 'file' AND doc->'provides'->'pg_journey' ? 'abstract'
           FROM meta), 'provides.pg_journey has file and abstract');
SELECT is((SELECT doc->'prereqs'->'runtime'->'requires'->>'PostgreSQL' FROM meta), '13.0.0',
          'requires PostgreSQL 13 or later');

SELECT * FROM finish();
ROLLBACK;
