//! The crate's error type.

use std::fmt;
use std::io;

/// An error from building a [`Cleaner`](crate::Cleaner) or from cleaning a
/// stream.
///
/// Its `Display` says what went wrong and where (file and line for rule
/// files).
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// What kind of error an [`Error`] is.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A rule file could not be parsed or compiled.
    Rules {
        /// The name of the rule source (a file name, or `built-in:FAMILY`).
        source: String,
        /// The 1-based line the problem is on.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A configuration value is out of range.
    Config(String),
    /// A record of a corpus file (a JSON line, a WARC record) is invalid.
    Record {
        /// The input's name (a file name, or `<stdin>`).
        source: String,
        /// Where in the input the record is.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// Reading input or writing output failed.
    Io(io::Error),
}

/// Where a record sits in its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// A 1-based line number (JSONL).
    Line(u64),
    /// A 1-based record number (WARC and WET; every record counts,
    /// `warcinfo` too).
    Record(u64),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Record(n) => write!(f, "record {n}"),
        }
    }
}

impl Error {
    /// What kind of error this is.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// True when this error is a broken pipe on output (the reader went
    /// away), which command-line tools conventionally treat as success.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(&self.kind, ErrorKind::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }

    pub(crate) fn rules(source: &str, line: usize, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Rules {
                source: source.to_string(),
                line,
                message: message.into(),
            },
        }
    }

    pub(crate) fn record(source: &str, location: Location, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Record {
                source: source.to_string(),
                location,
                message: message.into(),
            },
        }
    }

    pub(crate) fn config(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Config(message.into()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Rules {
                source,
                line,
                message,
            } => write!(f, "{source}:{line}: {message}"),
            ErrorKind::Config(m) => write!(f, "invalid configuration: {m}"),
            ErrorKind::Record {
                source,
                location: Location::Line(n),
                message,
            } => write!(f, "{source}:{n}: {message}"),
            ErrorKind::Record {
                source,
                location,
                message,
            } => write!(f, "{source}: {location}: {message}"),
            ErrorKind::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error {
            kind: ErrorKind::Io(e),
        }
    }
}
