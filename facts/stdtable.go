package facts

// stdSinks is the standard library's blocking operations. It is data: add a
// row, not a branch. Keys are checked against the real packages by
// TestStdTableResolves, so a typo or a renamed API fails the tests.
//
// Rules the table follows:
//
//   - A row is a function or method that can block for an unbounded or
//     I/O-bound time by itself: it talks to the network, the file system, a
//     child process or the kernel's scheduler. Functions that block only by
//     reading or writing an io.Reader/io.Writer they are handed (io.Copy,
//     io.ReadAll, bufio, net/textproto readers, io/fs helpers over an fs.FS)
//     are not rows: the blocking is in the reader, which is reported where
//     it is concrete.
//   - Methods are keyed by the type that declares them. net.TCPConn,
//     UDPConn, UnixConn and IPConn get Read and Write from the unexported
//     net.conn, so those calls resolve to (*net.conn).Read/Write.
//   - Interface methods whose every sensible implementation blocks
//     ((net.Conn).Read, (net.Listener).Accept, ...) are rows of their own, so
//     a call through the interface is reported even when the dynamic type is
//     unknown.
//   - Everything in package syscall and golang.org/x/sys/unix is category
//     syscall, whatever it does (so syscall.ForkExec and syscall.Wait4 are
//     syscall, not exec): the category names the layer, and a user who turns
//     syscall off turns off all raw system calls. linux/amd64 is the
//     reference platform for both packages.
var stdSinks = []StdSink{
	// ---- net ----

	// Dialing: connect, and resolve the address first.
	{"net.Dial", Net},
	{"net.DialTimeout", Net},
	{"net.DialTCP", Net},
	{"net.DialUDP", Net},
	{"net.DialIP", Net},
	{"net.DialUnix", Net},
	{"(*net.Dialer).Dial", Net},
	{"(*net.Dialer).DialContext", Net},
	{"(*net.Dialer).DialTCP", Net},
	{"(*net.Dialer).DialUDP", Net},
	{"(*net.Dialer).DialIP", Net},
	{"(*net.Dialer).DialUnix", Net},

	// Listening binds (and resolves a host name in the address); accepting
	// waits for a peer. Both are listed.
	{"net.Listen", Net},
	{"net.ListenPacket", Net},
	{"net.ListenTCP", Net},
	{"net.ListenUDP", Net},
	{"net.ListenUnix", Net},
	{"net.ListenUnixgram", Net},
	{"net.ListenIP", Net},
	{"net.ListenMulticastUDP", Net},
	{"(*net.ListenConfig).Listen", Net},
	{"(*net.ListenConfig).ListenPacket", Net},
	{"(*net.TCPListener).Accept", Net},
	{"(*net.TCPListener).AcceptTCP", Net},
	{"(*net.UnixListener).Accept", Net},
	{"(*net.UnixListener).AcceptUnix", Net},
	{"(net.Listener).Accept", Net},

	// Connection I/O. Read and Write of TCPConn, UDPConn, UnixConn and
	// IPConn are promoted from the unexported net.conn.
	{"(*net.conn).Read", Net},
	{"(*net.conn).Write", Net},
	{"(*net.TCPConn).ReadFrom", Net},
	{"(*net.TCPConn).WriteTo", Net},
	{"(*net.UDPConn).ReadFrom", Net},
	{"(*net.UDPConn).ReadFromUDP", Net},
	{"(*net.UDPConn).ReadFromUDPAddrPort", Net},
	{"(*net.UDPConn).ReadMsgUDP", Net},
	{"(*net.UDPConn).ReadMsgUDPAddrPort", Net},
	{"(*net.UDPConn).WriteTo", Net},
	{"(*net.UDPConn).WriteToUDP", Net},
	{"(*net.UDPConn).WriteToUDPAddrPort", Net},
	{"(*net.UDPConn).WriteMsgUDP", Net},
	{"(*net.UDPConn).WriteMsgUDPAddrPort", Net},
	{"(*net.UnixConn).ReadFrom", Net},
	{"(*net.UnixConn).ReadFromUnix", Net},
	{"(*net.UnixConn).ReadMsgUnix", Net},
	{"(*net.UnixConn).WriteTo", Net},
	{"(*net.UnixConn).WriteToUnix", Net},
	{"(*net.UnixConn).WriteMsgUnix", Net},
	{"(*net.IPConn).ReadFrom", Net},
	{"(*net.IPConn).ReadFromIP", Net},
	{"(*net.IPConn).ReadMsgIP", Net},
	{"(*net.IPConn).WriteTo", Net},
	{"(*net.IPConn).WriteToIP", Net},
	{"(*net.IPConn).WriteMsgIP", Net},
	{"(net.Conn).Read", Net},
	{"(net.Conn).Write", Net},
	{"(net.PacketConn).ReadFrom", Net},
	{"(net.PacketConn).WriteTo", Net},

	// DNS. The Resolve*Addr functions look the host up when it is a name.
	{"net.LookupHost", Net},
	{"net.LookupIP", Net},
	{"net.LookupAddr", Net},
	{"net.LookupCNAME", Net},
	{"net.LookupMX", Net},
	{"net.LookupNS", Net},
	{"net.LookupTXT", Net},
	{"net.LookupSRV", Net},
	{"net.LookupPort", Net},
	{"net.ResolveTCPAddr", Net},
	{"net.ResolveUDPAddr", Net},
	{"net.ResolveIPAddr", Net},
	{"(*net.Resolver).LookupHost", Net},
	{"(*net.Resolver).LookupIP", Net},
	{"(*net.Resolver).LookupIPAddr", Net},
	{"(*net.Resolver).LookupNetIP", Net},
	{"(*net.Resolver).LookupAddr", Net},
	{"(*net.Resolver).LookupCNAME", Net},
	{"(*net.Resolver).LookupMX", Net},
	{"(*net.Resolver).LookupNS", Net},
	{"(*net.Resolver).LookupTXT", Net},
	{"(*net.Resolver).LookupSRV", Net},
	{"(*net.Resolver).LookupPort", Net},

	// net/http client requests. (*http.Client).CloseIdleConnections does not
	// block and is not listed.
	{"net/http.Get", Net},
	{"net/http.Head", Net},
	{"net/http.Post", Net},
	{"net/http.PostForm", Net},
	{"(*net/http.Client).Do", Net},
	{"(*net/http.Client).Get", Net},
	{"(*net/http.Client).Head", Net},
	{"(*net/http.Client).Post", Net},
	{"(*net/http.Client).PostForm", Net},
	{"(*net/http.Transport).RoundTrip", Net},
	{"(*net/http.Transport).NewClientConn", Net}, // dials
	{"(*net/http.ClientConn).RoundTrip", Net},
	{"(net/http.RoundTripper).RoundTrip", Net},

	// net/http servers: serve until the listener fails; Shutdown waits for
	// active connections to go idle.
	{"net/http.ListenAndServe", Net},
	{"net/http.ListenAndServeTLS", Net},
	{"net/http.Serve", Net},
	{"net/http.ServeTLS", Net},
	{"(*net/http.Server).ListenAndServe", Net},
	{"(*net/http.Server).ListenAndServeTLS", Net},
	{"(*net/http.Server).Serve", Net},
	{"(*net/http.Server).ServeTLS", Net},
	{"(*net/http.Server).Shutdown", Net},

	// crypto/tls: dialing, the handshake, and record I/O.
	{"crypto/tls.Dial", Net},
	{"crypto/tls.DialWithDialer", Net},
	{"crypto/tls.Listen", Net},
	{"(*crypto/tls.Dialer).Dial", Net},
	{"(*crypto/tls.Dialer).DialContext", Net},
	{"(*crypto/tls.Conn).Handshake", Net},
	{"(*crypto/tls.Conn).HandshakeContext", Net},
	{"(*crypto/tls.Conn).Read", Net},
	{"(*crypto/tls.Conn).Write", Net},

	// net/smtp: every Client method that sends a command and waits for the
	// reply (Extension says HELO first if it has not). NewClient reads the
	// server's greeting. Close only closes the connection.
	{"net/smtp.SendMail", Net},
	{"net/smtp.Dial", Net},
	{"net/smtp.NewClient", Net},
	{"(*net/smtp.Client).Hello", Net},
	{"(*net/smtp.Client).StartTLS", Net},
	{"(*net/smtp.Client).Verify", Net},
	{"(*net/smtp.Client).Auth", Net},
	{"(*net/smtp.Client).Mail", Net},
	{"(*net/smtp.Client).Rcpt", Net},
	{"(*net/smtp.Client).Data", Net},
	{"(*net/smtp.Client).Extension", Net},
	{"(*net/smtp.Client).Reset", Net},
	{"(*net/smtp.Client).Noop", Net},
	{"(*net/smtp.Client).Quit", Net},

	// net/rpc: dialing, synchronous calls, and the server loops, which run
	// until the listener or the peer goes away. (*rpc.Client).Go is
	// asynchronous and is not listed.
	{"net/rpc.Dial", Net},
	{"net/rpc.DialHTTP", Net},
	{"net/rpc.DialHTTPPath", Net},
	{"(*net/rpc.Client).Call", Net},
	{"net/rpc.Accept", Net},
	{"net/rpc.ServeConn", Net},
	{"net/rpc.ServeCodec", Net},
	{"(*net/rpc.Server).Accept", Net},
	{"(*net/rpc.Server).ServeConn", Net},
	{"(*net/rpc.Server).ServeCodec", Net},
	{"net/rpc/jsonrpc.Dial", Net},
	{"net/rpc/jsonrpc.ServeConn", Net},

	// net/textproto: only Dial. The Conn, Reader and Writer methods block
	// only through the io.Reader/io.Writer they wrap.
	{"net/textproto.Dial", Net},

	// log/syslog: connecting to the syslog daemon (local socket or remote),
	// and every write, which is a send on that connection.
	{"log/syslog.Dial", Net},
	{"log/syslog.New", Net},
	{"log/syslog.NewLogger", Net},
	{"(*log/syslog.Writer).Write", Net},
	{"(*log/syslog.Writer).Emerg", Net},
	{"(*log/syslog.Writer).Alert", Net},
	{"(*log/syslog.Writer).Crit", Net},
	{"(*log/syslog.Writer).Err", Net},
	{"(*log/syslog.Writer).Warning", Net},
	{"(*log/syslog.Writer).Notice", Net},
	{"(*log/syslog.Writer).Info", Net},
	{"(*log/syslog.Writer).Debug", Net},

	// ---- file ----

	// os: opening, whole-file helpers, metadata and directory operations.
	// os.DirFS only records a path and is not listed.
	{"os.Open", File},
	{"os.OpenFile", File},
	{"os.Create", File},
	{"os.CreateTemp", File},
	{"os.OpenInRoot", File},
	{"os.ReadFile", File},
	{"os.WriteFile", File},
	{"os.ReadDir", File},
	{"os.CopyFS", File},
	{"os.Stat", File},
	{"os.Lstat", File},
	{"os.Remove", File},
	{"os.RemoveAll", File},
	{"os.Rename", File},
	{"os.Mkdir", File},
	{"os.MkdirAll", File},
	{"os.MkdirTemp", File},
	{"os.Chmod", File},
	{"os.Chown", File},
	{"os.Lchown", File},
	{"os.Chtimes", File},
	{"os.Truncate", File},
	{"os.Link", File},
	{"os.Symlink", File},
	{"os.Readlink", File},
	{"os.Getwd", File},
	{"os.Chdir", File},

	// *os.File: I/O on the descriptor (a file, pipe, terminal or device).
	// What the kernel answers from the open descriptor without waiting for
	// a device is not listed: Seek (an offset in memory), Chdir, and Fd
	// and Name, which make no system call. Stat and Close stay: fstat
	// revalidates attributes on network file systems, and Close waits for
	// the descriptor's I/O in progress and flushes on NFS (see
	// docs/categories.md).
	{"(*os.File).Read", File},
	{"(*os.File).ReadAt", File},
	{"(*os.File).ReadFrom", File},
	{"(*os.File).Write", File},
	{"(*os.File).WriteAt", File},
	{"(*os.File).WriteString", File},
	{"(*os.File).WriteTo", File},
	{"(*os.File).Sync", File},
	{"(*os.File).Close", File},
	{"(*os.File).Truncate", File},
	{"(*os.File).ReadDir", File},
	{"(*os.File).Readdir", File},
	{"(*os.File).Readdirnames", File},
	{"(*os.File).Chmod", File},
	{"(*os.File).Chown", File},

	// *os.Root: the traversal-safe variants of the os functions above.
	// Close, Name and FS do no I/O and are not listed.
	{"os.OpenRoot", File},
	{"(*os.Root).Open", File},
	{"(*os.Root).Create", File},
	{"(*os.Root).OpenFile", File},
	{"(*os.Root).OpenRoot", File},
	{"(*os.Root).ReadFile", File},
	{"(*os.Root).WriteFile", File},
	{"(*os.Root).Stat", File},
	{"(*os.Root).Lstat", File},
	{"(*os.Root).Mkdir", File},
	{"(*os.Root).MkdirAll", File},
	{"(*os.Root).Remove", File},
	{"(*os.Root).RemoveAll", File},
	{"(*os.Root).Rename", File},
	{"(*os.Root).Link", File},
	{"(*os.Root).Symlink", File},
	{"(*os.Root).Readlink", File},
	{"(*os.Root).Chmod", File},
	{"(*os.Root).Chown", File},
	{"(*os.Root).Lchown", File},
	{"(*os.Root).Chtimes", File},

	// io/ioutil: the deprecated wrappers of the os functions. ReadAll reads
	// an io.Reader and is not listed.
	{"io/ioutil.ReadFile", File},
	{"io/ioutil.WriteFile", File},
	{"io/ioutil.ReadDir", File},
	{"io/ioutil.TempFile", File},
	{"io/ioutil.TempDir", File},

	// path/filepath: walks, globbing and symlink resolution read the file
	// system. Abs is not listed: for a relative path it asks the kernel for
	// the working directory, which it keeps in memory.
	{"path/filepath.Walk", File},
	{"path/filepath.WalkDir", File},
	{"path/filepath.Glob", File},
	{"path/filepath.EvalSymlinks", File},

	// ---- exec ----

	// Starting and waiting for processes. exec.LookPath only stats the
	// directories of $PATH, but it is listed as exec, not file: it is the
	// first step of running a program, and a user who allows process
	// execution expects the lookup to come with it. exec.Command and
	// exec.CommandContext also search $PATH, but the command they build is
	// reported where it is started, so they are not listed.
	{"(*os/exec.Cmd).Run", Exec},
	{"(*os/exec.Cmd).Start", Exec},
	{"(*os/exec.Cmd).Wait", Exec},
	{"(*os/exec.Cmd).Output", Exec},
	{"(*os/exec.Cmd).CombinedOutput", Exec},
	{"os/exec.LookPath", Exec},
	{"os.StartProcess", Exec},
	{"(*os.Process).Wait", Exec},

	// ---- sleep ----
	{"time.Sleep", Sleep},

	// ---- sync ----
	{"(*sync.WaitGroup).Wait", Sync},
	{"(*sync.Cond).Wait", Sync},

	// ---- lock ----
	// (sync.Locker).Lock covers Cond.L and RWMutex.RLocker().
	{"(*sync.Mutex).Lock", Lock},
	{"(*sync.RWMutex).Lock", Lock},
	{"(*sync.RWMutex).RLock", Lock},
	{"(sync.Locker).Lock", Lock},

	// ---- sql ----

	// database/sql calls that take a connection from the pool (waiting for
	// one if the pool is exhausted) and reach the driver. sql.Open only
	// validates its arguments and does not connect, so it is not listed;
	// sql.OpenDB likewise. Rows.Scan and Rows.Err only convert and report
	// what Next fetched.
	{"(*database/sql.DB).Query", SQL},
	{"(*database/sql.DB).QueryContext", SQL},
	{"(*database/sql.DB).QueryRow", SQL},
	{"(*database/sql.DB).QueryRowContext", SQL},
	{"(*database/sql.DB).Exec", SQL},
	{"(*database/sql.DB).ExecContext", SQL},
	{"(*database/sql.DB).Ping", SQL},
	{"(*database/sql.DB).PingContext", SQL},
	{"(*database/sql.DB).Begin", SQL},
	{"(*database/sql.DB).BeginTx", SQL},
	{"(*database/sql.DB).Prepare", SQL},
	{"(*database/sql.DB).PrepareContext", SQL},
	{"(*database/sql.DB).Conn", SQL},
	{"(*database/sql.DB).Close", SQL},

	// *sql.Tx. Stmt and StmtContext prepare the statement on the
	// transaction's connection.
	{"(*database/sql.Tx).Query", SQL},
	{"(*database/sql.Tx).QueryContext", SQL},
	{"(*database/sql.Tx).QueryRow", SQL},
	{"(*database/sql.Tx).QueryRowContext", SQL},
	{"(*database/sql.Tx).Exec", SQL},
	{"(*database/sql.Tx).ExecContext", SQL},
	{"(*database/sql.Tx).Prepare", SQL},
	{"(*database/sql.Tx).PrepareContext", SQL},
	{"(*database/sql.Tx).Stmt", SQL},
	{"(*database/sql.Tx).StmtContext", SQL},
	{"(*database/sql.Tx).Commit", SQL},
	{"(*database/sql.Tx).Rollback", SQL},

	// *sql.Stmt.
	{"(*database/sql.Stmt).Query", SQL},
	{"(*database/sql.Stmt).QueryContext", SQL},
	{"(*database/sql.Stmt).QueryRow", SQL},
	{"(*database/sql.Stmt).QueryRowContext", SQL},
	{"(*database/sql.Stmt).Exec", SQL},
	{"(*database/sql.Stmt).ExecContext", SQL},
	{"(*database/sql.Stmt).Close", SQL},

	// *sql.Conn: a single dedicated connection. Raw holds the connection's
	// lock while the callback runs on the driver connection.
	{"(*database/sql.Conn).QueryContext", SQL},
	{"(*database/sql.Conn).QueryRowContext", SQL},
	{"(*database/sql.Conn).ExecContext", SQL},
	{"(*database/sql.Conn).BeginTx", SQL},
	{"(*database/sql.Conn).PingContext", SQL},
	{"(*database/sql.Conn).PrepareContext", SQL},
	{"(*database/sql.Conn).Raw", SQL},
	{"(*database/sql.Conn).Close", SQL},

	// Result sets: Next and NextResultSet fetch from the driver; Close
	// closes the driver's rows, which many drivers do by draining the
	// unread rows from the server. Row.Scan is where QueryRow's rows are
	// read.
	{"(*database/sql.Rows).Next", SQL},
	{"(*database/sql.Rows).NextResultSet", SQL},
	{"(*database/sql.Rows).Close", SQL},
	{"(*database/sql.Row).Scan", SQL},

	// ---- syscall (package syscall, linux/amd64) ----

	// Descriptor I/O. (syscall has no Readv/Writev on linux.)
	{"syscall.Read", Syscall},
	{"syscall.Write", Syscall},
	{"syscall.Pread", Syscall},
	{"syscall.Pwrite", Syscall},
	{"syscall.Sendfile", Syscall},
	{"syscall.Splice", Syscall},
	{"syscall.Tee", Syscall},
	{"syscall.Fsync", Syscall},
	{"syscall.Fdatasync", Syscall},
	{"syscall.Sync", Syscall},
	{"syscall.SyncFileRange", Syscall},

	// Sockets.
	{"syscall.Accept", Syscall},
	{"syscall.Accept4", Syscall},
	{"syscall.Connect", Syscall},
	{"syscall.Recvfrom", Syscall},
	{"syscall.Sendto", Syscall},
	{"syscall.Recvmsg", Syscall},
	{"syscall.Sendmsg", Syscall},
	{"syscall.SendmsgN", Syscall},

	// Waiting: for readiness, a child, a lock, time or a signal.
	{"syscall.Select", Syscall},
	{"syscall.EpollWait", Syscall},
	{"syscall.Wait4", Syscall},
	{"syscall.Flock", Syscall},
	{"syscall.FcntlFlock", Syscall},
	{"syscall.Nanosleep", Syscall},
	{"syscall.Pause", Syscall},

	// Processes (syscall category, not exec: see the rule at the top).
	{"syscall.ForkExec", Syscall},
	{"syscall.StartProcess", Syscall},
	{"syscall.Exec", Syscall},

	// File-system calls: the raw counterparts of the os functions listed
	// as file above (open can also wait for a FIFO's peer).
	{"syscall.Open", Syscall},
	{"syscall.Openat", Syscall},
	{"syscall.Creat", Syscall},
	{"syscall.Stat", Syscall},
	{"syscall.Lstat", Syscall},
	{"syscall.Fstat", Syscall},
	{"syscall.Getdents", Syscall},
	{"syscall.ReadDirent", Syscall},
	{"syscall.Mkdir", Syscall},
	{"syscall.Mkdirat", Syscall},
	{"syscall.Rmdir", Syscall},
	{"syscall.Unlink", Syscall},
	{"syscall.Unlinkat", Syscall},
	{"syscall.Rename", Syscall},
	{"syscall.Renameat", Syscall},
	{"syscall.Link", Syscall},
	{"syscall.Symlink", Syscall},
	{"syscall.Readlink", Syscall},
	{"syscall.Truncate", Syscall},
	{"syscall.Ftruncate", Syscall},
	{"syscall.Fallocate", Syscall},

	// ---- syscall (golang.org/x/sys/unix, linux/amd64) ----
	// x/sys/unix is analyzed only through these rows.

	// Descriptor I/O.
	{"golang.org/x/sys/unix.Read", Syscall},
	{"golang.org/x/sys/unix.Write", Syscall},
	{"golang.org/x/sys/unix.Pread", Syscall},
	{"golang.org/x/sys/unix.Pwrite", Syscall},
	{"golang.org/x/sys/unix.Readv", Syscall},
	{"golang.org/x/sys/unix.Writev", Syscall},
	{"golang.org/x/sys/unix.Preadv", Syscall},
	{"golang.org/x/sys/unix.Pwritev", Syscall},
	{"golang.org/x/sys/unix.Preadv2", Syscall},
	{"golang.org/x/sys/unix.Pwritev2", Syscall},
	{"golang.org/x/sys/unix.Sendfile", Syscall},
	{"golang.org/x/sys/unix.Splice", Syscall},
	{"golang.org/x/sys/unix.Tee", Syscall},
	{"golang.org/x/sys/unix.Vmsplice", Syscall},
	{"golang.org/x/sys/unix.CopyFileRange", Syscall},
	{"golang.org/x/sys/unix.Fsync", Syscall},
	{"golang.org/x/sys/unix.Fdatasync", Syscall},
	{"golang.org/x/sys/unix.Sync", Syscall},
	{"golang.org/x/sys/unix.Syncfs", Syscall},
	{"golang.org/x/sys/unix.SyncFileRange", Syscall},
	{"golang.org/x/sys/unix.Msync", Syscall},

	// Sockets.
	{"golang.org/x/sys/unix.Accept", Syscall},
	{"golang.org/x/sys/unix.Accept4", Syscall},
	{"golang.org/x/sys/unix.Connect", Syscall},
	{"golang.org/x/sys/unix.Recvfrom", Syscall},
	{"golang.org/x/sys/unix.Send", Syscall},
	{"golang.org/x/sys/unix.Sendto", Syscall},
	{"golang.org/x/sys/unix.Recvmsg", Syscall},
	{"golang.org/x/sys/unix.RecvmsgBuffers", Syscall},
	{"golang.org/x/sys/unix.Sendmsg", Syscall},
	{"golang.org/x/sys/unix.SendmsgN", Syscall},
	{"golang.org/x/sys/unix.SendmsgBuffers", Syscall},

	// Waiting: for readiness, a child, a lock, time or a signal.
	{"golang.org/x/sys/unix.Select", Syscall},
	{"golang.org/x/sys/unix.Pselect", Syscall},
	{"golang.org/x/sys/unix.Poll", Syscall},
	{"golang.org/x/sys/unix.Ppoll", Syscall},
	{"golang.org/x/sys/unix.EpollWait", Syscall},
	{"golang.org/x/sys/unix.Wait4", Syscall},
	{"golang.org/x/sys/unix.Waitid", Syscall},
	{"golang.org/x/sys/unix.Flock", Syscall},
	{"golang.org/x/sys/unix.FcntlFlock", Syscall},
	{"golang.org/x/sys/unix.Nanosleep", Syscall},
	{"golang.org/x/sys/unix.ClockNanosleep", Syscall},
	{"golang.org/x/sys/unix.Pause", Syscall},

	// Processes.
	{"golang.org/x/sys/unix.Exec", Syscall},

	// File-system calls.
	{"golang.org/x/sys/unix.Open", Syscall},
	{"golang.org/x/sys/unix.Openat", Syscall},
	{"golang.org/x/sys/unix.Openat2", Syscall},
	{"golang.org/x/sys/unix.Creat", Syscall},
	{"golang.org/x/sys/unix.Stat", Syscall},
	{"golang.org/x/sys/unix.Lstat", Syscall},
	{"golang.org/x/sys/unix.Fstat", Syscall},
	{"golang.org/x/sys/unix.Fstatat", Syscall},
	{"golang.org/x/sys/unix.Statx", Syscall},
	{"golang.org/x/sys/unix.Getdents", Syscall},
	{"golang.org/x/sys/unix.ReadDirent", Syscall},
	{"golang.org/x/sys/unix.Mkdir", Syscall},
	{"golang.org/x/sys/unix.Mkdirat", Syscall},
	{"golang.org/x/sys/unix.Rmdir", Syscall},
	{"golang.org/x/sys/unix.Unlink", Syscall},
	{"golang.org/x/sys/unix.Unlinkat", Syscall},
	{"golang.org/x/sys/unix.Rename", Syscall},
	{"golang.org/x/sys/unix.Renameat", Syscall},
	{"golang.org/x/sys/unix.Renameat2", Syscall},
	{"golang.org/x/sys/unix.Link", Syscall},
	{"golang.org/x/sys/unix.Linkat", Syscall},
	{"golang.org/x/sys/unix.Symlink", Syscall},
	{"golang.org/x/sys/unix.Symlinkat", Syscall},
	{"golang.org/x/sys/unix.Readlink", Syscall},
	{"golang.org/x/sys/unix.Readlinkat", Syscall},
	{"golang.org/x/sys/unix.Truncate", Syscall},
	{"golang.org/x/sys/unix.Ftruncate", Syscall},
	{"golang.org/x/sys/unix.Fallocate", Syscall},
}
