# Hatrack: `make serve` and `make test` do everything on a fresh Debian 12 machine
# (Rust 1.95, Node 20, apt). Each set-up step is skipped when its tool is already there.

SHELL := /bin/bash
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.21.14
# The wasm-bindgen CLI must equal the crate version exactly (pinned with = in Cargo.toml).
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/"/,"",$$3); print $$3}' Cargo.lock)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
CHROMIUM := /usr/bin/chromium

.PHONY: help setup setup-build setup-browser serve dist cli test test-domain test-schema lint test-e2e bench screenshots clean

help:
	@echo "make serve   - build and serve the app on http://127.0.0.1:8080"
	@echo "make test    - lint, domain tests and end-to-end tests in headless Chromium"
	@echo "make dist    - build the deployable static site into dist/"
	@echo "make cli     - build the hatrack command-line tool and install it in ~/.cargo/bin"
	@echo "make bench   - measure speed and size (not part of make test)"
	@echo "make screenshots - regenerate the README's pictures"

# --- set-up: everything a fresh machine lacks ---------------------------------------------

setup-build:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || { echo "setup: adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
	@[ "$$(trunk --version 2>/dev/null)" = "trunk $(TRUNK_VERSION)" ] \
	  || { echo "setup: installing trunk $(TRUNK_VERSION) (about 8 minutes)"; cargo install --locked trunk@$(TRUNK_VERSION); }
	@[ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] \
	  || { echo "setup: installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 3 minutes)"; \
	       cargo install --force wasm-bindgen-cli@$(WASM_BINDGEN_VERSION); }
	@[ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
	  || { echo "setup: installing node packages"; npm ci --no-audit --no-fund --loglevel=error; }

setup-browser:
	@[ -x $(CHROMIUM) ] \
	  || { echo "setup: installing Chromium"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }

setup: setup-build setup-browser

# --- build and serve ----------------------------------------------------------------------

serve: setup-build
	trunk serve --offline --address 127.0.0.1 --port 8080

dist: setup-build
	@trunk build --release --offline 2>&1 | grep -vE '^\s*$$|INFO' || true
	@test -f dist/index.html || { echo "dist: build failed"; trunk build --release --offline; exit 1; }

# The native command-line tool (validate, merge driver, review, stats); see the README.
cli:
	cargo build --release --locked --bin hatrack
	@mkdir -p $(CARGO_BIN)
	install -m 755 target/release/hatrack $(CARGO_BIN)/hatrack
	@echo "cli: installed $(CARGO_BIN)/hatrack"

# --- tests --------------------------------------------------------------------------------

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -- -D warnings

test-domain:
	@out=$$(cargo test --color never 2>&1); code=$$?; echo "$$out" | grep -E '^(test result|running|error|failures:|---- )|panicked|FAILED' ; \
	  [ $$code -eq 0 ] || { echo "$$out" | tail -60; exit $$code; }; \
	  total=$$(echo "$$out" | awk '/^test result:/{s+=$$4} END{print s+0}'); \
	  echo "domain: $$total tests passed"; [ "$$total" -gt 0 ] || { echo "domain: no test ran"; exit 1; }

test-schema:
	@node --test tests/schema/ 2>&1 | tail -9 | grep -E '^# (pass|fail)'; node --test tests/schema/ >/dev/null 2>&1 \
	  || { node --test tests/schema/; exit 1; }

test-e2e: setup-browser dist
	@node tests/e2e/run.mjs

test: setup lint test-domain test-schema test-e2e

# --- measurements and pictures ------------------------------------------------------------

bench: setup dist
	cargo bench --bench domain
	node bench/run.mjs
	node bench/lighthouse.mjs

screenshots: setup dist
	node tests/e2e/run.mjs screenshots

clean:
	cargo clean
	rm -rf dist node_modules tests/output
