/*
 * libFuzzer harness for the attribution model parser and the credit split
 * (src/attribution_model.c): a model that parses is valid, and its shares
 * of a conversion over up to eight touches (times from the input's tail)
 * are non-negative and add up to 1.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "attribution_model.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	AttributionModel model;
	char		message[256];
	int64_t		times[8];
	double		shares[8];
	double		sum = 0;
	int			n;

	if (!attribution_parse_model((const char *) data, size, &model, message, sizeof(message)))
	{
		if (message[0] == '\0')
			abort();
		return 0;
	}
	if (!attribution_model_valid(&model))
		abort();
	n = 1 + (int) (size % 8);
	for (int i = 0; i < n; i++)
		times[i] = (i == 0 ? 0 : times[i - 1]) + (int64_t) data[size - 1 - (i % size)] * 3600000000;
	attribution_shares(&model, times, n, shares);
	for (int i = 0; i < n; i++)
	{
		if (!(shares[i] >= 0) || shares[i] > 1 + 1e-9)
			abort();
		sum += shares[i];
	}
	if (fabs(sum - 1) > 1e-9)
		abort();
	return 0;
}
