# plantrack: build, test, install.
#   make run    install what building and running need (DEB_BUILD), build,
#               open the TUI on plans/
#   make check  install that and the test tools (DEB_TEST), build, run every
#               test (also under ASan+UBSan and valgrind)

PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR    := $(PREFIX)/bin
MANDIR    := $(PREFIX)/share/man
DATADIR   := $(PREFIX)/share/plantrack
LOCALEDIR := $(PREFIX)/share/locale
COMPDIR   := $(PREFIX)/share/bash-completion/completions

# The version and its date come from one place, the first entry of
# debian/changelog: --version, the man pages' footers, the dist tarball and
# the Debian package all take them from there. A release is a new entry
# there (dch -v VERSION), nothing else.
VERSION      := $(shell head -n 1 debian/changelog | tr -d '()' | cut -d' ' -f2)
RELEASE_DATE := $(shell date -u -d "$$(sed -n 's/^ -- .*>  //p' debian/changelog | \
                    head -n 1)" +%Y-%m-%d)

# Debian packages, in three lists. Put a new package in the list that says
# why it is needed (the install experience depends on it):
#   DEB_BUILD  building AND running plantrack: compiler, make, the -dev
#              libraries (which bring their run-time libraries), gettext.
#              `make run` installs only these (make deps-run): a field
#              laptop on a slow link gets nothing a test needs.
#   DEB_TEST   what only the tests use (tools a test script calls, and
#              libraries only a test links). `make check` installs these as
#              well (make deps). A test whose tool is missing fails, naming
#              it (`need` in tests/lib/cli.sh).
#   DEB_DEV    what only make fuzz needs (clang and its fuzzer runtime).
# The Debian package (make deb) has its own lists in debian/control, kept
# true by tests/cli/install.sh: every DEB_BUILD package is a Build-Depends.
# Its run-time libraries come from the build (dh_shlibdeps); a package the
# installed program needs otherwise (data it reads, a program it runs) goes
# in the package's Depends by hand.
DEB_BUILD := gcc libc6-dev make pkg-config libncurses-dev libsqlite3-dev \
             libyaml-dev nettle-dev gettext opencc rime-data-pinyin-simp \
             libopencc-dev libxlsxwriter-dev
# The report's tests read what officials get back with real programs: a
# browser (and a Chinese font, as their desktops have), poppler for the
# printed pages, a spreadsheet reader.
DEB_TEST  := tmux sqlite3 valgrind python3 locales strace procps chromium \
             poppler-utils python3-openpyxl fonts-wqy-microhei
DEB_DEV   := clang libclang-rt-14-dev

# Shared-server mode: `make install SHARED_GROUP=plantrack` installs
# plantrack setgid to that group and makes SHARED_DIR, the shared log's
# directory, which only the group may enter (officials are not in it).
SHARED_GROUP ?=
SHARED_DIR   ?= /var/lib/plantrack

PKGS    := ncursesw panelw sqlite3 yaml-0.1 nettle opencc xlsxwriter
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lpanelw -lncursesw -ltinfo -lsqlite3 -lyaml -lnettle -lopencc -lxlsxwriter -lz)

CC      ?= cc
OPT     ?= -O2 -g
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 \
           -Wno-format-nonliteral
CPPFLAGS += -Iinclude -D_GNU_SOURCE -DVERSION='"$(VERSION)"' \
            -DLOCALEDIR='"$(LOCALEDIR)"' -DDATADIR='"$(DATADIR)"' \
            -DSHARED_DIR='"$(SHARED_DIR)"'
ALL_CFLAGS = -std=gnu11 $(WARN) $(OPT) $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS)
LDLIBS  += $(PKG_LIBS) -lm -pthread

LIB_SRC := src/text.c src/error.c src/ydoc.c src/plan.c src/log.c \
           src/status.c src/model.c src/i18n.c src/output.c src/entry.c src/view.c src/chart.c src/lineedit.c src/draft.c src/arena.c \
           src/search.c src/config.c src/chain.c src/admit.c src/shared.c \
           $(wildcard src/extract/*.c) $(wildcard src/report/*.c) \
           src/correction.c src/changeset.c src/encoding.c
APP_SRC := src/main.c src/cli.c $(wildcard src/cmd/*.c) $(wildcard src/tui/*.c)
HDRS    := $(wildcard include/plantrack/*.h include/plantrack/tui/*.h \
             include/plantrack/extract/*.h)

# Normal and sanitizer builds live apart so both can exist at once.
B       := build
BA      := build/asan
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all

obj  = $(patsubst src/%.c,$(1)/%.o,$(2))
LIB_OBJ   := $(call obj,$(B),$(LIB_SRC)) $(B)/search_data.o
APP_OBJ   := $(call obj,$(B),$(APP_SRC))
LIB_OBJ_A := $(call obj,$(BA),$(LIB_SRC)) $(BA)/search_data.o
APP_OBJ_A := $(call obj,$(BA),$(APP_SRC))

UNIT_SRC := tests/unit/unit_main.c $(wildcard tests/unit/test_*.c)
MO       := $(B)/locale/zh_CN/LC_MESSAGES/plantrack.mo
# The man pages as installed: the version and date filled in (their .TH
# lines hold @VERSION@ and @RELEASE_DATE@), and the installed plan folder.
MAN_SRC  := $(wildcard man/*.[1-8])
MAN      := $(patsubst man/%,$(B)/man/%,$(MAN_SRC))

.PHONY: FORCE all run check deps deps-run deps-dev deps-deb dist deb \
        check-fresh install uninstall clean test test-asan \
        test-valgrind fmt pot stress fuzz bench extract-eval

all: plantrack $(MO) $(MAN)

plantrack: $(APP_OBJ) $(B)/libplantrack.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(B)/libplantrack.a: $(LIB_OBJ)
	rm -f $@ && $(AR) rcs $@ $^

$(B)/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Search folding tables, generated from Debian's dictionaries: OpenCC's
# traditional → simplified characters (package opencc, whose opencc_dict
# writes them as text) and Rime's pinyin of simplified characters (package
# rime-data-pinyin-simp, Apache-2.0). Never typed by hand.
GEN         := $(B)/gen
OPENCC_DIR  ?= /usr/share/opencc
PINYIN_DICT ?= /usr/share/rime-data/pinyin_simp.dict.yaml

$(GEN)/ts.txt:
	@mkdir -p $(dir $@)
	@test -r $(OPENCC_DIR)/TSCharacters.ocd2 || { echo "missing \
	    $(OPENCC_DIR)/TSCharacters.ocd2: install the Debian package \
	    opencc (make deps)" >&2; exit 1; }
	opencc_dict -i $(OPENCC_DIR)/TSCharacters.ocd2 -o $@.tmp -f ocd2 -t text
	mv $@.tmp $@

$(GEN)/search_tables: src/gen/search_tables.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 $(WARN) -O2 -o $@ $<

$(GEN)/search_data.c: $(GEN)/search_tables $(GEN)/ts.txt
	@test -r $(PINYIN_DICT) || { echo "missing $(PINYIN_DICT): install \
	    the Debian package rime-data-pinyin-simp (make deps)" >&2; exit 1; }
	$(GEN)/search_tables $(GEN)/ts.txt $(PINYIN_DICT) >$@.tmp
	mv $@.tmp $@

$(B)/search_data.o: $(GEN)/search_data.c include/plantrack/search_data.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BA)/search_data.o: $(GEN)/search_data.c include/plantrack/search_data.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

# The install paths compiled into the program: a stamp that changes only
# when they do, so that `make install PREFIX=...` rebuilds what uses them.
PATHS_STAMP := $(B)/paths.stamp
$(PATHS_STAMP): FORCE
	@mkdir -p $(dir $@)
	@echo '$(DATADIR) $(LOCALEDIR) $(SHARED_DIR)' | cmp -s - $@ || \
	    echo '$(DATADIR) $(LOCALEDIR) $(SHARED_DIR)' >$@
FORCE:
$(B)/cli.o $(B)/i18n.o $(B)/shared.o $(BA)/cli.o $(BA)/i18n.o \
    $(BA)/shared.o: $(PATHS_STAMP)
# --version
$(B)/cli.o $(BA)/cli.o: debian/changelog

$(BA)/plantrack: $(APP_OBJ_A) $(BA)/libplantrack.a
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(BA)/libplantrack.a: $(LIB_OBJ_A)
	rm -f $@ && $(AR) rcs $@ $^

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
REPLAYS := $(BA)/replay_plan $(BA)/replay_text $(BA)/replay_entry \
           $(BA)/replay_csv $(BA)/replay_number

$(BA)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(BA)/libplantrack.a
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $< tests/fuzz/replay.c \
	    $(BA)/libplantrack.a $(LDFLAGS) $(LDLIBS)

$(MO): po/zh_CN.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

$(B)/man/%: man/% debian/changelog $(PATHS_STAMP)
	@mkdir -p $(dir $@)
	sed -e 's/@VERSION@/$(VERSION)/g; s/@RELEASE_DATE@/$(RELEASE_DATE)/g' \
	    -e 's|/usr/local/share/plantrack|$(DATADIR)|g' $< >$@

# install_missing PACKAGES: apt-get only what is not installed yet, so a
# second run is quick and offline. It waits for another apt to finish.
define install_missing
	@missing=; for p in $(1); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	        grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "installing:$$missing"; \
	    sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    $$sudo apt-get update -q && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q \
	        -o DPkg::Lock::Timeout=600 --no-install-recommends $$missing; \
	fi
endef

deps-run:
	$(call install_missing,$(DEB_BUILD))

deps:
	$(call install_missing,$(DEB_BUILD) $(DEB_TEST))

deps-dev:
	$(call install_missing,$(DEB_BUILD) $(DEB_TEST) $(DEB_DEV))

# The packages come first, then the build (a sub-make, so that `make -j`
# cannot start compiling before the compiler is there).
# A fresh system's locale is ASCII ("POSIX"), where no Chinese can show:
# then the viewer runs in C.UTF-8, which every Debian has.
run: deps-run
	$(MAKE) --no-print-directory all
	@if [ "$$(locale charmap 2>/dev/null)" = UTF-8 ]; then \
	    ./plantrack --plans plans; \
	else \
	    echo "make run: the locale is not UTF-8; the viewer runs with LC_ALL=C.UTF-8"; \
	    LC_ALL=C.UTF-8 ./plantrack --plans plans; \
	fi

# make print-VAR: the value of a variable (the tests read the package lists).
print-%:
	@echo '$($*)'

# The suite three times: plain, under ASan+UBSan, and under valgrind.
check: deps
	$(MAKE) --no-print-directory all $(B)/unit_tests $(BA)/plantrack $(BA)/unit_tests $(REPLAYS)
	@tests/run-all

test: all $(B)/unit_tests
	@PLANTRACK_SUITES=plain tests/run-all

test-asan: all $(BA)/plantrack $(BA)/unit_tests $(REPLAYS)
	@PLANTRACK_SUITES=asan tests/run-all

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/plans/sources \
	    $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES $(DESTDIR)$(COMPDIR)
	install -m 755 plantrack $(DESTDIR)$(BINDIR)/plantrack
	for m in $(MAN); do \
	    install -d $(DESTDIR)$(MANDIR)/man$${m##*.} && \
	    install -m 644 $$m $(DESTDIR)$(MANDIR)/man$${m##*.}/ || exit 1; \
	done
	install -m 644 plans/*.yaml $(DESTDIR)$(DATADIR)/plans/
	install -m 644 plans/sources/*.txt $(DESTDIR)$(DATADIR)/plans/sources/
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/
	install -m 644 completion/plantrack.bash $(DESTDIR)$(COMPDIR)/plantrack
ifneq ($(SHARED_GROUP),)
# The group is made here on a real install; a staged one (DESTDIR, a
# package) leaves the group, the binary's group and mode and the
# directory's to the package's postinst, which runs where it is installed.
ifeq ($(DESTDIR),)
	getent group $(SHARED_GROUP) >/dev/null || groupadd --system $(SHARED_GROUP)
	chgrp $(SHARED_GROUP) $(BINDIR)/plantrack
	chmod 2755 $(BINDIR)/plantrack
	install -d -o root -g $(SHARED_GROUP) -m 2770 $(SHARED_DIR)
	@echo "plantrack is setgid $(SHARED_GROUP); the shared log is $(SHARED_DIR)/progress.db."
	@echo "Do not add officials to the group $(SHARED_GROUP): they use the log through plantrack."
else
	install -d -m 2770 $(DESTDIR)$(SHARED_DIR)
endif
endif

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/plantrack \
	    $(foreach m,$(MAN),$(DESTDIR)$(MANDIR)/man$(subst .,,$(suffix $(m)))/$(notdir $(m))) \
	    $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/plantrack.mo \
	    $(DESTDIR)$(COMPDIR)/plantrack
	rm -rf $(DESTDIR)$(DATADIR)

# Refresh the message catalogue template from the sources.
pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -kNC_:1c,2 -o po/plantrack.pot \
	    --package-name=plantrack --package-version=$(VERSION) \
	    $(LIB_SRC) $(APP_SRC) $(HDRS)
	msgmerge -q -U --backup=none po/zh_CN.po po/plantrack.pot

fmt:
	clang-format -i src/*.c src/cmd/*.c src/tui/*.c src/extract/*.c \
	    src/report/*.c include/plantrack/*.h include/plantrack/tui/*.h \
	    include/plantrack/extract/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf $(B) plantrack

# ---- releases: make dist, make deb ----

# The source tarball, build/plantrack-VERSION.tar.gz: the committed tree
# (git archive HEAD; uncommitted changes are not in it, and make says so),
# or, in an unpacked tarball, the tree again without what was built. It
# builds with what `make run` installs, and holds debian/ for make deb.
DIST := plantrack-$(VERSION)
dist:
	@mkdir -p $(B)
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	    git diff --quiet HEAD -- || echo "make dist: uncommitted changes are not in the tarball (it is HEAD)"; \
	    git archive --format=tar --prefix=$(DIST)/ HEAD | gzip -n >$(B)/$(DIST).tar.gz; \
	else \
	    tar --exclude=./build --exclude=./plantrack --sort=name --owner=0 \
	        --group=0 --transform 's,^\.,$(DIST),' -cf - . | \
	        gzip -n >$(B)/$(DIST).tar.gz; \
	fi
	@echo "$(B)/$(DIST).tar.gz"

# The Debian package, built by debhelper (debian/) from the dist tarball
# in $(B)/deb, then checked by lintian: any error fails make deb; warnings
# are shown. DEB_RELEASE is what building a package needs beyond DEB_BUILD.
DEB_RELEASE := build-essential debhelper dpkg-dev lintian
DEB_ARCH     = $(shell dpkg --print-architecture)
DEB_FILE     = $(B)/deb/plantrack_$(VERSION)_$(DEB_ARCH).deb

deps-deb:
	$(call install_missing,$(DEB_BUILD) $(DEB_RELEASE))

deb: deps-deb dist
	rm -rf $(B)/deb && mkdir -p $(B)/deb
	tar -xzf $(B)/$(DIST).tar.gz -C $(B)/deb
	cd $(B)/deb/$(DIST) && dpkg-buildpackage -us -uc -b
	lintian --fail-on error --display-info $(DEB_FILE)
	@echo "$(DEB_FILE)"

# A bare Debian 12 in a chroot (debootstrap), the README's setup lines run
# there as a new user would: make check from /root and from /srv, make run
# installing only what running needs, the package installed in another
# fresh chroot. Long (tens of minutes); not part of make check.
check-fresh:
	tests/fresh/run

# ---- long runs: make stress, make fuzz ----

# The reliability tests at full size (8 writers x 200 adds, many crash
# rounds); `make check` runs the same scripts small.
stress: deps
	$(MAKE) --no-print-directory all
	@tests/stress/run

# libFuzzer harnesses (clang) for the plan loader, the value, date and
# entry parsers, the CSV importer and the number formats' round trip,
# built apart in build/fuzz; each runs FUZZ_SECONDS into its corpus under
# build/fuzz/corpus/.
FUZZ_SECONDS ?= 600
BF        := build/fuzz
FUZZ_CC   ?= clang
FUZZ_SAN  := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_SRC  := $(LIB_SRC) $(GEN)/search_data.c
FUZZERS   := $(BF)/fuzz_plan $(BF)/fuzz_text $(BF)/fuzz_entry \
             $(BF)/fuzz_csv $(BF)/fuzz_number

$(BF)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SRC) $(HDRS) $(GEN)/search_data.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=gnu11 -g -O1 $(FUZZ_SAN) $(PKG_CFLAGS) $(CPPFLAGS) \
	    -o $@ $< $(FUZZ_SRC) $(PKG_LIBS) -lm -pthread

fuzz: deps-dev
	$(MAKE) --no-print-directory $(FUZZERS)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run

# ---- benchmark (issue 6), not part of check: bench/bench.py says how ----
# The floors and the runner are built apart, each with only its own library.
BB := $(B)/bench/bin

bench: deps
	$(MAKE) --no-print-directory all $(BB)/yaml_floor $(BB)/curses_floor \
	    $(BB)/runstat $(BB)/searchkeys
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

# The viewer's search alone, in-process, on the product's own library.
$(BB)/searchkeys: bench/searchkeys.c $(B)/libplantrack.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libplantrack.a $(LDFLAGS) $(LDLIBS)

$(BB)/runstat: bench/runstat.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -D_GNU_SOURCE $(WARN) $(OPT) $(CFLAGS) -o $@ $<

# ---- the extractor measured against the hand-encoded plans (issue 16) ----
# Drafts each seed text (SEEDS, default ../shared/seeds, else the copies in
# tests/fixtures/extract/seeds) and compares the draft with plans/*.yaml;
# the table and the command go to bench/EXTRACT.md.
SEEDS ?= $(firstword $(wildcard ../shared/seeds) tests/fixtures/extract/seeds)

$(BB)/extract_eval: bench/extract_eval.c $(B)/libplantrack.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libplantrack.a $(LDFLAGS) $(LDLIBS)

extract-eval: all $(BB)/extract_eval
	@sh bench/extract-eval.sh $(BB)/extract_eval $(SEEDS) plans
