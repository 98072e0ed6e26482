// Package auth checks tokens against a remote service.
package auth

import (
	"net/http"
	"net/url"
)

// Client asks an authentication service whether a token is valid.
type Client struct {
	Endpoint string
	cache    map[string]bool
}

// Valid reports whether token is valid, asking the service on a cache miss.
func (c *Client) Valid(token string) bool {
	if ok, hit := c.cache[token]; hit {
		return ok
	}
	ok := c.ask(token)
	if c.cache == nil {
		c.cache = make(map[string]bool)
	}
	c.cache[token] = ok
	return ok
}

func (c *Client) ask(token string) bool {
	resp, err := http.PostForm(c.Endpoint, url.Values{"token": {token}})
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
