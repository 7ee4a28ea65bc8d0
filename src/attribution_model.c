/*-------------------------------------------------------------------------
 *
 * attribution_model.c
 *	  Parse heuristic attribution models and split a conversion's credit.
 *
 *-------------------------------------------------------------------------
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attribution_model.h"

#define USECS_PER_SECOND	INT64_C(1000000)
#define MAX_WORD			64

typedef struct Cursor
{
	const char *text;
	size_t		len;
	size_t		pos;
	char	   *errbuf;
	size_t		errlen;
} Cursor;

static bool
fail(Cursor *c, const char *format, const char *part)
{
	snprintf(c->errbuf, c->errlen, format, part);
	return false;
}

static void
skip_blanks(Cursor *c)
{
	while (c->pos < c->len && isspace((unsigned char) c->text[c->pos]))
		c->pos++;
}

/* A word of letters, digits and '_', lower-cased into word; false if none. */
static bool
read_word(Cursor *c, char *word)
{
	size_t		n = 0;

	skip_blanks(c);
	while (c->pos < c->len &&
		   (isalnum((unsigned char) c->text[c->pos]) || c->text[c->pos] == '_'))
	{
		if (n < MAX_WORD - 1)
			word[n++] = (char) tolower((unsigned char) c->text[c->pos]);
		c->pos++;
	}
	word[n] = '\0';
	return n > 0;
}

/* The text of a parameter value up to ',' or ')', blanks trimmed. */
static void
read_value(Cursor *c, char *value, size_t size)
{
	size_t		start;
	size_t		end;
	size_t		n;

	skip_blanks(c);
	start = c->pos;
	while (c->pos < c->len && c->text[c->pos] != ',' && c->text[c->pos] != ')')
		c->pos++;
	end = c->pos;
	while (end > start && isspace((unsigned char) c->text[end - 1]))
		end--;
	n = end - start < size - 1 ? end - start : size - 1;
	memcpy(value, c->text + start, n);
	value[n] = '\0';
}

static bool
parse_fraction(const char *value, double *result)
{
	char	   *end;
	double		number;

	if (value[0] == '\0')
		return false;
	number = strtod(value, &end);
	if (*end != '\0' || !(number >= 0 && number <= 1))
		return false;
	*result = number;
	return true;
}

/* "<number> <unit>", e.g. "7 days", "1.5h"; into microseconds. */
static bool
parse_duration(const char *value, int64_t *result)
{
	static const struct
	{
		const char *name;
		double		seconds;
	}			units[] = {
		{"s", 1}, {"sec", 1}, {"second", 1}, {"seconds", 1},
		{"m", 60}, {"min", 60}, {"minute", 60}, {"minutes", 60},
		{"h", 3600}, {"hour", 3600}, {"hours", 3600},
		{"d", 86400}, {"day", 86400}, {"days", 86400},
		{"w", 604800}, {"week", 604800}, {"weeks", 604800},
	};
	char	   *end;
	double		number;
	char		unit[MAX_WORD];
	size_t		n = 0;

	number = strtod(value, &end);
	if (end == value || !(number >= 0) || isinf(number))
		return false;
	while (isspace((unsigned char) *end))
		end++;
	while (*end != '\0' && n < MAX_WORD - 1)
		unit[n++] = (char) tolower((unsigned char) *end++);
	unit[n] = '\0';
	if (*end != '\0')
		return false;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(unit, units[i].name) == 0)
		{
			double		usecs = round(number * units[i].seconds * (double) USECS_PER_SECOND);

			if (usecs >= 9.2e18)
				return false;
			*result = (int64_t) usecs;
			return true;
		}
	return false;
}

static bool
parse_parameters(Cursor *c, AttributionModel *model, const char *model_name)
{
	bool		seen_first = false;
	bool		seen_last = false;
	bool		seen_half_life = false;
	bool		seen_lookback = false;

	for (;;)
	{
		char		key[MAX_WORD];
		char		value[128];
		bool	   *seen;

		if (!read_word(c, key))
			return fail(c, "%s", "expected a parameter name after \"(\" or \",\"");
		skip_blanks(c);
		if (c->pos >= c->len || c->text[c->pos] != '=')
			return fail(c, "expected \"=\" after parameter \"%s\"", key);
		c->pos++;
		read_value(c, value, sizeof(value));

		if (strcmp(key, "lookback") == 0)
		{
			seen = &seen_lookback;
			if (!parse_duration(value, &model->lookback))
				return fail(c, "lookback must be a duration such as \"30 days\", not \"%s\"", value);
		}
		else if (strcmp(key, "half_life") == 0 && model->kind == MODEL_TIME_DECAY)
		{
			seen = &seen_half_life;
			if (!parse_duration(value, &model->half_life) || model->half_life <= 0)
				return fail(c, "half_life must be a positive duration such as \"7 days\", not \"%s\"", value);
		}
		else if ((strcmp(key, "first") == 0 || strcmp(key, "last") == 0) &&
				 model->kind == MODEL_POSITION_BASED)
		{
			bool		is_first = key[0] == 'f';

			seen = is_first ? &seen_first : &seen_last;
			if (!parse_fraction(value, is_first ? &model->first : &model->last))
				return fail(c, is_first ? "first must be a number from 0 to 1, not \"%s\"" :
							"last must be a number from 0 to 1, not \"%s\"", value);
		}
		else
		{
			char		message[160];

			snprintf(message, sizeof(message), "unknown parameter \"%%s\" of %s", model_name);
			return fail(c, message, key);
		}
		if (*seen)
			return fail(c, "parameter \"%s\" is given twice", key);
		*seen = true;

		skip_blanks(c);
		if (c->pos < c->len && c->text[c->pos] == ',')
		{
			c->pos++;
			continue;
		}
		if (c->pos < c->len && c->text[c->pos] == ')')
		{
			c->pos++;
			return true;
		}
		return fail(c, "expected \",\" or \")\" after parameter \"%s\"", key);
	}
}

bool
attribution_parse_model(const char *text, size_t len, AttributionModel *model,
						char *errbuf, size_t errlen)
{
	static const struct
	{
		const char *name;
		AttributionModelKind kind;
	}			models[] = {
		{"first_touch", MODEL_FIRST_TOUCH}, {"last_touch", MODEL_LAST_TOUCH},
		{"linear", MODEL_LINEAR}, {"position_based", MODEL_POSITION_BASED},
		{"time_decay", MODEL_TIME_DECAY},
	};
	Cursor		c = {text, len, 0, errbuf, errlen};
	char		name[MAX_WORD];

	model->kind = 0;
	model->first = 0.4;
	model->last = 0.4;
	model->half_life = 7 * 86400 * USECS_PER_SECOND;
	model->lookback = NO_LOOKBACK;
	if (memchr(text, '\0', len) != NULL)
		return fail(&c, "%s", "a model must not contain a NUL byte");
	if (!read_word(&c, name))
		return fail(&c, "%s", "expected a model name");
	for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++)
		if (strcmp(name, models[i].name) == 0)
			model->kind = models[i].kind;
	if (model->kind == 0)
		return fail(&c, "unknown model \"%s\"", name);

	skip_blanks(&c);
	if (c.pos < len && text[c.pos] == '(')
	{
		c.pos++;
		skip_blanks(&c);
		if (c.pos < len && text[c.pos] == ')')
			c.pos++;
		else if (!parse_parameters(&c, model, name))
			return false;
		skip_blanks(&c);
	}
	if (c.pos < len)
	{
		/* the text is not NUL-terminated: print at most the rest of it */
		snprintf(errbuf, errlen, "unexpected \"%.*s\" after the model",
				 (int) (len - c.pos > 40 ? 40 : len - c.pos), text + c.pos);
		return false;
	}
	if (model->kind == MODEL_POSITION_BASED && model->first + model->last > 1 + 1e-12)
		return fail(&c, "%s", "first + last must not be more than 1");
	return true;
}

bool
attribution_model_valid(const AttributionModel *model)
{
	return model->kind >= MODEL_FIRST_TOUCH && model->kind <= MODEL_TIME_DECAY &&
		model->first >= 0 && model->first <= 1 && model->last >= 0 && model->last <= 1 &&
		model->first + model->last <= 1 + 1e-12 &&
		model->half_life > 0 && model->lookback >= NO_LOOKBACK;
}

void
attribution_shares(const AttributionModel *model, const int64_t *touch_ts, int n, double *shares)
{
	double		total = 0;
	double		others = 0;

	/* weights first, then normalised */
	for (int i = 0; i < n; i++)
	{
		switch ((AttributionModelKind) model->kind)
		{
			case MODEL_FIRST_TOUCH:
				shares[i] = i == 0 ? 1 : 0;
				break;
			case MODEL_LAST_TOUCH:
				shares[i] = i == n - 1 ? 1 : 0;
				break;
			case MODEL_LINEAR:
				shares[i] = 1;
				break;
			case MODEL_POSITION_BASED:
				if (n == 1)
					shares[i] = 1;
				else if (i == 0)
					shares[i] = model->first;
				else if (i == n - 1)
					shares[i] = model->last;
				else
					shares[i] = (1 - model->first - model->last) / (n - 2);
				break;
			case MODEL_TIME_DECAY:
				/*
				 * 2^(-dt/h) with dt from the touch to the conversion; only
				 * ratios matter, so measured from the newest touch instead,
				 * which keeps its weight 1 and no weight underflows for all.
				 */
				shares[i] = exp2(-(double) (touch_ts[n - 1] - touch_ts[i]) / (double) model->half_life);
				break;
		}
		if (shares[i] < 0)
			shares[i] = 0;
		total += shares[i];
	}
	if (total <= 0)
	{
		/* position_based(first=0, last=0) over two touches: equal */
		for (int i = 0; i < n; i++)
			shares[i] = 1;
		total = n;
	}
	for (int i = 0; i < n - 1; i++)
	{
		shares[i] /= total;
		others += shares[i];
	}
	shares[n - 1] = others >= 1 ? 0 : 1 - others;
}
