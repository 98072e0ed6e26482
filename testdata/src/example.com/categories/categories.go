// Package categories has one root per category of the standard-library
// table, and one per channel operation.
package categories

import (
	"database/sql"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

//blockcheck:nonblocking
func Net(c net.Conn, l net.Listener, pc net.PacketConn, tc *net.TCPConn, buf []byte) {
	net.Dial("tcp", "x")           // want `Net must not block: net.Dial may block \[net\]$`
	c.Read(buf)                    // want `c.Read may block \[net\]: net.Conn.Read`
	tc.Write(buf)                  // want `tc.Write may block \[net\]: net.\(\*conn\).Write`
	l.Accept()                     // want `l.Accept may block \[net\]`
	pc.ReadFrom(buf)               // want `pc.ReadFrom may block \[net\]`
	net.LookupHost("example.com")  // want `net.LookupHost may block \[net\]`
	http.Get("http://example.com") // want `http.Get may block \[net\]`
	new(http.Client).Do(nil)       // want `new\(http.Client\).Do may block \[net\]: http.\(\*Client\).Do`
}

//blockcheck:nonblocking
func File(f *os.File, buf []byte) {
	os.ReadFile("x")           // want `os.ReadFile may block \[file\]`
	os.WriteFile("x", nil, 0)  // want `os.WriteFile may block \[file\]`
	os.Stat("x")               // want `os.Stat may block \[file\]`
	f.Write(buf)               // want `f.Write may block \[file\]: os.\(\*File\).Write`
	os.MkdirAll("x", 0o755)    // want `os.MkdirAll may block \[file\]`
	os.Rename("a", "b")        // want `os.Rename may block \[file\]`
	f.Sync()                   // want `f.Sync may block \[file\]`
}

//blockcheck:nonblocking
func Exec(cmd *exec.Cmd, p *os.Process) {
	cmd.Run()                                    // want `cmd.Run may block \[exec\]`
	cmd.Output()                                 // want `cmd.Output may block \[exec\]`
	p.Wait()                                     // want `p.Wait may block \[exec\]`
	os.StartProcess("x", nil, &os.ProcAttr{})    // want `os.StartProcess may block \[exec\]`
}

//blockcheck:nonblocking
func Sleep() {
	time.Sleep(time.Second) // want `time.Sleep may block \[sleep\]`
	time.Now()
}

//blockcheck:nonblocking
func Chan(ch chan int) {
	ch <- 1 // want `channel send may block \[chan\]`
	<-ch    // want `channel receive may block \[chan\]`
	for range ch { // want `range over channel may block \[chan\]`
	}
	select { // want `select without default may block \[chan\]`
	case <-ch:
	case ch <- 2:
	}
	select {
	case <-ch:
	case ch <- 2:
	default:
	}
	for range []int{1} {
	}
}

//blockcheck:nonblocking
func Sync(wg *sync.WaitGroup, c *sync.Cond, mu *sync.Mutex) {
	wg.Wait() // want `wg.Wait may block \[sync\]`
	c.Wait()  // want `c.Wait may block \[sync\]`
	mu.Lock() // lock is off by default
	mu.Unlock()
}

//blockcheck:nonblocking
func SQL(db *sql.DB, tx *sql.Tx, rows *sql.Rows, row *sql.Row) {
	db.Query("q")  // want `db.Query may block \[sql\]`
	db.ExecContext(nil, "q") // want `db.ExecContext may block \[sql\]`
	rows.Next()    // want `rows.Next may block \[sql\]`
	row.Scan()     // want `row.Scan may block \[sql\]`
	tx.Commit()    // want `tx.Commit may block \[sql\]`
	sql.Open("x", "y")
}

//blockcheck:nonblocking
func Syscall(fd int, buf []byte) {
	syscall.Read(fd, buf) // want `syscall.Read may block \[syscall\]`
	syscall.Getpid()
}

// Slow is declared blocking.
//
//blockcheck:blocking
func Slow() {} // want Slow:`blocks\[user\]: categories.Slow`

//blockcheck:nonblocking
func User() {
	Slow() // want `Slow may block \[user\]$`
}
