//! Times the search without HTTP: how long a content folder takes to load (the whole site
//! snapshot, search index included) and how long each query takes, best of seven runs.
//!
//! ```sh
//! bench/gen-corpus 10000 /tmp/corpus-10k          # a synthetic folder of 10,000 items
//! cargo run --release --example search_timing -- /tmp/corpus-10k bench/queries.txt
//! cargo run --release --example search_timing -- content          # built-in queries
//! ```
//!
//! The HTTP numbers (requests per second under load) come from `bench/search`.

use findhjaelp::content::model::Lang;
use findhjaelp::i18n::I18n;
use findhjaelp::search::SearchQuery;
use findhjaelp::site::{today, Site};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A mix of one-word, two-word, typo, prefix, compound and synonym queries.
const QUERIES: &[&str] = &[
    "psykisk mistrivsel",
    "behandling uden henvisning",
    "hedspace",
    "psyk",
    "boern",
    "familieraadslagning",
    "joint",
    "ked af det",
    "pædagogisk psykologisk rådgivning",
    "støtte kontaktperson",
    "forældrekursus",
    "klagefrist",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: search_timing CONTENT_DIR [QUERIES_FILE]");
        std::process::exit(2);
    };
    let queries: Vec<String> = match args.next() {
        Some(file) => std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{file}: {e}"))
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect(),
        None => QUERIES.iter().map(|q| q.to_string()).collect(),
    };
    let (files, unreadable) =
        findhjaelp::source::read_folder(dir.as_ref()).unwrap_or_else(|e| panic!("{dir}: {e}"));
    assert!(unreadable.is_empty(), "unreadable files: {unreadable:?}");
    let i18n = Arc::new(I18n::embedded().expect("built-in translations"));
    let started = Instant::now();
    let site = match Site::build(files, i18n, today()) {
        Ok(site) => site,
        Err(problems) => {
            for p in problems.iter().filter(|p| p.is_error()) {
                eprintln!("{p}");
            }
            std::process::exit(1);
        }
    };
    println!(
        "{} items, {} search documents: site built in {:.2?}",
        site.content.items.len(),
        site.search.len(),
        started.elapsed()
    );
    let mut times = Vec::with_capacity(queries.len());
    for q in &queries {
        let query = SearchQuery {
            text: q.clone(),
            lang: Lang::DEFAULT,
            limit: 20,
            ..Default::default()
        };
        let mut best = Duration::MAX;
        let mut total = 0;
        for _ in 0..7 {
            let t = Instant::now();
            total = site.search.search(&query).total;
            best = best.min(t.elapsed());
        }
        println!("{best:>10.2?}  {total:>6} hits  {q}");
        times.push(best);
    }
    times.sort();
    if let (Some(median), Some(max)) = (times.get(times.len() / 2), times.last()) {
        println!(
            "median {median:.2?}, slowest {max:.2?} over {} queries",
            times.len()
        );
    }
}
