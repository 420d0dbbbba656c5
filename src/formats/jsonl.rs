//! JSON Lines records: one JSON object per line, as datatrove, Dolma and
//! most corpus pipelines write them.
//!
//! Only the target field is rewritten. Every other field keeps its place
//! and its exact bytes (numbers, escapes and nested objects are copied from
//! the input as they were written); keys are written back as JSON strings,
//! so only a key written with needless escapes comes out differently. The
//! output is compact (no white space between tokens), as `orjson` and
//! datatrove's `JsonlWriter` write it, so a record that loses nothing comes
//! out byte for byte as it went in.
//!
//! ```
//! use deboil::formats::jsonl::{self, Edit, FieldPath};
//!
//! let line = r#"{"id":"a1","text":"Advertisement\nThe text.","metadata":{"n":1.50}}"#;
//! let path: FieldPath = "text".parse()?;
//! let text = jsonl::read_string(line, &path)?;
//! assert_eq!(text, "Advertisement\nThe text.");
//! let value = serde_json::to_string("The text.").unwrap();
//! let mut out = Vec::new();
//! jsonl::rewrite(line, &[Edit { path: path.parts(), value: &value }], &mut out)?;
//! assert_eq!(out, br#"{"id":"a1","text":"The text.","metadata":{"n":1.50}}"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// A path to a field: `text`, or `metadata.body` for the field `body` of
/// the object in the field `metadata`. A dot inside a key is written `\.`
/// (and a backslash `\\`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldPath(Vec<String>);

impl FieldPath {
    /// The keys of the path, outermost first.
    pub fn parts(&self) -> &[String] {
        &self.0
    }

    /// True when one path is the other or lies inside it (they cannot both
    /// be written).
    pub fn overlaps(&self, other: &FieldPath) -> bool {
        let n = self.0.len().min(other.0.len());
        self.0[..n] == other.0[..n]
    }
}

impl std::str::FromStr for FieldPath {
    type Err = String;

    fn from_str(s: &str) -> Result<FieldPath, String> {
        let mut parts = vec![String::new()];
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(c @ ('.' | '\\')) => parts.last_mut().expect("never empty").push(c),
                    _ => return Err(format!("bad escape in field path '{s}' (use \\. or \\\\)")),
                },
                '.' => parts.push(String::new()),
                c => parts.last_mut().expect("never empty").push(c),
            }
        }
        if parts.iter().any(String::is_empty) {
            return Err(format!("empty key in field path '{s}'"));
        }
        Ok(FieldPath(parts))
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, part) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            f.write_str(&part.replace('\\', "\\\\").replace('.', "\\."))?;
        }
        Ok(())
    }
}

/// A JSON object whose values are kept as their raw JSON text, fields in
/// their order (duplicates included).
#[derive(Debug, Default)]
pub(crate) struct RawObject<'a> {
    pub(crate) fields: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl<'a> RawObject<'a> {
    /// Parses `json`, which must be one JSON object.
    pub(crate) fn parse(json: &'a str) -> Result<RawObject<'a>, String> {
        serde_json::from_str(json).map_err(|e| json_error(&e))
    }
}

/// A serde_json error without its "at line 1 column N" (the record is one
/// line; the caller names the line), with the column put back in words.
fn json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    match e.classify() {
        serde_json::error::Category::Data => message.to_string(),
        _ => format!("invalid JSON: {message} (column {})", e.column()),
    }
}

struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for RawObject<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawObject<'de>, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = RawObject<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawObject<'de>, A::Error> {
                let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    let value: &'de RawValue = map.next_value()?;
                    fields.push((key, Cow::Borrowed(value.get())));
                }
                Ok(RawObject { fields })
            }
        }
        d.deserialize_map(ObjectVisitor)
    }
}

fn describe(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        _ => "a number",
    }
}

/// The raw JSON text of the field at `path` in the object `json`.
///
/// # Errors
///
/// `json` is not a JSON object, the field is missing, or a key before the
/// last does not hold an object.
pub fn read_raw<'a>(json: &'a str, path: &FieldPath) -> Result<Cow<'a, str>, String> {
    raw_at(&RawObject::parse(json)?, path)
}

/// The string held by the field at `path` in the object `json`.
///
/// # Errors
///
/// As [`read_raw`], and a field that is not a string.
pub fn read_string(json: &str, path: &FieldPath) -> Result<String, String> {
    string_at(&RawObject::parse(json)?, path)
}

pub(crate) fn raw_at<'a>(object: &RawObject<'a>, path: &FieldPath) -> Result<Cow<'a, str>, String> {
    let parts = path.parts();
    let here = |depth: usize| FieldPath(parts[..=depth].to_vec());
    let find = |object: &RawObject<'a>, depth: usize| match object
        .fields
        .iter()
        .find(|(k, _)| *k == parts[depth])
    {
        Some((_, v)) => Ok(v.clone()),
        None => Err(format!("no field '{}'", here(depth))),
    };
    let mut value = find(object, 0)?;
    for depth in 1..parts.len() {
        let Cow::Borrowed(json) = value else {
            return Err(format!("field '{}' cannot be read", here(depth - 1)));
        };
        if !json.starts_with('{') {
            return Err(format!(
                "field '{}' is {}, not an object",
                here(depth - 1),
                describe(json)
            ));
        }
        value = find(&RawObject::parse(json)?, depth)?;
    }
    Ok(value)
}

pub(crate) fn string_at(object: &RawObject<'_>, path: &FieldPath) -> Result<String, String> {
    let raw = raw_at(object, path)?;
    if !raw.starts_with('"') {
        return Err(format!(
            "field '{path}' is {}, not a string",
            describe(&raw)
        ));
    }
    serde_json::from_str(&raw).map_err(|e| json_error(&e))
}

/// One change to make to a record: write `value` (JSON text) at `path`.
#[derive(Clone, Copy, Debug)]
pub struct Edit<'e> {
    /// Where: the keys from the outermost object in.
    pub path: &'e [String],
    /// The new value, as JSON text.
    pub value: &'e str,
}

/// Writes the object `json` to `out` with `edits` made: a field that
/// exists is replaced where it is; one that does not is added at the end of
/// its object (objects on its path are made as needed). Fields not edited
/// keep their raw text. Paths must not overlap.
///
/// # Errors
///
/// `json` is not a JSON object, or an edit's path runs through a field that
/// holds something other than an object.
pub fn rewrite(json: &str, edits: &[Edit<'_>], out: &mut Vec<u8>) -> Result<(), String> {
    write_object(&RawObject::parse(json)?, edits, out, &[])
}

pub(crate) fn write_object(
    object: &RawObject<'_>,
    edits: &[Edit<'_>],
    out: &mut Vec<u8>,
    above: &[String],
) -> Result<(), String> {
    out.push(b'{');
    let mut first = true;
    let mut comma = |out: &mut Vec<u8>| {
        if !std::mem::take(&mut first) {
            out.push(b',');
        }
    };
    let mut done = vec![false; edits.len()];
    for (key, value) in &object.fields {
        comma(out);
        write_key(key, out);
        let here: Vec<usize> = (0..edits.len())
            .filter(|&i| edits[i].path[0] == **key)
            .collect();
        if here.is_empty() {
            out.extend_from_slice(value.as_bytes());
            continue;
        }
        for &i in &here {
            done[i] = true;
        }
        if let Some(&i) = here.iter().find(|&&i| edits[i].path.len() == 1) {
            out.extend_from_slice(edits[i].value.as_bytes());
            continue;
        }
        let mut path = above.to_vec();
        path.push(key.to_string());
        if !value.starts_with('{') {
            return Err(format!(
                "field '{}' is {}, not an object",
                FieldPath(path),
                describe(value)
            ));
        }
        let inner = RawObject::parse(value)?;
        let sub: Vec<Edit<'_>> = here
            .iter()
            .map(|&i| Edit {
                path: &edits[i].path[1..],
                value: edits[i].value,
            })
            .collect();
        write_object(&inner, &sub, out, &path)?;
    }
    // Fields to add, grouped by their first key, in the order of the edits.
    for i in 0..edits.len() {
        if done[i] {
            continue;
        }
        let key = &edits[i].path[0];
        let group: Vec<usize> = (i..edits.len())
            .filter(|&j| !done[j] && edits[j].path[0] == *key)
            .collect();
        for &j in &group {
            done[j] = true;
        }
        comma(out);
        write_key(key, out);
        if let Some(&j) = group.iter().find(|&&j| edits[j].path.len() == 1) {
            out.extend_from_slice(edits[j].value.as_bytes());
        } else {
            let sub: Vec<Edit<'_>> = group
                .iter()
                .map(|&j| Edit {
                    path: &edits[j].path[1..],
                    value: edits[j].value,
                })
                .collect();
            let mut path = above.to_vec();
            path.push(key.clone());
            write_object(&RawObject::default(), &sub, out, &path)?;
        }
    }
    out.push(b'}');
    Ok(())
}

fn write_key(key: &str, out: &mut Vec<u8>) {
    serde_json::to_writer(&mut *out, key).expect("writing to a Vec cannot fail");
    out.push(b':');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(s: &str) -> FieldPath {
        s.parse().unwrap()
    }

    fn edit(json: &str, edits: &[(&str, &str)]) -> Result<String, String> {
        let paths: Vec<FieldPath> = edits.iter().map(|(p, _)| path(p)).collect();
        let edits: Vec<Edit<'_>> = paths
            .iter()
            .zip(edits)
            .map(|(p, (_, v))| Edit {
                path: p.parts(),
                value: v,
            })
            .collect();
        let mut out = Vec::new();
        rewrite(json, &edits, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn field_paths() {
        assert_eq!(path("text").parts(), ["text"]);
        assert_eq!(path("metadata.body").parts(), ["metadata", "body"]);
        assert_eq!(path(r"a\.b.c").parts(), ["a.b", "c"]);
        assert_eq!(path(r"a\.b.c").to_string(), r"a\.b.c");
        assert!("a..b".parse::<FieldPath>().is_err());
        assert!("".parse::<FieldPath>().is_err());
        assert!(r"a\x".parse::<FieldPath>().is_err());
        assert!(path("a").overlaps(&path("a.b")));
        assert!(!path("a.c").overlaps(&path("a.b")));
    }

    #[test]
    fn reads_nested_strings() {
        let json = r#"{"text":"top","metadata":{"body":"in\u00e9\n","n":[1,2]}}"#;
        assert_eq!(read_string(json, &path("text")).unwrap(), "top");
        assert_eq!(read_string(json, &path("metadata.body")).unwrap(), "iné\n");
        assert_eq!(
            read_string(json, &path("metadata.x")).unwrap_err(),
            "no field 'metadata.x'"
        );
        assert_eq!(
            read_string(json, &path("metadata.n")).unwrap_err(),
            "field 'metadata.n' is an array, not a string"
        );
        assert_eq!(
            read_string(json, &path("text.x")).unwrap_err(),
            "field 'text' is a string, not an object"
        );
        assert!(
            read_string("[1]", &path("text"))
                .unwrap_err()
                .contains("expected a JSON object")
        );
        assert!(
            read_string(r#"{"text":"#, &path("text"))
                .unwrap_err()
                .starts_with("invalid JSON: ")
        );
    }

    #[test]
    fn rewrites_in_place_and_appends() {
        let json = r#"{"a":1.50,"text":"x","b":{"c":"\u00e9","d":[ 1, 2 ]},"z":null}"#;
        assert_eq!(
            edit(json, &[("text", "\"y\"")]).unwrap(),
            r#"{"a":1.50,"text":"y","b":{"c":"\u00e9","d":[ 1, 2 ]},"z":null}"#
        );
        assert_eq!(
            edit(
                json,
                &[("b.c", "\"y\""), ("b.s", "{}"), ("new.deep.k", "3")]
            )
            .unwrap(),
            r#"{"a":1.50,"text":"x","b":{"c":"y","d":[ 1, 2 ],"s":{}},"z":null,"new":{"deep":{"k":3}}}"#
        );
        assert_eq!(
            edit(json, &[("a.b", "1")]).unwrap_err(),
            "field 'a' is a number, not an object"
        );
        // Escaped keys are matched by their value and written plainly;
        // every copy of a duplicate key is edited.
        assert_eq!(
            edit(
                r#"{"t\u0065xt":"x","k":1,"k":2}"#,
                &[("text", "0"), ("k", "9")]
            )
            .unwrap(),
            r#"{"text":0,"k":9,"k":9}"#
        );
        // White space between tokens goes; values keep their bytes.
        assert_eq!(
            edit("{ \"k\" : \"v\" , \"n\" : 1e5 }", &[]).unwrap(),
            r#"{"k":"v","n":1e5}"#
        );
    }
}
