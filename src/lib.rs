//! deboil: strips scraper residue from web-page text.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod cleaner;
mod decide;
pub mod error;
pub mod features;
pub mod lines;
pub mod normalize;
pub mod reason;
pub mod rules;
pub mod sink;
pub mod stream;

pub use cleaner::{Cleaner, CleanerBuilder, LineDecision};
pub use error::{Error, ErrorKind};
pub use reason::Reason;
pub use sink::{LineOutcome, Piece, Sink};
pub use stream::Summary;
