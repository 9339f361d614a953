//! The hyper peer of zsync's HTTP benchmark: hyper 0.14 on Tokio's multi-threaded runtime,
//! listening on 127.0.0.1 and answering `GET /plaintext` with `Hello, World!` (text/plain,
//! 13 bytes) on keep-alive connections, until it is killed. Pipelined responses are flushed
//! together (`http1_pipeline_flush`), as TechEmpower's hyper entry does. Usage: `hyper-server -port N`.

use hyper::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::service::{make_service_fn, service_fn};
use hyper::{Body, Request, Response, Server, StatusCode};
use std::convert::Infallible;
use std::process::exit;

static BODY: &[u8] = b"Hello, World!";

#[tokio::main]
async fn main() {
    let port = port();
    let make_service = make_service_fn(|_| async { Ok::<_, Infallible>(service_fn(plaintext)) });
    let server = match Server::try_bind(&([127, 0, 0, 1], port).into()) {
        Ok(builder) => builder.http1_pipeline_flush(true).tcp_nodelay(true).serve(make_service),
        Err(e) => fail(&format!("cannot listen on 127.0.0.1:{port}: {e}")),
    };
    if let Err(e) = server.await {
        fail(&format!("serving: {e}"));
    }
}

async fn plaintext(request: Request<Body>) -> Result<Response<Body>, Infallible> {
    let mut response = if request.uri().path() == "/plaintext" {
        Response::new(Body::from(BODY))
    } else {
        let mut missing = Response::new(Body::empty());
        *missing.status_mut() = StatusCode::NOT_FOUND;
        return Ok(missing);
    };
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    headers.insert(CONTENT_LENGTH, HeaderValue::from_static("13"));
    Ok(response)
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
    eprintln!("usage: hyper-server -port N (1-65535)");
    exit(2)
}

fn fail(message: &str) -> ! {
    eprintln!("hyper-server: {message}");
    exit(1)
}
