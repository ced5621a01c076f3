# Authlab: `make dev` sets up and runs everything locally; `make test` runs
# every test. Both install what they need.

PORT      ?= 8787
SITE_DIR  ?= worker/build/site
BASE_PATH ?=
API_URL   ?=
GO        ?= go
# BENCH_FLAGS passes flags to worker/bench, e.g. -revs 573b98d -endpoints protected
BENCH_FLAGS ?=
# BENCH_WEB_FLAGS passes flags to wasm/bench, e.g. -runs 9 -lighthouse-runs 0
BENCH_WEB_FLAGS ?=
# JWTIO_SRC is jwt.io's source (a git repository, bare or not) that bench-web
# builds and measures beside Authlab; empty: jwt.io is reported as not measured
JWTIO_SRC ?=
# BENCH_LIGHTHOUSE_FLAGS adds sites or flags to wasm/bench/lighthouse, e.g.
# -site before=../old/worker -runs 5 (a worker folder after `make npm site worker`)
BENCH_LIGHTHOUSE_FLAGS ?=
WASM_ENV  := GOOS=js GOARCH=wasm
# The front end's modules are written with a few data segments instead of
# Go's thousands: fewer bytes once compressed (app/wasmdata).
MERGE_DATA = $(GO) run ./wasm/mergedata
# and without Go's file and line tables, which only a panic's traceback
# reads (app/linestrip): about a tenth fewer bytes once compressed.
STRIP_LINES = $(GO) run ./wasm/striplines
LDFLAGS   := -s -w
WORKER    := worker
WRANGLER  := cd $(WORKER) && WRANGLER_SEND_METRICS=false npm exec --no -- wrangler
GOROOT    := $(shell $(GO) env GOROOT)
export WRANGLER_SEND_METRICS := false

.PHONY: dev test site worker deploy deploy-check bench bench-edge bench-web bench-lighthouse screenshots compressors npm browser pyjwt tools fmt vet unit wasm-test e2e clean

## dev: build everything, create a dev key, migrate local D1, run wrangler dev
dev: npm site worker $(WORKER)/.dev.vars
	$(WRANGLER) d1 migrations apply DB --local
	@echo
	@echo "  Authlab is starting on http://127.0.0.1:$(PORT)/"
	@echo
	$(WRANGLER) dev --ip 127.0.0.1 --port $(PORT) --show-interactive-dev-session=false

## test: formatting, vet, native, js/wasm and end-to-end tests, bundle check
test: npm browser pyjwt fmt vet unit wasm-test site worker $(WORKER)/.dev.vars e2e deploy-check
	@echo "make test: all checks passed"

npm: $(WORKER)/node_modules/.package-lock.json
$(WORKER)/node_modules/.package-lock.json: $(WORKER)/package.json $(WORKER)/package-lock.json
	cd $(WORKER) && npm ci --no-audit --no-fund
	@touch $@

# Debian's chromium for the browser tests, with curl and python3-requests to
# run the pages' code snippets for real; wrk and brotli for `make bench`.
browser:
	@command -v chromium >/dev/null && command -v curl >/dev/null && python3 -c 'import requests' 2>/dev/null || \
	  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium curl python3 python3-requests; }
# Debian's PyJWT for Debian's python3: app/attackfix's tests run the attack
# lab's Python fixes with it (and its JavaScript ones with npm's jose).
pyjwt:
	@/usr/bin/python3 -c 'import jwt, cryptography' 2>/dev/null || \
	  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3 python3-jwt python3-cryptography; }
tools:
	@command -v wrk >/dev/null && command -v brotli >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk brotli; }

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
vet:
	$(GO) vet ./...
	$(WASM_ENV) $(GO) vet ./app/... ./wasm ./wasm/crack ./wasm/quickcheck ./worker/...
	@if $(WASM_ENV) $(GO) list -deps ./worker | grep -q maxence-charriere/go-app; then echo "the worker must not depend on go-app"; exit 1; fi
	@if $(WASM_ENV) $(GO) list -deps ./wasm/quickcheck | grep -q maxence-charriere/go-app; then echo "the early checker must not depend on go-app"; exit 1; fi
	@if $(WASM_ENV) $(GO) list -deps ./worker | grep -q pb33f/; then echo "the worker must not depend on the OpenAPI validator, which only tests use"; exit 1; fi
	@if $(WASM_ENV) $(GO) list -deps ./worker | grep -qE 'authlab/worker/(devserver|bench|lighthouse)'; then echo "the worker must not depend on the benchmark, the wrangler launcher or the Lighthouse runner"; exit 1; fi

unit:
	$(GO) test -count=1 ./...

# The pure packages also run as js/wasm under Node.
wasm-test:
	PATH="$(GOROOT)/lib/wasm:$$PATH" $(WASM_ENV) $(GO) test -count=1 ./app/discovery ./app/jot ./app/jwe ./app/keys ./app/password ./app/websubtle ./worker/webcrypto

## site: the static front end, servable by any static host. BASE_PATH=/authlab serves it
## under a path (GitHub Pages); API_URL=https://… points its live demos at a separately
## hosted worker, whose CORS_ORIGINS must then list the site's origin.
web/app.wasm: FORCE
	$(WASM_ENV) $(GO) build -trimpath -ldflags="$(LDFLAGS)" -o $@ ./wasm
	$(STRIP_LINES) $@
	$(MERGE_DATA) $@
# The attack lab's cracker, its own small module for a Web Worker (web/crack.js).
web/crack.wasm: FORCE
	$(WASM_ENV) $(GO) build -trimpath -ldflags="$(LDFLAGS)" -o $@ ./wasm/crack
	$(STRIP_LINES) $@
	$(MERGE_DATA) $@
# The JWT workbench's early checker, its own small module for a Web Worker
# (web/quickcheck.js) that verifies in the prerendered page while app.wasm loads.
web/quickcheck.wasm: FORCE
	$(WASM_ENV) $(GO) build -trimpath -ldflags="$(LDFLAGS)" -o $@ ./wasm/quickcheck
	$(STRIP_LINES) $@
	$(MERGE_DATA) $@
# Each module's brotli (-q 11) and gzip twins, which the worker's glue sends
# with Content-Encoding; made again only when the module's content changes.
web/%.wasm.br: web/%.wasm compressors
	@sum=$$(sha256sum web/$*.wasm | cut -c1-64); \
	if [ "$$(cat web/$*.wasm.sum 2>/dev/null)" != "$$sum" ]; then \
	  echo "compressing web/$*.wasm (brotli -q 11, gzip -9)"; \
	  brotli -q 11 -f -o web/$*.wasm.br web/$*.wasm && gzip -9 -c web/$*.wasm > web/$*.wasm.gz && echo $$sum > web/$*.wasm.sum; \
	fi
compressors:
	@command -v brotli >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q brotli; }
site: web/app.wasm web/app.wasm.br web/crack.wasm web/crack.wasm.br web/quickcheck.wasm web/quickcheck.wasm.br
	rm -rf $(SITE_DIR) && mkdir -p $(SITE_DIR)/web
	cp -r web/. $(SITE_DIR)/web/
	$(GO) run ./wasm -out $(SITE_DIR) -base "$(BASE_PATH)" -api "$(API_URL)" \
		-version $$({ cat web/*; echo "$(BASE_PATH) $(API_URL)"; } | sha256sum | cut -c1-12)

## worker: the worker bundle in worker/build with the project's own glue
worker:
	$(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o $(WORKER)/build/.gen
	mkdir -p $(WORKER)/build
	cp $(WORKER)/build/.gen/wasm_exec.js $(WORKER)/glue/*.mjs $(WORKER)/build/
	rm -rf $(WORKER)/build/.gen
	$(WASM_ENV) $(GO) build -trimpath -ldflags="$(LDFLAGS)" -o $(WORKER)/build/app.wasm ./worker

$(WORKER)/.dev.vars:
	$(GO) run ./worker/devkey -o $@

e2e:
	$(GO) test -count=1 -tags e2e -timeout 45m ./worker/e2e/... ./worker/devserver

## screenshots: run the end-to-end suite and keep its pictures for the README
screenshots: npm browser site worker $(WORKER)/.dev.vars
	AUTHLAB_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -count=1 -tags e2e -timeout 45m ./worker/e2e/...

## deploy: publish the worker and its assets with wrangler
deploy: npm site worker
	$(WRANGLER) d1 migrations apply DB --remote
	$(WRANGLER) deploy

deploy-check: npm site worker
	rm -rf $(WORKER)/build/.dry-run
	$(WRANGLER) deploy --dry-run --outdir build/.dry-run

## bench: load-test the worker against syumai's glue and a Hono baseline,
## then time the front end in chromium, through the worker, against a jose
## decoder page and jwt.io (JWTIO_SRC), with Lighthouse's figures of the same run
bench: bench-edge bench-web
bench-edge: npm tools $(WORKER)/.dev.vars
	$(GO) run ./worker/bench $(BENCH_FLAGS)
bench-web: npm browser site worker $(WORKER)/.dev.vars
	$(GO) run ./wasm/bench -worker $(WORKER) -jwtio-src "$(JWTIO_SRC)" $(BENCH_WEB_FLAGS)
## bench-lighthouse: Lighthouse's performance, LCP, TBT, accessibility and best-practices
## figures of /, /jwt and /oauth served by this worker (and any -site in BENCH_LIGHTHOUSE_FLAGS)
bench-lighthouse: npm browser site worker $(WORKER)/.dev.vars
	$(GO) run ./wasm/bench/lighthouse -site current=$(WORKER) $(BENCH_LIGHTHOUSE_FLAGS)

clean:
	rm -rf $(WORKER)/build web/app.wasm web/crack.wasm web/quickcheck.wasm

FORCE:
