// The bench harness (go run ./bench) analyzes github.com/nats-io/nats-server/v2/... as dependencies of
// this module, which has no packages of its own: do not run go mod tidy here,
// it would drop the requirements. To move the corpus to another version:
//   go get github.com/nats-io/nats-server/v2/...@VERSION && go list -mod=mod -test -deps github.com/nats-io/nats-server/v2/... >/dev/null
// and update the version in bench/corpus.go.
module blockcheck.bench/nats

go 1.26.0

require (
	github.com/antithesishq/antithesis-sdk-go v0.9.0-default-no-op // indirect
	github.com/google/go-tpm v0.9.8 // indirect
	github.com/klauspost/compress v1.20.4 // indirect
	github.com/minio/highwayhash v1.0.4 // indirect
	github.com/nats-io/jwt/v2 v2.8.3 // indirect
	github.com/nats-io/nats-server/v2 v2.15.3 // indirect
	github.com/nats-io/nkeys v0.4.17 // indirect
	github.com/nats-io/nuid v1.0.1 // indirect
	golang.org/x/crypto v0.58.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
	golang.org/x/time v0.16.0 // indirect
)
