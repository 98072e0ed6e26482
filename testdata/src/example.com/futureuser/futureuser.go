// Package futureuser waits on package future's interface: New's Returns
// fact says what its result's methods do.
package futureuser

import "example.com/future"

//blockcheck:nonblocking
func OnOpen() {
	f := future.New()
	f.Result() // want `OnOpen must not block: f.Result may block \[chan\]: future.\(\*future\).Result → channel receive`
	f.Done()
	future.Maybe(false).Result()
}
