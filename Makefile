# retour-emploi: every command a person or CI needs. Each target installs what it needs first
# (scripts/bootstrap is idempotent and skips what is already there).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CARGO_TERM_COLOR ?= never

BOOTSTRAP := scripts/bootstrap

.PHONY: test test-core lint demo widget dist bench clean

## make test: installs what tests need, runs every test of the workspace.
test: lint test-core

lint:
	$(BOOTSTRAP) node
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	node scripts/generate-territories.mjs --check

test-core:
	cargo test -p retour-emploi-core
	cargo build --manifest-path core/fuzz/Cargo.toml --target-dir target/fuzz

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
