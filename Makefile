# retour-emploi: every command a person or CI needs. Each target installs what it needs first
# (scripts/bootstrap is idempotent and skips what is already there).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CARGO_TERM_COLOR ?= never

BOOTSTRAP := scripts/bootstrap

.PHONY: test test-core test-proxy test-widget lint demo widget dist bench clean

## make test: installs what tests need, runs every test of the workspace.
test: lint test-core test-proxy test-widget

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

## Browser tests: wasm-bindgen-test in headless Chromium, then the script-tag build of the tests (with the
## test-only panic trigger) driven by Playwright.
test-widget:
	$(BOOTSTRAP) wasm browser node
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
		cargo test --target $(WASM_TARGET) -p retour-emploi-widget
	cargo build --profile browser-test --target $(WASM_TARGET) -p retour-emploi-widget --features test-panic
	scripts/build-cdn target/$(WASM_TARGET)/browser-test/retour_emploi_widget.wasm $(CDN_WORK)/test target/cdn-test
	node --test tests/browser/*.test.mjs

## The reference proxy: its tests (real processes against a fake France Travail on 127.0.0.1) and the check
## that the committed geography table matches its sources.
test-proxy:
	$(BOOTSTRAP) node
	node scripts/generate-geography.mjs --check
	cargo test -p retour-emploi-proxy

## make demo: builds the widget (release) and the demo page with Trunk into dist/demo, then serves them with
## the proxy in demo mode on 127.0.0.1:8080 (PORT=9000 make demo to change the port). Ctrl-C stops it.
PORT ?= 8080
demo:
	$(BOOTSTRAP) wasm node trunk
	trunk build --release
	cargo build --profile proxy -p retour-emploi-proxy
	@echo
	@echo "retour-emploi demo: http://127.0.0.1:$(PORT)/"
	@echo
	target/proxy/retour-emploi-proxy --demo --listen 127.0.0.1:$(PORT) --assets dist/demo

## make bench: builds the widget (CDN build) and the proxy (proxy profile), then measures them against a
## plain-JS widget and nginx; prints one table and writes bench/results.md (see docs/benchmarks.md).
bench:
	$(BOOTSTRAP) wasm browser node bench
	$(MAKE) widget
	cargo build --profile proxy -p retour-emploi-proxy
	node bench/run.mjs

clean:
	cargo clean
	rm -rf dist
