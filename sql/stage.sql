-- journey.stage: labels, synonyms, order, casts, operators, opclasses, binary I/O

-- the canonical labels, in order
SELECT ordinal, stage, label_fi FROM journey.stages();
SELECT 'Tietoisuus'::journey.stage < 'purchase' AS finnish_awareness_before_purchase;
SELECT 'osto'::journey.stage AS osto;

-- input is case-insensitive, ignores surrounding blanks, and treats a run
-- of blanks, '_' or '-' inside a label as one separator
SELECT input, input::journey.stage AS stage
FROM (VALUES ('awareness'), ('  Awareness  '), ('need_recognition'),
             ('Need Recognition'), ('need-recognition'), ('need _- recognition'),
             ('interest'), ('attention'), ('tietoisuus'), ('Tarpeen tunnistaminen'),
             ('kiinnostus'), ('tietoisuus ja kiinnostus'),
             ('consideration'), ('evaluation'), ('research'), ('information search'),
             ('comparison'), ('harkinta'), ('arviointi'), ('tiedonhaku'), ('informaatio'),
             ('vertailu'), ('valinta'), ('vaihtoehtojen punnitseminen'),
             ('purchase'), ('decision'), ('conversion'), ('buy'), ('osto'),
             ('ostopäätös'), ('OSTOPÄÄTÖS'), ('päätös'), ('ostoprosessi'),
             ('retention'), ('post_purchase'), ('Post-Purchase'), ('loyalty'), ('usage'),
             ('aftercare'), ('uskollisuus'), ('oston jälkeen'), ('Oston_Jälkeen'),
             ('käyttö'), ('KÄYTTÖ'), ('jälkihoito'), ('uskollisuus ja ylläpito'),
             ('advocacy'), ('recommendation'), ('referral'), ('ambassador'),
             ('suositus'), ('suosittelu'), ('brändilähettiläs'), ('BRÄNDILÄHETTILÄS'))
     AS v (input);
SELECT E'\tAWARENESS\r\n'::journey.stage AS tabs_and_newlines_are_blanks;

-- output is the canonical label, and text -> stage -> text is stable
SELECT s.stage::text AS label, s.stage::text::journey.stage = s.stage AS round_trip
FROM journey.stages() AS s;

-- bad input: SQLSTATE 22P02, the input quoted, the accepted labels in the hint
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT 'nonsense'::journey.stage;
SELECT ''::journey.stage;
SELECT 'awareness stage'::journey.stage;
SELECT 'purchase_'::journey.stage AS trailing_sep;
\set VERBOSITY sqlstate
SELECT '   '::journey.stage;
SELECT 'aware'::journey.stage;
SELECT 'advocacyadvocacyadvocacyadvocacyadvocacyadvocacyadvocacyadvocacyadvocacy'::journey.stage;
\set VERBOSITY default

-- casts to and from integer
SELECT 1::journey.stage AS one, 5::journey.stage AS five,
       'consideration'::journey.stage::integer AS consideration;
SELECT 0::journey.stage;
SELECT 6::journey.stage;
SELECT (-1)::journey.stage;

-- next_stage: NULL after advocacy and for NULL
SELECT stage, journey.next_stage(stage) AS next FROM journey.stages();
SELECT journey.next_stage(NULL) IS NULL AS null_in_null_out;

-- operators
SELECT a.stage AS a, b.stage AS b,
       a.stage < b.stage AS lt, a.stage <= b.stage AS le, a.stage = b.stage AS eq,
       a.stage <> b.stage AS ne, a.stage >= b.stage AS ge, a.stage > b.stage AS gt
FROM journey.stages() AS a, journey.stages() AS b
WHERE a.ordinal IN (2, 3) AND b.ordinal IN (2, 3, 4)
ORDER BY a.stage, b.stage;

-- a table of stages: ORDER BY, DISTINCT, GROUP BY by sort and by hash, min/max
CREATE TABLE stage_events (id integer, stage journey.stage);
INSERT INTO stage_events
SELECT i, (1 + (i * 7) % 5)::journey.stage FROM generate_series(1, 20) AS i;
INSERT INTO stage_events VALUES (21, NULL);

SELECT id, stage FROM stage_events WHERE id <= 6 ORDER BY stage, id;
SELECT DISTINCT stage FROM stage_events ORDER BY stage DESC NULLS LAST;
SET enable_hashagg = off;
SELECT stage, count(*) FROM stage_events GROUP BY stage ORDER BY stage;
RESET enable_hashagg;
SET enable_sort = off;
SELECT stage, count(*) FROM stage_events GROUP BY stage ORDER BY count(*) DESC, stage;
RESET enable_sort;
SELECT min(stage), max(stage) FROM stage_events;
SELECT min(stage), max(stage) FROM stage_events WHERE stage > 'retention';
SELECT min(stage), max(stage) FROM stage_events WHERE false;
SELECT id, stage FROM stage_events WHERE stage BETWEEN 'consideration' AND 'purchase' ORDER BY id;

-- hash join and merge join on a stage key
CREATE TABLE stage_names AS SELECT stage, label_fi FROM journey.stages();
ANALYZE stage_events, stage_names;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF)
SELECT e.id, n.label_fi FROM stage_events AS e JOIN stage_names AS n ON e.stage = n.stage;
SELECT e.id, n.label_fi FROM stage_events AS e JOIN stage_names AS n ON e.stage = n.stage
WHERE e.id <= 5 ORDER BY e.id;
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF)
SELECT e.id, n.label_fi FROM stage_events AS e JOIN stage_names AS n ON e.stage = n.stage;
SELECT count(*) FROM stage_events AS e JOIN stage_names AS n ON e.stage = n.stage;
RESET enable_hashjoin;
RESET enable_nestloop;

-- hash partitioning needs the extended hash function
CREATE TABLE stage_parts (stage journey.stage) PARTITION BY HASH (stage);
CREATE TABLE stage_parts_0 PARTITION OF stage_parts FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE stage_parts_1 PARTITION OF stage_parts FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO stage_parts SELECT stage FROM stage_events WHERE stage IS NOT NULL;
SELECT stage, count(*) AS rows, count(DISTINCT tableoid) AS partitions
FROM stage_parts GROUP BY stage ORDER BY stage;

-- binary COPY round trip (send/recv)
\copy stage_events TO 'results/stage_events.bin' WITH (FORMAT binary)
CREATE TABLE stage_events_copy (LIKE stage_events);
\copy stage_events_copy FROM 'results/stage_events.bin' WITH (FORMAT binary)
SELECT count(*) AS copied,
       (SELECT count(*) FROM (SELECT * FROM stage_events EXCEPT ALL
                              SELECT * FROM stage_events_copy) AS d) AS missing,
       (SELECT count(*) FROM (SELECT * FROM stage_events_copy EXCEPT ALL
                              SELECT * FROM stage_events) AS d) AS extra
FROM stage_events_copy;

-- a binary value outside 1..5 is refused (a "char" has the same one-byte form)
\copy (SELECT 6, chr(6)::"char") TO 'results/stage_bad6.bin' WITH (FORMAT binary)
\copy stage_events_copy FROM 'results/stage_bad6.bin' WITH (FORMAT binary)
\copy (SELECT 0, ''::"char") TO 'results/stage_bad0.bin' WITH (FORMAT binary)
\copy stage_events_copy FROM 'results/stage_bad0.bin' WITH (FORMAT binary)
SELECT count(*) AS still FROM stage_events_copy;

DROP TABLE stage_events, stage_events_copy, stage_names, stage_parts;
