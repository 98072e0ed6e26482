// Package app calls the real retry modules from roots: each wraps the
// operation in a closure of its own and calls it from its retry loop, so
// the operation is called synchronously.
package app

import (
	"net/http"
	"os"

	retry "github.com/avast/retry-go/v4"
	"github.com/cenkalti/backoff/v4"
)

func fetch() error {
	_, err := http.Get("http://example.com")
	return err
}

func save() error { return os.WriteFile("x", nil, 0o600) }

func quick() error { return nil }

//blockcheck:nonblocking
func OnTraffic() {
	backoff.Retry(fetch, backoff.NewExponentialBackOff())  // want `OnTraffic must not block: backoff.Retry may block \[net, chan\]: backoff.Retry → fetch → http.Get`
	backoff.RetryNotify(save, &backoff.ZeroBackOff{}, nil) // want `backoff.RetryNotify may block \[file, chan\]: backoff.RetryNotify → save → os.WriteFile`
	retry.Do(fetch)                                        // want `retry.Do may block \[net, chan\]: retry.Do → fetch → http.Get`
	go backoff.Retry(fetch, backoff.NewExponentialBackOff())
	go retry.Do(save)
}

// The retry loops wait on timers themselves: a quick operation still waits
// between attempts.
//
//blockcheck:nonblocking
func OnTick() {
	retry.Do(quick) // want `retry.Do may block \[chan\]`
}
