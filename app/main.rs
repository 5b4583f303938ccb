//! `findhjaelp`: serve the site, check content, draw the guide.

use clap::{Args, Parser, Subcommand};
use findhjaelp::i18n::I18n;
use findhjaelp::problem::Problem;
use findhjaelp::reload::{self, ContentSource};
use findhjaelp::web::{self, AppState, Limits};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "findhjaelp",
    version,
    about = "Find hjælp: one way in to help for children, young people and families"
)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve(ServeArgs),
    /// Check every content file and print each problem with its file and line.
    Check(ContentArg),
    /// Tools for the guide.
    #[command(subcommand)]
    Guide(GuideCommand),
}

#[derive(Subcommand)]
enum GuideCommand {
    /// Print the guide's whole flow as Graphviz DOT (render with `dot -Tsvg`).
    Graph {
        #[command(flatten)]
        content: ContentArg,
        /// Language of the texts in the graph.
        #[arg(long, default_value = "da", value_parser = ["da", "en"])]
        lang: String,
    },
}

#[derive(Args, Clone)]
struct ContentArg {
    /// A content folder (default: the built-in content).
    #[arg(long, value_name = "DIR")]
    content: Option<PathBuf>,
}

#[derive(Args, Clone)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:3000", value_name = "HOST:PORT")]
    addr: String,
    #[command(flatten)]
    content: ContentArg,
    /// Reload the content folder when a file changes (SIGHUP always reloads).
    #[arg(long, requires = "content")]
    watch: bool,
}

fn source(arg: &ContentArg) -> ContentSource {
    arg.content
        .clone()
        .map(ContentSource::Folder)
        .unwrap_or(ContentSource::Embedded)
}

fn print_problems(problems: &[Problem]) {
    for p in problems {
        eprintln!("{p}");
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    let i18n = match I18n::embedded() {
        Ok(i) => Arc::new(i),
        Err(e) => {
            eprintln!("the built-in translations are broken: {e}");
            return ExitCode::FAILURE;
        }
    };
    match cli.command {
        Some(Command::Check(arg)) => check(&source(&arg), i18n),
        Some(Command::Serve(args)) => serve(args, i18n),
        Some(Command::Guide(GuideCommand::Graph { content, lang })) => {
            graph(&source(&content), i18n, &lang)
        }
        None => serve(cli.serve, i18n),
    }
}

fn check(source: &ContentSource, i18n: Arc<I18n>) -> ExitCode {
    match source.build(i18n) {
        Ok(site) => {
            print_problems(&site.warnings);
            println!(
                "OK: {} sider, {} advarsler, ingen fejl",
                site.content.items.len(),
                site.warnings.len()
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(&problems);
            let errors = problems.iter().filter(|p| p.is_error()).count();
            println!("{errors} fejl skal rettes, før indholdet kan bruges");
            ExitCode::FAILURE
        }
    }
}

fn graph(source: &ContentSource, i18n: Arc<I18n>, lang: &str) -> ExitCode {
    match source.build(i18n) {
        Ok(site) => {
            print!("{}", site.guide.to_dot(lang));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(&problems);
            ExitCode::FAILURE
        }
    }
}

fn serve(args: ServeArgs, i18n: Arc<I18n>) -> ExitCode {
    let source = source(&args.content);
    let site = match source.build(i18n) {
        Ok(site) => site,
        Err(problems) => {
            print_problems(&problems);
            eprintln!(
                "the content has errors: fix them and start again (findhjaelp check shows them)"
            );
            return ExitCode::FAILURE;
        }
    };
    // One line, not one per warning: a new user sees the address, not a wall of text.
    if let Some(line) = findhjaelp::problem::summary(&site.warnings) {
        eprintln!("{line}");
    }
    reload::release_freed_memory();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let state = AppState::new(site);
        reload::reload_on_sighup(state.clone(), source.clone());
        let _watcher = match (&source, args.watch) {
            (ContentSource::Folder(dir), true) => match reload::watch(state.clone(), dir.clone()) {
                Ok(w) => Some(w),
                Err(e) => {
                    eprintln!("cannot watch {}: {e}", dir.display());
                    return ExitCode::FAILURE;
                }
            },
            _ => None,
        };
        let listener = match tokio::net::TcpListener::bind(&args.addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("cannot listen on {}: {e}", args.addr);
                return ExitCode::FAILURE;
            }
        };
        let addr = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or(args.addr.clone());
        // To stdout, not the log: the log never carries addresses.
        println!("Find hjælp: http://{addr}");
        match web::serve(listener, state, &Limits::default()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("server stopped: {e}");
                ExitCode::FAILURE
            }
        }
    })
}
