package facts

// TestStdTableResolves loads golang.org/x/sys/unix to check the table's
// entries for it; this import keeps the module in go.mod through go mod tidy.
import _ "golang.org/x/sys/unix"
