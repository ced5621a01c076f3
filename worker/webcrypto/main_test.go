//go:build js && wasm

package webcrypto_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/authlab/authlab/worker/glue/gluetest"
)

// TestMain runs the tests through the worker's glue, glue.mjs under Node,
// as the worker calls WebCrypto in workerd.
func TestMain(m *testing.M) {
	if err := gluetest.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
