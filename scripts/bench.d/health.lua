-- GET /health with wrk's static request (no request() function, so wrk's own
-- overhead is the same for tiendo, Hummingbird and nginx).
dofile(os.getenv("BENCH_D") .. "/common.lua")
