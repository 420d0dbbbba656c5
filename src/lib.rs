//! deboil strips scraper residue from web-page text and keeps every line of
//! the main text, byte for byte.
//!
//! A scraper that pulls all the visible text out of a page hands on the
//! article buried in residue: glued icon labels, media-player widgets,
//! menus, breadcrumbs, share bars, cookie and newsletter prompts, ad labels,
//! bylines, repeated titles, "related stories" rails, footers. deboil decides
//! for every line whether it is residue, using phrase and shape rules in
//! eleven families (see [`rules`]) and the line's context in its document,
//! and writes out the lines it keeps, unchanged (in a page whose texts the
//! scraper glued together, with a line break between two kept texts; see
//! [`Glue`]).
//!
//! # Quick start
//!
//! ```
//! let cleaner = deboil::Cleaner::new();
//! let page = "\
//! Skip to content
//! Share on Facebook
//! Poland wants NATO to move more troops closer to Russia
//!
//! Poland's president has suggested NATO should expand its presence in Eastern Europe, to defend friendly states.
//!
//! Advertisement
//! 0:00
//! © 2021 Example Media. All rights reserved.
//! ";
//! assert_eq!(
//!     cleaner.clean(page),
//!     "Poland wants NATO to move more troops closer to Russia\n\nPoland's president has suggested NATO should expand its presence in Eastern Europe, to defend friendly states.\n"
//! );
//! ```
//!
//! # Why each line went
//!
//! Every decision carries a [`Reason`] with a stable code (`family.rule`):
//!
//! ```
//! let cleaner = deboil::Cleaner::new();
//! for d in cleaner.decisions(b"Advertisement\nThe text itself.\n0:00 / 3:21\n") {
//!     println!("{} {:<20} line {}", if d.kept { '+' } else { '-' }, d.reason.code(), d.number);
//! }
//! let codes: Vec<_> = cleaner
//!     .decisions(b"Advertisement\nThe text itself.\n0:00 / 3:21\n")
//!     .iter()
//!     .map(|d| d.reason.code().to_string())
//!     .collect();
//! assert_eq!(codes, ["ads.label", "content.text", "player.timestamp"]);
//! ```
//!
//! # Streams and memory
//!
//! [`Cleaner::clean_stream`] reads any [`std::io::Read`] and writes any
//! [`std::io::Write`] with bounded memory: one document (text between two
//! form-feed lines) of up to 8 MiB is decided as a whole; a larger one is
//! decided in windows; a line longer than 1 MiB is kept and streamed
//! through. See [`stream`] for the bounds, and [`CleanerBuilder`] to change
//! them.
//!
//! ```
//! let cleaner = deboil::Cleaner::new();
//! let mut out = Vec::new();
//! let summary = cleaner.clean_stream(&b"Advertisement\nText.\n"[..], &mut out)?;
//! assert_eq!(out, b"Text.\n");
//! assert_eq!((summary.lines, summary.lines_kept), (2, 1));
//! # Ok::<(), deboil::Error>(())
//! ```
//!
//! A stream of many documents can be cleaned on several threads, the same
//! bytes in the same order: [`Cleaner::clean_stream_threads`] and
//! [`Cleaner::run_threads`] (see [`threaded`]).
//!
//! # Custom output
//!
//! [`Cleaner::run`] pushes every line and its decision to a [`Sink`]; the
//! clean text ([`sink::KeptText`]), the `--explain` listing
//! ([`sink::Explain`]) and statistics ([`sink::Stats`]) are sinks, and so
//! can be yours.
//!
//! # Rules of your own
//!
//! User rules share the built-in rules' file [format](rules::format) and
//! are tried first:
//!
//! ```
//! let cleaner = deboil::Cleaner::builder()
//!     .rules_text("house.rules", "[house/promo]\nprefix: today only\n\n[house/keep]\naction: keep\nline: Advertisement\n")
//!     .build()?;
//! let text = "The council approved the budget on Tuesday, after a long debate.\n";
//! let page = format!("Today only: 20% off\nAdvertisement\n{text}");
//! assert_eq!(cleaner.clean(&page), format!("Advertisement\n{text}"));
//! # Ok::<(), deboil::Error>(())
//! ```
//!
//! # Bad input
//!
//! Invalid UTF-8, NUL bytes, CRLF line ends, empty input and a last line
//! without a newline are all handled: decisions are made on a lossy reading
//! of the line, and kept lines are written with their original bytes.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod cleaner;
pub mod compress;
mod decide;
pub mod error;
pub mod features;
pub mod formats;
pub mod glue;
mod hash;
pub mod lang;
pub mod lines;
pub mod model;
pub mod normalize;
pub mod parallel;
pub mod reason;
pub mod rules;
mod same_lines;
pub mod sink;
pub mod stream;
mod swar;
#[cfg(test)]
mod test_rng;
pub mod threaded;

pub use cleaner::{Cleaner, CleanerBuilder, Glue, LineDecision, Mode};
pub use error::{Error, ErrorKind, Location};
pub use reason::Reason;
pub use sink::{LineOutcome, Piece, Sink};
pub use stream::Summary;
