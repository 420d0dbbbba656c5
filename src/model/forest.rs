//! A forest of binary decision trees (gradient-boosted), evaluated in pure
//! Rust, loaded from a small text format written by `scripts/train.py`.
//!
//! ```text
//! deboil-forest 1
//! features 3
//! base 0.25
//! mode balanced 0.5   # thresholds chosen by the training, per mode
//! tree 2 3
//! 0 0.5 -1 1          # feature threshold left right: x[f] <= t goes left;
//! 2 10 -2 -3          # a child >= 0 is a node, < 0 is leaf -1-child
//! 0.1 -0.2 0.3        # leaf values
//! ```
//!
//! The score of a line is the logistic function of the base plus the sum of
//! the trees' leaves.

use crate::error::Error;

#[derive(Clone, Copy, Debug)]
struct Node {
    feature: u16,
    threshold: f32,
    left: i32,
    right: i32,
}

#[derive(Clone, Debug)]
struct Tree {
    nodes: Vec<Node>,
    leaves: Vec<f32>,
}

impl Tree {
    fn eval(&self, x: &[f32]) -> f32 {
        if self.nodes.is_empty() {
            return self.leaves[0];
        }
        let mut i = 0i32;
        loop {
            let n = self.nodes[i as usize];
            let next = if x[n.feature as usize] <= n.threshold {
                n.left
            } else {
                n.right
            };
            if next < 0 {
                return self.leaves[(-1 - next) as usize];
            }
            i = next;
        }
    }
}

/// A trained forest.
#[derive(Clone, Debug)]
pub struct Forest {
    features: usize,
    base: f32,
    modes: Vec<(String, f32)>,
    trees: Vec<Tree>,
}

impl Forest {
    /// Parses the text format; `name` appears in errors.
    ///
    /// # Errors
    ///
    /// A malformed file, with the line number.
    pub fn parse(name: &str, text: &str) -> Result<Forest, Error> {
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.split('#').next().unwrap_or("").trim()))
            .filter(|(_, l)| !l.is_empty());
        let bad = |line: usize, what: &str| Error::rules(name, line, what.to_string());
        let mut next = |what: &str| {
            lines
                .next()
                .ok_or_else(|| bad(0, &format!("ends before {what}")))
        };
        let (l, header) = next("the header")?;
        if header != "deboil-forest 1" {
            return Err(bad(l, "not a deboil-forest 1 file"));
        }
        let (l, f) = next("features")?;
        let features: usize = f
            .strip_prefix("features ")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| bad(l, "expected 'features N'"))?;
        let (l, b) = next("base")?;
        let base: f32 = b
            .strip_prefix("base ")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| bad(l, "expected 'base X'"))?;
        let mut trees = Vec::new();
        let mut modes = Vec::new();
        while let Ok((l, header)) = next("a tree") {
            if let Some(rest) = header.strip_prefix("mode ") {
                let (name, value) = rest
                    .split_once(' ')
                    .and_then(|(n, v)| Some((n.to_string(), v.trim().parse::<f32>().ok()?)))
                    .ok_or_else(|| bad(l, "expected 'mode NAME THRESHOLD'"))?;
                modes.push((name, value));
                continue;
            }
            let mut parts = header.split_whitespace();
            let (Some("tree"), Some(n), Some(m), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(bad(l, "expected 'tree NODES LEAVES'"));
            };
            let n: usize = n.parse().map_err(|_| bad(l, "bad node count"))?;
            let m: usize = m.parse().map_err(|_| bad(l, "bad leaf count"))?;
            if m == 0 || m != n + 1 {
                return Err(bad(l, "a tree has one leaf more than nodes"));
            }
            let mut nodes = Vec::with_capacity(n);
            for _ in 0..n {
                let (l, row) = next("a node")?;
                let v: Vec<&str> = row.split_whitespace().collect();
                let node = (v.len() == 4)
                    .then(|| {
                        Some(Node {
                            feature: v[0].parse().ok()?,
                            threshold: v[1].parse().ok()?,
                            left: v[2].parse().ok()?,
                            right: v[3].parse().ok()?,
                        })
                    })
                    .flatten()
                    .ok_or_else(|| bad(l, "expected 'FEATURE THRESHOLD LEFT RIGHT'"))?;
                let child_ok =
                    |c: i32| (c >= 0 && (c as usize) < n) || (c < 0 && ((-1 - c) as usize) < m);
                if node.feature as usize >= features
                    || !child_ok(node.left)
                    || !child_ok(node.right)
                {
                    return Err(bad(l, "node refers outside the tree or the features"));
                }
                nodes.push(node);
            }
            let (l, row) = next("leaf values")?;
            let leaves: Vec<f32> = row
                .split_whitespace()
                .map(str::parse)
                .collect::<Result<_, _>>()
                .map_err(|_| bad(l, "bad leaf value"))?;
            if leaves.len() != m {
                return Err(bad(l, "wrong number of leaf values"));
            }
            // Children must point forward, so evaluation always ends.
            for (i, node) in nodes.iter().enumerate() {
                for c in [node.left, node.right] {
                    if c >= 0 && c as usize <= i {
                        return Err(bad(l, "a node's child must come after it"));
                    }
                }
            }
            trees.push(Tree { nodes, leaves });
        }
        Ok(Forest {
            features,
            base,
            modes,
            trees,
        })
    }

    /// Number of features a row must have.
    pub fn features(&self) -> usize {
        self.features
    }

    /// The threshold the training chose for mode `name`, if any.
    pub fn mode_threshold(&self, name: &str) -> Option<f32> {
        self.modes.iter().find(|(n, _)| n == name).map(|&(_, t)| t)
    }

    /// Number of trees.
    pub fn trees(&self) -> usize {
        self.trees.len()
    }

    /// The raw score (log-odds) of a row.
    pub fn margin(&self, x: &[f32]) -> f32 {
        debug_assert_eq!(x.len(), self.features);
        self.base + self.trees.iter().map(|t| t.eval(x)).sum::<f32>()
    }

    /// The probability that a row is content.
    pub fn predict(&self, x: &[f32]) -> f32 {
        1.0 / (1.0 + (-self.margin(x)).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "deboil-forest 1\nfeatures 3\nbase 0.25\nmode balanced 0.4\ntree 2 3\n0 0.5 -1 1\n2 10 -2 -3\n0.1 -0.2 0.3\n";

    #[test]
    fn evaluates_trees() {
        let f = Forest::parse("t", SMALL).unwrap();
        assert_eq!(f.trees(), 1);
        assert_eq!(f.mode_threshold("balanced"), Some(0.4));
        assert_eq!(f.mode_threshold("aggressive"), None);
        assert!((f.margin(&[0.0, 0.0, 0.0]) - 0.35).abs() < 1e-6);
        assert!((f.margin(&[1.0, 0.0, 5.0]) - 0.05).abs() < 1e-6);
        assert!((f.margin(&[1.0, 0.0, 50.0]) - 0.55).abs() < 1e-6);
        let p = f.predict(&[1.0, 0.0, 50.0]);
        assert!(p > 0.5 && p < 1.0);
    }

    #[test]
    fn rejects_malformed_forests() {
        assert!(Forest::parse("t", "nope").is_err());
        let loops = SMALL.replace("2 10 -2 -3", "2 10 0 -3");
        assert!(
            Forest::parse("t", &loops)
                .unwrap_err()
                .to_string()
                .contains("after it")
        );
        let outside = SMALL.replace("2 10 -2 -3", "7 10 -2 -3");
        assert!(Forest::parse("t", &outside).is_err());
        let leaves = SMALL.replace("0.1 -0.2 0.3", "0.1 -0.2");
        assert!(
            Forest::parse("t", &leaves)
                .unwrap_err()
                .to_string()
                .starts_with("t:8:")
        );
    }
}
