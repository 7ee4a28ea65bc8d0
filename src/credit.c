/*-------------------------------------------------------------------------
 *
 * credit.c
 *	  The result arrays of the attribution aggregates: journey.credit[]
 *	  and journey.markov_credit[], both (text, float8, float8).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

#include "credit.h"

Datum
CreditArray(FunctionCallInfo fcinfo, const CreditRow *rows, int nrows)
{
	Oid			array_type = get_fn_expr_rettype(fcinfo->flinfo);
	Oid			element_type = OidIsValid(array_type) ? get_element_type(array_type) : InvalidOid;
	TupleDesc	tupdesc;
	Datum	   *elements;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (!OidIsValid(element_type))
		elog(ERROR, "could not determine the result type of an attribution aggregate");
	tupdesc = lookup_rowtype_tupdesc(element_type, -1);
	elements = palloc(sizeof(Datum) * Max(nrows, 1));
	for (int i = 0; i < nrows; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, rows[i].second_is_null};

		values[0] = PointerGetDatum(cstring_to_text_with_len(rows[i].channel, rows[i].channel_len));
		values[1] = Float8GetDatum(rows[i].first);
		values[2] = Float8GetDatum(rows[i].second);
		elements[i] = HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
	}
	ReleaseTupleDesc(tupdesc);
	get_typlenbyvalalign(element_type, &typlen, &typbyval, &typalign);
	return PointerGetDatum(construct_array(elements, nrows, element_type, typlen, typbyval, typalign));
}
