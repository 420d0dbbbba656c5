//! Residue rules: the eleven built-in families, user rules, and the compiled
//! matcher that tests a line against all of them at once.
//!
//! Each family lives in its own module with its phrase data (a file under
//! `src/rules/data/`, in the [`format`](mod@format) shared with user rule files), the
//! shape detectors that phrases cannot express, and its unit tests:
//!
//! | family | module | what it finds |
//! |---|---|---|
//! | `icons` | [`icons`] | glued icon-sprite labels, icon-font class names, private-use glyphs |
//! | `player` | [`player`] | media player chrome: timestamps, play/pause/mute labels |
//! | `navigation` | [`navigation`] | menus, breadcrumbs, skip links, pagination, sign-in |
//! | `social` | [`social`] | share and follow buttons, counters |
//! | `consent` | [`consent`] | cookie and privacy banners |
//! | `prompts` | [`prompts`] | newsletter, subscribe, paywall, app and JavaScript prompts |
//! | `ads` | [`ads`] | advertisement labels, sponsored markers |
//! | `byline` | [`byline`] | author, date, time and read-time lines |
//! | `rails` | [`rails`] | related / most-read / comments headers that end the main text |
//! | `legal` | [`legal`] | copyright, terms, privacy, "all rights reserved" |
//! | `repeats` | [`repeats`] | a title or line repeated verbatim |
//!
//! Rules are tried in order, user rules first, and the first rule that
//! matches a line decides for it.

pub mod format;

pub mod ads;
pub mod byline;
pub mod consent;
pub mod icons;
pub mod legal;
pub mod navigation;
mod phrases;
pub mod player;
pub mod prompts;
pub mod rails;
mod regex_set;
pub mod repeats;
pub mod social;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use phrases::{PhraseMatch, Phrases};
use regex_set::RegexSet;

use crate::error::Error;
use crate::features::{LineFeatures, is_unspaced_script};
pub use format::{Action, PatternKind, RuleSpec};

/// Whole-line phrases by matching key (FNV: short keys, the crate's own
/// data, no need for flooding resistance).
type WholeLines = HashMap<Box<str>, Vec<RuleLimit>, BuildHasherDefault<crate::lang::Fnv>>;

/// How the sources of built-in rules are named in errors.
const BUILTIN_PREFIX: &str = "built-in:";

/// The default word limit of `prefix`, `contains` and regex patterns.
pub const DEFAULT_MAX_WORDS: u32 = 12;

/// Room for the lazily built states of each regex set's automaton, but
/// the largest's. The four caches bound the sets' memory whatever the
/// input (at most 10 MiB together).
const REGEX_CACHE_BYTES: usize = 2 << 20;

/// Room for the largest set's states (every short line is searched with
/// it). At 2 MiB the cache filled and was cleared again and again on the
/// bench input, and its states were rebuilt: 4 MiB saves about 2.4% of
/// the instructions (4,947 M against 5,070 M on 9 MB of the bench input),
/// for about 3 MiB more peak memory (`benches/RESULTS.md`).
const LARGEST_REGEX_CACHE_BYTES: usize = 4 << 20;

/// What a shape detector sees of a line.
#[derive(Clone, Copy, Debug)]
pub struct LineView<'a> {
    /// The line's text, surrounding white space trimmed (invalid UTF-8
    /// replaced by U+FFFD).
    pub text: &'a str,
    /// The line's matching key.
    pub key: &'a str,
    /// The line's measurements.
    pub features: &'a LineFeatures,
}

/// A rule written as code: for residue whose shape phrases cannot express.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// The rule's name within its family.
    pub name: &'static str,
    /// What the rule does to a line it matches.
    pub action: Action,
    /// The test.
    pub matches: fn(&LineView<'_>) -> bool,
}

/// A built-in family: its name, its phrase data and its shape detectors.
#[derive(Clone, Copy, Debug)]
pub struct Family {
    /// The family's name, as used in reason codes.
    pub name: &'static str,
    /// The family's phrase data, in the rule file [`format`](mod@format).
    pub data: &'static str,
    /// Rules written as code.
    pub shapes: &'static [Shape],
}

/// Every built-in family, in the order their rules are tried.
pub const FAMILIES: &[Family] = &[
    icons::FAMILY,
    player::FAMILY,
    consent::FAMILY,
    prompts::FAMILY,
    ads::FAMILY,
    social::FAMILY,
    legal::FAMILY,
    byline::FAMILY,
    navigation::FAMILY,
    rails::FAMILY,
    repeats::FAMILY,
];

/// A compiled rule: where a decision's reason points.
#[derive(Clone, Debug)]
pub struct Rule {
    family: String,
    name: String,
    code: String,
    action: Action,
}

impl Rule {
    pub(crate) fn new(family: &str, name: &str, action: Action) -> Rule {
        Rule {
            family: family.to_string(),
            name: name.to_string(),
            code: format!("{family}.{name}"),
            action,
        }
    }

    /// The family, such as `consent`.
    pub fn family(&self) -> &str {
        &self.family
    }

    /// The rule's name within its family, such as `cookie-banner`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The stable reason code, `family.name`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// What the rule does.
    pub fn action(&self) -> Action {
        self.action
    }
}

/// Identifies a rule within a [`RuleSet`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(pub(crate) u32);

#[derive(Clone, Copy, Debug)]
struct PhraseMeta {
    rule: u32,
    kind: PatternKind,
    /// The phrase starts / ends with a character that needs a word
    /// boundary next to it.
    bound_start: bool,
    bound_end: bool,
    limit: u32,
}

/// The rule a regex or whole-line phrase belongs to, and its word limit.
#[derive(Clone, Copy, Debug)]
struct RuleLimit {
    rule: u32,
    limit: u32,
}

/// All rules, compiled: whole-line phrases in one hash table, and two
/// tiers of the other patterns (the phrases indexed by first word, one
/// `RegexSet` for key patterns and one for cased patterns each), and the
/// shape detectors.
#[derive(Clone, Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    /// Whole-line phrases by key: the rules and word limits, in rule order.
    whole_lines: WholeLines,
    /// Every prefix and contained phrase, indexed for lines of any length
    /// (a match beyond its rule's word limit is skipped).
    phrases: Phrases,
    phrase_meta: Vec<PhraseMeta>,
    /// Every regex: what a line of at most [`DEFAULT_MAX_WORDS`] words is
    /// matched against.
    short: Tier,
    /// Only the regexes whose word limit is above [`DEFAULT_MAX_WORDS`],
    /// the only ones a longer line can match: small sets for the long
    /// lines of running text, which make most of the bytes.
    long: Tier,
    shapes: Vec<(u32, ShapeTest)>,
    /// Per rule: the index of its built-in family in [`FAMILIES`], or
    /// `FAMILIES.len()` for a user family.
    family_index: Vec<u8>,
    /// The first `byline/date` rule: dates as bylines, which a document
    /// full of bare dates (a table) contradicts.
    byline_date: Option<u32>,
    reach: Reach,
}

/// Regexes on the key and on the original text, each compiled into one set.
#[derive(Clone, Debug)]
struct Tier {
    key_regexes: RegexSet,
    key_regex_meta: Vec<RuleLimit>,
    cased_regexes: RegexSet,
    cased_regex_meta: Vec<RuleLimit>,
}

/// Regexes gathered before compiling a [`Tier`].
#[derive(Default)]
struct TierPatterns {
    key_regexes: Vec<String>,
    key_regex_meta: Vec<RuleLimit>,
    cased_regexes: Vec<String>,
    cased_regex_meta: Vec<RuleLimit>,
}

impl TierPatterns {
    /// The regexes a line of more than `words` words can match.
    fn longer_than(&self, words: u32) -> TierPatterns {
        fn pick<M: Copy>(
            texts: &[String],
            meta: &[M],
            keep: impl Fn(&M) -> bool,
        ) -> (Vec<String>, Vec<M>) {
            texts
                .iter()
                .zip(meta)
                .filter(|(_, m)| keep(m))
                .map(|(t, m)| (t.clone(), *m))
                .unzip()
        }
        let (key_regexes, key_regex_meta) =
            pick(&self.key_regexes, &self.key_regex_meta, |m| m.limit > words);
        let (cased_regexes, cased_regex_meta) =
            pick(&self.cased_regexes, &self.cased_regex_meta, |m| {
                m.limit > words
            });
        TierPatterns {
            key_regexes,
            key_regex_meta,
            cased_regexes,
            cased_regex_meta,
        }
    }
}

/// A shape detector's test.
type ShapeTest = fn(&LineView<'_>) -> bool;

/// The longest lines any pattern can match.
#[derive(Clone, Copy, Debug, Default)]
struct Reach {
    /// The largest word limit of a pattern with one.
    max_words: u32,
    /// The longest whole-line phrase, in bytes of its key.
    max_line_bytes: usize,
}

/// The rules and their patterns, gathered from the rule specs in the order
/// the rules are tried (user rules first, then each built-in family's shapes
/// and specs), before anything is compiled.
struct Gathered {
    rules: Vec<Rule>,
    /// Prefix and contained phrases (keys).
    phrases: Vec<String>,
    phrase_meta: Vec<PhraseMeta>,
    /// Every regex.
    all: TierPatterns,
    /// Whole-line phrases, by key.
    whole_lines: WholeLines,
    shapes: Vec<(u32, ShapeTest)>,
}

impl Gathered {
    /// `families` are the parsed built-in families, in [`FAMILIES`] order
    /// (none when the built-in rules are off).
    fn new(user: &[RuleSpec], families: &[Vec<RuleSpec>]) -> Result<Gathered, Error> {
        let mut rules = Vec::new();
        let mut all = TierPatterns::default();
        let mut phrases = Vec::new();
        let mut phrase_meta = Vec::new();
        let mut whole_lines = WholeLines::default();
        let mut shapes = Vec::new();
        let mut key = String::new();

        let mut add_spec = |spec: &RuleSpec, rules: &mut Vec<Rule>| -> Result<(), Error> {
            let id = rules.len() as u32;
            rules.push(Rule::new(&spec.family, &spec.name, spec.action));
            for p in &spec.patterns {
                let default_limit = match p.kind {
                    PatternKind::Line => u32::MAX,
                    _ => DEFAULT_MAX_WORDS,
                };
                let limit = spec.max_words.unwrap_or(default_limit);
                match p.kind {
                    PatternKind::Line | PatternKind::Prefix | PatternKind::Contains => {
                        crate::normalize::key_into(p.text.as_bytes(), &mut key);
                        if key.is_empty() {
                            return Err(Error::rules(
                                &spec.source,
                                p.line,
                                format!("phrase '{}' is empty once normalised", p.text),
                            ));
                        }
                        if p.kind == PatternKind::Line {
                            let meta = RuleLimit { rule: id, limit };
                            whole_lines
                                .entry(key.as_str().into())
                                .or_default()
                                .push(meta);
                            continue;
                        }
                        let first = key.chars().next().unwrap_or(' ');
                        let last = key.chars().next_back().unwrap_or(' ');
                        phrases.push(key.clone());
                        phrase_meta.push(PhraseMeta {
                            rule: id,
                            kind: p.kind,
                            bound_start: is_word_char(first),
                            bound_end: is_word_char(last),
                            limit,
                        });
                    }
                    PatternKind::Regex | PatternKind::CasedRegex => {
                        // Only user patterns are checked one by one, to name
                        // the line at fault; the built-in ones are known to
                        // compile (a unit test checks), and checking them
                        // here would slow start-up.
                        if !spec.source.starts_with(BUILTIN_PREFIX) {
                            regex::Regex::new(&p.text).map_err(|e| {
                                Error::rules(
                                    &spec.source,
                                    p.line,
                                    format!("invalid regex: {}", first_line(&e.to_string())),
                                )
                            })?;
                        }
                        let meta = RuleLimit { rule: id, limit };
                        if p.kind == PatternKind::Regex {
                            all.key_regexes.push(p.text.clone());
                            all.key_regex_meta.push(meta);
                        } else {
                            all.cased_regexes.push(p.text.clone());
                            all.cased_regex_meta.push(meta);
                        }
                    }
                }
            }
            Ok(())
        };

        for spec in user {
            add_spec(spec, &mut rules)?;
        }
        for (family, specs) in FAMILIES.iter().zip(families) {
            for shape in family.shapes {
                shapes.push((rules.len() as u32, shape.matches));
                rules.push(Rule::new(family.name, shape.name, shape.action));
            }
            for spec in specs {
                add_spec(spec, &mut rules)?;
            }
        }
        Ok(Gathered {
            rules,
            phrases,
            phrase_meta,
            all,
            whole_lines,
            shapes,
        })
    }
}

impl RuleSet {
    /// Compiles `user` rules (tried first) and, if `builtin` is true, every
    /// built-in family.
    ///
    /// # Errors
    ///
    /// An invalid regular expression, reported with its source and line.
    pub fn compile(user: &[RuleSpec], builtin: bool) -> Result<RuleSet, Error> {
        let families = if builtin {
            FAMILIES
                .iter()
                .map(|family| {
                    format::parse(&format!("{BUILTIN_PREFIX}{}", family.name), family.data)
                })
                .collect::<Result<Vec<_>, _>>()?
        } else {
            Vec::new()
        };
        // The largest regex set (every key regex, in rule order) takes about
        // as long to compile as everything else together: it starts on a
        // second thread as soon as the rule files are parsed, and the
        // phrases are normalised and indexed and the smaller sets built
        // here meanwhile (all on this thread when no thread can be
        // started).
        let key_regexes: Vec<String> = user
            .iter()
            .chain(families.iter().flatten())
            .flat_map(|spec| &spec.patterns)
            .filter(|p| p.kind == PatternKind::Regex)
            .map(|p| p.text.clone())
            .collect();
        let largest = || regex_set(&key_regexes, LARGEST_REGEX_CACHE_BYTES);
        let (short_key, rest) = crate::parallel::beside("deboil-rules", &largest, || {
            let gathered = Gathered::new(user, &families)?;
            debug_assert_eq!(gathered.all.key_regexes, key_regexes);
            let long = gathered.all.longer_than(DEFAULT_MAX_WORDS);
            let long = Tier {
                key_regexes: regex_set(&long.key_regexes, REGEX_CACHE_BYTES)?,
                cased_regexes: regex_set(&long.cased_regexes, REGEX_CACHE_BYTES)?,
                key_regex_meta: long.key_regex_meta,
                cased_regex_meta: long.cased_regex_meta,
            };
            let phrases = Phrases::new(&gathered.phrases)?;
            let short_cased = regex_set(&gathered.all.cased_regexes, REGEX_CACHE_BYTES)?;
            Ok::<_, Error>((gathered, long, phrases, short_cased))
        });
        // A user's invalid regex is reported by `Gathered::new`, with its
        // line, rather than by the set.
        let (gathered, long, phrases, short_cased) = rest?;
        let Gathered {
            rules,
            phrase_meta,
            all,
            whole_lines,
            shapes,
            ..
        } = gathered;
        let short = Tier {
            key_regexes: short_key?,
            cased_regexes: short_cased,
            key_regex_meta: all.key_regex_meta,
            cased_regex_meta: all.cased_regex_meta,
        };
        let mut reach = Reach::default();
        for key in whole_lines.keys() {
            reach.max_line_bytes = reach.max_line_bytes.max(key.len());
        }
        for m in phrase_meta.iter().map(|m| m.limit) {
            reach.max_words = reach.max_words.max(m);
        }
        for m in short.key_regex_meta.iter().chain(&short.cased_regex_meta) {
            reach.max_words = reach.max_words.max(m.limit);
        }
        let family_index = rules
            .iter()
            .map(|r| {
                FAMILIES
                    .iter()
                    .position(|f| f.name == r.family())
                    .unwrap_or(FAMILIES.len()) as u8
            })
            .collect();
        let byline_date = rules
            .iter()
            .position(|r| r.family() == "byline" && r.name() == "date")
            .map(|i| i as u32);
        Ok(RuleSet {
            reach,
            family_index,
            byline_date,
            rules,
            whole_lines,
            phrases,
            phrase_meta,
            short,
            long,
            shapes,
        })
    }

    /// The rules, in the order they are tried.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with id `id`.
    pub fn rule(&self, id: RuleId) -> &Rule {
        &self.rules[id.0 as usize]
    }

    /// The index in [`FAMILIES`] of the rule's family (`FAMILIES.len()` for
    /// a family that is not built in).
    pub fn family_index(&self, id: RuleId) -> usize {
        self.family_index[id.0 as usize] as usize
    }

    /// The id of the byline date rule, if there is one.
    pub(crate) fn byline_date(&self) -> Option<u32> {
        self.byline_date
    }

    /// The first rule (in order) that matches the line, if any.
    pub fn first_match(&self, view: &LineView<'_>) -> Option<RuleId> {
        let words = view.features.effective_words();
        let mut best = u32::MAX;
        // On a line longer than the default limit, a phrase inside it is
        // not enough: two different phrases of the same rule must agree.
        let long = words > DEFAULT_MAX_WORDS;
        let mut first_support: Option<(u32, usize)> = None;
        // A line longer (in words) than every pattern's limit, and longer
        // (in bytes) than every whole-line phrase, can match no pattern.
        let in_reach = words <= self.reach.max_words || view.key.len() <= self.reach.max_line_bytes;
        let tier = if long { &self.long } else { &self.short };
        if !view.key.is_empty() && view.key.len() <= self.reach.max_line_bytes {
            if let Some(metas) = self.whole_lines.get(view.key) {
                if let Some(m) = metas.iter().find(|m| words <= m.limit) {
                    best = m.rule;
                }
            }
        }
        if in_reach && !view.key.is_empty() {
            let key = view.key;
            let mut consider = |m: PhraseMatch| {
                let meta = self.phrase_meta[m.phrase];
                if meta.rule >= best || words > meta.limit {
                    return;
                }
                let ok = match meta.kind {
                    PatternKind::Prefix => {
                        m.start == 0 && (!meta.bound_end || boundary_after(key, m.end))
                    }
                    _ => {
                        (!meta.bound_start || boundary_before(key, m.start))
                            && (!meta.bound_end || boundary_after(key, m.end))
                    }
                };
                if !ok {
                    return;
                }
                if long {
                    match first_support {
                        Some((rule, phrase)) if rule == meta.rule && phrase != m.phrase => {
                            best = meta.rule;
                        }
                        Some((rule, _)) if rule <= meta.rule => {}
                        _ => first_support = Some((meta.rule, m.phrase)),
                    }
                } else {
                    best = meta.rule;
                }
            };
            // On a long line the first phrase found counts: the order
            // matters. The buffer allocates only when a phrase occurs.
            self.phrases
                .find_all(key, long, &mut Vec::new(), &mut consider);
            best = best.min(first_regex(
                &tier.key_regexes,
                &tier.key_regex_meta,
                key,
                words,
            ));
        }
        if in_reach && !view.text.is_empty() {
            best = best.min(first_regex(
                &tier.cased_regexes,
                &tier.cased_regex_meta,
                view.text,
                words,
            ));
        }
        for &(rule, test) in &self.shapes {
            if rule >= best {
                break;
            }
            if test(view) {
                best = rule;
                break;
            }
        }
        (best != u32::MAX).then_some(RuleId(best))
    }
}

fn regex_set(patterns: &[String], cache_bytes: usize) -> Result<RegexSet, Error> {
    RegexSet::new(patterns, cache_bytes).map_err(|e| Error::config(format!("regex set: {e}")))
}

fn first_regex(set: &RegexSet, meta: &[RuleLimit], text: &str, words: u32) -> u32 {
    if set.is_empty() {
        return u32::MAX;
    }
    // Most lines match nothing: a cheap yes/no first, and the set of
    // matching patterns only when there is one.
    if !set.is_match(text) {
        return u32::MAX;
    }
    let mut best = u32::MAX;
    for i in set.matches(text).iter() {
        let m = meta[i.as_usize()];
        if words <= m.limit {
            best = best.min(m.rule);
        }
    }
    best
}

fn first_line(s: &str) -> &str {
    s.lines().last().unwrap_or(s).trim()
}

/// A letter or digit of a script written with spaces: a phrase edge made
/// of one needs a word boundary, and only such characters break one (a Han
/// or Kana character next to a Latin phrase bounds it, as in
/// "我们使用cookie来…").
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_unspaced_script(c) {
        return false;
    }
    crate::features::is_alphanumeric(c)
}

fn boundary_before(key: &str, at: usize) -> bool {
    key[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

fn boundary_after(key: &str, at: usize) -> bool {
    key[at..].chars().next().is_none_or(|c| !is_word_char(c))
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Helpers for the family modules' tests.
    use super::*;
    use std::sync::OnceLock;

    pub(crate) fn builtin() -> &'static RuleSet {
        static SET: OnceLock<RuleSet> = OnceLock::new();
        SET.get_or_init(|| RuleSet::compile(&[], true).expect("built-in rules compile"))
    }

    /// The reason code of the first built-in rule matching `line`, if any.
    pub(crate) fn code_of(line: &str) -> Option<String> {
        code_in(builtin(), line)
    }

    /// The reason code of the first rule of `set` matching `line`, if any.
    pub(crate) fn code_in(set: &RuleSet, line: &str) -> Option<String> {
        let text = line.trim();
        let mut key = String::new();
        crate::normalize::key_into(text.as_bytes(), &mut key);
        let features = LineFeatures::measure(text, false);
        let view = LineView {
            text,
            key: &key,
            features: &features,
        };
        set.first_match(&view)
            .map(|id| set.rule(id).code().to_string())
    }

    /// Asserts that each line is matched by a rule of `family`.
    pub(crate) fn assert_family(family: &str, lines: &[&str]) {
        for line in lines {
            let code = code_of(line);
            assert!(
                code.as_deref()
                    .is_some_and(|c| c.starts_with(&format!("{family}."))),
                "expected {family} to match {line:?}, got {code:?}"
            );
        }
    }

    /// Asserts that no drop rule at all matches each line.
    pub(crate) fn assert_no_drop(lines: &[&str]) {
        let set = builtin();
        for line in lines {
            if let Some(code) = code_of(line) {
                let rule = set.rules().iter().find(|r| r.code() == code).unwrap();
                assert_ne!(
                    rule.action(),
                    Action::Drop,
                    "{line:?} should not be dropped, but {code} matched"
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use super::*;

    #[test]
    fn every_builtin_regex_compiles_on_its_own() {
        for family in FAMILIES {
            for spec in format::parse(family.name, family.data).unwrap() {
                for p in &spec.patterns {
                    if matches!(p.kind, PatternKind::Regex | PatternKind::CasedRegex) {
                        assert!(
                            regex::Regex::new(&p.text).is_ok(),
                            "{}:{}: {}",
                            family.name,
                            p.line,
                            p.text
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn builtin_rules_compile_and_cover_every_family() {
        let set = builtin();
        for family in FAMILIES {
            assert!(
                set.rules().iter().any(|r| r.family() == family.name),
                "family {} has no rules",
                family.name
            );
        }
    }

    #[test]
    fn user_rules_come_first() {
        let user = format::parse(
            "u.rules",
            "[mine/keep-ads]\naction: keep\nline: advertisement\n",
        )
        .unwrap();
        let set = RuleSet::compile(&user, true).unwrap();
        let mut key = String::new();
        crate::normalize::key_into(b"Advertisement", &mut key);
        let f = LineFeatures::measure("Advertisement", false);
        let view = LineView {
            text: "Advertisement",
            key: &key,
            features: &f,
        };
        let id = set.first_match(&view).unwrap();
        assert_eq!(set.rule(id).code(), "mine.keep-ads");
        assert_eq!(code_of("Advertisement").as_deref(), Some("ads.label"));
    }

    #[test]
    fn bad_user_regex_names_file_and_line() {
        let user = format::parse("u.rules", "[mine/x]\n\nregex: (unclosed\n").unwrap();
        let err = RuleSet::compile(&user, false).unwrap_err().to_string();
        assert!(err.starts_with("u.rules:3: invalid regex"), "{err}");
    }

    #[test]
    fn word_characters_are_letters_and_digits_of_spaced_scripts() {
        for code in 0..0x11_0000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() && !is_unspaced_script(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn phrases_respect_word_boundaries_and_limits() {
        let user = format::parse(
            "u.rules",
            "[t/contains]\ncontains: menu\n[t/prefix]\nprefix: share\n[t/zh]\ncontains: 广告\n",
        )
        .unwrap();
        let set = RuleSet::compile(&user, false).unwrap();
        let code = |line: &str| code_in(&set, line);
        assert_eq!(code("Open the menu").as_deref(), Some("t.contains"));
        assert_eq!(code("Menus"), None);
        assert_eq!(code("Share this"), Some("t.prefix".into()));
        assert_eq!(code("Shareholders"), None);
        assert_eq!(code("这是广告内容"), Some("t.zh".into()));
        let prose = "The menu at this small restaurant changes every week, and the chef writes it by hand each morning.";
        assert_eq!(code(prose), None);
    }

    #[test]
    fn long_lines_need_a_high_limit_and_two_phrases_of_one_rule() {
        // One index holds every phrase; on a line of more than
        // DEFAULT_MAX_WORDS words only rules with a higher limit count, and
        // only when two different phrases of the rule are found.
        let user = format::parse(
            "u.rules",
            "[t/short]\ncontains: cookie policy\ncontains: accept all\n\
             [t/long]\nmax-words: 60\ncontains: cookie policy\ncontains: accept all\n",
        )
        .unwrap();
        let set = RuleSet::compile(&user, false).unwrap();
        let code = |line: &str| code_in(&set, line);
        assert_eq!(code("Read our cookie policy").as_deref(), Some("t.short"));
        let filler =
            "we use small files on this site to remember your settings and to measure visits";
        let one = format!("{filler}, see the cookie policy for more");
        assert_eq!(code(&one), None);
        let two = format!("{filler}, see the cookie policy or accept all of them");
        assert_eq!(code(&two).as_deref(), Some("t.long"));
        let twice = format!("{filler}, cookie policy, cookie policy");
        assert_eq!(code(&twice), None);
    }
}
