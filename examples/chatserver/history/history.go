// Package history keeps a log of chat messages on disk.
package history

import (
	"fmt"
	"os"
	"sync"
)

// Log appends messages to a file.
type Log struct {
	mu   sync.Mutex
	path string
}

// New returns a log writing to path.
func New(path string) *Log { return &Log{path: path} }

// Append records one message.
func (l *Log) Append(from int, msg []byte) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return appendLine(l.path, fmt.Sprintf("%d: %s\n", from, msg))
}

func appendLine(path, line string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString(line)
	return err
}
