package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal and returns its two sides: the one a
// terminal emulator reads, and the terminal.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	require.NoError(t, unix.IoctlSetPointerInt(int(master.Fd()), unix.TIOCSPTLCK, 0))
	n, err := unix.IoctlGetInt(int(master.Fd()), unix.TIOCGPTN)
	require.NoError(t, err)
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	require.NoError(t, err)
	t.Cleanup(func() { tty.Close() })
	return master, tty
}

// readTerminal closes the terminal side and returns what was written to
// it: once no terminal side is open, the master reads what is buffered,
// then fails.
func readTerminal(t *testing.T, master, tty *os.File) string {
	t.Helper()
	require.NoError(t, tty.Close())
	var out bytes.Buffer
	buf := make([]byte, 4096)
	for {
		n, err := master.Read(buf)
		out.Write(buf[:n])
		if err != nil {
			return out.String()
		}
	}
}

// TestProgressOnTerminal: a terminal is one, and gets a progress unless
// it is turned off or cannot redraw a line.
func TestProgressOnTerminal(t *testing.T) {
	_, tty := openPTY(t)
	assert.True(t, isTerminal(tty))
	t.Setenv("TERM", "xterm")
	assert.NotNil(t, newProgress(tty, true))
	assert.Nil(t, newProgress(tty, false), "-progress=false")
	t.Setenv("TERM", "dumb")
	assert.Nil(t, newProgress(tty, true), "TERM=dumb")
}

// TestProgressEndToEnd runs blockcheck with standard error on a terminal
// and standard output on a pipe, on a module whose run takes seconds
// (net/http loaded from source): the findings on standard output carry no
// terminal control; whatever progress the terminal got names blockcheck
// and ends cleared. Whether the run was long enough to show progress
// depends on the machine; the log says.
func TestProgressEndToEnd(t *testing.T) {
	t.Parallel()
	master, tty := openPTY(t)
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/slow\n\ngo 1.26\n",
		"p/p.go": "package p\n\nimport (\n\t\"net/http\"\n\t_ \"net/smtp\"\n\t_ \"net/rpc\"\n)\n\n//blockcheck:nonblocking\nfunc F() { http.Get(\"x\") }\n",
	})
	cmd := exec.Command(blockcheckBin, "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "TERM=xterm", "GITHUB_STEP_SUMMARY=")
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, tty
	err := cmd.Run()
	var exitErr *exec.ExitError
	require.ErrorAs(t, err, &exitErr)
	assert.Equal(t, 3, exitErr.ExitCode())
	assert.Contains(t, stdout.String(), "F must not block: http.Get may block [net]")
	assert.NotContains(t, stdout.String(), "\x1b")
	assert.NotContains(t, stdout.String(), "\r")

	term := readTerminal(t, master, tty)
	if term == "" {
		t.Log("the run was too short to show progress")
		return
	}
	t.Logf("the terminal got %q", term)
	assert.True(t, strings.HasPrefix(term, "\r\x1b[Kblockcheck: "), "%q", term)
	assert.True(t, strings.HasSuffix(term, "\r\x1b[K"), "the progress line is not cleared: %q", term)
}
