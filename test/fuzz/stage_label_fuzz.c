/*
 * libFuzzer harness for the journey.stage label parser
 * (src/stage_label.c): any bytes give a valid ordinal or STAGE_INVALID,
 * and a label parsed back gives its own ordinal.
 */
#include <stdlib.h>
#include <string.h>

#include "stage_label.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	int			ordinal = stage_label_parse((const char *) data, size);
	const char *label;

	if (ordinal == STAGE_INVALID)
		return 0;
	if (ordinal < 1 || ordinal > STAGE_COUNT)
		abort();
	label = stage_label(ordinal);
	if (stage_label_parse(label, strlen(label)) != ordinal)
		abort();
	return 0;
}
