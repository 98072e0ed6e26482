package propagation

import (
	"testing"
	"time"
)

// Test entry points get no facts: only the testing package calls them.
func TestSleep(t *testing.T) { time.Sleep(1) }

func BenchmarkSleep(b *testing.B) { time.Sleep(1) }

// Other exported functions in test files do.
func HelperForTests() { time.Sleep(1) } // want HelperForTests:`blocks\[sleep\]: time.Sleep`
