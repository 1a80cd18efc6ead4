//! A SCIM 2.0 server that Okta can provision users and groups into.
//!
//! ```text
//! cargo run -p examples --example scim-server -- --addr 127.0.0.1:8080 --token TOKEN [--sqlite FILE]
//! ```
//!
//! Serves SCIM 2.0 at `http://ADDR/scim/v2`, requiring `Authorization: Bearer TOKEN`. Data
//! lives in memory, or in the SQLite file given with `--sqlite` (kept across restarts).

use std::process::ExitCode;

use okta_mgmt::scim::server::{BearerToken, MemoryStore, ScimServer, SqliteStore};

const USAGE: &str = "usage: scim-server --addr HOST:PORT --token TOKEN [--sqlite FILE]";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut addr, mut token, mut sqlite) = (None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--addr" => addr = it.next().cloned(),
            "--token" => token = it.next().cloned(),
            "--sqlite" => sqlite = it.next().cloned(),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("unknown argument {other:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(addr), Some(token)) = (addr, token) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {addr}: {e}");
            return ExitCode::from(1);
        }
    };
    let base = format!(
        "http://{}/scim/v2",
        listener.local_addr().map(|a| a.to_string()).unwrap_or(addr)
    );
    let auth = BearerToken::new(token);
    let server = match &sqlite {
        Some(path) => match SqliteStore::open(path) {
            Ok(store) => ScimServer::new(store, auth),
            Err(e) => {
                eprintln!("cannot open {path}: {e}");
                return ExitCode::from(1);
            }
        },
        None => ScimServer::new(MemoryStore::new(), auth),
    }
    .base_url(&base);
    let app = axum::Router::new().nest("/scim/v2", server.router());
    println!(
        "SCIM 2.0 at {base} ({})",
        sqlite
            .as_deref()
            .map_or("in-memory store".to_owned(), |p| format!("SQLite {p}"))
    );
    if let Err(e) = axum::serve(listener, app).await {
        eprintln!("server failed: {e}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
