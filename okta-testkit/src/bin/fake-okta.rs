//! `fake-okta`: runs a fake Okta org until Ctrl-C.

use std::process::ExitCode;
use std::time::Duration;

use okta_testkit::{FakeOrg, FakeOrgConfig};

const USAGE: &str = "\
Runs a local fake Okta org on 127.0.0.1 until Ctrl-C.

Usage: fake-okta [OPTIONS]

Options:
  --port N                        port to listen on (default: a free one)
  --token T                       the SSWS API token to accept
  --public-url URL                the URL clients use when a proxy sits in front (links,
                                  Link headers and issuers point there)
  --seed-users N                  create N active users user1@example.com ...
  --rate-limit LIMIT/WINDOW_SECS  allow LIMIT requests per WINDOW_SECS per bucket
  -h, --help                      print this help
";

/// The parsed command line.
#[derive(Debug, Default)]
struct Options {
    config: FakeOrgConfig,
    seed_users: usize,
}

/// What the command line asks for.
#[derive(Debug)]
enum Command {
    Run(Options),
    Help,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut options = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (name, inline_value) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => {
                (name.to_owned(), Some(value.to_owned()))
            }
            _ => (arg, None),
        };
        if name == "-h" || name == "--help" {
            return Ok(Command::Help);
        }
        let mut value = || {
            inline_value
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match name.as_str() {
            "--port" => {
                let port = value()?;
                options.config.port = port
                    .parse()
                    .map_err(|_| format!("--port: not a port number: {port}"))?;
            }
            "--token" => options.config.api_token = value()?,
            "--public-url" => {
                let url = value()?;
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(format!("--public-url: not an http(s) URL: {url}"));
                }
                options.config.public_url = Some(url);
            }
            "--seed-users" => {
                let n = value()?;
                options.seed_users = n
                    .parse()
                    .map_err(|_| format!("--seed-users: not a number: {n}"))?;
            }
            "--rate-limit" => options.config.rate_limit = Some(parse_rate_limit(&value()?)?),
            _ => return Err(format!("unknown argument: {name}")),
        }
    }
    Ok(Command::Run(options))
}

/// Parses `LIMIT/WINDOW_SECS`, e.g. `600/60`.
fn parse_rate_limit(text: &str) -> Result<(u32, Duration), String> {
    let error = || format!("--rate-limit: expected LIMIT/WINDOW_SECS, got {text}");
    let (limit, window) = text.split_once('/').ok_or_else(error)?;
    let limit: u32 = limit.trim().parse().map_err(|_| error())?;
    let window: u64 = window.trim().parse().map_err(|_| error())?;
    if window == 0 {
        return Err(error());
    }
    Ok((limit, Duration::from_secs(window)))
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Run(options)) => options,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("fake-okta: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let org = match FakeOrg::start_with(options.config).await {
        Ok(org) => org,
        Err(error) => {
            eprintln!("fake-okta: cannot listen: {error}");
            return ExitCode::FAILURE;
        }
    };
    if options.seed_users > 0 {
        org.seed_users(options.seed_users);
    }
    println!("listening on http://{}", org.addr());
    if org.url() != format!("http://{}", org.addr()) {
        println!("public url: {}", org.url());
    }
    println!("token: {}", org.api_token());
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("fake-okta: cannot wait for Ctrl-C: {error}");
    }
    org.shutdown().await;
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(|arg| (*arg).to_owned()))
    }

    #[test]
    fn parses_every_option() {
        let Ok(Command::Run(options)) = parse(&[
            "--port",
            "8080",
            "--token=abc",
            "--public-url",
            "http://127.0.0.1:4010/",
            "--seed-users",
            "5",
            "--rate-limit",
            "10/60",
        ]) else {
            panic!("options should parse");
        };
        assert_eq!(options.config.port, 8080);
        assert_eq!(options.config.api_token, "abc");
        assert_eq!(
            options.config.public_url.as_deref(),
            Some("http://127.0.0.1:4010/")
        );
        assert_eq!(options.seed_users, 5);
        assert_eq!(
            options.config.rate_limit,
            Some((10, Duration::from_secs(60)))
        );
    }

    #[test]
    fn refuses_bad_arguments_and_knows_help() {
        assert!(matches!(parse(&["--help"]), Ok(Command::Help)));
        assert!(parse(&["--port"]).is_err());
        assert!(parse(&["--port", "x"]).is_err());
        assert!(parse(&["--rate-limit", "10"]).is_err());
        assert!(parse(&["--rate-limit", "10/0"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
        assert!(parse(&["--public-url", "127.0.0.1:4010"]).is_err());
    }
}
