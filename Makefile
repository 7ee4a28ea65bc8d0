# pg_journey: customer-journey analytics for PostgreSQL (PGXS build)

EXTENSION = pg_journey
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)
PGFILEDESC = "pg_journey - customer-journey analytics"

MODULE_big = pg_journey
OBJS = \
	src/pg_journey.o \
	src/srf.o \
	src/stage_label.o \
	src/stage.o \
	src/catalog.o \
	src/touchpoint.o \
	src/sample.o

# The install script is assembled from one file per concept, in this order.
SCRIPT_PARTS = \
	extension/journey.sql \
	extension/stage.sql \
	extension/touchpoint.sql \
	extension/sample.sql

DATA_built = $(EXTENSION)--$(EXTVERSION).sql
DATA = $(wildcard extension/$(EXTENSION)--*--*.sql)

REGRESS = stage touchpoint sample
REGRESS_OPTS = --load-extension=$(EXTENSION) --encoding=UTF8

# -Werror is for CI and the test command (make WERROR=1): a newer compiler's
# new warning should not stop a user's build.
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
ifeq ($(WERROR),1)
PG_CFLAGS += -Werror
endif

EXTRA_CLEAN = test/unit/stage_label_test

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(EXTENSION)--$(EXTVERSION).sql: $(SCRIPT_PARTS) $(EXTENSION).control Makefile
	cat $(SCRIPT_PARTS) > $@

# Pure-C cores, tested without a server.
test/unit/stage_label_test: test/unit/stage_label_test.c src/stage_label.c src/stage_label.h
	$(CC) -std=c99 -Wall -Wextra -Werror -Isrc -o $@ test/unit/stage_label_test.c src/stage_label.c

.PHONY: unitcheck
unitcheck: test/unit/stage_label_test
	test/unit/stage_label_test
