# Balie: `make dev` runs the portal locally with demo data; `make test` runs every test.
# Both install what is missing first (scripts/setup.sh) and rebuild only what changed.

SHELL := /bin/bash
CONTENT ?= content
PORT ?= 8787
export WASM_BINDGEN_BIN := $(shell command -v wasm-bindgen 2>/dev/null || echo $(HOME)/.cargo/bin/wasm-bindgen)
export WASM_OPT_BIN := $(CURDIR)/node_modules/.bin/wasm-opt

WORKER_SOURCES := $(shell find functions/src crates/docread/src -type f) functions/labels.json functions/Cargo.toml crates/docread/Cargo.toml functions/openapi.json Cargo.lock
SITE_SOURCES := $(shell find site/src site/templates site/static site/strings $(CONTENT) -type f) site/Cargo.toml functions/labels.json

.PHONY: dev test setup site worker test-native test-js test-e2e test-browser bundle-size lint clean

dev: setup site worker
	PORT=$(PORT) scripts/dev.sh

test: setup test-native test-js site worker test-e2e test-browser bundle-size

setup:
	@scripts/setup.sh

site: dist/.built
dist/.built: $(SITE_SOURCES)
	cargo run --quiet -p balie-site -- $(CONTENT) dist
	@touch $@

worker: functions/build/index.js
functions/build/index.js: $(WORKER_SOURCES)
	cd functions && worker-build --release

test-native:
	cargo test --workspace --exclude balie-e2e

# The pages' side-effect-free modules in Node (no browser, no server).
test-js:
	node --test tests/unit/

test-e2e: site worker
	cargo test -p balie-e2e

test-browser: site worker
	node --test tests/browser/

# The deployable bundle, as `wrangler deploy` would upload it, and its gzip size.
bundle-size: worker
	@scripts/bundle-size.sh

lint: setup
	npx eslint .
	npx tsc -p tsconfig.json
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p balie-functions --target wasm32-unknown-unknown -- -D warnings

clean:
	rm -rf dist functions/build target .wrangler
