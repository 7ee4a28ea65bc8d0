-- Catalog facts: how every object of pg_journey is declared.
BEGIN;
SELECT plan(22);

SELECT has_schema('journey');
SELECT has_type('journey', 'stage', 'journey.stage exists');
SELECT results_eq(
    $$SELECT typlen::integer, typbyval, typalign::text, typstorage::text
      FROM pg_type WHERE oid = 'journey.stage'::regtype$$,
    $$VALUES (1, true, 'c', 'p')$$,
    'journey.stage is one byte, passed by value');
SELECT ok((SELECT typreceive <> 0 AND typsend <> 0 FROM pg_type WHERE oid = 'journey.stage'::regtype),
          'journey.stage has binary send and receive');

-- Volatility, strictness and parallel safety of every function the
-- extension owns, as intended: a new function must be added here.
SELECT set_eq(
    $$SELECT p.oid::regprocedure::text, p.provolatile::text, p.proisstrict, p.proparallel::text
      FROM pg_proc AS p
      JOIN pg_depend AS d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
      JOIN pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'pg_journey'$$,
    $$VALUES
        ('journey.stage_in(cstring)', 'i', true, 's'),
        ('journey.stage_out(journey.stage)', 'i', true, 's'),
        ('journey.stage_recv(internal)', 'i', true, 's'),
        ('journey.stage_send(journey.stage)', 'i', true, 's'),
        ('journey.stage_eq(journey.stage,journey.stage)', 'i', true, 's'),
        ('journey.stage_ne(journey.stage,journey.stage)', 'i', true, 's'),
        ('journey.stage_lt(journey.stage,journey.stage)', 'i', true, 's'),
        ('journey.stage_le(journey.stage,journey.stage)', 'i', true, 's'),
        ('journey.stage_gt(journey.stage,journey.stage)', 'i', true, 's'),
        ('journey.stage_ge(journey.stage,journey.stage)', 'i', true, 's'),
        ('journey.stage_cmp(journey.stage,journey.stage)', 'i', true, 's'),
        ('journey.stage_hash(journey.stage)', 'i', true, 's'),
        ('journey.stage_hash_extended(journey.stage,bigint)', 'i', true, 's'),
        ('journey.stage_smaller(journey.stage,journey.stage)', 'i', true, 's'),
        ('journey.stage_larger(journey.stage,journey.stage)', 'i', true, 's'),
        ('min(journey.stage)', 'i', false, 's'),
        ('max(journey.stage)', 'i', false, 's'),
        ('journey.stage_to_int4(journey.stage)', 'i', true, 's'),
        ('journey.int4_to_stage(integer)', 'i', true, 's'),
        ('journey.next_stage(journey.stage)', 'i', true, 's'),
        ('journey.stages()', 'i', false, 's'),
        ('journey.seed_touchpoints()', 'i', false, 's'),
        ('journey.touchpoint_replace_seed()', 'v', false, 'u'),
        ('journey.stage_of(text)', 's', true, 's'),
        ('journey.sample_events(integer,integer)', 'i', true, 's'),
        ('journey.event_state_combine(internal,internal)', 'i', false, 's'),
        ('journey.event_state_serialize(internal)', 'i', true, 's'),
        ('journey.event_state_deserialize(bytea,internal)', 'i', true, 's'),
        ('journey.window_funnel_transfn(internal,interval,timestamp with time zone,boolean[])', 'i', false, 's'),
        ('journey.window_funnel_transfn(internal,interval,text,timestamp with time zone,boolean[])', 'i', false, 's'),
        ('journey.window_funnel_excluding_transfn(internal,interval,text,timestamp with time zone,boolean,boolean[])', 'i', false, 's'),
        ('journey.stage_funnel_transfn(internal,interval,timestamp with time zone,journey.stage)', 'i', false, 's'),
        ('journey.window_funnel(interval,timestamp with time zone,boolean[])', 'i', false, 's'),
        ('journey.window_funnel(interval,text,timestamp with time zone,boolean[])', 'i', false, 's'),
        ('journey.window_funnel_events(interval,timestamp with time zone,boolean[])', 'i', false, 's'),
        ('journey.window_funnel_events(interval,text,timestamp with time zone,boolean[])', 'i', false, 's'),
        ('journey.window_funnel_excluding(interval,text,timestamp with time zone,boolean,boolean[])', 'i', false, 's'),
        ('journey.stage_funnel(interval,timestamp with time zone,journey.stage)', 'i', false, 's'),
        ('journey.window_funnel_transfn(internal,interval,timestamp without time zone,boolean[])', 'i', false, 's'),
        ('journey.window_funnel_transfn(internal,interval,text,timestamp without time zone,boolean[])', 'i', false, 's'),
        ('journey.window_funnel_excluding_transfn(internal,interval,text,timestamp without time zone,boolean,boolean[])', 'i', false, 's'),
        ('journey.stage_funnel_transfn(internal,interval,timestamp without time zone,journey.stage)', 'i', false, 's'),
        ('journey.window_funnel(interval,timestamp without time zone,boolean[])', 'i', false, 's'),
        ('journey.window_funnel(interval,text,timestamp without time zone,boolean[])', 'i', false, 's'),
        ('journey.window_funnel_events(interval,timestamp without time zone,boolean[])', 'i', false, 's'),
        ('journey.window_funnel_events(interval,text,timestamp without time zone,boolean[])', 'i', false, 's'),
        ('journey.window_funnel_excluding(interval,text,timestamp without time zone,boolean,boolean[])', 'i', false, 's'),
        ('journey.stage_funnel(interval,timestamp without time zone,journey.stage)', 'i', false, 's'),
        ('journey.window_funnel_final(internal)', 'i', false, 's'),
        ('journey.window_funnel_events_final(internal)', 'i', false, 's'),
        ('journey.window_funnel_events_timestamp_final(internal)', 'i', false, 's'),
        ('journey.stage_funnel_final(internal)', 'i', false, 's'),
        ('journey.funnel_counts_transfn(bigint[],integer,integer)', 'i', false, 's'),
        ('journey.counts_combine(bigint[],bigint[])', 'i', true, 's'),
        ('journey.funnel_counts(integer,integer)', 'i', false, 's'),
        ('journey.funnel_report(bigint[],text[])', 'i', false, 's'),
        ('journey.conversion_transfn(internal,timestamp with time zone,boolean)', 'i', false, 's'),
        ('journey.conversion_transfn(internal,timestamp with time zone,boolean,interval)', 'i', false, 's'),
        ('journey.touches_before(timestamp with time zone,boolean)', 'i', false, 's'),
        ('journey.touches_before(timestamp with time zone,boolean,interval)', 'i', false, 's'),
        ('journey.time_to_conversion(timestamp with time zone,boolean)', 'i', false, 's'),
        ('journey.conversion_transfn(internal,timestamp without time zone,boolean)', 'i', false, 's'),
        ('journey.conversion_transfn(internal,timestamp without time zone,boolean,interval)', 'i', false, 's'),
        ('journey.touches_before(timestamp without time zone,boolean)', 'i', false, 's'),
        ('journey.touches_before(timestamp without time zone,boolean,interval)', 'i', false, 's'),
        ('journey.time_to_conversion(timestamp without time zone,boolean)', 'i', false, 's'),
        ('journey.touches_before_final(internal)', 'i', false, 's'),
        ('journey.time_to_conversion_final(internal)', 'i', false, 's'),
        ('journey.nps_transfn(bigint[],integer)', 'i', true, 's'),
        ('journey.nps_final(bigint[])', 'i', true, 's'),
        ('journey.nps(integer)', 'i', false, 's'),
        ('journey.csat_transfn(bigint[],integer)', 'i', true, 's'),
        ('journey.csat_final(bigint[])', 'i', true, 's'),
        ('journey.csat(integer)', 'i', false, 's'),
        ('journey.path_transfn(internal,timestamp with time zone,text)', 'i', false, 's'),
        ('journey.path_transfn(internal,timestamp with time zone,text,integer,boolean)', 'i', false, 's'),
        ('journey.path_to_transfn(internal,timestamp with time zone,text,boolean)', 'i', false, 's'),
        ('journey.path_to_transfn(internal,timestamp with time zone,text,boolean,integer,boolean)', 'i', false, 's'),
        ('journey.path(timestamp with time zone,text)', 'i', false, 's'),
        ('journey.path(timestamp with time zone,text,integer,boolean)', 'i', false, 's'),
        ('journey.path_to(timestamp with time zone,text,boolean)', 'i', false, 's'),
        ('journey.path_to(timestamp with time zone,text,boolean,integer,boolean)', 'i', false, 's'),
        ('journey.path_transfn(internal,timestamp without time zone,text)', 'i', false, 's'),
        ('journey.path_transfn(internal,timestamp without time zone,text,integer,boolean)', 'i', false, 's'),
        ('journey.path_to_transfn(internal,timestamp without time zone,text,boolean)', 'i', false, 's'),
        ('journey.path_to_transfn(internal,timestamp without time zone,text,boolean,integer,boolean)', 'i', false, 's'),
        ('journey.path(timestamp without time zone,text)', 'i', false, 's'),
        ('journey.path(timestamp without time zone,text,integer,boolean)', 'i', false, 's'),
        ('journey.path_to(timestamp without time zone,text,boolean)', 'i', false, 's'),
        ('journey.path_to(timestamp without time zone,text,boolean,integer,boolean)', 'i', false, 's'),
        ('journey.path_combine(internal,internal)', 'i', false, 's'),
        ('journey.path_serialize(internal)', 'i', true, 's'),
        ('journey.path_deserialize(bytea,internal)', 'i', true, 's'),
        ('journey.path_final(internal)', 'i', false, 's'),
        ('journey.path_transitions(text[],boolean)', 'i', false, 's'),
        ('journey.retention_transfn(bigint[],boolean[])', 'i', false, 's'),
        ('journey.retention_combine(bigint[],bigint[])', 'i', true, 's'),
        ('journey.retention_final(bigint[])', 'i', true, 's'),
        ('journey.retention(boolean[])', 'i', false, 's'),
        ('journey.sessionize(timestamp with time zone,interval)', 'i', false, 's'),
        ('journey.sessionize(timestamp without time zone,interval)', 'i', false, 's'),
        ('journey.sequence_next_node_transfn(internal,text,text,timestamp with time zone,text,boolean,boolean[])', 'i', false, 's'),
        ('journey.sequence_next_node(text,text,timestamp with time zone,text,boolean,boolean[])', 'i', false, 's'),
        ('journey.sequence_next_node_transfn(internal,text,text,timestamp without time zone,text,boolean,boolean[])', 'i', false, 's'),
        ('journey.sequence_next_node(text,text,timestamp without time zone,text,boolean,boolean[])', 'i', false, 's'),
        ('journey.sequence_next_node_combine(internal,internal)', 'i', false, 's'),
        ('journey.sequence_next_node_serialize(internal)', 'i', true, 's'),
        ('journey.sequence_next_node_deserialize(bytea,internal)', 'i', true, 's'),
        ('journey.sequence_transfn(internal,text,timestamp with time zone,boolean[])', 'i', false, 's'),
        ('journey.sequence_match(text,timestamp with time zone,boolean[])', 'i', false, 's'),
        ('journey.sequence_count(text,timestamp with time zone,boolean[])', 'i', false, 's'),
        ('journey.sequence_match_events(text,timestamp with time zone,boolean[])', 'i', false, 's'),
        ('journey.sequence_transfn(internal,text,timestamp without time zone,boolean[])', 'i', false, 's'),
        ('journey.sequence_match(text,timestamp without time zone,boolean[])', 'i', false, 's'),
        ('journey.sequence_count(text,timestamp without time zone,boolean[])', 'i', false, 's'),
        ('journey.sequence_match_events(text,timestamp without time zone,boolean[])', 'i', false, 's'),
        ('journey.sequence_combine(internal,internal)', 'i', false, 's'),
        ('journey.sequence_serialize(internal)', 'i', true, 's'),
        ('journey.sequence_deserialize(bytea,internal)', 'i', true, 's'),
        ('journey.sequence_match_final(internal)', 'i', false, 's'),
        ('journey.sequence_count_final(internal)', 'i', false, 's'),
        ('journey.sequence_match_events_final(internal)', 'i', false, 's'),
        ('journey.sequence_match_events_timestamp_final(internal)', 'i', false, 's'),
        ('journey.report_names()', 'i', false, 's'),
        ('journey.report_relations(name)', 's', false, 's'),
        ('journey.check_report_column(regclass,text,name,text[])', 's', false, 's'),
        ('journey.create_reports(regclass,name,name,name,text,name,name,name,boolean,interval,name)', 'v', false, 'u'),
        ('journey.refresh_reports(name)', 'v', false, 'u'),
        ('journey.schedule_refresh(text,name)', 'v', false, 'u'),
        ('journey.drop_reports(name)', 'v', false, 'u'),
        ('journey.attribution_transfn(internal,text,timestamp with time zone,text,boolean)', 'i', false, 's'),
        ('journey.attribution_transfn(internal,text,timestamp with time zone,text,boolean,double precision)', 'i', false, 's'),
        ('journey.attribution(text,timestamp with time zone,text,boolean)', 'i', false, 's'),
        ('journey.attribution(text,timestamp with time zone,text,boolean,double precision)', 'i', false, 's'),
        ('journey.attribution_transfn(internal,text,timestamp without time zone,text,boolean)', 'i', false, 's'),
        ('journey.attribution_transfn(internal,text,timestamp without time zone,text,boolean,double precision)', 'i', false, 's'),
        ('journey.attribution(text,timestamp without time zone,text,boolean)', 'i', false, 's'),
        ('journey.attribution(text,timestamp without time zone,text,boolean,double precision)', 'i', false, 's'),
        ('journey.attribution_combine(internal,internal)', 'i', false, 's'),
        ('journey.attribution_serialize(internal)', 'i', true, 's'),
        ('journey.attribution_deserialize(bytea,internal)', 'i', true, 's'),
        ('journey.attribution_final(internal)', 'i', false, 's'),
        ('journey.markov_attribution_transfn(internal,text[],bigint,bigint)', 'i', false, 's'),
        ('journey.markov_attribution_transfn(internal,text[],bigint,bigint,integer)', 'i', false, 's'),
        ('journey.markov_attribution(text[],bigint,bigint)', 'i', false, 's'),
        ('journey.markov_attribution(text[],bigint,bigint,integer)', 'i', false, 's'),
        ('journey.shapley_attribution_transfn(internal,text[],bigint)', 'i', false, 's'),
        ('journey.shapley_attribution(text[],bigint)', 'i', false, 's'),
        ('journey.path_rows_combine(internal,internal)', 'i', false, 's'),
        ('journey.path_rows_serialize(internal)', 'i', true, 's'),
        ('journey.path_rows_deserialize(bytea,internal)', 'i', true, 's'),
        ('journey.markov_attribution_final(internal)', 'i', false, 's'),
        ('journey.shapley_attribution_final(internal)', 'i', false, 's'),
        ('journey.sequence_next_node_final(internal)', 'i', false, 's')
    $$,
    'every function is marked with the intended volatility, strictness and parallel safety');

SELECT is(
    (SELECT count(*)::integer FROM pg_proc AS p
       JOIN pg_depend AS d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
       JOIN pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'pg_journey'
      WHERE p.prosecdef),
    0, 'no function is SECURITY DEFINER');

-- operators: all six, found without journey on the search_path
SELECT set_eq(
    $$SELECT oprname::text COLLATE "default", oprnamespace::regnamespace::text, oprresult::regtype::text,
             oprcanhash, oprcanmerge
      FROM pg_operator WHERE oprleft = 'journey.stage'::regtype AND oprright = 'journey.stage'::regtype$$,
    $$VALUES ('<', 'pg_catalog', 'boolean', false, false), ('<=', 'pg_catalog', 'boolean', false, false),
             ('=', 'pg_catalog', 'boolean', true, true), ('<>', 'pg_catalog', 'boolean', false, false),
             ('>=', 'pg_catalog', 'boolean', false, false), ('>', 'pg_catalog', 'boolean', false, false)$$,
    'comparison operators, = hashes and merges');
SELECT is(current_setting('search_path') !~ 'journey', true, 'the tests run without journey on the search_path');
SELECT ok('Tietoisuus'::journey.stage < 'purchase', 'Tietoisuus < purchase with the default search_path');

-- operator classes, with btequalimage (deduplication) and extended hashing
SELECT results_eq(
    $$SELECT am.amname::text COLLATE "default", c.opcname::text COLLATE "default", c.opcnamespace::regnamespace::text, c.opcdefault
      FROM pg_opclass AS c JOIN pg_am AS am ON am.oid = c.opcmethod
      WHERE c.opcintype = 'journey.stage'::regtype ORDER BY 1$$,
    $$VALUES ('btree', 'stage_ops', 'journey', true), ('hash', 'stage_ops', 'journey', true)$$,
    'default btree and hash operator classes');
SELECT results_eq(
    $$SELECT am.amname::text COLLATE "default", p.amprocnum::integer, p.amproc::regproc::text
      FROM pg_amproc AS p
      JOIN pg_opfamily AS f ON f.oid = p.amprocfamily
      JOIN pg_am AS am ON am.oid = f.opfmethod
      WHERE p.amproclefttype = 'journey.stage'::regtype ORDER BY 1, 2$$,
    $$VALUES ('btree', 1, 'journey.stage_cmp'), ('btree', 4, 'btequalimage'),
             ('hash', 1, 'journey.stage_hash'), ('hash', 2, 'journey.stage_hash_extended')$$,
    'support functions: btree comparison and btequalimage, hash and extended hash');

-- casts to and from integer are explicit
SELECT results_eq(
    $$SELECT castsource::regtype::text, casttarget::regtype::text, castcontext::text
      FROM pg_cast WHERE castsource = 'journey.stage'::regtype OR casttarget = 'journey.stage'::regtype
      ORDER BY 1$$,
    $$VALUES ('integer', 'journey.stage', 'e'), ('journey.stage', 'integer', 'e')$$,
    'explicit casts between journey.stage and integer');

-- min and max: index-assisted (sort operator) and combinable in parallel
SELECT results_eq(
    $$SELECT a.aggfnoid::regprocedure::text, a.aggsortop::regoperator::text, a.aggcombinefn::regproc::text
      FROM pg_aggregate AS a WHERE a.aggtranstype = 'journey.stage'::regtype ORDER BY 1$$,
    $$VALUES ('max(journey.stage)', '>(journey.stage,journey.stage)', 'journey.stage_larger'),
             ('min(journey.stage)', '<(journey.stage,journey.stage)', 'journey.stage_smaller')$$,
    'min and max have a sort operator and a combine function');

-- aggregates: parallel safe with a combine function; internal states also
-- serialize, and tell the planner their size
SELECT is(
    (SELECT array_agg(a.aggfnoid::regprocedure::text ORDER BY 1)
       FROM pg_aggregate AS a
       JOIN pg_proc AS p ON p.oid = a.aggfnoid
       JOIN pg_depend AS d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
       JOIN pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'pg_journey'
      WHERE p.proparallel <> 's' OR a.aggcombinefn = 0
         OR (a.aggtranstype = 'internal'::regtype
             AND (a.aggserialfn = 0 OR a.aggdeserialfn = 0 OR a.aggtransspace = 0))),
    NULL, 'every aggregate is parallel safe and can combine, serialize and size its state');
SELECT is(
    (SELECT array_agg(DISTINCT a.aggtranstype::regtype::text)
       FROM pg_aggregate AS a
      WHERE a.aggfnoid IN ('journey.funnel_counts(integer,integer)'::regprocedure,
                           'journey.nps(integer)'::regprocedure, 'journey.csat(integer)'::regprocedure,
                           'journey.retention(boolean[])'::regprocedure)),
    ARRAY['bigint[]'], 'the cross-customer rollups keep plain bigint[] states (Citus can combine them)');

SELECT is((SELECT array_agg(DISTINCT prokind::text) FROM pg_proc WHERE proname = 'sessionize'
             AND pronamespace = 'journey'::regnamespace),
          ARRAY['w'], 'sessionize is a window function');

-- the touchpoint catalog
SELECT has_table('journey', 'touchpoint', 'journey.touchpoint exists');
SELECT columns_are('journey', 'touchpoint', ARRAY['name', 'stage', 'channel', 'medium', 'description'],
                   'journey.touchpoint has the columns api.md names');
SELECT col_is_pk('journey', 'touchpoint', 'name', 'touchpoint names are the primary key');
SELECT ok((SELECT 'journey.touchpoint'::regclass = ANY (extconfig) FROM pg_extension WHERE extname = 'pg_journey'),
          'journey.touchpoint is a configuration table (its user rows are dumped)');

-- user-facing objects are documented in the catalog
SELECT is(
    (SELECT array_agg(o ORDER BY o) FROM unnest(ARRAY[
        'journey.stages()', 'journey.next_stage(journey.stage)', 'journey.stage_of(text)',
        'journey.sample_events(integer,integer)', 'journey.seed_touchpoints()',
        'journey.window_funnel(interval,timestamp with time zone,boolean[])',
        'journey.window_funnel(interval,text,timestamp with time zone,boolean[])',
        'journey.window_funnel_events(interval,timestamp with time zone,boolean[])',
        'journey.window_funnel_events(interval,text,timestamp with time zone,boolean[])',
        'journey.window_funnel_excluding(interval,text,timestamp with time zone,boolean,boolean[])',
        'journey.stage_funnel(interval,timestamp with time zone,journey.stage)',
        'journey.funnel_counts(integer,integer)', 'journey.funnel_report(bigint[],text[])',
        'journey.touches_before(timestamp with time zone,boolean)',
        'journey.touches_before(timestamp with time zone,boolean,interval)',
        'journey.time_to_conversion(timestamp with time zone,boolean)',
        'journey.nps(integer)', 'journey.csat(integer)',
        'journey.path(timestamp with time zone,text)',
        'journey.path(timestamp with time zone,text,integer,boolean)',
        'journey.path_to(timestamp with time zone,text,boolean)',
        'journey.path_to(timestamp with time zone,text,boolean,integer,boolean)',
        'journey.path_transitions(text[],boolean)', 'journey.retention(boolean[])',
        'journey.sessionize(timestamp with time zone,interval)',
        'journey.sequence_next_node(text,text,timestamp with time zone,text,boolean,boolean[])',
        'journey.sequence_match(text,timestamp with time zone,boolean[])',
        'journey.sequence_count(text,timestamp with time zone,boolean[])',
        'journey.sequence_match_events(text,timestamp with time zone,boolean[])',
        'journey.report_names()', 'journey.report_relations(name)',
        'journey.create_reports(regclass,name,name,name,text,name,name,name,boolean,interval,name)',
        'journey.refresh_reports(name)', 'journey.schedule_refresh(text,name)', 'journey.drop_reports(name)',
        'journey.attribution(text,timestamp with time zone,text,boolean)',
        'journey.attribution(text,timestamp with time zone,text,boolean,double precision)',
        'journey.markov_attribution(text[],bigint,bigint)', 'journey.markov_attribution(text[],bigint,bigint,integer)',
        'journey.shapley_attribution(text[],bigint)']) AS o
      WHERE obj_description(o::regprocedure, 'pg_proc') IS NULL),
    NULL, 'user-facing functions have comments');
SELECT ok(obj_description('journey.stage'::regtype, 'pg_type') IS NOT NULL
          AND obj_description('journey.touchpoint'::regclass, 'pg_class') IS NOT NULL
          AND obj_description('journey'::regnamespace, 'pg_namespace') IS NOT NULL,
          'the type, the table and the schema have comments');

SELECT * FROM finish();
ROLLBACK;
