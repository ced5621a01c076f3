// Command striplines removes the file and line tables from Go js/wasm
// modules in place (see app/linestrip): the modules run the same, and a
// panic's traceback names its functions without their files and lines.
//
//	go run ./wasm/striplines web/app.wasm web/quickcheck.wasm
package main

import (
	"flag"
	"fmt"
	"log"

	"github.com/authlab/authlab/app/linestrip"
)

func main() {
	flag.Parse()
	log.SetFlags(0)
	for _, path := range flag.Args() {
		st, err := linestrip.StripFile(path)
		if err != nil {
			log.Fatalf("striplines: %v", err)
		}
		fmt.Printf("%s: %d functions, %d file and line tables dropped, %d of pctab's %d bytes zeroed, %d bytes of file names\n", path, st.Funcs, st.LineTables, st.Zeroed, st.PCTab, st.FileNames)
	}
}
