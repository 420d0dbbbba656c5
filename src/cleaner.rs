//! The public pipeline: [`CleanerBuilder`] → [`Cleaner`].

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::decide::Decider;
use crate::model::{Decision, Forest, SHIPPED_FOREST};

use crate::error::Error;
use crate::lang::Language;
use crate::reason::{self, Reason, ReasonId};
use crate::rules::{RuleSet, format};
use crate::sink::{KeptText, LineOutcome, Sink};
use crate::stream::{CHUNK, Engine, Summary};

/// Default [`CleanerBuilder::document_cap`]: 8 MiB.
pub const DEFAULT_DOCUMENT_CAP: usize = 8 << 20;
/// Default [`CleanerBuilder::line_cap`]: 1 MiB.
pub const DEFAULT_LINE_CAP: usize = 1 << 20;
/// Default [`CleanerBuilder::window_lines`]: 32,768 lines (each line's record
/// and features take about 150 bytes while its window is decided).
pub const DEFAULT_WINDOW_LINES: usize = 1 << 15;

/// How readily lines are dropped: a trade between keeping residue and
/// losing text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The best balance of precision and recall (the default).
    #[default]
    Balanced,
    /// For when losing text is worse than keeping residue: rules, and the
    /// scorer with the decision the forest names for this mode (chosen by
    /// the training so that no more documents lose text than 1.5 times as
    /// many as with no cleaning at all, sites held out). The rules and the
    /// context rules only advise: the scorer, which reads their verdicts
    /// as features, decides the lines they would drop (keep rules and the
    /// title still stand). With a forest that names no decision for this
    /// mode: rules and context rules, no scorer.
    Conservative,
    /// Drops more residue, at the risk of losing some text.
    Aggressive,
}

impl std::str::FromStr for Mode {
    type Err = Error;

    fn from_str(s: &str) -> Result<Mode, Error> {
        match s {
            "balanced" => Ok(Mode::Balanced),
            "conservative" => Ok(Mode::Conservative),
            "aggressive" => Ok(Mode::Aggressive),
            other => Err(Error::config(format!(
                "unknown mode '{other}' (expected balanced, conservative or aggressive)"
            ))),
        }
    }
}

/// What is decided for lines glued together from several texts
/// (`HomeNewsSportThe mayor said…`, or a whole page on one line with its
/// texts apart only by runs of spaces; see [`crate::glue`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Glue {
    /// Each line is decided whole, as it is.
    Lines,
    /// Each glued text (unit) of a line is decided on its own; the kept
    /// units' bytes are written as they are, then the line's terminator:
    /// nothing is inserted, the output is made of the input's bytes.
    Units,
    /// As [`Glue::Units`], and a line break is written between two kept
    /// units of a line, so that each unit becomes a line of its own.
    Break,
    /// The default: as [`Glue::Break`] in a document whose texts are glued
    /// together throughout, as `get_text()` glues a page's (at least
    /// [`GLUED_JOINS_PER_THOUSAND_WORDS`](crate::glue::GLUED_JOINS_PER_THOUSAND_WORDS)
    /// joins per thousand words), and as [`Glue::Units`] in any other, so
    /// that two kept texts of a glued page are not written as one word
    /// (`FitBlack`) while the names of a page scraped one text per line
    /// (`SyntaxError`, `MacBook`) stay whole. A document too large to hold
    /// is judged window by window.
    #[default]
    Auto,
}

impl std::str::FromStr for Glue {
    type Err = Error;

    fn from_str(s: &str) -> Result<Glue, Error> {
        match s {
            "lines" => Ok(Glue::Lines),
            "units" => Ok(Glue::Units),
            "break" => Ok(Glue::Break),
            "auto" => Ok(Glue::Auto),
            other => Err(Error::config(format!(
                "unknown glue setting '{other}' (expected lines, units, break or auto)"
            ))),
        }
    }
}

/// Validated settings of a [`Cleaner`].
#[derive(Clone, Debug)]
pub(crate) struct Config {
    pub separator: Option<Vec<u8>>,
    pub document_cap: usize,
    pub line_cap: usize,
    pub window_lines: usize,
    pub glue: Glue,
    /// The language of every document, when given.
    pub language: Option<Language>,
    /// The scorer decides the lines the rules and the context rules would
    /// drop; their verdicts only advise it (conservative mode).
    pub rules_advise: bool,
}

impl Config {
    /// The most bytes the document buffer may ever need.
    pub(crate) fn buffer_bound(&self) -> usize {
        self.document_cap + self.line_cap + 2 * CHUNK
    }
}

/// Everything a cleaner shares between threads.
#[derive(Debug)]
pub(crate) struct Inner {
    pub rules: RuleSet,
    /// The learned scorer and the decision rule in force, when the
    /// forest has trees.
    pub model: Option<(Arc<Forest>, Decision)>,
    pub reasons: Vec<Reason>,
    pub config: Config,
}

impl Inner {
    pub(crate) fn reason(&self, id: ReasonId) -> &Reason {
        &self.reasons[id.0 as usize]
    }

    pub(crate) fn decider(&self) -> Decider<'_> {
        match &self.model {
            Some((forest, decision)) => Decider::Model {
                forest,
                decision: *decision,
                rules_advise: self.config.rules_advise,
            },
            None => Decider::Rules,
        }
    }
}

/// The shipped forest, parsed once per process.
fn shipped_forest() -> Option<Arc<Forest>> {
    static FOREST: OnceLock<Option<Arc<Forest>>> = OnceLock::new();
    FOREST
        .get_or_init(|| {
            let forest = Forest::parse("src/model/forest.txt", SHIPPED_FOREST)
                .expect("the shipped forest parses");
            (forest.trees() > 0).then(|| Arc::new(forest))
        })
        .clone()
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Balanced => "balanced",
            Mode::Conservative => "conservative",
            Mode::Aggressive => "aggressive",
        }
    }
}

#[derive(Clone, Debug)]
enum RuleSource {
    File(PathBuf),
    Text { name: String, text: String },
}

/// Builds a [`Cleaner`]. Setting options cannot fail; everything that can
/// (reading and compiling rule files) fails once, in [`build`](Self::build).
///
/// ```
/// let cleaner = deboil::Cleaner::builder()
///     .rules_text("my.rules", "[ads/house]\nline: Our sponsors\n")
///     .build()?;
/// assert_eq!(cleaner.clean("Our sponsors\nThe text.\n"), "The text.\n");
/// # Ok::<(), deboil::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct CleanerBuilder {
    sources: Vec<RuleSource>,
    builtin: bool,
    separator: Option<Vec<u8>>,
    document_cap: usize,
    line_cap: usize,
    window_lines: usize,
    mode: Mode,
    decision: Option<Decision>,
    forest: Option<RuleSource>,
    glue: Glue,
    language: String,
}

impl Default for CleanerBuilder {
    fn default() -> Self {
        CleanerBuilder {
            mode: Mode::Balanced,
            decision: None,
            forest: None,
            language: String::from("auto"),
            sources: Vec::new(),
            builtin: true,
            separator: Some(b"\x0c".to_vec()),
            document_cap: DEFAULT_DOCUMENT_CAP,
            line_cap: DEFAULT_LINE_CAP,
            window_lines: DEFAULT_WINDOW_LINES,
            glue: Glue::Auto,
        }
    }
}

impl CleanerBuilder {
    /// A builder with the defaults: built-in rules, form-feed document
    /// separator, 8 MiB document cap, 1 MiB line cap.
    pub fn new() -> CleanerBuilder {
        CleanerBuilder::default()
    }

    /// Adds a rule file (see [`rules::format`](crate::rules::format)). User
    /// rules are tried before the built-in ones, in the order added.
    pub fn rules_file(&mut self, path: impl AsRef<Path>) -> &mut CleanerBuilder {
        self.sources
            .push(RuleSource::File(path.as_ref().to_path_buf()));
        self
    }

    /// Adds rules from text; `name` stands for the file name in errors.
    pub fn rules_text(&mut self, name: &str, text: &str) -> &mut CleanerBuilder {
        self.sources.push(RuleSource::Text {
            name: name.to_string(),
            text: text.to_string(),
        });
        self
    }

    /// Whether the built-in rule families are used (default: true).
    pub fn builtin_rules(&mut self, yes: bool) -> &mut CleanerBuilder {
        self.builtin = yes;
        self
    }

    /// The content of the line that separates documents in a plain-text
    /// stream (default: a single form feed, `"\x0c"`); `None` makes the
    /// whole input one document. Separator lines pass through unchanged.
    pub fn document_separator(&mut self, separator: Option<&[u8]>) -> &mut CleanerBuilder {
        self.separator = separator.map(<[u8]>::to_vec);
        self
    }

    /// The most bytes of one document decided as a whole (default 8 MiB).
    /// A larger document is decided in consecutive windows of this size,
    /// with bounded memory; its lines are marked as windowed.
    pub fn document_cap(&mut self, bytes: usize) -> &mut CleanerBuilder {
        self.document_cap = bytes;
        self
    }

    /// The longest line that is buffered and decided (default 1 MiB). A
    /// longer line is kept and streamed through in pieces.
    pub fn line_cap(&mut self, bytes: usize) -> &mut CleanerBuilder {
        self.line_cap = bytes;
        self
    }

    /// The most lines of one document decided as a whole (default 32,768).
    pub fn window_lines(&mut self, lines: usize) -> &mut CleanerBuilder {
        self.window_lines = lines;
        self
    }

    /// How lines glued together from several texts are decided and
    /// written (default [`Glue::Auto`]: each text on its own, a line break
    /// between two kept texts only in a document glued throughout).
    /// Lines longer than the line cap are never split.
    pub fn glue(&mut self, glue: Glue) -> &mut CleanerBuilder {
        self.glue = glue;
        self
    }

    /// How readily lines are dropped (default [`Mode::Balanced`]).
    pub fn mode(&mut self, mode: Mode) -> &mut CleanerBuilder {
        self.mode = mode;
        self
    }

    /// For experts: the score threshold, between 0 and 1, under which a
    /// line is dropped in every document; overrides the mode's decision
    /// (and an earlier [`CleanerBuilder::beta`]).
    pub fn threshold(&mut self, threshold: f32) -> &mut CleanerBuilder {
        self.decision = Some(Decision::Threshold(threshold));
        self
    }

    /// For experts: decide each document by the expected F-beta of its
    /// scored lines (see [`Decision::ExpectedF`]); beta above 1 keeps more
    /// (recall counts more), below 1 keeps less. Overrides the mode's
    /// decision (and an earlier [`CleanerBuilder::threshold`]).
    pub fn beta(&mut self, beta: f32) -> &mut CleanerBuilder {
        self.decision = Some(Decision::ExpectedF { beta });
        self
    }

    /// For experts: a forest of your own (trained by `scripts/train.py`)
    /// instead of the shipped one. A file whose forest has no trees (a
    /// header alone) turns the scorer off: the rules and the context
    /// passes decide alone, about twice as fast and far less accurate
    /// (`benches/PROFILE.md`).
    pub fn forest_file(&mut self, path: impl AsRef<Path>) -> &mut CleanerBuilder {
        self.forest = Some(RuleSource::File(path.as_ref().to_path_buf()));
        self
    }

    /// The language of the documents, as an ISO 639-1 code (`"en"`,
    /// `"de"`, `"zh"`; ISO 639-3 codes such as `"deu"` are accepted too),
    /// or `"auto"` (the default) to guess it per document from a sample of
    /// its text. The language decides which stopword list the scorer's
    /// stopword features use; see [`lang`](crate::lang).
    ///
    /// ```
    /// let cleaner = deboil::Cleaner::builder().language("fr").build()?;
    /// # let _ = cleaner;
    /// assert!(deboil::Cleaner::builder().language("xx").build().is_err());
    /// # Ok::<(), deboil::Error>(())
    /// ```
    pub fn language(&mut self, code: &str) -> &mut CleanerBuilder {
        self.language = code.to_string();
        self
    }

    /// Reads and compiles the rules and checks the settings.
    ///
    /// # Errors
    ///
    /// A rule file that cannot be read or parsed (the error names the file
    /// and line), an invalid regex, a cap of zero, or an unknown language.
    pub fn build(&self) -> Result<Cleaner, Error> {
        let language = match self.language.trim() {
            "" | "auto" => None,
            code => Some(code.parse::<Language>()?),
        };
        if self.document_cap == 0 || self.line_cap == 0 || self.window_lines == 0 {
            return Err(Error::config(
                "document cap, line cap and window lines must be at least 1",
            ));
        }
        if let Some(decision) = &self.decision {
            decision.validate().map_err(Error::config)?;
        }
        if self.separator.as_ref().is_some_and(|s| s.contains(&b'\n')) {
            return Err(Error::config(
                "the document separator cannot contain a newline",
            ));
        }
        let mut specs = Vec::new();
        for source in &self.sources {
            match source {
                RuleSource::File(path) => {
                    let name = path.display().to_string();
                    let text = std::fs::read_to_string(path)
                        .map_err(|e| Error::config(format!("cannot read rule file {name}: {e}")))?;
                    specs.extend(format::parse(&name, &text)?);
                }
                RuleSource::Text { name, text } => specs.extend(format::parse(name, text)?),
            }
        }
        // The forest is read on a second thread while the rules compile.
        let load_forest = || -> Result<Option<Arc<Forest>>, Error> {
            match &self.forest {
                None => Ok(shipped_forest()),
                Some(source) => {
                    let (name, text) = read_source(source)?;
                    let forest = Forest::parse(&name, &text)?;
                    if forest.features() != crate::model::N_FEATURES {
                        return Err(Error::config(format!(
                            "{name}: the forest expects {} features, deboil computes {}",
                            forest.features(),
                            crate::model::N_FEATURES
                        )));
                    }
                    Ok((forest.trees() > 0).then(|| Arc::new(forest)))
                }
            }
        };
        let (forest, rules) = crate::parallel::beside("deboil-forest", &load_forest, || {
            RuleSet::compile(&specs, self.builtin)
        });
        let rules = rules?;
        // Conservative mode scores only with a decision made for it (its
        // own, or one given), and otherwise leaves the scorer out.
        let forest = forest?.filter(|f| {
            self.mode != Mode::Conservative
                || self.decision.is_some()
                || f.mode_decision(self.mode.name()).is_some()
        });
        if reason::CONTEXT_REASONS.len() + rules.rules().len() > u16::MAX as usize {
            return Err(Error::config("too many rules (at most 65,000)"));
        }
        let names = reason::CONTEXT_REASONS
            .iter()
            .map(|(family, name, _)| (*family, *name))
            .chain(rules.rules().iter().map(|r| (r.family(), r.name())));
        let reasons: Vec<Reason> = names
            .enumerate()
            .map(|(id, (family, name))| Reason::new(id, family, name))
            .collect();
        let model = forest.map(|forest| {
            let decision = self
                .decision
                .or_else(|| forest.mode_decision(self.mode.name()))
                .unwrap_or(Decision::Threshold(0.5));
            (forest, decision)
        });
        Ok(Cleaner {
            inner: Arc::new(Inner {
                model,
                rules,
                reasons,
                config: Config {
                    separator: self.separator.clone(),
                    document_cap: self.document_cap,
                    line_cap: self.line_cap,
                    window_lines: self.window_lines,
                    glue: self.glue,
                    language,
                    rules_advise: self.mode == Mode::Conservative,
                },
            }),
        })
    }
}

fn read_source(source: &RuleSource) -> Result<(String, String), Error> {
    match source {
        RuleSource::File(path) => {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::config(format!("cannot read {name}: {e}")))?;
            Ok((name, text))
        }
        RuleSource::Text { name, text } => Ok((name.clone(), text.clone())),
    }
}

/// Strips residue from scraped web-page text.
///
/// A `Cleaner` is immutable once built; cloning it is cheap (it is
/// reference-counted) and it can be shared between threads.
///
/// ```
/// let cleaner = deboil::Cleaner::new();
/// let page = "Advertisement\nThe council approved the new budget on Tuesday, after a debate that lasted more than six hours.\n0:00\n";
/// assert_eq!(
///     cleaner.clean(page),
///     "The council approved the new budget on Tuesday, after a debate that lasted more than six hours.\n"
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Cleaner {
    pub(crate) inner: Arc<Inner>,
}

impl Default for Cleaner {
    fn default() -> Self {
        Cleaner::new()
    }
}

/// One line of a document (or one unit of a glued line, see
/// [`Glue::Units`]) and the decision made for it, as returned by
/// [`Cleaner::decisions`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineDecision<'c> {
    /// 1-based line number.
    pub number: u64,
    /// Byte range of the line (or unit) in the input, terminator included.
    pub range: std::ops::Range<usize>,
    /// Whether the line is kept.
    pub kept: bool,
    /// Why.
    pub reason: &'c Reason,
}

impl Cleaner {
    /// A cleaner with the default settings and the built-in rules.
    pub fn new() -> Cleaner {
        CleanerBuilder::new()
            .build()
            .expect("the built-in rules compile")
    }

    /// A builder for a cleaner with other settings or user rules.
    pub fn builder() -> CleanerBuilder {
        CleanerBuilder::new()
    }

    /// Cleans `text` and returns the kept lines.
    pub fn clean(&self, text: &str) -> String {
        let mut out = Vec::with_capacity(text.len());
        self.clean_into(text.as_bytes(), &mut out);
        // Kept lines are whole lines of valid UTF-8 input.
        String::from_utf8(out).expect("whole lines of UTF-8 are UTF-8")
    }

    /// Cleans `input` (any bytes) and returns the kept lines' bytes.
    pub fn clean_bytes(&self, input: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(input.len());
        self.clean_into(input, &mut out);
        out
    }

    /// Cleans `input` and appends the kept lines' bytes to `out`.
    pub fn clean_into(&self, input: &[u8], out: &mut Vec<u8>) {
        let mut sink = KeptText::new(out);
        self.run(input, &mut sink)
            .expect("reading a slice and writing a Vec cannot fail");
    }

    /// Cleans a stream: reads `input` to its end and writes the kept lines
    /// to `output`, with bounded memory (see [`stream`](crate::stream)).
    ///
    /// # Errors
    ///
    /// Errors reading `input` or writing `output`. What was written before
    /// the error is whole lines.
    pub fn clean_stream<R: Read, W: Write>(&self, input: R, output: W) -> Result<Summary, Error> {
        let mut sink = KeptText::new(output);
        let summary = self.run(input, &mut sink)?;
        sink.into_inner().flush()?;
        Ok(summary)
    }

    /// Cleans a stream and sends every line with its decision to `sink`.
    ///
    /// # Errors
    ///
    /// Errors reading `input`, and errors the sink returns.
    pub fn run<R: Read, S: Sink>(&self, input: R, mut sink: S) -> Result<Summary, Error> {
        Engine::new(&self.inner).run(input, &mut sink)
    }

    /// [`Cleaner::clean_stream`] on `threads` worker threads (0: one per
    /// core), a document at a time: the same bytes out, in order. Only
    /// input cut into documents by the separator line gains; see
    /// [`threaded`](crate::threaded) for how, and for the memory it takes.
    ///
    /// ```
    /// let cleaner = deboil::Cleaner::new();
    /// let input = "Advertisement\nText.\n\x0c\nShare on Facebook\nMore text.\n".repeat(50);
    /// let mut out = Vec::new();
    /// cleaner.clean_stream_threads(input.as_bytes(), &mut out, 2)?;
    /// assert_eq!(out, cleaner.clean_bytes(input.as_bytes()));
    /// # Ok::<(), deboil::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Errors reading `input` or writing `output`. What was written before
    /// the error is whole lines.
    pub fn clean_stream_threads<R: Read + Send, W: Write>(
        &self,
        input: R,
        mut output: W,
        threads: usize,
    ) -> Result<Summary, Error> {
        let summary = self.run_threads(
            input,
            threads,
            || KeptText::new(Vec::new()),
            |part| output.write_all(part.get_ref()),
        )?;
        output.flush()?;
        Ok(summary)
    }

    /// [`Cleaner::run`] on `threads` worker threads (0: one per core), a
    /// document at a time. Each worker sends a document's lines to a sink
    /// `make` made for it, which keeps what it is given
    /// ([`Collect`](crate::threaded::Collect)); `take` then gets those
    /// sinks on the calling thread, in input order, once per document or
    /// (for a large document) per [`PART_BYTES`](crate::threaded::PART_BYTES)
    /// of output. The same lines reach the sinks as with one thread.
    ///
    /// ```
    /// use deboil::sink::{KeptText, Stats, Tee};
    ///
    /// let cleaner = deboil::Cleaner::new();
    /// let input = "Advertisement\nText.\n\x0c\n".repeat(100);
    /// let (mut text, mut documents) = (Vec::new(), 0);
    /// cleaner.run_threads(
    ///     input.as_bytes(),
    ///     2,
    ///     || Tee(KeptText::new(Vec::new()), Stats::default()),
    ///     |Tee(kept, stats)| {
    ///         text.extend_from_slice(kept.get_ref());
    ///         documents += stats.documents;
    ///         Ok(())
    ///     },
    /// )?;
    /// assert_eq!(text, b"Text.\n\x0c\n".repeat(100));
    /// assert_eq!(documents, 100);
    /// # Ok::<(), deboil::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Errors reading `input`, and errors `take` returns; the run stops at
    /// the first.
    pub fn run_threads<R, C, M, T>(
        &self,
        input: R,
        threads: usize,
        make: M,
        take: T,
    ) -> Result<Summary, Error>
    where
        R: Read + Send,
        C: crate::threaded::Collect,
        M: Fn() -> C + Sync,
        T: FnMut(C) -> std::io::Result<()>,
    {
        crate::threaded::run(&self.inner, input, threads, make, take)
    }

    /// Every line's decision, for `input` held in memory.
    ///
    /// ```
    /// let cleaner = deboil::Cleaner::new();
    /// let d = cleaner.decisions(b"Advertisement\nText.\n");
    /// assert_eq!(d[0].reason.code(), "ads.label");
    /// assert!(!d[0].kept);
    /// assert!(d[1].kept);
    /// ```
    pub fn decisions(&self, input: &[u8]) -> Vec<LineDecision<'_>> {
        struct Collect<'c> {
            out: Vec<LineDecision<'c>>,
            offset: usize,
            inner: &'c Inner,
        }
        impl Sink for Collect<'_> {
            fn line(&mut self, line: &LineOutcome<'_>) -> std::io::Result<()> {
                if !line.piece.from_input() {
                    return Ok(());
                }
                let start = self.offset;
                self.offset += line.bytes.len();
                if line.piece.is_decided() {
                    let reason = self.inner.reason(line.reason.id());
                    self.out.push(LineDecision {
                        number: line.number,
                        range: start..self.offset,
                        kept: line.kept,
                        reason,
                    });
                } else if let Some(last) = self.out.last_mut() {
                    last.range.end = self.offset;
                }
                Ok(())
            }
        }
        let mut sink = Collect {
            out: Vec::new(),
            offset: 0,
            inner: &self.inner,
        };
        self.run(input, &mut sink)
            .expect("reading a slice cannot fail");
        sink.out
    }

    /// For training the scorer: writes one tab-separated row per non-blank
    /// line of `input` (taken as one document): the line's index, its
    /// [feature row](crate::model::feature_names), the reason code of the
    /// rules' verdict, the line's text, the lexicon slots of its words
    /// (comma-separated), and `1` when the default mode's scorer decides
    /// the line (no verdict of a rule, a context rule or the title stands),
    /// `0` otherwise.
    ///
    /// # Errors
    ///
    /// Errors from `out`.
    #[doc(hidden)]
    pub fn write_feature_rows(&self, input: &[u8], out: &mut dyn Write) -> std::io::Result<()> {
        crate::model::write_rows(&self.inner, input, out)
    }

    /// Every reason this cleaner can give, context reasons first, then the
    /// rules in the order they are tried.
    pub fn reasons(&self) -> &[Reason] {
        &self.inner.reasons
    }
}
