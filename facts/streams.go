package facts

import (
	"strconv"
	"sync"
)

// Readers and writers: most Go code reads a socket or a file through a
// wrapper that only sees an io.Reader or an io.Writer (bufio, encoding/json,
// io.Copy, fmt.Fprintf). None of those blocks by itself; each blocks as the
// value that ends up being read or written does. The tables here say how
// values flow through the standard library's wrappers, and which calls read
// or write which of their operands; the analyzer works out what each
// operand is (a net.Conn, an *os.File opened for it, an HTTP body), and the
// call then blocks in that value's category. The standard streams and
// in-memory readers and writers (bytes, strings) do not block.
//
// Keys are full names, as in the sink table, checked against the real
// packages by TestStreamTablesResolve.

// A StreamWrapper is a function that returns a reader or writer wrapping
// some of its arguments: reading or writing the result reads or writes them.
type StreamWrapper struct {
	Name string
	Args []int // the wrapped arguments, from 0
}

var streamWrappers = []StreamWrapper{
	{"bufio.NewReader", []int{0}},
	{"bufio.NewReaderSize", []int{0}},
	{"bufio.NewWriter", []int{0}},
	{"bufio.NewWriterSize", []int{0}},
	{"bufio.NewScanner", []int{0}},
	{"bufio.NewReadWriter", []int{0, 1}},
	{"encoding/json.NewDecoder", []int{0}},
	{"encoding/json.NewEncoder", []int{0}},
	{"encoding/gob.NewDecoder", []int{0}},
	{"encoding/gob.NewEncoder", []int{0}},
	{"encoding/xml.NewDecoder", []int{0}},
	{"encoding/xml.NewEncoder", []int{0}},
	{"encoding/csv.NewReader", []int{0}},
	{"encoding/csv.NewWriter", []int{0}},
	{"encoding/base64.NewDecoder", []int{1}},
	{"encoding/base64.NewEncoder", []int{1}},
	{"encoding/hex.NewDecoder", []int{0}},
	{"encoding/hex.NewEncoder", []int{0}},
	{"compress/gzip.NewReader", []int{0}},
	{"compress/gzip.NewWriter", []int{0}},
	{"compress/gzip.NewWriterLevel", []int{0}},
	{"compress/flate.NewReader", []int{0}},
	{"compress/flate.NewWriter", []int{0}},
	{"compress/zlib.NewReader", []int{0}},
	{"compress/zlib.NewWriter", []int{0}},
	{"io.LimitReader", []int{0}},
	{"io.TeeReader", []int{0, 1}},
	{"io.MultiReader", []int{0}}, // variadic: every argument
	{"io.MultiWriter", []int{0}}, // variadic: every argument
	{"io.NewSectionReader", []int{0}},
	{"io.NopCloser", []int{0}},
	{"net/textproto.NewReader", []int{0}},
	{"net/textproto.NewWriter", []int{0}},
	{"net/textproto.NewConn", []int{0}},
	{"crypto/tls.Client", []int{0}},
	{"crypto/tls.Server", []int{0}},
	{"net/http.MaxBytesReader", []int{1}},
	{"mime/multipart.NewReader", []int{0}},
	{"mime/multipart.NewWriter", []int{0}},
}

// Stream I/O says which operands a call reads or writes: the receiver (a
// wrapper's method, or an io interface method) or arguments.
type StreamIO struct {
	Name     string
	Receiver bool  // reads or writes the receiver
	Args     []int // reads or writes these arguments, from 0
	Write    bool  // it writes (else reads): for the sink's name
}

var streamIO = []StreamIO{
	// Wrappers' methods.
	{"(*bufio.Reader).Read", true, nil, false},
	{"(*bufio.Reader).ReadByte", true, nil, false},
	{"(*bufio.Reader).ReadBytes", true, nil, false},
	{"(*bufio.Reader).ReadLine", true, nil, false},
	{"(*bufio.Reader).ReadRune", true, nil, false},
	{"(*bufio.Reader).ReadSlice", true, nil, false},
	{"(*bufio.Reader).ReadString", true, nil, false},
	{"(*bufio.Reader).Peek", true, nil, false},
	{"(*bufio.Reader).Discard", true, nil, false},
	{"(*bufio.Reader).WriteTo", true, []int{0}, false},
	{"(*bufio.Writer).Flush", true, nil, true},
	{"(*bufio.Writer).Write", true, nil, true},
	{"(*bufio.Writer).WriteByte", true, nil, true},
	{"(*bufio.Writer).WriteRune", true, nil, true},
	{"(*bufio.Writer).WriteString", true, nil, true},
	{"(*bufio.Writer).ReadFrom", true, []int{0}, true},
	{"(*bufio.Scanner).Scan", true, nil, false},
	{"(*encoding/json.Decoder).Decode", true, nil, false},
	{"(*encoding/json.Decoder).Token", true, nil, false},
	{"(*encoding/json.Decoder).More", true, nil, false},
	{"(*encoding/json.Encoder).Encode", true, nil, true},
	{"(*encoding/gob.Decoder).Decode", true, nil, false},
	{"(*encoding/gob.Decoder).DecodeValue", true, nil, false},
	{"(*encoding/gob.Encoder).Encode", true, nil, true},
	{"(*encoding/gob.Encoder).EncodeValue", true, nil, true},
	{"(*encoding/xml.Decoder).Decode", true, nil, false},
	{"(*encoding/xml.Decoder).Token", true, nil, false},
	{"(*encoding/xml.Encoder).Encode", true, nil, true},
	{"(*encoding/csv.Reader).Read", true, nil, false},
	{"(*encoding/csv.Reader).ReadAll", true, nil, false},
	{"(*encoding/csv.Writer).Flush", true, nil, true},
	{"(*encoding/csv.Writer).Write", true, nil, true},
	{"(*encoding/csv.Writer).WriteAll", true, nil, true},
	{"(*compress/gzip.Reader).Read", true, nil, false},
	{"(*compress/gzip.Writer).Write", true, nil, true},
	{"(*compress/gzip.Writer).Flush", true, nil, true},
	{"(*compress/gzip.Writer).Close", true, nil, true},
	{"(*net/textproto.Reader).ReadLine", true, nil, false},
	{"(*net/textproto.Reader).ReadMIMEHeader", true, nil, false},
	{"(*net/textproto.Reader).ReadResponse", true, nil, false},
	{"(*net/textproto.Reader).ReadDotBytes", true, nil, false},
	{"(*net/textproto.Writer).PrintfLine", true, nil, true},
	{"(*mime/multipart.Reader).NextPart", true, nil, false},
	{"(*mime/multipart.Writer).CreateFormFile", true, nil, true},
	// The io interfaces: a call through one reads or writes its receiver.
	// Interfaces that embed io.Reader or io.Writer (io.ReadCloser, ...)
	// get their Read and Write from them.
	{"(io.Reader).Read", true, nil, false},
	{"(io.Writer).Write", true, nil, true},
	{"(io.ByteReader).ReadByte", true, nil, false},
	{"(io.RuneReader).ReadRune", true, nil, false},
	{"(io.StringWriter).WriteString", true, nil, true},
	{"(io.ReaderFrom).ReadFrom", true, []int{0}, true},
	{"(io.WriterTo).WriteTo", true, []int{0}, false},
	// Functions that read or write their arguments.
	{"io.Copy", false, []int{0, 1}, false},
	{"io.CopyN", false, []int{0, 1}, false},
	{"io.CopyBuffer", false, []int{0, 1}, false},
	{"io.ReadAll", false, []int{0}, false},
	{"io.ReadFull", false, []int{0}, false},
	{"io.ReadAtLeast", false, []int{0}, false},
	{"io.WriteString", false, []int{0}, true},
	{"io/ioutil.ReadAll", false, []int{0}, false},
	{"fmt.Fprint", false, []int{0}, true},
	{"fmt.Fprintf", false, []int{0}, true},
	{"fmt.Fprintln", false, []int{0}, true},
	{"fmt.Fscan", false, []int{0}, false},
	{"fmt.Fscanf", false, []int{0}, false},
	{"fmt.Fscanln", false, []int{0}, false},
	{"encoding/binary.Read", false, []int{0}, false},
	{"encoding/binary.Write", false, []int{0}, true},
	{"net/http.ReadRequest", false, []int{0}, false},
	{"net/http.ReadResponse", false, []int{0}, false},
	{"(*net/http.Request).Write", false, []int{0}, true},
	{"(*net/http.Response).Write", false, []int{0}, true},
	{"(net/http.Header).Write", false, []int{0}, true},
}

var (
	streamOnce     sync.Once
	streamWrapIdx  map[string][]int
	streamIOByName map[string]*StreamIO
)

func indexStreams() {
	streamOnce.Do(func() {
		streamWrapIdx = make(map[string][]int, len(streamWrappers))
		for _, w := range streamWrappers {
			streamWrapIdx[w.Name] = w.Args
		}
		streamIOByName = make(map[string]*StreamIO, len(streamIO))
		for i := range streamIO {
			streamIOByName[streamIO[i].Name] = &streamIO[i]
		}
	})
}

// LookupStreamWrapper returns the arguments a standard-library function
// wraps in the reader or writer it returns, if it is one. A variadic
// last parameter listed stands for every argument from there on.
func LookupStreamWrapper(fullName string) []int {
	indexStreams()
	return streamWrapIdx[fullName]
}

// LookupStreamIO says which operands a standard-library call reads or
// writes, if it reads or writes any.
func LookupStreamIO(fullName string) *StreamIO {
	indexStreams()
	return streamIOByName[fullName]
}

// StreamWrappers and StreamIOs return copies of the tables, for tests and
// documentation.
func StreamWrappers() []StreamWrapper { return append([]StreamWrapper(nil), streamWrappers...) }

func StreamIOs() []StreamIO { return append([]StreamIO(nil), streamIO...) }

// Streams is the fact exported for a function that reads or writes some of
// its io.Reader or io.Writer parameters synchronously: a call then blocks
// as the arguments passed there do. Params are parameter indices, from 0,
// not counting the receiver; sorted.
type Streams struct {
	Params []int
}

// AFact marks Streams as an analysis fact.
func (*Streams) AFact() {}

func (f *Streams) String() string {
	s := "streams("
	for i, p := range f.Params {
		if i > 0 {
			s += ","
		}
		s += "arg" + strconv.Itoa(p)
	}
	return s + ")"
}
