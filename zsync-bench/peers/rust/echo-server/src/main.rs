//! The Tokio peer of zsync's TCP echo benchmark: listens on 127.0.0.1 and echoes every byte it
//! reads back on the same connection, one task per connection on the multi-threaded runtime,
//! until it is killed. Usage: `echo-server -port N`.

use std::process::exit;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[tokio::main]
async fn main() {
    let port = port();
    let listener = match TcpListener::bind(("127.0.0.1", port)).await {
        Ok(listener) => listener,
        Err(e) => fail(&format!("cannot listen on 127.0.0.1:{port}: {e}")),
    };
    loop {
        match listener.accept().await {
            Ok((socket, _)) => {
                tokio::spawn(echo(socket));
            }
            Err(e) => fail(&format!("accept: {e}")),
        }
    }
}

/// Writes back what it reads until the client closes the connection. The buffer is the same
/// size in every peer (4 KiB), so that none reads more per call than the others.
async fn echo(mut socket: TcpStream) {
    // Go's sockets have Nagle's algorithm off; so must these, for the same small writes.
    if socket.set_nodelay(true).is_err() {
        return;
    }
    let mut buf = [0u8; 4096];
    loop {
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => {
                if socket.write_all(&buf[..n]).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// The port given as `-port N` (or `--port N`), or exits with a usage message.
fn port() -> u16 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, n] if flag == "-port" || flag == "--port" => match n.parse::<u16>() {
            Ok(port) if port > 0 => port,
            _ => usage(),
        },
        _ => usage(),
    }
}

fn usage() -> ! {
    eprintln!("usage: echo-server -port N (1-65535)");
    exit(2)
}

fn fail(message: &str) -> ! {
    eprintln!("echo-server: {message}");
    exit(1)
}
