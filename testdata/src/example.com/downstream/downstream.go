// Package downstream imports only middle: facts travel two hops.
package downstream

import "example.com/middle"

//blockcheck:nonblocking
func Handle(c *middle.Cache) {
	middle.Save() // want `Handle must not block: middle.Save may block \[file\]: middle.Save → upstream.Persist → upstream.write → os.WriteFile`
	c.Flush()     // want `Handle must not block: c.Flush may block \[file\]: upstream.\(\*Cache\).Flush → upstream.Persist → upstream.write → os.WriteFile`
	middle.Size(c)
	middle.Wait(nil) // want `middle.Wait may block \[user\]: middle.Wait → upstream.Blocker.Block`
}
