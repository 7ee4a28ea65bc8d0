/*
 * libFuzzer harness for the window_funnel mode parser (src/funnel_scan.c):
 * a parsed mode set only holds known modes, and its canonical text parses
 * back to the same set.
 */
#include <stdlib.h>
#include <string.h>

#include "funnel_scan.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	unsigned	modes;
	unsigned	again;
	char		message[256];
	char		text[256];

	if (!funnel_parse_modes((const char *) data, size, &modes, message, sizeof(message)))
	{
		if (message[0] == '\0')
			abort();
		return 0;
	}
	if ((modes & ~FUNNEL_ALL_MODES) != 0)
		abort();
	funnel_modes_text(modes, text, sizeof(text));
	if (!funnel_parse_modes(text, strlen(text), &again, message, sizeof(message)) || again != modes)
		abort();
	return 0;
}
