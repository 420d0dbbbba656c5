//! The progress line the `deboil` command draws on standard error (part of
//! the command, not of the library).

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How often the line is redrawn at most.
const EVERY: Duration = Duration::from_millis(200);

/// A reader that counts the bytes read through it (before any
/// decompression, so they compare with file sizes).
pub struct Counting<R> {
    pub inner: R,
    pub count: Arc<AtomicU64>,
}

impl<R: std::io::Read> std::io::Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A progress line: bytes read (of the total, when the inputs are files),
/// documents, documents per second, MB/s and the time left.
pub struct Progress {
    enabled: bool,
    start: Instant,
    last: Option<Instant>,
    total: Option<u64>,
    pub bytes: Arc<AtomicU64>,
    drawn: bool,
}

impl Progress {
    /// A progress line, drawn only when `enabled`; `total` is the input's
    /// size in bytes, when known.
    pub fn new(enabled: bool, total: Option<u64>) -> Progress {
        Progress {
            enabled,
            start: Instant::now(),
            last: None,
            total,
            bytes: Arc::new(AtomicU64::new(0)),
            drawn: false,
        }
    }

    /// Redraws the line if it is time to.
    pub fn tick(&mut self, documents: u64) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if self.last.is_some_and(|last| now - last < EVERY) {
            return;
        }
        if self.last.is_none() && now - self.start < EVERY {
            return;
        }
        self.last = Some(now);
        let line = self.line(documents, now - self.start);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line}\x1b[K");
        let _ = err.flush();
        self.drawn = true;
    }

    fn line(&self, documents: u64, elapsed: Duration) -> String {
        let bytes = self.bytes.load(Ordering::Relaxed);
        let secs = elapsed.as_secs_f64().max(1e-3);
        let rate = bytes as f64 / secs;
        let docs = format!(
            "{documents} docs  {:.0} docs/s  {}/s",
            documents as f64 / secs,
            size(rate)
        );
        match self.total {
            Some(total) if total > 0 => {
                let done = (bytes as f64 / total as f64).min(1.0);
                let filled = (done * 20.0) as usize;
                let bar: String = (0..20)
                    .map(|i| if i < filled { '#' } else { '.' })
                    .collect();
                let eta = if rate > 0.0 && bytes > 0 {
                    clock(total.saturating_sub(bytes) as f64 / rate)
                } else {
                    "?".to_string()
                };
                format!(
                    "[{bar}] {:>3.0}% {}/{}  {docs}  ETA {eta}",
                    done * 100.0,
                    size(bytes as f64),
                    size(total as f64)
                )
            }
            _ => format!("{}  {docs}", size(bytes as f64)),
        }
    }

    /// Prints a message on a line of its own, above the progress line.
    pub fn message(&mut self, text: &str) {
        self.clear();
        let _ = writeln!(std::io::stderr().lock(), "{text}");
    }

    /// Clears the line.
    pub fn clear(&mut self) {
        if self.drawn {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
            self.drawn = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

/// A size in bytes, with a decimal unit.
fn size(bytes: f64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"];
    let mut v = bytes;
    let mut unit = 0;
    while v >= 1000.0 && unit + 1 < units.len() {
        v /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{v:.0} B")
    } else {
        format!("{v:.1} {}", units[unit])
    }
}

/// Seconds as `1h02m`, `3m05s` or `42s`.
fn clock(seconds: f64) -> String {
    let s = seconds.round() as u64;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m{:02}s", s / 60, s % 60),
        _ => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(size(999.0), "999 B");
        assert_eq!(size(1_234_567.0), "1.2 MB");
        assert_eq!(clock(42.4), "42s");
        assert_eq!(clock(185.0), "3m05s");
        assert_eq!(clock(3720.0), "1h02m");
        let p = Progress::new(false, Some(2000));
        p.bytes.store(1000, Ordering::Relaxed);
        let line = p.line(10, Duration::from_secs(2));
        assert!(
            line.starts_with("[##########..........]  50% 1.0 kB/2.0 kB  10 docs  5 docs/s"),
            "{line}"
        );
        assert!(line.ends_with("ETA 2s"), "{line}");
    }
}
