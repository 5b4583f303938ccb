//! Gzip (RFC 1952) from memory to memory, with one deflate state per thread and level.
//! A deflate state is hundreds of kilobytes of tables: making a new one for each page
//! was a tenth of start-up time at 10,000 items, and for each answer made per request
//! (through tower-http's compression layer) about 3 % of a search's CPU time.

use flate2::{Compress, Compression, FlushCompress, Status};
use std::cell::RefCell;

/// How hard to compress.
#[derive(Clone, Copy)]
pub enum Level {
    /// Pages kept for a content version: compressed once, sent many times.
    Kept,
    /// Answers made per request: the fastest level (level 6 cost more CPU than the
    /// search itself, bench/RESULTS.md).
    Fast,
}

thread_local! {
    static KEPT: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(7), false));
    static FAST: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), false));
}

/// `bytes` gzipped. Deflating into a growing `Vec` cannot fail; if it ever did, the
/// result would be a truncated stream, so that is checked in debug builds.
pub fn gzip(bytes: &[u8], level: Level) -> Vec<u8> {
    // Magic, deflate, no flags, no time, no extra flags, unknown OS.
    let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    let state = match level {
        Level::Kept => &KEPT,
        Level::Fast => &FAST,
    };
    state.with(|cell| {
        let mut deflate = cell.borrow_mut();
        deflate.reset();
        loop {
            let read = deflate.total_in() as usize;
            out.reserve(bytes.len() / 4 + 64);
            match deflate.compress_vec(&bytes[read..], &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => break,
                Ok(_) => {}
                Err(e) => {
                    debug_assert!(false, "deflate into memory failed: {e}");
                    break;
                }
            }
        }
    });
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// One deflate state serves input after input, at either level: each comes back
    /// whole, as any gzip reader reads it.
    #[test]
    fn input_after_input_comes_back_whole() {
        let long: String = (0..20_000)
            .map(|i| format!("<p>linje {i} æøå</p>"))
            .collect();
        for level in [Level::Kept, Level::Fast] {
            for text in ["", "<!DOCTYPE html><p>Hej</p>", &long, &long] {
                let packed = gzip(text.as_bytes(), level);
                let mut back = String::new();
                flate2::read::GzDecoder::new(&packed[..])
                    .read_to_string(&mut back)
                    .unwrap();
                assert_eq!(back, text);
                assert!(packed.len() < text.len().max(64));
            }
        }
    }
}
