# retour-emploi: every command a person or CI needs. Each target installs what it needs first
# (scripts/bootstrap is idempotent and skips what is already there).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CARGO_TERM_COLOR ?= never

BOOTSTRAP := scripts/bootstrap

.PHONY: test test-core test-proxy test-widget test-e2e lint demo widget widget-test-build dist npm proxy-bin examples bench clean

## make test: installs what tests need, runs every test of the workspace.
test: lint test-core test-proxy test-widget test-e2e

lint:
	$(BOOTSTRAP) node
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	$(BOOTSTRAP) wasm
	cargo clippy -p retour-emploi-widget --target wasm32-unknown-unknown --all-targets -- -D warnings
	node scripts/generate-territories.mjs --check

test-core:
	cargo test -p retour-emploi-core
	cargo build --manifest-path core/fuzz/Cargo.toml --target-dir target/fuzz

# The script-tag build: dist/cdn/retour-emploi.js (one ES module: wasm-bindgen glue, the element class and
# the entry) and dist/cdn/retour-emploi_bg.wasm, to be hosted side by side anywhere.
WASM_TARGET := wasm32-unknown-unknown
CDN_WORK := target/cdn

widget:
	$(BOOTSTRAP) wasm node
	cargo build --release --target $(WASM_TARGET) -p retour-emploi-widget
	scripts/build-cdn target/$(WASM_TARGET)/release/retour_emploi_widget.wasm $(CDN_WORK)/release dist/cdn --optimize
	@scripts/build-cdn --sizes dist/cdn

## The script-tag build of the tests, with the test-only panic trigger: target/cdn-test (never shipped).
widget-test-build:
	$(BOOTSTRAP) wasm node
	cargo build --profile browser-test --target $(WASM_TARGET) -p retour-emploi-widget --features test-panic
	scripts/build-cdn target/$(WASM_TARGET)/browser-test/retour_emploi_widget.wasm $(CDN_WORK)/test target/cdn-test

## Browser tests: wasm-bindgen-test in headless Chromium, then the script-tag build of the tests (with the
## test-only panic trigger) driven by Playwright.
test-widget: widget-test-build
	$(BOOTSTRAP) wasm browser node
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
		cargo test --target $(WASM_TARGET) -p retour-emploi-widget
	node --test tests/browser/*.test.mjs

## The reference proxy: its tests (real processes against a fake France Travail on 127.0.0.1) and the check
## that the committed geography table matches its sources.
test-proxy:
	$(BOOTSTRAP) node
	node scripts/generate-geography.mjs --check
	cargo test -p retour-emploi-proxy

## make demo: builds the widget (release) and the demo page with Trunk into dist/demo (with .br / .gz
## siblings, so nothing is compressed per request), then serves them with
## the proxy in demo mode on 127.0.0.1:8080 (PORT=9000 make demo to change the port). Ctrl-C stops it.
PORT ?= 8080
demo:
	$(BOOTSTRAP) wasm node trunk
	trunk build --release
	node scripts/precompress.mjs dist/demo
	cargo build --profile proxy -p retour-emploi-proxy
	@echo
	@echo "retour-emploi demo: http://127.0.0.1:$(PORT)/"
	@echo
	target/proxy/retour-emploi-proxy --demo --listen 127.0.0.1:$(PORT) --assets dist/demo

## make dist: the two ways we ship the widget. dist/cdn (script tag: retour-emploi.js + its .wasm, from
## `make widget`) and dist/npm (the npm package, unpacked in dist/npm/package and packed as
## dist/npm/retour-emploi-widget-<version>.tgz).
dist: widget npm

# wasm-pack builds with the tools installed by the bootstrap: `--mode no-install` uses the wasm-bindgen on
# PATH (the Cargo.lock version), and Cargo.toml turns its own wasm-opt off; we run binaryen's from npm.
WASM_PACK_OUT := target/wasm-pack
# The Wasm features rustc 1.95 emits for wasm32-unknown-unknown; wasm-opt must accept them.
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types --enable-multivalue
npm:
	$(BOOTSTRAP) wasm node wasm-pack
	wasm-pack --log-level warn build --target web --release --mode no-install --no-pack \
	  --out-dir $(CURDIR)/$(WASM_PACK_OUT) --out-name retour_emploi_widget
	wasm-opt -Oz $(WASM_OPT_FEATURES) $(WASM_PACK_OUT)/retour_emploi_widget_bg.wasm -o $(WASM_PACK_OUT)/retour_emploi_widget_bg.wasm
	node scripts/shorten-imports.mjs $(WASM_PACK_OUT)/retour_emploi_widget_bg.wasm $(WASM_PACK_OUT)/retour_emploi_widget.js
	node scripts/build-npm-package.mjs $(WASM_PACK_OUT)
	node scripts/check-version.mjs

## The reference proxy binary for the end-to-end tests (target/debug/retour-emploi-proxy): the dev profile,
## which the proxy's own tests have already built, so this costs nothing more in `make test`.
proxy-bin:
	cargo build -p retour-emploi-proxy --bin retour-emploi-proxy

## make test-e2e: the widget in real Chromium, through the CDN build, the npm package in Vite and webpack
## builds, every example page of www/examples, accessibility audits and screenshots.
test-e2e: dist proxy-bin widget-test-build
	$(BOOTSTRAP) browser node
	node --test --test-concurrency=1 tests/e2e/

## make examples: builds what the example pages load (as test-e2e does), then serves www/examples with the
## reference proxy in demo mode and a second origin, printing their URLs. Ctrl-C stops it.
examples: dist proxy-bin widget-test-build
	node tests/e2e/support/world.mjs

## make bench: builds the widget (CDN build) and the proxy (proxy profile), then measures them against a
## plain-JS widget and nginx; prints one table and writes bench/results.md (see docs/benchmarks.md).
bench:
	$(BOOTSTRAP) wasm browser node bench
	$(MAKE) widget
	cargo build --profile proxy -p retour-emploi-proxy
	node bench/run.mjs

clean:
	cargo clean
	rm -rf dist tests/e2e/artifacts
