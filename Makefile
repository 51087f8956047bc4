# plantrack: build, test, install.
#   make run    install what is missing, build, open the TUI on plans/
#   make check  install what is missing, build, run every test (also under
#               ASan+UBSan and valgrind)

PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR    := $(PREFIX)/bin
MANDIR    := $(PREFIX)/share/man
DATADIR   := $(PREFIX)/share/plantrack
LOCALEDIR := $(PREFIX)/share/locale
VERSION   := 0.1.0

# Debian packages: to build, to test, to fuzz and benchmark.
DEB_BUILD := gcc make pkg-config libncurses-dev libsqlite3-dev libyaml-dev \
             gettext
DEB_TEST  := tmux sqlite3 valgrind python3 locales strace
DEB_EXTRA := clang libclang-rt-14-dev
DEB_PKGS  := $(DEB_BUILD) $(DEB_TEST) $(DEB_EXTRA)

PKGS    := ncursesw panelw sqlite3 yaml-0.1
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lpanelw -lncursesw -ltinfo -lsqlite3 -lyaml)

CC      ?= cc
OPT     ?= -O2 -g
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 \
           -Wno-format-nonliteral
CPPFLAGS += -Iinclude -D_GNU_SOURCE -DVERSION='"$(VERSION)"' \
            -DLOCALEDIR='"$(LOCALEDIR)"' -DDATADIR='"$(DATADIR)"'
ALL_CFLAGS = -std=gnu11 $(WARN) $(OPT) $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS)
LDLIBS  += $(PKG_LIBS) -lm -pthread

LIB_SRC := src/text.c src/error.c src/ydoc.c src/plan.c src/log.c \
           src/status.c src/model.c src/i18n.c src/output.c src/entry.c src/view.c src/chart.c src/lineedit.c src/draft.c src/arena.c
APP_SRC := src/main.c src/cli.c $(wildcard src/cmd/*.c) $(wildcard src/tui/*.c)
HDRS    := $(wildcard include/plantrack/*.h include/plantrack/tui/*.h)

# Normal and sanitizer builds live apart so both can exist at once.
B       := build
BA      := build/asan
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all

obj  = $(patsubst src/%.c,$(1)/%.o,$(2))
LIB_OBJ   := $(call obj,$(B),$(LIB_SRC))
APP_OBJ   := $(call obj,$(B),$(APP_SRC))
LIB_OBJ_A := $(call obj,$(BA),$(LIB_SRC))
APP_OBJ_A := $(call obj,$(BA),$(APP_SRC))

UNIT_SRC := tests/unit/unit_main.c $(wildcard tests/unit/test_*.c)
MO       := $(B)/locale/zh_CN/LC_MESSAGES/plantrack.mo

.PHONY: FORCE all run check deps install uninstall clean test test-asan \
        test-valgrind fmt pot stress fuzz bench

all: plantrack $(MO)

plantrack: $(APP_OBJ) $(B)/libplantrack.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(B)/libplantrack.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

$(B)/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The install paths compiled into the program: a stamp that changes only
# when they do, so that `make install PREFIX=...` rebuilds what uses them.
PATHS_STAMP := $(B)/paths.stamp
$(PATHS_STAMP): FORCE
	@mkdir -p $(dir $@)
	@echo '$(DATADIR) $(LOCALEDIR)' | cmp -s - $@ || \
	    echo '$(DATADIR) $(LOCALEDIR)' >$@
FORCE:
$(B)/cli.o $(B)/i18n.o $(BA)/cli.o $(BA)/i18n.o: $(PATHS_STAMP)

$(BA)/plantrack: $(APP_OBJ_A) $(BA)/libplantrack.a
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(BA)/libplantrack.a: $(LIB_OBJ_A)
	$(AR) rcs $@ $^

$(BA)/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

$(B)/unit_tests: $(UNIT_SRC) tests/unit/unit.h $(B)/libplantrack.a
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $(UNIT_SRC) $(B)/libplantrack.a \
	    $(LDFLAGS) $(LDLIBS)

$(BA)/unit_tests: $(UNIT_SRC) tests/unit/unit.h $(BA)/libplantrack.a
	$(CC) $(ALL_CFLAGS) $(SAN) -Itests/unit -o $@ $(UNIT_SRC) \
	    $(BA)/libplantrack.a $(LDFLAGS) $(LDLIBS)

# The fuzz harnesses without libFuzzer, replayed over their seeds in check.
REPLAYS := $(BA)/replay_plan $(BA)/replay_text $(BA)/replay_entry

$(BA)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(BA)/libplantrack.a
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $< tests/fuzz/replay.c \
	    $(BA)/libplantrack.a $(LDFLAGS) $(LDLIBS)

$(MO): po/zh_CN.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Installs only what is missing, so it is quick and offline when all is there.
deps:
	@missing=; for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	        grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "installing:$$missing"; \
	    sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    $$sudo apt-get update -q && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q \
	        --no-install-recommends $$missing; \
	fi

run: deps all
	./plantrack --plans plans

# The suite three times: plain, under ASan+UBSan, and under valgrind.
check: deps all $(B)/unit_tests $(BA)/plantrack $(BA)/unit_tests $(REPLAYS)
	@tests/run-all

test: all $(B)/unit_tests
	@PLANTRACK_SUITES=plain tests/run-all

test-asan: all $(BA)/plantrack $(BA)/unit_tests $(REPLAYS)
	@PLANTRACK_SUITES=asan tests/run-all

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)/plans/sources \
	    $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES
	install -m 755 plantrack $(DESTDIR)$(BINDIR)/plantrack
	install -m 644 man/plantrack.1 $(DESTDIR)$(MANDIR)/man1/plantrack.1
	install -m 644 man/plantrack-plans.5 \
	    $(DESTDIR)$(MANDIR)/man5/plantrack-plans.5
	install -m 644 plans/*.yaml $(DESTDIR)$(DATADIR)/plans/
	install -m 644 plans/sources/*.txt $(DESTDIR)$(DATADIR)/plans/sources/
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/plantrack \
	    $(DESTDIR)$(MANDIR)/man1/plantrack.1 \
	    $(DESTDIR)$(MANDIR)/man5/plantrack-plans.5 \
	    $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/plantrack.mo
	rm -rf $(DESTDIR)$(DATADIR)

# Refresh the message catalogue template from the sources.
pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -kNC_:1c,2 -o po/plantrack.pot \
	    --package-name=plantrack $(LIB_SRC) $(APP_SRC) $(HDRS)
	msgmerge -q -U --backup=none po/zh_CN.po po/plantrack.pot

fmt:
	clang-format -i src/*.c src/cmd/*.c src/tui/*.c include/plantrack/*.h \
	    include/plantrack/tui/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf $(B) plantrack

# ---- long runs: make stress, make fuzz ----

# The reliability tests at full size (8 writers x 200 adds, many crash
# rounds); `make check` runs the same scripts small.
stress: all
	@tests/stress/run

# libFuzzer harnesses (clang) for the plan loader and the value, date and
# entry parsers, built apart in build/fuzz; each runs FUZZ_SECONDS into
# its corpus under build/fuzz/corpus/.
FUZZ_SECONDS ?= 600
BF        := build/fuzz
FUZZ_CC   ?= clang
FUZZ_SAN  := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_SRC  := $(LIB_SRC)
FUZZERS   := $(BF)/fuzz_plan $(BF)/fuzz_text $(BF)/fuzz_entry

$(BF)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SRC) $(HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=gnu11 -g -O1 $(FUZZ_SAN) $(PKG_CFLAGS) $(CPPFLAGS) \
	    -o $@ $< $(FUZZ_SRC) $(PKG_LIBS) -lm -pthread

fuzz: deps $(FUZZERS)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run

# ---- benchmark (issue 6), not part of check: bench/bench.py says how ----
# The floors and the runner are built apart, each with only its own library.
BB := $(B)/bench/bin

bench: deps all $(BB)/yaml_floor $(BB)/curses_floor $(BB)/runstat
	python3 bench/bench.py

$(BB)/yaml_floor: bench/yaml_floor.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(WARN) $(OPT) $(CFLAGS) -o $@ $< \
	    $(shell pkg-config --cflags --libs yaml-0.1 2>/dev/null || echo -lyaml)

$(BB)/curses_floor: bench/curses_floor.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -D_GNU_SOURCE $(WARN) $(OPT) $(CFLAGS) -o $@ $< \
	    $(shell pkg-config --cflags --libs ncursesw 2>/dev/null || \
	        echo -lncursesw -ltinfo)

$(BB)/runstat: bench/runstat.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -D_GNU_SOURCE $(WARN) $(OPT) $(CFLAGS) -o $@ $<
