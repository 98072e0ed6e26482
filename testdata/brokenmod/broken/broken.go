// Package broken does not type-check.
package broken

//blockcheck:nonblocking
func Handle() int {
	return undefinedHelper()
}
