// Command http-server is the Go peer of zsync's HTTP benchmark: net/http on 127.0.0.1 answering
// GET /plaintext with "Hello, World!" (text/plain, 13 bytes) on keep-alive connections, until it
// is killed. Go's server reads pipelined requests and answers them in order, one at a time.
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
)

var body = []byte("Hello, World!")

func main() {
	port := flag.Int("port", 8080, "the port to listen on, on 127.0.0.1")
	flag.Parse()
	if *port < 1 || *port > 65535 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: http-server -port N (1-65535)")
		os.Exit(2)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/plaintext", plaintext)
	err := http.ListenAndServe(fmt.Sprintf("127.0.0.1:%d", *port), mux)
	fmt.Fprintf(os.Stderr, "http-server: %v\n", err)
	os.Exit(1)
}

func plaintext(w http.ResponseWriter, r *http.Request) {
	header := w.Header()
	header["Content-Type"] = []string{"text/plain"}
	header["Content-Length"] = []string{"13"}
	w.Write(body)
}
