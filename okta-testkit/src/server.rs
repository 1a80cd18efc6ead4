//! The accept loop: one task per TCP connection, served by hyper's HTTP/1 server.
//!
//! Each connection task can be told, through the [`ResetHandle`] put in every request's
//! extensions, to drop its socket with `SO_LINGER` set to zero, which makes the kernel send
//! a TCP reset (RST) instead of an orderly close. That is how the `ConnectionReset` fault
//! works.

use std::sync::Arc;
use std::time::Duration;

use axum::http::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinSet;
use tower::ServiceExt;

/// Ends the connection a request came on with a TCP reset, without answering.
#[derive(Clone, Debug)]
pub(crate) struct ResetHandle(Arc<Notify>);

impl ResetHandle {
    /// Asks the connection task to reset the connection. The request's handler should then
    /// wait forever: the connection task drops it.
    pub(crate) fn reset(&self) {
        self.0.notify_one();
    }
}

/// Accepts connections until the task is aborted; aborting it also aborts every
/// connection task (they live in a [`JoinSet`] it owns).
pub(crate) async fn accept_loop(listener: TcpListener, app: Router) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    connections.spawn(serve_connection(stream, app.clone()));
                }
                // Such errors (e.g. too many open files) are transient: wait a little.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            // Reap finished connection tasks so the set does not grow.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// Serves one connection (with keep-alive) until the client closes it or a handler
/// asks for a reset.
async fn serve_connection(mut stream: TcpStream, app: Router) {
    // Small JSON answers should not wait for Nagle's algorithm; failure only costs latency.
    let _ = stream.set_nodelay(true);
    let signal = Arc::new(Notify::new());
    let handle = ResetHandle(Arc::clone(&signal));
    let service = app.map_request(move |mut request: Request<Incoming>| {
        request.extensions_mut().insert(handle.clone());
        request
    });
    let reset = {
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .keep_alive(true)
            .serve_connection(TokioIo::new(&mut stream), TowerToHyperService::new(service));
        tokio::select! {
            // The client closed the connection, or it failed: nothing more to do.
            _ = connection => false,
            () = signal.notified() => true,
        }
    };
    // The connection (and the handler waiting in it) is dropped: the stream is ours again.
    if reset {
        // With a zero linger time, closing the socket sends a reset. If the option cannot
        // be set the connection is still closed, just not as abruptly.
        let _ = stream.set_zero_linger();
    }
}
