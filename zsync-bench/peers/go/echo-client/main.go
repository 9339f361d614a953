// Command echo-client is the load generator of zsync's TCP echo benchmark, the same for every
// server measured, so that none is measured with a client of its own runtime.
//
// It opens -conns connections to -addr (loopback only), then each connection, in its own
// goroutine, writes a -size byte message and reads the whole echo before it writes the next (one
// message in flight per connection), checking that the echo is byte for byte what it sent. The
// first -warmup is not counted; the messages echoed during the next -duration are. On success
// it prints one line and exits 0:
//
//	msgs=1234567 seconds=5.00 rate=246913.4
//
// (rate is msgs/seconds, seconds the measured interval). If a connection fails, or an echo
// differs from what was sent, it prints what happened on stderr and exits 1; on bad flags, 2.
// Every connection stops by itself: at the end of the run, after maxPerConn messages, or at a
// deadline (warmup + duration + grace) past which any read or write fails.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

const (
	// maxPerConn bounds every connection's loop in count; far above what a run reaches.
	maxPerConn = 100_000_000
	// grace is how long past the measured interval a stalled server is waited for.
	grace = 10 * time.Second
	// dialTimeout bounds each connection attempt.
	dialTimeout = 5 * time.Second
)

// counter is one connection's echo count, padded to its own cache line so that connections on
// different cores do not contend for one.
type counter struct {
	n int64
	_ [56]byte
}

func main() {
	addr := flag.String("addr", "127.0.0.1:7000", "the echo server, host:port on loopback")
	conns := flag.Int("conns", 64, "connections, each with one message in flight")
	size := flag.Int("size", 64, "message size in bytes")
	duration := flag.Duration("duration", 5*time.Second, "the measured interval")
	warmup := flag.Duration("warmup", time.Second, "the interval before it, not counted")
	flag.Parse()
	if flag.NArg() > 0 || *conns < 1 || *size < 1 || *duration <= 0 || *warmup < 0 {
		usage("-conns and -size must be at least 1, -duration positive, -warmup not negative")
	}
	if err := checkLoopback(*addr); err != nil {
		usage(err.Error())
	}

	connections := make([]net.Conn, *conns)
	for i := range connections {
		c, err := net.DialTimeout("tcp", *addr, dialTimeout)
		if err != nil {
			fail(fmt.Errorf("connection %d of %d: %w", i+1, *conns, err))
		}
		connections[i] = c
	}

	deadline := time.Now().Add(*warmup + *duration + grace)
	counts := make([]counter, *conns)
	failures := make(chan error, *conns)
	var stop atomic.Bool
	var wg sync.WaitGroup
	for i, c := range connections {
		wg.Add(1)
		go func(id int, c net.Conn) {
			defer wg.Done()
			if err := echo(c, id, *size, &counts[id].n, &stop, deadline); err != nil {
				failures <- err
			}
		}(i, c)
	}

	await(failures, *warmup)
	before, start := total(counts), time.Now()
	await(failures, *duration)
	after, end := total(counts), time.Now()
	stop.Store(true)
	wg.Wait()
	close(failures)
	if err, failed := <-failures; failed {
		fail(err)
	}
	for _, c := range connections {
		c.Close()
	}

	seconds := end.Sub(start).Seconds()
	msgs := after - before
	fmt.Printf("msgs=%d seconds=%.2f rate=%.1f\n", msgs, seconds, float64(msgs)/seconds)
}

// echo runs one connection's loop: write a message, read its echo, compare, count.
func echo(c net.Conn, id, size int, count *int64, stop *atomic.Bool, deadline time.Time) error {
	if err := c.SetDeadline(deadline); err != nil {
		return fmt.Errorf("connection %d: %w", id+1, err)
	}
	sent := make([]byte, size)
	received := make([]byte, size)
	for i := 0; i < maxPerConn && !stop.Load(); i++ {
		// Every message differs, so that an echo of an earlier one, or of another connection's, is caught.
		for k := range sent {
			sent[k] = byte(i + 7*id + 31*k)
		}
		if _, err := c.Write(sent); err != nil {
			return fmt.Errorf("connection %d: write of message %d: %w", id+1, i+1, err)
		}
		if _, err := io.ReadFull(c, received); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return fmt.Errorf("connection %d: the server closed the connection before echoing message %d", id+1, i+1)
			}
			return fmt.Errorf("connection %d: read of message %d: %w", id+1, i+1, err)
		}
		if !bytes.Equal(sent, received) {
			return fmt.Errorf("connection %d: the echo of message %d differs from what was sent:\n  sent     %x\n  received %x",
				id+1, i+1, sent, received)
		}
		atomic.AddInt64(count, 1)
	}
	return nil
}

// await waits for d to pass, unless a connection fails first.
func await(failures <-chan error, d time.Duration) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case err := <-failures:
		fail(err)
	case <-timer.C:
	}
}

func total(counts []counter) int64 {
	var sum int64
	for i := range counts {
		sum += atomic.LoadInt64(&counts[i].n)
	}
	return sum
}

// checkLoopback refuses any address but a loopback one: this client loads servers on this machine only.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %v", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-addr %q: only loopback addresses (127.0.0.0/8, ::1, localhost) are allowed", addr)
	}
	return nil
}

func usage(problem string) {
	fmt.Fprintf(os.Stderr, "echo-client: %s\nusage: echo-client -addr 127.0.0.1:PORT [-conns 64] [-size 64] [-duration 5s] [-warmup 1s]\n", problem)
	os.Exit(2)
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "echo-client: %v\n", err)
	os.Exit(1)
}
