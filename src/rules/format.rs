//! The rule file format, shared by the built-in rule data and by user rule
//! files (`--rules FILE`).
//!
//! ```text
//! # A comment. Blank lines are ignored.
//! [consent/cookie-banner]      # a rule: its family and its name
//! action: drop                 # drop (default), keep, or rail
//! max-words: 40                # optional: only lines of at most 40 words
//! line: accept all cookies     # the whole line is this phrase
//! prefix: cookie settings      # the line starts with this phrase
//! contains: we use cookies     # the phrase occurs in the line
//! regex: ^\d+ cookies?$        # a regex on the line's matching key
//! cased-regex: ^By [A-Z]       # a regex on the line's original text
//! ```
//!
//! Phrases are compared with the line's *matching key* (see
//! [`normalize`](crate::normalize)): case, width and white space do not
//! matter, and decoration at the ends of the line is ignored. `prefix` and
//! `contains` phrases match at word boundaries (in scripts written without
//! spaces, anywhere). `regex` patterns see the key (lower case); `cased-regex`
//! patterns see the line's text with surrounding white space trimmed.
//!
//! Actions: `drop` marks the line as residue; `keep` protects it from every
//! later rule and from context decisions; `rail` marks a header (such as
//! "Related articles" or "Comments") that, once the main text has ended,
//! starts a run of residue.
//!
//! `max-words` bounds the lines a rule may act on. Without it, `line` and
//! regex patterns act on any line they match, and `prefix` and `contains`
//! patterns only on lines of at most 12 words, so that running prose is never
//! dropped for a phrase inside it. On a line longer than 12 words (with a
//! raised `max-words`), one `prefix` or `contains` phrase is not enough: two
//! different phrases of the same rule must both occur.

use crate::error::Error;

/// What a rule does to a line it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// The line is residue.
    Drop,
    /// The line is content; no later rule or context decision drops it.
    Keep,
    /// The line is a header that starts a rail of residue once the main
    /// text has ended.
    Rail,
}

/// How a pattern is compared with a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PatternKind {
    /// The whole key equals the phrase.
    Line,
    /// The key starts with the phrase, at a word boundary.
    Prefix,
    /// The phrase occurs in the key, at word boundaries.
    Contains,
    /// A regular expression on the key.
    Regex,
    /// A regular expression on the original, trimmed text.
    CasedRegex,
}

impl PatternKind {
    fn from_setting(name: &str) -> Option<PatternKind> {
        Some(match name {
            "line" => PatternKind::Line,
            "prefix" => PatternKind::Prefix,
            "contains" => PatternKind::Contains,
            "regex" => PatternKind::Regex,
            "cased-regex" => PatternKind::CasedRegex,
            _ => return None,
        })
    }
}

/// One pattern of a rule, with the line it was written on.
#[derive(Clone, Debug)]
pub struct PatternSpec {
    /// How the pattern is compared.
    pub kind: PatternKind,
    /// The phrase or regular expression, as written.
    pub text: String,
    /// The 1-based line of the rule source it is on.
    pub line: usize,
}

/// A parsed, not yet compiled rule.
#[derive(Clone, Debug)]
pub struct RuleSpec {
    /// The family, such as `consent`.
    pub family: String,
    /// The rule's name within its family, such as `cookie-banner`.
    pub name: String,
    /// What the rule does.
    pub action: Action,
    /// The longest line, in words, the rule may act on (`None`: the
    /// pattern kind's default).
    pub max_words: Option<u32>,
    /// The patterns; any of them matching makes the rule match.
    pub patterns: Vec<PatternSpec>,
    /// The name of the source the rule comes from.
    pub source: String,
    /// The 1-based line of the rule's header.
    pub line: usize,
}

/// Parses rule source `text`; `source` names it in error messages.
///
/// # Errors
///
/// A malformed header, an unknown setting, a bad value, a pattern outside a
/// rule, an empty phrase or a rule without patterns, each reported with the
/// source name and line.
pub fn parse(source: &str, text: &str) -> Result<Vec<RuleSpec>, Error> {
    let mut rules: Vec<RuleSpec> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let lineno = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            let header = strip_comment(header);
            let Some(header) = header.strip_suffix(']') else {
                return Err(Error::rules(source, lineno, "a rule header ends with ']'"));
            };
            let (family, name) = header.split_once('/').ok_or_else(|| {
                Error::rules(source, lineno, "a rule header is [family/rule-name]")
            })?;
            for part in [family, name] {
                if !is_name(part) {
                    return Err(Error::rules(
                        source,
                        lineno,
                        format!(
                            "'{part}' is not a valid name (use lower-case letters, digits and '-')"
                        ),
                    ));
                }
            }
            if let Some(prev) = rules.iter().find(|r| r.family == family && r.name == name) {
                return Err(Error::rules(
                    source,
                    lineno,
                    format!(
                        "rule [{family}/{name}] is already defined on line {}",
                        prev.line
                    ),
                ));
            }
            if let Some(last) = rules.last() {
                check_complete(last)?;
            }
            rules.push(RuleSpec {
                family: family.to_string(),
                name: name.to_string(),
                action: Action::Drop,
                max_words: None,
                patterns: Vec::new(),
                source: source.to_string(),
                line: lineno,
            });
            continue;
        }
        let Some((setting, value)) = line.split_once(':') else {
            return Err(Error::rules(
                source,
                lineno,
                "expected 'setting: value' or a [family/rule] header",
            ));
        };
        let setting = setting.trim();
        let value = value.trim();
        let Some(rule) = rules.last_mut() else {
            return Err(Error::rules(
                source,
                lineno,
                format!("'{setting}' before the first [family/rule] header"),
            ));
        };
        match setting {
            "action" => {
                rule.action = match strip_comment(value) {
                    "drop" => Action::Drop,
                    "keep" => Action::Keep,
                    "rail" => Action::Rail,
                    other => {
                        return Err(Error::rules(
                            source,
                            lineno,
                            format!("unknown action '{other}' (expected drop, keep or rail)"),
                        ));
                    }
                }
            }
            "max-words" => {
                let v = strip_comment(value);
                rule.max_words = Some(v.parse().map_err(|_| {
                    Error::rules(
                        source,
                        lineno,
                        format!("max-words must be a number, not '{v}'"),
                    )
                })?);
            }
            other => {
                let Some(kind) = PatternKind::from_setting(other) else {
                    return Err(Error::rules(
                        source,
                        lineno,
                        format!(
                            "unknown setting '{other}' (expected action, max-words, line, prefix, contains, regex or cased-regex)"
                        ),
                    ));
                };
                if value.is_empty() {
                    return Err(Error::rules(
                        source,
                        lineno,
                        format!("empty {other} pattern"),
                    ));
                }
                rule.patterns.push(PatternSpec {
                    kind,
                    text: value.to_string(),
                    line: lineno,
                });
            }
        }
    }
    if let Some(last) = rules.last() {
        check_complete(last)?;
    }
    Ok(rules)
}

fn check_complete(rule: &RuleSpec) -> Result<(), Error> {
    if rule.patterns.is_empty() {
        return Err(Error::rules(
            &rule.source,
            rule.line,
            format!("rule [{}/{}] has no patterns", rule.family, rule.name),
        ));
    }
    Ok(())
}

/// Settings that are not patterns may carry a trailing `# comment`.
fn strip_comment(value: &str) -> &str {
    match value.find(" #") {
        Some(i) => value[..i].trim(),
        None => value.trim(),
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_rule_file() {
        let src = "# c\n[ads/label]\naction: drop\nmax-words: 3 # short\nline: Advertisement\nregex: ^ad$\n\n[content/x]\naction: keep\ncontains: keep me\n";
        let rules = parse("t.rules", src).unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].family, "ads");
        assert_eq!(rules[0].name, "label");
        assert_eq!(rules[0].max_words, Some(3));
        assert_eq!(rules[0].patterns.len(), 2);
        assert_eq!(rules[0].patterns[1].kind, PatternKind::Regex);
        assert_eq!(rules[0].patterns[1].line, 6);
        assert_eq!(rules[1].action, Action::Keep);
    }

    fn err(src: &str) -> String {
        parse("my.rules", src).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_the_file_and_line() {
        assert_eq!(
            err("[ads/x]\nline: a\nacton: drop\n"),
            "my.rules:3: unknown setting 'acton' (expected action, max-words, line, prefix, contains, regex or cased-regex)"
        );
        assert!(err("line: a\n").starts_with("my.rules:1: 'line' before"));
        assert!(err("[ads]\n").starts_with("my.rules:1: a rule header is"));
        assert!(err("[Ads/x]\nline: a\n").starts_with("my.rules:1: 'Ads' is not a valid name"));
        assert!(
            err("[ads/x]\naction: delete\nline: a\n").starts_with("my.rules:2: unknown action")
        );
        assert!(err("[ads/x]\nmax-words: many\nline: a\n").starts_with("my.rules:2: max-words"));
        assert!(err("[ads/x]\nline:\n").starts_with("my.rules:2: empty line pattern"));
        assert!(
            err("[ads/x]\n[ads/y]\nline: a\n")
                .starts_with("my.rules:1: rule [ads/x] has no patterns")
        );
        assert!(err("[ads/x]\nline: a\n[ads/x]\nline: b\n").contains("already defined on line 1"));
        assert!(err("[ads/x\nline: a\n").starts_with("my.rules:1: a rule header ends"));
        assert!(err("[ads/x]\njust words\n").starts_with("my.rules:2: expected"));
    }
}
