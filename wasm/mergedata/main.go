// Command mergedata rewrites js/wasm modules in place so that their
// initial memory is written by a few data segments instead of Go's
// thousands (see app/wasmdata): each instantiation has fewer to write,
// and brotli and gzip see the data without a header every few bytes.
//
//	go run ./wasm/mergedata web/app.wasm web/quickcheck.wasm
package main

import (
	"flag"
	"fmt"
	"log"

	"github.com/authlab/authlab/app/wasmdata"
)

func main() {
	gap := flag.Int("gap", wasmdata.DefaultGap, "join segments at most this many bytes apart")
	flag.Parse()
	log.SetFlags(0)
	for _, path := range flag.Args() {
		st, err := wasmdata.MergeFile(path, *gap)
		if err != nil {
			log.Fatalf("mergedata: %v", err)
		}
		fmt.Printf("%s: %d data segments → %d (%d zero bytes written), %d → %d bytes\n", path, st.Before, st.After, st.Zeros, st.BytesBefore, st.BytesAfter)
	}
}
