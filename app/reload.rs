//! Where content comes from, and swapping in a new snapshot only when it is valid.

use crate::i18n::I18n;
use crate::problem::{Problem, Warnings};
use crate::site::{self, LiveSite, Site};
use crate::source::{self, SourceFile};
use std::path::PathBuf;
use std::sync::Arc;

/// The content folder on disk, or the copy built into the binary.
#[derive(Debug, Clone)]
pub enum ContentSource {
    Embedded,
    Folder(PathBuf),
}

impl ContentSource {
    pub fn files(&self) -> Result<Vec<SourceFile>, Vec<Problem>> {
        match self {
            ContentSource::Embedded => Ok(source::embedded_files()),
            ContentSource::Folder(dir) => match source::read_folder(dir) {
                Err(e) => Err(vec![Problem::error(
                    dir.display().to_string(),
                    0,
                    format!("indholdsmappen kan ikke læses: {e}"),
                )]),
                Ok((files, unreadable)) if unreadable.is_empty() => Ok(files),
                Ok((_, unreadable)) => Err(unreadable
                    .into_iter()
                    .map(|(path, why)| Problem::error(path, 0, why))
                    .collect()),
            },
        }
    }

    /// Loads and checks everything; `Err` holds every problem when there are errors.
    pub fn build(&self, i18n: Arc<I18n>) -> Result<Site, Vec<Problem>> {
        self.build_with(i18n, Warnings::Listed)
    }

    /// Like [`ContentSource::build`], keeping the warnings or only counting them.
    pub fn build_with(&self, i18n: Arc<I18n>, warnings: Warnings) -> Result<Site, Vec<Problem>> {
        let files = self.files()?;
        Site::build_with(files, i18n, site::today(), warnings)
    }
}

/// Re-reads the content and swaps the new snapshot in whole, or keeps the old one.
/// Returns the number of warnings when the new content is live, or every problem when it
/// has errors (the site is then unchanged).
pub fn reload(state: &LiveSite, source: &ContentSource) -> Result<usize, Vec<Problem>> {
    let i18n = state.snapshot().i18n.clone();
    // Counted, not kept (`findhjaelp check` lists them): see `Warnings`.
    let built = source.build_with(i18n, Warnings::Counted);
    state.metrics.reloaded(built.is_ok());
    match built {
        Ok(mut site) => {
            let warnings = site.warning_tally.total;
            site.warnings = Vec::new();
            state.site.store(Arc::new(site));
            release_freed_memory();
            tracing::info!(target: "reload", warnings, "new content is live");
            Ok(warnings)
        }
        Err(problems) => {
            for p in problems.iter().filter(|p| p.is_error()) {
                tracing::error!(target: "reload", "{p}");
            }
            tracing::error!(target: "reload", "content has errors: still serving the last good version");
            Err(problems)
        }
    }
}

/// Reloads on SIGHUP (Unix), for as long as the server runs.
pub fn reload_on_sighup(state: LiveSite, source: ContentSource) {
    #[cfg(unix)]
    tokio::spawn(async move {
        use tokio::signal::unix::{signal, SignalKind};
        let Ok(mut hup) = signal(SignalKind::hangup()) else {
            return;
        };
        while hup.recv().await.is_some() {
            let (state, source) = (state.clone(), source.clone());
            let _ = tokio::task::spawn_blocking(move || reload(&state, &source)).await;
        }
    });
}

/// Watches the content folder and reloads after changes settle (editors save in bursts).
pub fn watch(state: LiveSite, dir: PathBuf) -> notify::Result<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = tx.send(());
        }
    })?;
    watcher.watch(&dir, RecursiveMode::Recursive)?;
    let source = ContentSource::Folder(dir);
    tokio::spawn(async move {
        while rx.recv().await.is_some() {
            // Let a burst of saves finish before reading the folder.
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            while rx.try_recv().is_ok() {}
            let (state, source) = (state.clone(), source.clone());
            let _ = tokio::task::spawn_blocking(move || reload(&state, &source)).await;
        }
    });
    Ok(watcher)
}

/// Building a snapshot frees much of what it allocated (on several threads), and a swap
/// frees the old snapshot; glibc keeps such memory in per-thread arenas unless asked to
/// give it back. (jemalloc gave more back but cost a third of the search throughput, and
/// mimalloc held more: bench/RESULTS.md §6.)
/// Large allocations (over 128 KiB: the search index's buffers, a big site's lists) get
/// their own pages from the OS and give them back when freed. glibc otherwise raises that
/// bar after the first large free (up to 32 MiB), and later large blocks land in the heap
/// between long-lived ones, where a reload's freed snapshot leaves holes it cannot return:
/// at 10,000 items three reloads grew the process by 8 MB more (`bench/search`).
pub fn keep_large_allocations_apart() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the OS; it has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}
