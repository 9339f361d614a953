// Command echo-server is the Go peer of zsync's TCP echo benchmark: it listens on 127.0.0.1
// and echoes every byte it reads back on the same connection, one goroutine per connection,
// until it is killed.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
)

func main() {
	port := flag.Int("port", 7000, "the port to listen on, on 127.0.0.1")
	flag.Parse()
	if *port < 1 || *port > 65535 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: echo-server -port N (1-65535)")
		os.Exit(2)
	}
	listener, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		fmt.Fprintf(os.Stderr, "echo-server: %v\n", err)
		os.Exit(1)
	}
	for {
		conn, err := listener.Accept()
		if err != nil {
			fmt.Fprintf(os.Stderr, "echo-server: accept: %v\n", err)
			os.Exit(1)
		}
		go echo(conn)
	}
}

// echo writes back what it reads until the client closes the connection. The buffer is the
// same size in every peer (4 KiB), so that none reads more per call than the others.
func echo(conn net.Conn) {
	defer conn.Close()
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		if n > 0 {
			if _, werr := conn.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}
