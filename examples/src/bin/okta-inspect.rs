//! `okta-inspect`: a debugging tool for Okta integrations built on the Okta Rust SDK.

use std::process::ExitCode;

const HELP: &str = "\
okta-inspect: look at what the Okta Rust SDK sees

USAGE:
    okta-inspect <COMMAND>

COMMANDS:
    version     print the SDK version and the user agent it sends
    help        print this help

OPTIONS:
    -h, --help  print this help
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("help" | "-h" | "--help") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("version" | "-V" | "--version") => {
            println!("okta-inspect {}", env!("CARGO_PKG_VERSION"));
            println!("user agent: {}", okta_core::user_agent());
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("okta-inspect: unknown command {other:?}\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}
