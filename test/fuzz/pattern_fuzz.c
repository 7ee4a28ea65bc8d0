/*
 * libFuzzer harness for the sequence pattern compiler and matcher
 * (src/pattern.c).  The input is a pattern, then optionally a NUL byte and
 * events, three bytes each: seconds since the previous event (0..255) and a
 * 16-bit condition mask.  Checks what must hold whatever the input: the
 * compiler's error positions fall inside the pattern (or just past it),
 * and the three matchers agree with each other.
 */
#include <stdlib.h>
#include <string.h>

#include "pattern.h"

#define MAX_FUZZ_EVENTS 512

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static Pattern pattern;
	static JourneyEvent events[MAX_FUZZ_EVENTS];
	const uint8_t *end = memchr(data, 0, size);
	size_t		len = end == NULL ? size : (size_t) (end - data);
	size_t		nevents = 0;
	int			errpos = 0;
	char		message[256];
	int64_t		times[PATTERN_MAX_ELEMENTS];
	void	   *workspace;
	bool		matched;
	int64_t		count;
	int			ntimes;

	if (!pattern_compile((const char *) data, len, &pattern, &errpos, message, sizeof(message)))
	{
		if (errpos < 1 || (size_t) errpos > len + 1 || message[0] == '\0')
			abort();
		return 0;
	}
	if (pattern.nelements > PATTERN_MAX_ELEMENTS || pattern.nreported > pattern.nelements)
		abort();

	if (end != NULL)
	{
		int64_t		ts = 0;

		for (const uint8_t *p = end + 1; p + 3 <= data + size && nevents < MAX_FUZZ_EVENTS; p += 3)
		{
			uint64_t	mask = (uint64_t) p[1] | ((uint64_t) p[2] << 8);

			ts += (int64_t) p[0] * 1000000;
			if (mask == 0)
				continue;		/* the aggregates store no such event */
			/* equal times come in mask order, as after the aggregates' sort */
			if (nevents > 0 && events[nevents - 1].ts == ts && events[nevents - 1].mask > mask)
				mask = events[nevents - 1].mask;
			events[nevents].ts = ts;
			events[nevents].mask = mask;
			nevents++;
		}
	}

	workspace = malloc(pattern_workspace_bytes(&pattern, nevents));
	matched = pattern_match(&pattern, events, nevents, workspace, NULL);
	count = pattern_count(&pattern, events, nevents, workspace, NULL);
	ntimes = pattern_match_events(&pattern, events, nevents, workspace, times, NULL);
	free(workspace);

	if (pattern.nelements == 0)
	{
		if (!matched || count != (int64_t) nevents || ntimes != 0)
			abort();
		return 0;
	}
	if (matched != (count > 0) || count > (int64_t) nevents)
		abort();
	if (ntimes < 0 || ntimes > pattern.nreported || (matched && ntimes != pattern.nreported))
		abort();
	for (int i = 1; i < ntimes; i++)
		if (times[i] < times[i - 1])
			abort();
	return 0;
}
