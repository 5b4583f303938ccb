//! `findhjaelp`: serve the site, check content, draw the guide.

use clap::{Args, Parser, Subcommand};
use findhjaelp::cases;
use findhjaelp::content::model::Lang;
use findhjaelp::i18n::I18n;
use findhjaelp::problem::{Problem, Warnings};
use findhjaelp::reload::{self, ContentSource};
use findhjaelp::site::Site;
use findhjaelp::triage;
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
        #[arg(long, default_value = "da")]
        lang: String,
    },
    /// Show why the chat answers a message as it does: the acute category, the rules and
    /// examples behind it, and where it sends the person.
    Explain {
        /// The message, as someone would write it.
        text: String,
        #[command(flatten)]
        content: ContentArg,
        #[arg(long, default_value = "da")]
        lang: String,
    },
    /// Score a case file (the columns of ../shared/eval/dev-guide.tsv; see app/cases.rs).
    Test {
        /// The TSV file with the cases.
        file: PathBuf,
        #[command(flatten)]
        content: ContentArg,
        /// How many recommendations count.
        #[arg(long, default_value_t = 3)]
        top: usize,
        /// Exit with an error when fewer than this share of the cases pass (0–1).
        #[arg(long, default_value_t = 0.0)]
        min: f64,
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
    /// Serve Prometheus metrics at http://HOST:PORT/metrics (off unless given; keep it
    /// on an internal address, e.g. 127.0.0.1:9184).
    #[arg(long, value_name = "HOST:PORT")]
    metrics_addr: Option<String>,
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
    reload::keep_large_allocations_apart();
    // Log lines gather in memory and a background thread writes them (app/log.rs); the
    // guard writes what is left when main returns.
    let (log_writer, _log_guard) = findhjaelp::log::buffered(std::io::stderr());
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(log_writer)
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
    let serving = matches!(cli.command, None | Some(Command::Serve(_)));
    if !serving {
        // The tools print for people and pipes (`findhjaelp check | head`): a closed pipe
        // ends them quietly, as it ends other command-line tools, instead of a panic.
        #[cfg(unix)]
        // SAFETY: restores the default action of one signal before any thread starts.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    match cli.command {
        Some(Command::Check(arg)) => check(&source(&arg), i18n),
        Some(Command::Serve(args)) => serve(args, i18n),
        Some(Command::Guide(GuideCommand::Graph { content, lang })) => {
            graph(&source(&content), i18n, &lang)
        }
        Some(Command::Guide(GuideCommand::Explain {
            text,
            content,
            lang,
        })) => explain(&source(&content), i18n, &text, &lang),
        Some(Command::Guide(GuideCommand::Test {
            file,
            content,
            top,
            min,
        })) => test_cases(&source(&content), i18n, &file, top, min),
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

fn explain(source: &ContentSource, i18n: Arc<I18n>, text: &str, lang: &str) -> ExitCode {
    let site = match source.build(i18n) {
        Ok(site) => site,
        Err(problems) => {
            print_problems(&problems);
            return ExitCode::FAILURE;
        }
    };
    let Some(lang) = served(&site, lang) else {
        return ExitCode::FAILURE;
    };
    let t = triage::explained(&site, text);
    for line in site.safety.explain(&t.screening) {
        println!("{line}");
    }
    println!("guide: {:?}", t.reply.how);
    for line in site.guide.explain(&t.message) {
        println!("  {line}");
    }
    let reply = findhjaelp::web::guide::guide_reply(&site, lang, &t);
    let slugs: Vec<&str> = reply
        .recommendations
        .iter()
        .map(|r| r.slug.as_str())
        .collect();
    println!("svar: {}", slugs.join(", "));
    if let Some(q) = &reply.question {
        println!("spørger: {} ({})", q.text, q.id);
    }
    ExitCode::SUCCESS
}

/// A language the site serves, or a message on stderr naming the served ones.
fn served(site: &Site, code: &str) -> Option<Lang> {
    let languages = &site.content.site.languages;
    let found = languages.by_code(code);
    if found.is_none() {
        let codes: Vec<&str> = languages.langs().map(Lang::code).collect();
        eprintln!(
            "sproget \"{code}\" findes ikke på sitet; brug et af: {}",
            codes.join(", ")
        );
    }
    found
}

fn test_cases(
    source: &ContentSource,
    i18n: Arc<I18n>,
    file: &PathBuf,
    top: usize,
    min: f64,
) -> ExitCode {
    let site = match source.build(i18n) {
        Ok(site) => site,
        Err(problems) => {
            print_problems(&problems);
            return ExitCode::FAILURE;
        }
    };
    let cases = match std::fs::read_to_string(file)
        .map_err(|e| e.to_string())
        .and_then(|t| cases::parse(&t))
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            return ExitCode::FAILURE;
        }
    };
    if cases.iter().any(|c| served(&site, &c.lang).is_none()) {
        return ExitCode::FAILURE;
    }
    let report = cases::score(&cases, top, |case| {
        let lang = served(&site, &case.lang).unwrap_or(Lang::DEFAULT);
        let t = triage::triage(&site, &case.text);
        let reply = findhjaelp::web::guide::guide_reply(&site, lang, &t);
        cases::Answer {
            slugs: reply.recommendations.into_iter().map(|r| r.slug).collect(),
            acute: reply.acute,
            category: reply.acute_category,
        }
    });
    print!("{}", report.text(&file.display().to_string()));
    if report.ratio() + 1e-9 >= min {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn serve(args: ServeArgs, i18n: Arc<I18n>) -> ExitCode {
    let source = source(&args.content);
    let mut site = match source.build_with(i18n, Warnings::Counted) {
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
    if let Some(line) = site.warning_tally.summary() {
        eprintln!("{line}");
    }
    site.warnings = Vec::new();
    reload::release_freed_memory();
    if std::env::var_os("FINDHJAELP_MALLOC_STATS").is_some() {
        // SAFETY: malloc_stats only prints the allocator's counters to stderr.
        unsafe { libc::malloc_stats() };
    }
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
        let listener = match web::listen(&args.addr) {
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
        if let Some(metrics_addr) = &args.metrics_addr {
            let listener = match tokio::net::TcpListener::bind(metrics_addr).await {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("cannot listen on {metrics_addr} for metrics: {e}");
                    return ExitCode::FAILURE;
                }
            };
            if let Ok(a) = listener.local_addr() {
                println!("Metrics: http://{a}/metrics");
            }
            let metrics = findhjaelp::web::metrics::router(state.clone());
            // Ends with the process: the site's own shutdown decides when that is.
            tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, metrics).await {
                    tracing::error!("metrics server stopped: {e}");
                }
            });
        }
        match web::serve_on_every_core(listener, state, Limits::default()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("server stopped: {e}");
                ExitCode::FAILURE
            }
        }
    })
}
