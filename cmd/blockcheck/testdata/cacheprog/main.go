// Command cacheprog is a GOCACHEPROG program for tests: it keeps the go
// command's build cache in the directory given as its argument, which
// stands for storage that several machines share. Each entry is two
// files: a-<action ID>, the output ID and size, and o-<output ID>, the
// body. It appends "hit", "miss" or "put" and the action ID to
// <dir>/log for each request.
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

type request struct {
	ID       int64
	Command  string
	ActionID []byte `json:",omitempty"`
	OutputID []byte `json:",omitempty"`
	BodySize int64  `json:",omitempty"`
}

type response struct {
	ID            int64
	Err           string     `json:",omitempty"`
	KnownCommands []string   `json:",omitempty"`
	Miss          bool       `json:",omitempty"`
	OutputID      []byte     `json:",omitempty"`
	Size          int64      `json:",omitempty"`
	Time          *time.Time `json:",omitempty"`
	DiskPath      string     `json:",omitempty"`
}

type entry struct {
	OutputID []byte
	Size     int64
	Time     time.Time
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: cacheprog dir")
		os.Exit(2)
	}
	dir, err := filepath.Abs(os.Args[1])
	if err == nil {
		err = os.MkdirAll(dir, 0o777)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cacheprog:", err)
		os.Exit(1)
	}
	logf, err := os.OpenFile(filepath.Join(dir, "log"), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cacheprog:", err)
		os.Exit(1)
	}
	defer logf.Close()
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	enc.Encode(response{KnownCommands: []string{"get", "put", "close"}})
	out.Flush()
	dec := json.NewDecoder(bufio.NewReader(os.Stdin))
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			return // the go command closed its end
		}
		res := response{ID: req.ID}
		switch req.Command {
		case "get":
			var e entry
			data, err := os.ReadFile(filepath.Join(dir, "a-"+hex.EncodeToString(req.ActionID)))
			if err == nil {
				err = json.Unmarshal(data, &e)
			}
			body := filepath.Join(dir, "o-"+hex.EncodeToString(e.OutputID))
			if err == nil {
				_, err = os.Stat(body)
			}
			if err != nil {
				res.Miss = true
				fmt.Fprintf(logf, "miss %x\n", req.ActionID)
				break
			}
			res.OutputID, res.Size, res.Time, res.DiskPath = e.OutputID, e.Size, &e.Time, body
			fmt.Fprintf(logf, "hit %x\n", req.ActionID)
		case "put":
			var body []byte
			if req.BodySize > 0 {
				if err := dec.Decode(&body); err != nil {
					res.Err = err.Error()
					break
				}
			}
			name := filepath.Join(dir, "o-"+hex.EncodeToString(req.OutputID))
			e, err := json.Marshal(entry{OutputID: req.OutputID, Size: int64(len(body)), Time: time.Now()})
			if err == nil {
				err = os.WriteFile(name, body, 0o666)
			}
			if err == nil {
				err = os.WriteFile(filepath.Join(dir, "a-"+hex.EncodeToString(req.ActionID)), e, 0o666)
			}
			if err != nil {
				res.Err = err.Error()
				break
			}
			res.DiskPath = name
			fmt.Fprintf(logf, "put %x\n", req.ActionID)
		case "close":
			enc.Encode(res)
			out.Flush()
			return
		default:
			res.Err = "unknown command " + req.Command
		}
		enc.Encode(res)
		out.Flush()
	}
}
