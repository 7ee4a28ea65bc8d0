-- Reports for BI tools: one call turns an events table into a schema of
-- documented views (or materialized views), refreshed on demand or by pg_cron.

CREATE FUNCTION journey.report_names()
    RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ARRAY['events', 'customers', 'stage_funnel', 'stage_conversion', 'touchpoints_by_stage',
                 'touches_before_purchase', 'time_to_purchase', 'top_paths', 'path_transitions',
                 'attribution_by_channel', 'retention_cohorts', 'daily_stage_counts']
$$;
COMMENT ON FUNCTION journey.report_names() IS 'the relations journey.create_reports makes, in dependency order: events and customers first, then the reports';

-- The report relations present in a schema, in dependency order; an error
-- when the schema holds no reports of pg_journey.
CREATE FUNCTION journey.report_relations(into_schema name)
    RETURNS TABLE (name text, relation regclass, kind "char")
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF into_schema IS NULL THEN
        RAISE EXCEPTION 'the report schema must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
                    WHERE n.nspname = into_schema AND c.relname = 'events'
                      AND obj_description(c.oid, 'pg_class') LIKE 'pg_journey report%') THEN
        RAISE EXCEPTION 'schema "%" holds no pg_journey reports', into_schema
            USING ERRCODE = 'undefined_object',
                  HINT = 'Create them with journey.create_reports(...), or name the schema you gave it.';
    END IF;
    RETURN QUERY
        SELECT r.name, c.oid::regclass, c.relkind
        FROM unnest(journey.report_names()) WITH ORDINALITY AS r (name, position)
        JOIN pg_class AS c ON c.relname = r.name
        JOIN pg_namespace AS n ON n.oid = c.relnamespace AND n.nspname = into_schema
        ORDER BY r.position;
END
$$;
COMMENT ON FUNCTION journey.report_relations(name) IS 'the pg_journey report relations of a schema, in dependency order, with their kind (v view, m materialized view)';

CREATE FUNCTION journey.create_reports(
    source regclass, customer_column name, time_column name, touchpoint_column name,
    conversion text, into_schema name DEFAULT 'journey_reports', stage_column name DEFAULT NULL,
    value_column name DEFAULT NULL, materialized boolean DEFAULT false,
    conversion_window interval DEFAULT '30 days', channel_column name DEFAULT NULL)
    RETURNS SETOF regclass
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    kind text := CASE WHEN materialized THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END;
    column_type regtype;
    stage_sql text;
    channel_sql text;
    value_sql text;
    base_sql text;
    probe refcursor;
    saved_grants text[] := '{}';
    grant_sql text;
    rel record;
    reports text[][];
BEGIN
    -- Arguments: every column must exist with a type the reports can use.
    IF source IS NULL OR customer_column IS NULL OR time_column IS NULL
       OR touchpoint_column IS NULL OR conversion IS NULL OR into_schema IS NULL
       OR materialized IS NULL OR conversion_window IS NULL THEN
        RAISE EXCEPTION 'source, the customer, time and touchpoint columns, conversion, into_schema, materialized and conversion_window must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF (SELECT relkind FROM pg_class WHERE oid = source) NOT IN ('r', 'p', 'v', 'm', 'f') THEN
        RAISE EXCEPTION '% is not a table or view', source
            USING ERRCODE = 'wrong_object_type', HINT = 'Pass the table or view that holds the events.';
    END IF;
    PERFORM journey.check_report_column(source, 'customer', customer_column, NULL);
    column_type := journey.check_report_column(source, 'time', time_column, ARRAY['D']);
    IF column_type NOT IN ('timestamptz'::regtype, 'timestamp'::regtype) THEN
        RAISE EXCEPTION 'time column "%" of % has type %, not timestamp or timestamptz',
                        time_column, source, column_type
            USING ERRCODE = 'datatype_mismatch';
    END IF;
    PERFORM journey.check_report_column(source, 'touchpoint', touchpoint_column, ARRAY['S']);
    IF stage_column IS NOT NULL THEN
        column_type := journey.check_report_column(source, 'stage', stage_column, ARRAY['S', 'U']);
        IF column_type <> 'journey.stage'::regtype AND (SELECT typcategory FROM pg_type WHERE oid = column_type) <> 'S' THEN
            RAISE EXCEPTION 'stage column "%" of % has type %, not journey.stage or text',
                            stage_column, source, column_type
                USING ERRCODE = 'datatype_mismatch';
        END IF;
        stage_sql := format('src.%I::journey.stage', stage_column);
    ELSE
        stage_sql := 'tp.stage';
    END IF;
    IF channel_column IS NOT NULL THEN
        PERFORM journey.check_report_column(source, 'channel', channel_column, ARRAY['S']);
        channel_sql := format('src.%I::text', channel_column);
    ELSE
        channel_sql := format('coalesce(tp.channel, src.%I::text)', touchpoint_column);
    END IF;
    IF value_column IS NOT NULL THEN
        PERFORM journey.check_report_column(source, 'value', value_column, ARRAY['N']);
        value_sql := format('src.%I::numeric', value_column);
    ELSE
        value_sql := 'NULL::numeric';
    END IF;
    IF date_part('month', conversion_window) <> 0 OR date_part('year', conversion_window) <> 0
       OR conversion_window < interval '0' THEN
        RAISE EXCEPTION 'conversion_window must be zero or more days, hours, minutes or seconds, not "%"',
                        conversion_window
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'A month has no fixed length; give it in days, e.g. ''30 days''.';
    END IF;

    -- The conversion is SQL by design.  Opening it as a cursor parses it
    -- without running anything, and refuses more than one statement.
    base_sql := format($q$SELECT src.%1$I AS customer_id,
       src.%2$I::timestamptz AS occurred_at,
       src.%3$I::text AS touchpoint,
       %4$s AS stage,
       %5$s AS channel,
       tp.medium,
       %6$s AS value,
       src.pg_journey_converted AS converted
FROM (SELECT s.*, coalesce((
%7$s
)::boolean, false) AS pg_journey_converted
        FROM %8$s AS s) AS src
LEFT JOIN journey.touchpoint AS tp ON tp.name = src.%3$I::text
WHERE src.%1$I IS NOT NULL AND src.%2$I IS NOT NULL$q$,
        customer_column, time_column, touchpoint_column, stage_sql, channel_sql, value_sql,
        conversion, source);
    BEGIN
        OPEN probe FOR EXECUTE base_sql || ' LIMIT 0';
        CLOSE probe;
    EXCEPTION WHEN OTHERS THEN
        RAISE EXCEPTION 'invalid conversion expression "%": %', conversion, SQLERRM
            USING ERRCODE = SQLSTATE,
                  HINT = 'Give one boolean expression over the columns of the source, e.g. event = ''purchase''.';
    END;

    -- Replace an earlier report set: keep its grants, drop it, build anew.
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', into_schema);
    IF EXISTS (SELECT FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
                WHERE n.nspname = into_schema AND c.relname = 'events'
                  AND obj_description(c.oid, 'pg_class') LIKE 'pg_journey report%') THEN
        FOR rel IN
            SELECT r.relation, r.kind, c.relowner, c.relacl
            FROM journey.report_relations(into_schema) AS r
            JOIN pg_class AS c ON c.oid = r.relation
            ORDER BY array_position(journey.report_names(), r.name) DESC
        LOOP
            saved_grants := saved_grants || ARRAY(
                SELECT format('GRANT %s ON %s TO %s%s', a.privilege_type, rel.relation,
                              CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END,
                              CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
                FROM aclexplode(rel.relacl) AS a
                WHERE a.grantee <> rel.relowner);
            EXECUTE format('DROP %s %s', CASE rel.kind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
                           rel.relation);
        END LOOP;
    END IF;

    EXECUTE format('CREATE VIEW %I.events AS %s', into_schema, base_sql);
    EXECUTE format('COMMENT ON VIEW %I.events IS %L', into_schema,
                   format('pg_journey report source: the events of %s, one row per touch, with its stage, channel and medium and whether it is a conversion (%s)',
                          source, conversion));

    EXECUTE format($q$CREATE %1$s %2$I.customers AS
SELECT customer_id,
       min(occurred_at) AS first_touch_at,
       min(occurred_at) FILTER (WHERE converted) AS first_purchase_at,
       count(*) AS touches,
       count(*) FILTER (WHERE converted) AS purchases,
       sum(value) FILTER (WHERE converted) AS revenue,
       journey.touches_before(occurred_at, converted) AS touches_before_purchase,
       journey.time_to_conversion(occurred_at, converted) AS time_to_purchase,
       journey.path_to(occurred_at, channel, converted, 3, true) AS path,
       journey.stage_funnel(%3$L::interval, occurred_at, stage) AS furthest_stage,
       min(occurred_at) FILTER (WHERE stage = 'awareness') AS first_awareness_at,
       min(occurred_at) FILTER (WHERE stage = 'consideration') AS first_consideration_at,
       min(occurred_at) FILTER (WHERE stage = 'purchase') AS first_purchase_stage_at,
       min(occurred_at) FILTER (WHERE stage = 'retention') AS first_retention_at,
       min(occurred_at) FILTER (WHERE stage = 'advocacy') AS first_advocacy_at
FROM %2$I.events GROUP BY customer_id$q$, kind, into_schema, conversion_window);
    EXECUTE format('COMMENT ON %s %I.customers IS %L', kind, into_schema,
                   'one row per customer: first touch and purchase, touches, purchases, revenue, touches before and time to the first purchase, the last three channels before it (path), the furthest stage reached in order within the conversion window, and the first time in each stage');

    -- name, unique key, comment, query (over events and customers)
    reports := ARRAY[
        ['stage_funnel', 'stage_number',
         'the stage funnel: customers who went from awareness through each stage in order within the conversion window; percent of the aware and of the previous stage, and how many stopped before this stage',
         $q$SELECT r.step AS stage_number, r.label AS stage, r.customers,
       round(r.conversion_from_start::numeric, 1) AS percent_of_aware,
       round(r.conversion_from_previous::numeric, 1) AS percent_of_previous,
       r.dropped AS dropped_off
FROM journey.funnel_report((SELECT journey.funnel_counts(furthest_stage::integer, 5) FROM %1$I.customers),
                           ARRAY['awareness', 'consideration', 'purchase', 'retention', 'advocacy']) AS r$q$],
        ['stage_conversion', 'stage_number',
         'per stage, in any order: customers who ever reached it; of those who reached the previous stage, the percent who reached this one and the number who did not (dropped_off); the median days from the first touch in the previous stage to the first in this one, over customers who came in that order',
         $q$SELECT s.ordinal AS stage_number, s.stage::text AS stage,
       count(*) FILTER (WHERE f[s.ordinal] IS NOT NULL) AS customers,
       CASE WHEN s.ordinal > 1 THEN count(*) FILTER (WHERE f[s.ordinal - 1] IS NOT NULL) END AS previous_stage_customers,
       CASE WHEN s.ordinal > 1 THEN round(100.0 * count(*) FILTER (WHERE f[s.ordinal - 1] IS NOT NULL AND f[s.ordinal] IS NOT NULL)
                                          / nullif(count(*) FILTER (WHERE f[s.ordinal - 1] IS NOT NULL), 0), 1) END AS percent_from_previous,
       CASE WHEN s.ordinal > 1 THEN count(*) FILTER (WHERE f[s.ordinal - 1] IS NOT NULL AND f[s.ordinal] IS NULL) END AS dropped_off,
       CASE WHEN s.ordinal > 1 THEN round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f[s.ordinal] - f[s.ordinal - 1]) / 86400)
                                           FILTER (WHERE f[s.ordinal] >= f[s.ordinal - 1]))::numeric, 1) END AS median_days_from_previous
FROM (SELECT ARRAY[first_awareness_at, first_consideration_at, first_purchase_stage_at,
                   first_retention_at, first_advocacy_at] AS f FROM %1$I.customers) AS c
CROSS JOIN journey.stages() AS s
GROUP BY s.ordinal, s.stage
ORDER BY s.ordinal$q$],
        ['touchpoints_by_stage', 'touchpoint, stage',
         'per touchpoint and stage: its channel and medium (digital or physical; (unknown) when the catalog does not know the touchpoint), the customers who touched it and the touches',
         $q$SELECT touchpoint, coalesce(stage::text, '(unknown)') AS stage, coalesce(stage::integer, 0) AS stage_number,
       min(channel) AS channel, coalesce(medium, '(unknown)') AS medium, coalesce(medium = 'digital', false) AS is_digital,
       count(DISTINCT customer_id) AS customers, count(*) AS touches
FROM %1$I.events
GROUP BY touchpoint, stage, medium
ORDER BY stage_number, touches DESC, touchpoint$q$],
        ['touches_before_purchase', 'bucket',
         'how many touches customers had before their first purchase: buyers per number of touches (16+ for sixteen or more), their percent, and over all buyers the minimum, median, mean and 90th percentile',
         $q$WITH t AS (SELECT touches_before_purchase AS n FROM %1$I.customers WHERE touches_before_purchase IS NOT NULL),
     stats AS (SELECT min(n) AS min_touches, percentile_cont(0.5) WITHIN GROUP (ORDER BY n) AS median_touches,
                      round(avg(n), 1) AS mean_touches, percentile_cont(0.9) WITHIN GROUP (ORDER BY n) AS p90_touches,
                      count(*) AS buyers FROM t)
SELECT b.bucket, CASE WHEN b.bucket = 16 THEN '16+' ELSE b.bucket::text END AS touches,
       count(t.n) AS buyers, round(100.0 * count(t.n) / nullif(stats.buyers, 0), 1) AS percent_of_buyers,
       stats.min_touches, stats.median_touches, stats.mean_touches, stats.p90_touches
FROM generate_series(0, 16) AS b (bucket)
CROSS JOIN stats
LEFT JOIN t ON least(t.n, 16) = b.bucket
GROUP BY b.bucket, stats.min_touches, stats.median_touches, stats.mean_touches, stats.p90_touches, stats.buyers
HAVING b.bucket > 0 OR count(t.n) > 0
ORDER BY b.bucket$q$],
        ['time_to_purchase', 'bucket',
         'how long customers took from their first touch to their first purchase: buyers per whole day (31+ for more than thirty), their percent and cumulative percent, and over all buyers the median and mean days',
         $q$WITH t AS (SELECT extract(epoch FROM time_to_purchase) / 86400 AS days FROM %1$I.customers WHERE time_to_purchase IS NOT NULL),
     stats AS (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::numeric, 1) AS median_days,
                      round(avg(days)::numeric, 1) AS mean_days, count(*) AS buyers FROM t),
     buckets AS (SELECT b.bucket, count(t.days) AS buyers
                 FROM generate_series(0, 31) AS b (bucket)
                 LEFT JOIN t ON least(floor(t.days), 31) = b.bucket
                 GROUP BY b.bucket)
SELECT buckets.bucket, CASE WHEN buckets.bucket = 31 THEN '31+' ELSE buckets.bucket::text END AS days,
       buckets.buyers, round(100.0 * buckets.buyers / nullif(stats.buyers, 0), 1) AS percent_of_buyers,
       round(100.0 * sum(buckets.buyers) OVER (ORDER BY buckets.bucket) / nullif(stats.buyers, 0), 1) AS cumulative_percent,
       stats.median_days, stats.mean_days
FROM buckets CROSS JOIN stats
ORDER BY buckets.bucket$q$],
        ['top_paths', 'rank',
         'the 50 most common paths to a first purchase: the last three channels before it, repeats collapsed ((direct) when there was no touch), with the buyers who took it and their percent of all buyers',
         $q$SELECT row_number() OVER (ORDER BY count(*) DESC, coalesce(nullif(array_to_string(path, ' > '), ''), '(direct)'))::integer AS rank,
       coalesce(nullif(array_to_string(path, ' > '), ''), '(direct)') AS path,
       cardinality(path) AS steps, count(*) AS buyers,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS percent_of_buyers
FROM %1$I.customers
WHERE first_purchase_at IS NOT NULL
GROUP BY customers.path
ORDER BY rank
LIMIT 50$q$],
        ['path_transitions', 'step, from_node, to_node',
         'the edges of every customer''s path (the last three channels before the first purchase, or before now for customers who have not bought) for Sankey charts: step, from and to node ((start) first, (conversion) or (null) last) and the customers who took it',
         $q$SELECT t.step, t.from_node, t.to_node, count(*) AS customers
FROM %1$I.customers AS c, journey.path_transitions(c.path, c.first_purchase_at IS NOT NULL) AS t
GROUP BY t.step, t.from_node, t.to_node
ORDER BY t.step, customers DESC, t.from_node, t.to_node$q$],
        ['attribution_by_channel', 'channel',
         'conversions credited to each channel for first purchases, by every model side by side: first_touch, last_touch, linear, position_based (40/20/40) and time_decay (half-life 7 days) over each buyer''s touches before the first purchase ((direct) when there was none); markov (removal effects) and shapley over the paths of the customers view, buyers and non-buyers',
         $q$WITH until_first AS (
    SELECT e.customer_id, e.occurred_at, e.channel, e.converted AND e.occurred_at = c.first_purchase_at AS converted
    FROM %1$I.events AS e JOIN %1$I.customers AS c USING (customer_id)
    WHERE c.first_purchase_at IS NOT NULL AND e.occurred_at <= c.first_purchase_at
), heuristic AS (
    SELECT journey.attribution('first_touch', occurred_at, channel, converted) AS first_touch,
           journey.attribution('last_touch', occurred_at, channel, converted) AS last_touch,
           journey.attribution('linear', occurred_at, channel, converted) AS linear,
           journey.attribution('position_based', occurred_at, channel, converted) AS position_based,
           journey.attribution('time_decay', occurred_at, channel, converted) AS time_decay
    FROM until_first GROUP BY customer_id
), path_counts AS (
    SELECT path, count(*) FILTER (WHERE first_purchase_at IS NOT NULL) AS conversions,
           count(*) FILTER (WHERE first_purchase_at IS NULL) AS nulls
    FROM %1$I.customers GROUP BY path
), data_driven AS (
    SELECT journey.markov_attribution(path, conversions, nulls) AS markov,
           journey.shapley_attribution(path, conversions) AS shapley
    FROM path_counts
), credits AS (
    SELECT m.model, c.channel, c.conversions
    FROM heuristic AS h,
         LATERAL (VALUES ('first_touch', h.first_touch), ('last_touch', h.last_touch), ('linear', h.linear),
                         ('position_based', h.position_based), ('time_decay', h.time_decay)) AS m (model, credits),
         unnest(m.credits) AS c
    UNION ALL
    SELECT 'markov', c.channel, c.conversions FROM data_driven AS d, unnest(d.markov) AS c
    UNION ALL
    SELECT 'shapley', c.channel, c.conversions FROM data_driven AS d, unnest(d.shapley) AS c
)
SELECT channel,
       round(coalesce(sum(conversions) FILTER (WHERE model = 'first_touch'), 0)::numeric, 2) AS first_touch,
       round(coalesce(sum(conversions) FILTER (WHERE model = 'last_touch'), 0)::numeric, 2) AS last_touch,
       round(coalesce(sum(conversions) FILTER (WHERE model = 'linear'), 0)::numeric, 2) AS linear,
       round(coalesce(sum(conversions) FILTER (WHERE model = 'position_based'), 0)::numeric, 2) AS position_based,
       round(coalesce(sum(conversions) FILTER (WHERE model = 'time_decay'), 0)::numeric, 2) AS time_decay,
       round(coalesce(sum(conversions) FILTER (WHERE model = 'markov'), 0)::numeric, 2) AS markov,
       round(coalesce(sum(conversions) FILTER (WHERE model = 'shapley'), 0)::numeric, 2) AS shapley
FROM credits
GROUP BY channel
ORDER BY channel$q$],
        ['retention_cohorts', 'cohort_month, months_since',
         'monthly cohorts of first purchase: per cohort and month since the first purchase (0 = the first purchase''s month), the customers who bought in that month, the cohort''s size and their percent of it',
         $q$WITH purchases AS (
    SELECT date_trunc('month', c.first_purchase_at)::date AS cohort_month,
           ((extract(year FROM e.occurred_at) - extract(year FROM c.first_purchase_at)) * 12
            + extract(month FROM e.occurred_at) - extract(month FROM c.first_purchase_at))::integer AS months_since,
           e.customer_id
    FROM %1$I.events AS e JOIN %1$I.customers AS c USING (customer_id)
    WHERE e.converted AND c.first_purchase_at IS NOT NULL
)
SELECT cohort_month, months_since, count(DISTINCT customer_id) AS customers,
       first_value(count(DISTINCT customer_id)) OVER (PARTITION BY cohort_month ORDER BY months_since) AS cohort_size,
       round(100.0 * count(DISTINCT customer_id)
             / first_value(count(DISTINCT customer_id)) OVER (PARTITION BY cohort_month ORDER BY months_since), 1) AS percent_of_cohort
FROM purchases
GROUP BY cohort_month, months_since
ORDER BY cohort_month, months_since$q$],
        ['daily_stage_counts', 'day, stage',
         'per day and stage: the customers who touched it and the touches ((unknown) for touchpoints the catalog does not know)',
         $q$SELECT occurred_at::date AS day, coalesce(stage::text, '(unknown)') AS stage,
       coalesce(stage::integer, 0) AS stage_number,
       count(DISTINCT customer_id) AS customers, count(*) AS touches
FROM %1$I.events
GROUP BY occurred_at::date, events.stage
ORDER BY day, stage_number$q$]
    ];

    FOR i IN 1 .. array_length(reports, 1) LOOP
        EXECUTE format('CREATE %s %I.%I AS %s', kind, into_schema, reports[i][1],
                       format(reports[i][4], into_schema));
        EXECUTE format('COMMENT ON %s %I.%I IS %L', kind, into_schema, reports[i][1], reports[i][3]);
        IF materialized THEN
            EXECUTE format('CREATE UNIQUE INDEX ON %I.%I (%s)', into_schema, reports[i][1], reports[i][2]);
        END IF;
    END LOOP;
    IF materialized THEN
        EXECUTE format('CREATE UNIQUE INDEX ON %I.customers (customer_id)', into_schema);
    END IF;

    FOREACH grant_sql IN ARRAY saved_grants LOOP
        EXECUTE grant_sql;
    END LOOP;

    RETURN QUERY SELECT r.relation FROM journey.report_relations(into_schema) AS r;
END
$fn$;
COMMENT ON FUNCTION journey.create_reports(regclass, name, name, name, text, name, name, name, boolean, interval, name) IS 'create (or replace) a schema of report views over an events table for BI tools; materialized => true makes materialized views for journey.refresh_reports';

-- A column of the source, checked: its type, or an error naming it.
CREATE FUNCTION journey.check_report_column(source regclass, role text, column_name name,
                                            categories text[])
    RETURNS regtype
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    column_type regtype;
BEGIN
    SELECT a.atttypid::regtype INTO column_type
    FROM pg_attribute AS a
    WHERE a.attrelid = source AND a.attname = column_name AND a.attnum > 0 AND NOT a.attisdropped;
    IF column_type IS NULL THEN
        RAISE EXCEPTION '% column "%" does not exist in %', role, column_name, source
            USING ERRCODE = 'undefined_column',
                  HINT = format('The columns of %s are: %s.', source,
                                (SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum)
                                 FROM pg_attribute WHERE attrelid = source AND attnum > 0 AND NOT attisdropped));
    END IF;
    IF categories IS NOT NULL
       AND (SELECT typcategory::text FROM pg_type WHERE oid = column_type) <> ALL (categories) THEN
        RAISE EXCEPTION '% column "%" of % has type %, which the reports cannot use as a %',
                        role, column_name, source, column_type, role
            USING ERRCODE = 'datatype_mismatch',
                  HINT = CASE role WHEN 'time' THEN 'Use a timestamp or timestamptz column.'
                                   WHEN 'value' THEN 'Use a numeric column.'
                                   WHEN 'stage' THEN 'Use a journey.stage or text column.'
                                   ELSE 'Use a text column.' END;
    END IF;
    RETURN column_type;
END
$$;
COMMENT ON FUNCTION journey.check_report_column(regclass, text, name, text[]) IS 'the type of a column journey.create_reports reads; an error naming the column when it is missing or of a type the reports cannot use';

CREATE FUNCTION journey.refresh_reports(into_schema name DEFAULT 'journey_reports')
    RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rel record;
    started timestamptz;
    row_count bigint;
    refreshed integer := 0;
BEGIN
    FOR rel IN SELECT * FROM journey.report_relations(into_schema) WHERE kind = 'm' LOOP
        started := clock_timestamp();
        -- concurrently, so readers are not blocked, where the view has rows to compare
        IF (SELECT relispopulated FROM pg_class WHERE oid = rel.relation) THEN
            EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY %s', rel.relation);
        ELSE
            EXECUTE format('REFRESH MATERIALIZED VIEW %s', rel.relation);
        END IF;
        EXECUTE format('SELECT count(*) FROM %s', rel.relation) INTO row_count;
        RAISE NOTICE 'refreshed %: % rows in % s', rel.relation, row_count,
            round(extract(epoch FROM clock_timestamp() - started)::numeric, 3);
        refreshed := refreshed + 1;
    END LOOP;
    IF refreshed = 0 THEN
        RAISE NOTICE 'the reports in schema "%" are views, always current: nothing to refresh', into_schema;
    END IF;
END
$$;
COMMENT ON FUNCTION journey.refresh_reports(name) IS 'refresh the materialized reports of a schema in dependency order, concurrently, with a NOTICE per view (rows and seconds)';

CREATE FUNCTION journey.schedule_refresh(cron text, into_schema name DEFAULT 'journey_reports')
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    job bigint;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_cron') THEN
        RAISE EXCEPTION 'pg_cron is not installed in database "%"', current_database()
            USING ERRCODE = 'undefined_object',
                  HINT = 'Install pg_cron (Debian: postgresql-15-cron), set shared_preload_libraries = ''pg_cron'' and cron.database_name to this database, restart the server, then run CREATE EXTENSION pg_cron.';
    END IF;
    IF cron IS NULL THEN
        RAISE EXCEPTION 'the schedule must not be NULL'
            USING ERRCODE = 'null_value_not_allowed', HINT = 'Give a cron schedule, e.g. ''0 3 * * *'' for 03:00 every day.';
    END IF;
    IF NOT EXISTS (SELECT FROM journey.report_relations(into_schema) WHERE kind = 'm') THEN
        RAISE EXCEPTION 'the reports in schema "%" are views, always current: there is nothing to refresh', into_schema
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Create them with journey.create_reports(..., materialized => true).';
    END IF;
    EXECUTE 'SELECT cron.schedule($1, $2, $3)'
        INTO job
        USING 'pg_journey refresh ' || into_schema, cron,
              format('SELECT journey.refresh_reports(%L)', into_schema);
    RETURN job;
END
$$;
COMMENT ON FUNCTION journey.schedule_refresh(text, name) IS 'schedule journey.refresh_reports for a schema with pg_cron (job name "pg_journey refresh <schema>"); returns the job id';

CREATE FUNCTION journey.drop_reports(into_schema name DEFAULT 'journey_reports')
    RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rel record;
BEGIN
    FOR rel IN SELECT * FROM journey.report_relations(into_schema) ORDER BY array_position(journey.report_names(), name) DESC LOOP
        EXECUTE format('DROP %s %s', CASE rel.kind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END, rel.relation);
    END LOOP;
    IF EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_cron') THEN
        EXECUTE 'SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = $1'
            USING 'pg_journey refresh ' || into_schema;
    END IF;
    -- the schema goes too when the reports were all it held
    IF NOT EXISTS (SELECT FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE n.nspname = into_schema)
       AND NOT EXISTS (SELECT FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace WHERE n.nspname = into_schema)
       AND NOT EXISTS (SELECT FROM pg_type AS t JOIN pg_namespace AS n ON n.oid = t.typnamespace WHERE n.nspname = into_schema) THEN
        EXECUTE format('DROP SCHEMA %I', into_schema);
    END IF;
END
$$;
COMMENT ON FUNCTION journey.drop_reports(name) IS 'drop the reports of a schema (and its pg_cron refresh job); the schema too when nothing else is in it';
