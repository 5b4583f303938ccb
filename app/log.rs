//! Where the server's log lines go: into memory first, and a background thread writes what
//! has gathered every 100 ms. A request only appends its line to a buffer; it never waits
//! for the disk and never wakes another thread (a channel per line, as in
//! `tracing_appender::non_blocking`, cost about a fifth of the throughput of a cached page
//! in `bench/pages`). No line is dropped: when much has gathered (a slow disk) the request
//! that finds it so writes it itself, and dropping the [`Flush`] guard writes the rest.

use std::io::Write;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the background thread writes.
const EVERY: Duration = Duration::from_millis(100);
/// Past this much, the writing request writes the buffer itself.
const AT_MOST: usize = 1 << 20;

type Out = Box<dyn Write + Send>;

struct Shared {
    gathered: Mutex<Vec<u8>>,
    out: Mutex<Out>,
}

impl Shared {
    /// Writes what has gathered (the buffer is swapped out first, so appending goes on).
    fn write_out(&self) {
        let lines = std::mem::take(&mut *lock(&self.gathered));
        if lines.is_empty() {
            return;
        }
        let mut out = lock(&self.out);
        // Nowhere left to report a failing log to; the server keeps serving.
        let _ = out.write_all(&lines).and_then(|()| out.flush());
    }
}

/// A poisoned lock only means a thread panicked while appending bytes: keep logging.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The writer `tracing_subscriber::fmt().with_writer(…)` takes.
#[derive(Clone)]
pub struct BufferedLog {
    shared: Arc<Shared>,
}

/// Writes the rest of the log when dropped (keep it alive until `main` returns).
pub struct Flush {
    shared: Arc<Shared>,
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// A buffered log over `out`, and the guard that writes its rest.
pub fn buffered(out: impl Write + Send + 'static) -> (BufferedLog, Flush) {
    let shared = Arc::new(Shared {
        gathered: Mutex::new(Vec::with_capacity(64 * 1024)),
        out: Mutex::new(Box::new(out)),
    });
    let (stop, stopped) = mpsc::channel::<()>();
    let writer = Arc::clone(&shared);
    let thread = std::thread::Builder::new()
        .name("log".into())
        .spawn(move || loop {
            let done = !matches!(stopped.recv_timeout(EVERY), Err(RecvTimeoutError::Timeout));
            writer.write_out();
            if done {
                break;
            }
        })
        .ok();
    let flush = Flush {
        shared: Arc::clone(&shared),
        stop: Some(stop),
        thread,
    };
    (BufferedLog { shared }, flush)
}

impl Drop for Flush {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.shared.write_out();
    }
}

impl Write for BufferedLog {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let full = {
            let mut gathered = lock(&self.shared.gathered);
            gathered.extend_from_slice(buf);
            gathered.len() >= AT_MOST
        };
        if full {
            self.shared.write_out();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for BufferedLog {
    type Writer = BufferedLog;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose bytes the test can read back.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_line_is_written_in_order_by_the_time_the_guard_is_dropped() {
        let sink = Sink::default();
        let (log, flush) = buffered(sink.clone());
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let mut log = log.clone();
                std::thread::spawn(move || {
                    for i in 0..5000 {
                        log.write_all(format!("{t} {i}\n").as_bytes()).unwrap();
                    }
                })
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
        drop(flush);
        let text = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert_eq!(text.lines().count(), 20_000);
        for t in 0..4 {
            let mine: Vec<usize> = text
                .lines()
                .filter_map(|l| l.strip_prefix(&format!("{t} ")))
                .map(|n| n.parse().unwrap())
                .collect();
            assert_eq!(mine, (0..5000).collect::<Vec<_>>(), "thread {t}");
        }
    }

    #[test]
    fn lines_are_written_while_the_server_runs() {
        let sink = Sink::default();
        let (mut log, _flush) = buffered(sink.clone());
        log.write_all(b"one line\n").unwrap();
        std::thread::sleep(EVERY * 5);
        assert_eq!(sink.0.lock().unwrap().as_slice(), b"one line\n");
    }
}
