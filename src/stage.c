/*-------------------------------------------------------------------------
 *
 * stage.c
 *	  Input, output and casts of journey.stage.
 *
 * The type is stored as its ordinal (1..5) in one byte, the same
 * representation as "char", so comparison and hashing reuse core's "char"
 * functions (see extension/stage.sql); only what needs to know the labels
 * or the valid range lives here.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "serial_form.h"
#include "stage.h"

/* Soft input errors (pg_input_is_valid) exist from PostgreSQL 16 on. */
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#define report_input_error(context, ...) ereturn(context, (Datum) 0, __VA_ARGS__)
#else
#define report_input_error(context, ...) ereport(ERROR, __VA_ARGS__)
#endif

PG_FUNCTION_INFO_V1(stage_in);
PG_FUNCTION_INFO_V1(stage_out);
PG_FUNCTION_INFO_V1(stage_recv);
PG_FUNCTION_INFO_V1(stage_send);
PG_FUNCTION_INFO_V1(stage_to_int4);
PG_FUNCTION_INFO_V1(int4_to_stage);
PG_FUNCTION_INFO_V1(stage_smaller);
PG_FUNCTION_INFO_V1(stage_larger);
PG_FUNCTION_INFO_V1(stage_next);

#define STAGE_HINT_BYTES 1024

/*
 * The hint is built in UTF-8; servers in another encoding get only the
 * synonyms spelled in ASCII, since Finnish letters may not convert.
 */
static char *
StageInputHint(void)
{
	static char hint[STAGE_HINT_BYTES];
	int			encoding = GetDatabaseEncoding();

	stage_label_hint(hint, sizeof(hint),
					 encoding != PG_UTF8 && encoding != PG_SQL_ASCII);
	return hint;
}

/*
 * Text to stage.  Synonyms are matched in UTF-8 whatever the server
 * encoding, and case folding is our own, so the result never depends on
 * the database locale: the function is truly immutable.
 */
Datum
stage_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		len = strlen(str);
	char	   *utf8 = pg_server_to_any(str, (int) len, PG_UTF8);
	int			ordinal = stage_label_parse(utf8, strlen(utf8));

	if (ordinal == STAGE_INVALID)
	{
		report_input_error(fcinfo->context,
						   (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
							errmsg("invalid input syntax for type %s: \"%s\"",
								   "journey.stage", str),
							errhint("%s", StageInputHint())));
	}
	PG_RETURN_STAGE((Stage) ordinal);
}

/* A stored byte outside 1..5 can only come from corruption: say so. */
static void
CheckStoredStage(Stage stage)
{
	if (stage < 1 || stage > STAGE_COUNT)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("invalid journey.stage value %d", (int) stage),
				 errhint("Valid stages are 1 (awareness) to %d (advocacy).",
						 STAGE_COUNT)));
}

Datum
stage_out(PG_FUNCTION_ARGS)
{
	Stage		stage = PG_GETARG_STAGE(0);

	CheckStoredStage(stage);
	PG_RETURN_CSTRING(pstrdup(stage_label(stage)));
}

/* Binary input: one byte, the ordinal, checked like any untrusted input. */
Datum
stage_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			nbytes = buf->len - buf->cursor;
	SerialReader reader;
	int			ordinal = 0;

	serial_reader_init(&reader, buf->data + buf->cursor, nbytes);
	if (read_stage(&reader, &ordinal) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 nbytes == 1 ?
				 errmsg("invalid binary journey.stage value %d", ordinal) :
				 errmsg("invalid binary journey.stage of %d bytes", nbytes),
				 errhint("The binary form is one byte from 1 (awareness) to %d (advocacy).",
						 STAGE_COUNT)));
	buf->cursor = buf->len;
	PG_RETURN_STAGE((Stage) ordinal);
}

Datum
stage_send(PG_FUNCTION_ARGS)
{
	Stage		stage = PG_GETARG_STAGE(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, stage);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
stage_to_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) PG_GETARG_STAGE(0));
}

Datum
int4_to_stage(PG_FUNCTION_ARGS)
{
	int32		ordinal = PG_GETARG_INT32(0);

	if (ordinal < 1 || ordinal > STAGE_COUNT)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("integer %d is out of range for type journey.stage",
						ordinal),
				 errhint("Stages are numbered 1 (awareness) to %d (advocacy).",
						 STAGE_COUNT)));
	PG_RETURN_STAGE((Stage) ordinal);
}

/* Transition and combine function of min(journey.stage). */
Datum
stage_smaller(PG_FUNCTION_ARGS)
{
	Stage		a = PG_GETARG_STAGE(0);
	Stage		b = PG_GETARG_STAGE(1);

	PG_RETURN_STAGE(a < b ? a : b);
}

/* Transition and combine function of max(journey.stage). */
Datum
stage_larger(PG_FUNCTION_ARGS)
{
	Stage		a = PG_GETARG_STAGE(0);
	Stage		b = PG_GETARG_STAGE(1);

	PG_RETURN_STAGE(a > b ? a : b);
}

/* journey.next_stage(): NULL after the last stage. */
Datum
stage_next(PG_FUNCTION_ARGS)
{
	Stage		stage = PG_GETARG_STAGE(0);

	CheckStoredStage(stage);
	if (stage == STAGE_COUNT)
		PG_RETURN_NULL();
	PG_RETURN_STAGE((Stage) (stage + 1));
}
