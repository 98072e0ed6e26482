module blockcheck.bench/net

go 1.26.0
