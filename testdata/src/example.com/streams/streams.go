// Package streams checks readers and writers: a call blocks as the value it
// ends up reading or writing does, through the standard library's wrappers
// and the package's own helpers.
package streams

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
)

// ReadLine reads a line from r: its callers block as what they pass does.
func ReadLine(r io.Reader) (string, error) { // want ReadLine:`streams\(arg0\)`
	return bufio.NewReader(r).ReadString('\n')
}

// Forward copies src to dst.
func Forward(dst io.Writer, src io.Reader) { // want Forward:`streams\(arg0,arg1\)`
	io.Copy(dst, src)
}

// Log writes to whatever it is given.
func Log(w io.Writer, msg string) { fmt.Fprintln(w, msg) } // want Log:`streams\(arg0\)`

//blockcheck:nonblocking
func Handle(conn net.Conn, f *os.File, resp *http.Response) {
	r := bufio.NewReader(conn)
	r.ReadString('\n') // want `Handle must not block: r.ReadString may block \[net\]: bufio.\(\*Reader\).ReadString → net.Conn.Read`
	var v any
	json.NewDecoder(conn).Decode(&v) // want `json.NewDecoder\(conn\).Decode may block \[net\]: json.\(\*Decoder\).Decode → net.Conn.Read`
	io.Copy(f, conn)                 // want `io.Copy may block \[net, file\]: io.Copy → net.Conn.Read`
	io.ReadAll(resp.Body)            // want `io.ReadAll may block \[net\]: io.ReadAll → http.Response.Body.Read`
	fmt.Fprintf(f, "x")              // want `fmt.Fprintf may block \[file\]: fmt.Fprintf → os.\(\*File\).Write`
	var w io.Writer = conn
	w.Write(nil) // want `w.Write may block \[net\]: io.Writer.Write → net.Conn.Write`
	ReadLine(conn) // want `ReadLine may block \[net\]: ReadLine → net.Conn`

	// The standard streams and in-memory values do not block.
	fmt.Fprintln(os.Stderr, "x")
	bufio.NewWriter(os.Stdout).Flush()
	var buf bytes.Buffer
	io.Copy(&buf, strings.NewReader("x"))
	json.NewEncoder(&buf).Encode(v)
	ReadLine(strings.NewReader("x"))
	Log(os.Stdout, "x")
}
