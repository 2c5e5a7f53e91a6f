# netanom top-level Makefile.
#
#   make                 build the module (for KDIR, or for every kernel whose
#                        headers are installed) and the userspace tools
#   make test            all test tiers; ends with "N passed, N failed"
#   make run             demo: boot a guest, load the module, connect, show
#   make fuzz            a long netlink fuzzing run (1,000,000 requests as
#                        root, a new seed) in a guest of each kernel
#   make bench           benchmarks in the guest on every kernel (not part of
#                        make test; up to an hour): BENCHMARKS.md and
#                        bench/results/<kernel>.md
#   make vm-flood        3000 new executables against the event rate limit
#                        and netanomd, in a guest of each kernel (not part
#                        of make test)
#   make KDIR=/path      build the module against one kernel tree only
#   make install         install what make built (DESTDIR=, PREFIX=/usr/local;
#                        `make help-install` lists the directories)
#   make uninstall       remove it again, keeping configuration and data
#   make dkms-test       build the module through DKMS for every kernel
#   make sign SIGN_KEY=key.pem SIGN_CERT=cert.der
#                        sign the built module (Secure Boot; README)
#   make deb             the Debian packages netanom and netanom-dkms, in
#                        build/deb/, checked with lintian
#   make deb-vm-test     install them in a guest on each kernel, end to end
#                        (make test does it on one kernel, DEB_VM_KERNEL)
#   make systemd-vm-test the service under systemd in guests (make test does
#                        it on one kernel, SYSTEMD_VM_KERNEL)
#   make debug-kernel    build the debug kernel (KASAN, lockdep, kmemleak...)
#   make test-debug      the stress and fault suite on the debug kernel
#   make test-debug-bugs deliberate bugs that test-debug must catch
#
# Every target that needs Debian packages first runs scripts/deps.sh, which
# installs what is missing when run as root.

SHELL      := /bin/bash
TOP        := $(CURDIR)
BUILD      := $(TOP)/build
RESULTS    := $(BUILD)/results

ifdef KDIR
KRELEASES  := $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null || \
		$(MAKE) -s -C $(KDIR) kernelrelease)
else
KRELEASES  := $(shell scripts/kernels.sh headers)
endif
kdir_of     = $(if $(KDIR),$(KDIR),/lib/modules/$(1)/build)

.PHONY: all deps deps-build module userspace conformance test unit valgrind crash kunit vm-test run vm-flood \
	check clean help install install-module install-userspace uninstall \
	help-install install-test dkms-test systemd-test docs-test sign \
	sign-test fuzzer fuzz bench bench-progs deb deb-test deb-vm-test \
	systemd-vm-test guests-test vm-progs debug-kernel test-debug test-debug-bugs

all: module userspace conformance fuzzer bench-progs

help:
	@sed -n '2,33p' Makefile | sed 's/^# \{0,1\}//'

deps:
	@scripts/deps.sh

# Building alone needs less than testing: "make" and its parts install
# only the build dependencies (no QEMU, kernels or npm on a server).
deps-build:
	@scripts/deps.sh --build

# The module is built in build/kmod/<release>/, a tree of links to the
# sources, so that one checkout builds for several kernels side by side.
module: deps-build
	@test -n "$(KRELEASES)" || { echo "netanom: no kernel headers found;" \
		"install linux-headers-\$$(uname -r) or pass KDIR=" >&2; exit 1; }
	@set -e; for rel in $(KRELEASES); do \
		out=$(BUILD)/kmod/$$rel; \
		mkdir -p $$out; \
		cp -rsf $(TOP)/kmod $(TOP)/include $(TOP)/Kbuild $$out/; \
		echo "  MODULE  $$rel"; \
		$(MAKE) -s -C $(call kdir_of,$$rel) M=$$out CONFIG_NETANOM=m \
			modules; \
	done

userspace: deps-build
	@$(MAKE) -s -C userspace BUILD=$(BUILD)

# The benchmark programs are built with everything else, so that they
# keep compiling; only make bench runs them.
bench-progs: userspace
	@$(MAKE) -s -C bench BUILD=$(BUILD)

bench: all
	@scripts/deps.sh --bench
	@bench/run.sh

conformance: deps-build
	@$(MAKE) -s -C tests/conformance BUILD=$(BUILD)

fuzzer: deps-build
	@$(MAKE) -s -C tests/fuzz BUILD=$(BUILD)

# Each tier writes build/results/<tier>.tap; a tier whose runner fails
# records that as a failed check, and the remaining tiers still run.
# Two guest tests run in the background, one after the other, beside the
# host tiers (most of which keep only one of the two CPUs busy), from the
# moment the packages are built; their results are collected before the
# summary.  The packages' guest test (deb-vm) on DEB_VM_KERNEL only: its
# DKMS build under TCG takes minutes; 6.1 because its guest is the
# faster: uncompressed modules make its depmod three times as fast as
# 6.12's (README, "Tests").  Then the service under systemd as PID 1
# (systemd-vm) on SYSTEMD_VM_KERNEL, the other kernel.
DEB_VM_KERNEL ?= 6.1
SYSTEMD_VM_KERNEL ?= 6.12
test: deps
	@rm -rf $(RESULTS); mkdir -p $(RESULTS)
	@scripts/tier.sh build $(RESULTS) $(MAKE) -s all
	@scripts/tier.sh deb $(RESULTS) $(MAKE) -s deb-test
	@scripts/tier-bg.sh start guests $(RESULTS)/guests \
		$(MAKE) -s guests-test BG_RESULTS=$(RESULTS)/guests
	@scripts/tier.sh unit $(RESULTS) $(MAKE) -s unit
	@scripts/tier.sh valgrind $(RESULTS) $(MAKE) -s valgrind
	@scripts/tier.sh crash $(RESULTS) $(MAKE) -s crash
	@scripts/tier.sh kunit $(RESULTS) $(MAKE) -s kunit
	@scripts/tier.sh kcheck $(RESULTS) $(MAKE) -s check
	@scripts/tier.sh install $(RESULTS) $(MAKE) -s install-test
	@scripts/tier.sh dkms $(RESULTS) $(MAKE) -s dkms-test
	@scripts/tier.sh systemd $(RESULTS) $(MAKE) -s systemd-test
	@scripts/tier.sh docs $(RESULTS) $(MAKE) -s docs-test
	@scripts/tier.sh sign $(RESULTS) $(MAKE) -s sign-test
	@scripts/tier.sh vm $(RESULTS) $(MAKE) -s vm-test
	@scripts/tier-bg.sh wait guests $(RESULTS)/guests $(RESULTS)
	@scripts/summary.sh $(RESULTS)

# make test's background guests: both run even when the first fails.
guests-test:
	@st=0; scripts/deb-vm-test.sh $(BG_RESULTS) $(DEB_VM_KERNEL) || st=1; \
	$(MAKE) -s systemd-vm-test RESULTS=$(BG_RESULTS) \
		SYSTEMD_VM_KERNELS=$(SYSTEMD_VM_KERNEL) || st=1; \
	exit $$st

unit: deps
	@mkdir -p $(RESULTS)
	@$(MAKE) -s -C userspace BUILD=$(BUILD) RESULTS=$(RESULTS) test

valgrind: deps
	@mkdir -p $(RESULTS)
	@$(MAKE) -s -C userspace BUILD=$(BUILD) RESULTS=$(RESULTS) valgrind

# kill -9, full disk, corrupt database, parser fuzzing (tests/crash).
crash: deps
	@mkdir -p $(RESULTS)
	@$(MAKE) -s -C userspace BUILD=$(BUILD) RESULTS=$(RESULTS) crash

kunit: deps
	@mkdir -p $(RESULTS)
	@scripts/kunit.sh $(RESULTS)/kunit.tap

vm-test: deps module userspace conformance fuzzer vm-progs
	@mkdir -p $(RESULTS)
	@scripts/vm-test.sh $(RESULTS)

# The event flood of tests/vm/96-events-daemon.sh at full size.
vm-flood: deps module userspace
	@set -e; for rel in $$(scripts/kernels.sh images); do \
		scripts/vm.sh --kernel $$rel -- env NETANOM_FLOOD=3000 \
			SCENARIO_TIMEOUT=1200 tests/vm/run.sh 96-events-daemon; \
	done

# Test programs the guest scenarios run, built here rather than in the
# slow guest.
vm-progs: $(BUILD)/tests/stress-connect
$(BUILD)/tests/stress-connect: tests/vm/stress-connect.c
	@mkdir -p $(@D)
	@$(CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $<

# DKMS builds of the module in build/dkms/, for every installed kernel's
# headers; the host's /usr/src and /var/lib/dkms are not touched.
dkms-test: deps
	@mkdir -p $(RESULTS)
	@scripts/dkms-test.sh $(RESULTS)

# Not part of make test: about ten times the fuzzing of tests/vm/41-fuzz.sh.
fuzz: deps module userspace fuzzer
	@scripts/fuzz.sh

# Built from a copy of the checkout in build/deb/ (see scripts/deb.sh).
deb: deps
	@scripts/deb.sh

# The packages build and lintian finds nothing unexplained.  make test
# then installs them in a guest on DEB_VM_KERNEL (scripts/deb-vm-test.sh);
# deb-vm-test does that on every kernel.
deb-test: deps
	@mkdir -p $(RESULTS)
	@if scripts/deb.sh >/dev/null; then \
		echo "ok deb: dpkg-buildpackage -b, lintian clean" >$(RESULTS)/deb.tap; \
	else \
		echo "not ok deb: dpkg-buildpackage -b, lintian clean" >$(RESULTS)/deb.tap; \
		exit 1; \
	fi

deb-vm-test: deb
	@mkdir -p $(RESULTS)
	@scripts/deb-vm-test.sh $(RESULTS)

# The debug kernel: tinyconfig + scripts/debug-kernel.config, built in
# build/debug-kernel/ and rebuilt only when that fragment changes.
DEBUG_KDIR := $(BUILD)/debug-kernel/obj
debug-kernel: deps
	@scripts/debug-kernel.sh

# The stress and fault scenario for STRESS_SECONDS on the debug kernel
# (KASAN, UBSAN, lockdep, kmemleak, failslab); make test runs a one-minute
# version of it on the Debian kernels.  Writes build/results/debug.tap.
# The module gets the shift and division checks of UBSAN that the debug
# kernel itself is built without (their handlers are in every UBSAN kernel).
STRESS_SECONDS ?= 300
DEBUG_KCFLAGS := -fsanitize=shift -fsanitize=integer-divide-by-zero
test-debug: deps debug-kernel userspace vm-progs
	@$(MAKE) -s module KDIR=$(DEBUG_KDIR) KCFLAGS="$(DEBUG_KCFLAGS)"
	@mkdir -p $(RESULTS)
	@set -o pipefail; VM_TIMEOUT=$$(( $(STRESS_SECONDS) * 3 + 1200 )) \
		scripts/vm.sh --kernel debug -- env STRESS_SECONDS=$(STRESS_SECONDS) \
		SCENARIO_TIMEOUT=$$(( $(STRESS_SECONDS) * 3 + 900 )) \
		tests/vm/run.sh 60-stress | tee $(BUILD)/vm/debug.log | \
		{ grep --line-buffered -E '^(not )?ok |^#' || true; }; rc=$$?; \
		grep -E '^(not )?ok ' $(BUILD)/vm/debug.log >$(RESULTS)/debug.tap || true; \
		echo "test-debug: $$(grep -c '^ok ' $(RESULTS)/debug.tap) passed," \
			"$$(grep -c '^not ok ' $(RESULTS)/debug.tap) failed"; \
		exit $$rc

# Each deliberate bug of tests/debug/bugs/ in a scratch copy of the
# module, and a short stress run that must fail naming the checker.
# Writes build/results/debug-bugs.tap.
test-debug-bugs: deps debug-kernel userspace vm-progs
	@NETANOM_DEBUG_KCFLAGS="$(DEBUG_KCFLAGS)" scripts/test-debug-bugs.sh $(RESULTS)

run: deps all
	@scripts/demo.sh

# checkpatch and sparse on the kernel code.
check: deps module
	@mkdir -p $(RESULTS)
	@scripts/kcheck.sh $(RESULTS)/kcheck.tap

# --- install ---------------------------------------------------------------
# FHS paths.  Programs and their documentation under PREFIX; what the
# system reads from fixed places (configuration, modules-load.d, logrotate)
# under /etc; state and logs under /var; the module where modprobe looks
# for modules that are not the kernel's own.  netanomd's built-in defaults
# are /etc/netanom/netanomd.conf, /var/lib/netanom and /var/log/netanom.
PREFIX         ?= /usr/local
SBINDIR        ?= $(PREFIX)/sbin
MANDIR         ?= $(PREFIX)/share/man
BASHCOMPDIR    ?= $(PREFIX)/share/bash-completion/completions
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
SYSCONFDIR     ?= /etc
LOCALSTATEDIR  ?= /var
MODULEDIR      ?= /lib/modules
MODULESLOADDIR ?= $(SYSCONFDIR)/modules-load.d
LOGROTATEDIR   ?= $(SYSCONFDIR)/logrotate.d
INSTALL_VARS   := DESTDIR PREFIX SBINDIR MANDIR BASHCOMPDIR SYSTEMDUNITDIR \
		  SYSCONFDIR LOCALSTATEDIR MODULEDIR MODULESLOADDIR LOGROTATEDIR
INSTALL_ENV    = $(foreach v,$(INSTALL_VARS),$(v)='$($(v))') \
		 KRELEASES='$(KRELEASES)' BUILD='$(BUILD)'

# Nothing is built here: `make` first (not as root), then `make install`.
install install-module install-userspace uninstall:
	@$(INSTALL_ENV) scripts/install.sh $@

help-install:
	@$(foreach v,$(INSTALL_VARS) KRELEASES,printf '%-15s %s\n' $(v) '$($(v))';)

# Host-side: install into a temporary DESTDIR and check every file.
install-test:
	@mkdir -p $(RESULTS)
	@tests/install/run.sh $(RESULTS)/install.tap

# Host-side: the unit verifies cleanly; the README's exposure level holds.
systemd-test:
	@mkdir -p $(RESULTS)
	@tests/systemd/run.sh $(RESULTS)/systemd.tap

# Sign build/kmod/<release>/kmod/netanom.ko in place with the kernel's
# scripts/sign-file; `make install` then installs the signed module.
sign:
	@SIGN_KEY='$(SIGN_KEY)' SIGN_CERT='$(SIGN_CERT)' SIGN_HASH='$(SIGN_HASH)' \
		KRELEASES='$(KRELEASES)' BUILD='$(BUILD)' KDIR='$(KDIR)' \
		scripts/sign.sh

# The unit for real, in guests booted with systemd as PID 1 (a systemd boot
# under TCG costs a minute or more per kernel: make test boots one).
# SYSTEMD_VM_KERNELS: releases (or their first numbers, "6.12") to boot;
# default every one.  --tag: beside an untagged guest of the release.
systemd-vm-test: deps module userspace
	@mkdir -p $(RESULTS) $(BUILD)/vm
	@st=0; rels=$$(scripts/kernels.sh images); \
	if [ -n "$(SYSTEMD_VM_KERNELS)" ]; then \
		rels=$$(for w in $(SYSTEMD_VM_KERNELS); do \
			for r in $$rels; do case $$r in "$$w" | "$$w".*) echo $$r; break ;; esac; done; \
		done); \
		[ -n "$$rels" ] || { echo "not ok systemd-vm: no kernel image" \
			"$(SYSTEMD_VM_KERNELS)" >$(RESULTS)/systemd-vm.tap; exit 1; }; \
	fi; \
	for rel in $$rels; do \
		VM_TIMEOUT=$${VM_TIMEOUT:-1200} scripts/vm.sh --systemd \
			--tag systemd --kernel $$rel -- tests/systemd/guest.sh \
			> $(BUILD)/vm/systemd-$$rel.log 2>&1 || st=1; \
		grep -E '^(not )?ok ' $(BUILD)/vm/systemd-$$rel.log \
			> $(RESULTS)/systemd-vm-$$rel.tap; \
		grep -E '^(not )?ok |^#|^vm\.sh' $(BUILD)/vm/systemd-$$rel.log; \
	done; exit $$st

# Host-side: a throwaway key signs copies of the built modules.
sign-test:
	@mkdir -p $(RESULTS)
	@tests/sign/run.sh $(RESULTS)/sign.tap

# Host-side: man pages render cleanly and match --help, the configuration
# and the module; the bash completion offers every command and option.
docs-test:
	@mkdir -p $(RESULTS)
	@tests/docs/run.sh $(RESULTS)/docs.tap

clean:
	rm -rf $(BUILD)
	@$(MAKE) -s -C userspace BUILD=$(BUILD) clean || true
