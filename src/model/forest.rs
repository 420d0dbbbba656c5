//! A forest of binary decision trees (gradient-boosted), evaluated in pure
//! Rust, loaded from a small text format written by `scripts/train.py`.
//!
//! ```text
//! deboil-forest 1
//! features 3
//! base 0.25
//! mode balanced beta 1.2      # decisions chosen by the training, per mode:
//! mode aggressive 0.5         # a per-document expected F-beta, or a threshold
//! tree 2 3
//! 0 0.5 -1 1          # feature threshold left right: x[f] <= t goes left;
//! 2 10 -2 -3          # a child >= 0 is a node, < 0 is leaf -1-child
//! 0.1 -0.2 0.3        # leaf values
//! ```
//!
//! A forest may carry the word scores it was trained with (see
//! [`lexicon`](super::lexicon)): a line `lexicon`, then one signed byte
//! per slot, in hexadecimal, as many per row as the writer likes.
//!
//! A line `rank-pass` ends the forest; what follows is a second forest,
//! in the same format from its own header, with [`RANK_FEATURES`]
//! features: the [rank pass](super::rank), which rescores the lines from
//! their place in their document's order of the first forest's scores.
//! Its trees only; modes and a lexicon belong to the first forest.
//!
//! The score of a line is the logistic function of the base plus the sum of
//! the trees' leaves.

use super::decision::Decision;
use super::lexicon::Lexicon;
use super::quick::{LANES, Layout};
use super::rank::RANK_FEATURES;
use crate::error::Error;

#[derive(Clone, Copy, Debug)]
pub(super) struct Node {
    pub feature: u16,
    pub threshold: f32,
    pub left: i32,
    pub right: i32,
}

#[derive(Clone, Debug)]
pub(super) struct Tree {
    pub nodes: Vec<Node>,
    pub leaves: Vec<f32>,
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
    modes: Vec<(String, Decision)>,
    trees: Vec<Tree>,
    /// The same trees arranged for fast evaluation; `None` when a tree is
    /// too large for it, and the trees are walked.
    layout: Option<Layout>,
    /// The word scores the forest was trained with (empty when the file
    /// has no `lexicon` section).
    lexicon: Lexicon,
    /// The second forest, over the lines' ranks (see [`super::rank`]).
    rank: Option<Box<Forest>>,
}

/// The line that starts the rank pass's forest.
const RANK_PASS: &str = "rank-pass";

/// A line of the file without its comment and surrounding space.
fn content(line: &str) -> &str {
    line.find('#').map_or(line, |c| &line[..c]).trim()
}

impl Forest {
    /// Parses the text format; `name` appears in errors.
    ///
    /// # Errors
    ///
    /// A malformed file, with the line number.
    pub fn parse(name: &str, text: &str) -> Result<Forest, Error> {
        let bad = |line: usize, what: &str| Error::rules(name, line, what.to_string());
        // The first forest's lines, then, after the marker, the rank
        // pass's, numbered as in the file. `from` is both the marker's
        // line number (counted from 1) and the index of the rank pass's
        // first line (counted from 0).
        // Only a line holding the word can be the marker: the file is not
        // read line by line twice to find it.
        let marker = text.match_indices(RANK_PASS).find_map(|(at, _)| {
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            (content(&text[start..end]) == RANK_PASS)
                .then(|| memchr::memchr_iter(b'\n', &text.as_bytes()[..start]).count())
        });
        let own = marker.unwrap_or(usize::MAX);
        let mut forest = Forest::parse_lines(name, text.lines().enumerate().take(own))?;
        if let Some(from) = marker.map(|at| at + 1) {
            let rank = Forest::parse_lines(name, text.lines().enumerate().skip(from))?;
            if rank.features != RANK_FEATURES {
                return Err(bad(
                    from,
                    &format!("the rank pass has {RANK_FEATURES} features"),
                ));
            }
            if !rank.modes.is_empty() || !rank.lexicon.is_empty() {
                return Err(bad(from, "the rank pass has trees only"));
            }
            forest.rank = Some(Box::new(rank));
        }
        Ok(forest)
    }

    /// Parses one forest from numbered lines (counted from 0).
    fn parse_lines<'t>(
        name: &str,
        numbered: impl Iterator<Item = (usize, &'t str)>,
    ) -> Result<Forest, Error> {
        let mut lines = numbered
            .map(|(i, l)| (i + 1, content(l)))
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
        let mut lexicon = None;
        while let Ok((l, header)) = next("a tree") {
            if header == RANK_PASS {
                return Err(bad(l, "a second rank pass"));
            }
            if header == "lexicon" {
                if lexicon.is_some() {
                    return Err(bad(l, "a second lexicon"));
                }
                let mut rows = std::iter::from_fn(|| next("the lexicon").ok());
                lexicon = Some(Lexicon::parse_hex(name, l, &mut rows)?);
                continue;
            }
            if let Some(rest) = header.strip_prefix("mode ") {
                let words: Vec<&str> = rest.split_whitespace().collect();
                let number = |v: &str| v.parse::<f32>().ok();
                let decision = match words[..] {
                    [_, t] => number(t).map(Decision::Threshold),
                    [_, "beta", b] => number(b).map(|beta| Decision::ExpectedF { beta }),
                    _ => None,
                }
                .filter(|d| d.validate().is_ok())
                .ok_or_else(|| bad(l, "expected 'mode NAME THRESHOLD' or 'mode NAME beta BETA'"))?;
                modes.push((words[0].to_string(), decision));
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
                // Thousands of rows: parsed without allocating.
                let mut v = row.split_ascii_whitespace();
                let mut field = || v.next().ok_or(());
                let node = (|| -> Result<Node, ()> {
                    Ok(Node {
                        feature: field()?.parse().map_err(drop)?,
                        threshold: field()?.parse().map_err(drop)?,
                        left: field()?.parse().map_err(drop)?,
                        right: field()?.parse().map_err(drop)?,
                    })
                })()
                .ok()
                .filter(|_| v.next().is_none())
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
                .split_ascii_whitespace()
                .map(str::parse)
                .collect::<Result<_, _>>()
                .map_err(|_| bad(l, "bad leaf value"))?;
            if leaves.len() != m {
                return Err(bad(l, "wrong number of leaf values"));
            }
            // Children must point forward, so evaluation always ends, and
            // every node but the root and every leaf must have exactly one
            // parent, so the nodes form a tree.
            let mut parents = vec![0u8; n + m];
            for (i, node) in nodes.iter().enumerate() {
                for c in [node.left, node.right] {
                    if c >= 0 && c as usize <= i {
                        return Err(bad(l, "a node's child must come after it"));
                    }
                    let slot = if c >= 0 {
                        c as usize
                    } else {
                        n + (-1 - c) as usize
                    };
                    parents[slot] = parents[slot].saturating_add(1);
                }
            }
            if n > 0 && (parents[0] != 0 || parents[1..].iter().any(|&p| p != 1)) {
                return Err(bad(l, "every node and leaf needs exactly one parent"));
            }
            trees.push(Tree { nodes, leaves });
        }
        let layout = Layout::build(&trees, features);
        Ok(Forest {
            features,
            base,
            modes,
            trees,
            layout,
            lexicon: lexicon.unwrap_or_else(Lexicon::empty),
            rank: None,
        })
    }

    /// The rank pass's forest, when the file has one: it rescores the
    /// lines from their place in the order of this forest's scores (see
    /// [`rank`](super::rank)).
    pub fn rank_pass(&self) -> Option<&Forest> {
        self.rank.as_deref()
    }

    /// Number of features a row must have.
    pub fn features(&self) -> usize {
        self.features
    }

    /// The word scores the forest was trained with.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The decision rule the training chose for mode `name`, if any.
    pub fn mode_decision(&self, name: &str) -> Option<Decision> {
        self.modes.iter().find(|(n, _)| n == name).map(|&(_, d)| d)
    }

    /// Number of trees.
    pub fn trees(&self) -> usize {
        self.trees.len()
    }

    /// The raw score (log-odds) of a row.
    pub fn margin(&self, x: &[f32]) -> f32 {
        debug_assert_eq!(x.len(), self.features);
        match &self.layout {
            Some(layout) => self.base + layout.sum(x),
            None => self.walk_margin(x),
        }
    }

    /// The raw scores of many rows: `rows` holds them one after the other,
    /// [`Forest::features`] values each; `out` receives one margin per row,
    /// equal to [`Forest::margin`] of the row, computed several rows at a
    /// time.
    ///
    /// # Panics
    ///
    /// When `rows` is not a whole number of rows.
    pub fn margins(&self, rows: &[f32], out: &mut Vec<f32>) {
        self.margins_sharing(rows, &[], out);
    }

    /// [`Forest::margins`], told that the features listed in `shared`
    /// probably hold one value in every row (a document's own features,
    /// when the rows are its lines). Each of them that does is tested once
    /// for all the rows rather than once per row; the margins are the same
    /// either way.
    ///
    /// # Panics
    ///
    /// When `rows` is not a whole number of rows.
    pub fn margins_sharing(&self, rows: &[f32], shared: &[usize], out: &mut Vec<f32>) {
        let n = self.features;
        assert!(
            n > 0 && rows.len() % n == 0,
            "rows of {n} features expected"
        );
        out.clear();
        let Some(layout) = self.layout.as_ref().filter(|l| l.can_block()) else {
            out.extend(rows.chunks_exact(n).map(|row| self.margin(row)));
            return;
        };
        let Some(first) = rows.get(..n) else {
            return;
        };
        let mut is_shared = vec![false; n];
        for &f in shared.iter().filter(|&&f| f < n) {
            let bits = first[f].to_bits();
            is_shared[f] = rows.chunks_exact(n).all(|row| row[f].to_bits() == bits);
        }
        let mut start = Vec::new();
        layout.shared_masks(first, &is_shared, &mut start);
        // Only the features the blocks are scanned for are copied into
        // them: those some node tests, less the shared ones.
        let visits = layout.visits(&is_shared);
        let mut block = vec![0f32; visits.len() * LANES];
        let mut alive = Vec::new();
        for chunk in rows.chunks(n * LANES) {
            let count = chunk.len() / n;
            // Feature-major, padded with copies of the first row; a walk
            // sends NaN right at every node, as it does +inf.
            let rows: [&[f32]; LANES] =
                std::array::from_fn(|r| &chunk[(if r < count { r } else { 0 }) * n..][..n]);
            for (lanes, visit) in block.chunks_exact_mut(LANES).zip(&visits) {
                let f = visit.feature as usize;
                for (lane, row) in lanes.iter_mut().zip(&rows) {
                    *lane = row[f];
                }
            }
            for v in &mut block {
                *v = if v.is_nan() { f32::INFINITY } else { *v };
            }
            let sums = layout.sum_block(&block, &visits, &start, &mut alive);
            out.extend(sums[..count].iter().map(|s| self.base + s));
        }
    }

    /// The raw score computed by walking every tree from its root: slower,
    /// the reference [`Forest::margin`] must agree with.
    #[doc(hidden)]
    pub fn walk_margin(&self, x: &[f32]) -> f32 {
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

    const SMALL: &str = "deboil-forest 1\nfeatures 3\nbase 0.25\nmode balanced 0.4\nmode conservative beta 2\ntree 2 3\n0 0.5 -1 1\n2 10 -2 -3\n0.1 -0.2 0.3\n";

    #[test]
    fn evaluates_trees() {
        let f = Forest::parse("t", SMALL).unwrap();
        assert_eq!(f.trees(), 1);
        assert_eq!(f.mode_decision("balanced"), Some(Decision::Threshold(0.4)));
        assert_eq!(
            f.mode_decision("conservative"),
            Some(Decision::ExpectedF { beta: 2.0 })
        );
        assert_eq!(f.mode_decision("aggressive"), None);
        assert!((f.margin(&[0.0, 0.0, 0.0]) - 0.35).abs() < 1e-6);
        assert!((f.margin(&[1.0, 0.0, 5.0]) - 0.05).abs() < 1e-6);
        assert!((f.margin(&[1.0, 0.0, 50.0]) - 0.55).abs() < 1e-6);
        let p = f.predict(&[1.0, 0.0, 50.0]);
        assert!(p > 0.5 && p < 1.0);
    }

    /// A small deterministic generator (xorshift), enough for test data.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        fn value(&mut self) -> f32 {
            (self.below(2001) as f32 - 1000.0) / 100.0
        }
    }

    /// Writes a random forest in the text format: `trees` trees of up to
    /// `min_leaves..=max_leaves` leaves, grown by splitting random leaves.
    fn random_forest(
        rng: &mut Rng,
        features: usize,
        trees: usize,
        (min_leaves, max_leaves): (usize, usize),
    ) -> String {
        let mut out = format!("deboil-forest 1\nfeatures {features}\nbase 0.5\n");
        for _ in 0..trees {
            // children[i] = (left, right) as node ids (>= 0) or leaf slots.
            let leaves_wanted =
                min_leaves + rng.below((max_leaves - min_leaves + 1) as u64) as usize;
            let mut nodes: Vec<(usize, f32, i64, i64)> = Vec::new();
            // Open leaves: (parent node, is_left); the root is a leaf at first.
            let mut open: Vec<Option<(usize, bool)>> = vec![None];
            while open.len() < leaves_wanted {
                let pick = rng.below(open.len() as u64) as usize;
                let at = open.swap_remove(pick);
                let id = nodes.len();
                nodes.push((rng.below(features as u64) as usize, rng.value(), 0, 0));
                if let Some((parent, left)) = at {
                    if left {
                        nodes[parent].2 = id as i64;
                    } else {
                        nodes[parent].3 = id as i64;
                    }
                }
                open.push(Some((id, true)));
                open.push(Some((id, false)));
            }
            // Nodes are created after their parents, so children point forward.
            for (slot, at) in open.iter().enumerate() {
                if let Some((parent, left)) = at {
                    let leaf = -1 - slot as i64;
                    if *left {
                        nodes[*parent].2 = leaf;
                    } else {
                        nodes[*parent].3 = leaf;
                    }
                }
            }
            out.push_str(&format!("tree {} {}\n", nodes.len(), open.len()));
            for (f, t, l, r) in &nodes {
                out.push_str(&format!("{f} {t} {l} {r}\n"));
            }
            let values: Vec<String> = (0..open.len())
                .map(|_| format!("{}", rng.value() / 10.0))
                .collect();
            out.push_str(&values.join(" "));
            out.push('\n');
        }
        out
    }

    #[test]
    fn fast_evaluation_agrees_with_walking_the_trees() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for round in 0..20 {
            let features = 1 + round % 7;
            let text = random_forest(&mut rng, features, 1 + round * 3, (1, 2 + round * 3));
            let forest = Forest::parse("random", &text).unwrap();
            assert!(forest.layout.is_some());
            let mut rows = Vec::new();
            let mut shared = 0.0;
            for r in 0..200 {
                let mut x: Vec<f32> = (0..features).map(|_| rng.value()).collect();
                // In odd rounds the rows of a block share their first
                // value, as a document's rows share its own features (in
                // runs shorter than a block, and as long).
                if round % 2 == 1 {
                    if r % if round % 4 == 1 { 8 } else { LANES } == 0 {
                        shared = rng.value();
                    }
                    x[0] = shared;
                }
                if rng.below(10) == 0 {
                    // Values equal to a threshold go left.
                    x[0] = (rng.below(2001) as f32 - 1000.0) / 100.0;
                }
                if rng.below(20) == 0 {
                    x[features - 1] = f32::NAN;
                }
                assert_eq!(
                    forest.margin(&x).to_bits(),
                    forest.walk_margin(&x).to_bits(),
                    "round {round}, row {x:?}"
                );
                rows.extend_from_slice(&x);
            }
            // Scored in blocks: the same margins, whatever the row count.
            for count in [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 65, 200] {
                let rows = &rows[..count * features];
                let mut out = Vec::new();
                forest.margins(rows, &mut out);
                assert_eq!(out.len(), count);
                for (row, m) in rows.chunks(features).zip(&out) {
                    assert_eq!(m.to_bits(), forest.walk_margin(row).to_bits());
                }
            }
            // One column made the same in every row, as a document's own
            // features are, and offered as shared with one that is not
            // (the first, shared only within blocks in odd rounds) and one
            // out of range: the same margins.
            let column = features / 2;
            // A threshold of that column when a node tests it (values equal
            // to a threshold go left), NaN once, a random value otherwise.
            let threshold = forest
                .trees
                .iter()
                .flat_map(|t| &t.nodes)
                .find(|n| usize::from(n.feature) == column)
                .map(|n| n.threshold);
            let value = match (round, threshold) {
                (5, _) => f32::NAN,
                (_, Some(t)) if round % 2 == 0 => t,
                _ => rng.value(),
            };
            for row in rows.chunks_mut(features) {
                row[column] = value;
            }
            let mut out = Vec::new();
            forest.margins_sharing(&rows, &[column, 0, features + 3], &mut out);
            assert_eq!(out.len(), 200);
            for (row, m) in rows.chunks(features).zip(&out) {
                assert_eq!(
                    m.to_bits(),
                    forest.walk_margin(row).to_bits(),
                    "round {round}"
                );
            }
        }
    }

    #[test]
    fn block_evaluation_agrees_past_its_limits() {
        // More trees than a block holds (they are summed a row at a time),
        // and a forest that tests only some of its many columns (blocks
        // read only those): the margins of walking the trees either way.
        let mut rng = Rng(7);
        for (features, trees) in [(5, 300), (40, 2)] {
            let text = random_forest(&mut rng, features, trees, (1, 8));
            let forest = Forest::parse("random", &text).unwrap();
            let tested: std::collections::HashSet<u16> = forest
                .trees
                .iter()
                .flat_map(|t| t.nodes.iter().map(|n| n.feature))
                .collect();
            if features == 40 {
                assert!(tested.len() < features, "some columns untested");
            }
            let rows: Vec<f32> = (0..features * 50).map(|_| rng.value()).collect();
            let mut out = Vec::new();
            forest.margins(&rows, &mut out);
            assert_eq!(out.len(), 50);
            for (row, m) in rows.chunks(features).zip(&out) {
                assert_eq!(m.to_bits(), forest.walk_margin(row).to_bits());
            }
        }
    }

    #[test]
    fn trees_too_large_for_fast_evaluation_are_walked() {
        let mut rng = Rng(42);
        let text = random_forest(&mut rng, 3, 4, (65, 90));
        let forest = Forest::parse("large", &text).unwrap();
        assert!(forest.layout.is_none());
        let x = [0.5f32, -2.0, 3.0];
        assert_eq!(forest.margin(&x), forest.walk_margin(&x));
        let mut out = Vec::new();
        forest.margins(&[x, x].concat(), &mut out);
        assert_eq!(out, vec![forest.walk_margin(&x); 2]);
    }

    #[test]
    fn carries_its_lexicon() {
        use super::super::lexicon::{LEXICON_SIZE, for_each_slot};
        assert!(Forest::parse("t", SMALL).unwrap().lexicon().is_empty());
        let mut slot = None;
        for_each_slot("share", |s| slot = s);
        let mut scores = vec![0u8; LEXICON_SIZE];
        scores[slot.unwrap()] = (-40i8) as u8;
        let rows: Vec<String> = scores
            .chunks(64)
            .map(|c| c.iter().map(|b| format!("{b:02x}")).collect())
            .collect();
        let with = SMALL.replace(
            "tree 2 3",
            &format!("lexicon\n{}\ntree 2 3", rows.join("\n")),
        );
        let forest = Forest::parse("t", &with).unwrap();
        assert_eq!(forest.trees(), 1);
        assert_eq!(forest.lexicon().evidence("Share it").sum, -40);
        let short = SMALL.replace("tree 2 3", "lexicon\n00ff\ntree 2 3");
        assert!(Forest::parse("t", &short).is_err());
        let twice = with.replace(
            "tree 2 3",
            &format!("lexicon\n{}\ntree 2 3", rows.join("\n")),
        );
        assert!(
            Forest::parse("t", &twice)
                .unwrap_err()
                .to_string()
                .contains("second lexicon")
        );
    }

    /// A rank pass of one split on its rank column (2).
    const RANK: &str =
        "rank-pass\ndeboil-forest 1\nfeatures 12\nbase 0\ntree 1 2\n2 0.5 -1 -2\n3 -3\n";

    #[test]
    fn a_rank_pass_follows_the_first_forest() {
        let f = Forest::parse("t", &format!("{SMALL}{RANK}")).unwrap();
        assert_eq!(f.trees(), 1);
        assert_eq!(f.mode_decision("balanced"), Some(Decision::Threshold(0.4)));
        let rank = f.rank_pass().expect("a rank pass");
        assert_eq!(rank.features(), RANK_FEATURES);
        let mut row = [0f32; RANK_FEATURES];
        assert_eq!(rank.margin(&row), 3.0);
        row[2] = 1.0;
        assert_eq!(rank.margin(&row), -3.0);
        assert!(Forest::parse("t", SMALL).unwrap().rank_pass().is_none());
        // A comment after the marker is allowed.
        let commented = RANK.replace("rank-pass", "rank-pass  # second");
        assert!(
            Forest::parse("t", &format!("{SMALL}{commented}"))
                .unwrap()
                .rank_pass()
                .is_some()
        );
    }

    #[test]
    fn rejects_malformed_rank_passes() {
        let err = |text: &str| {
            Forest::parse("t", &format!("{SMALL}{text}"))
                .unwrap_err()
                .to_string()
        };
        // Errors count lines from the top of the file.
        let wide = RANK
            .replace("features 12", "features 3")
            .replace("2 0.5", "1 0.5");
        assert!(err(&wide).starts_with("t:10:"), "{}", err(&wide));
        assert!(err(&wide).contains("12 features"));
        let moded = RANK.replace("base 0\n", "base 0\nmode balanced 0.5\n");
        assert!(err(&moded).contains("trees only"));
        let twice = format!("{RANK}{RANK}");
        assert!(err(&twice).contains("a second rank pass"));
        let outside = RANK.replace("2 0.5", "12 0.5");
        assert!(err(&outside).starts_with("t:15:"), "{}", err(&outside));
        assert!(err("rank-pass\n").contains("ends before"));
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
        for row in ["2 10 -2 -3 4", "2 10 -2", "2 ten -2 -3", "2 10 -2 -3.5"] {
            let bad = SMALL.replace("2 10 -2 -3", row);
            let err = Forest::parse("t", &bad).unwrap_err().to_string();
            assert!(
                err.contains("t:8: expected 'FEATURE THRESHOLD"),
                "{row}: {err}"
            );
        }
        let commented = SMALL.replace("2 10 -2 -3", "2 10 -2 -3 # a comment");
        assert_eq!(Forest::parse("t", &commented).unwrap().trees(), 1);
        let shared = SMALL.replace("2 10 -2 -3", "2 10 -2 -2");
        assert!(
            Forest::parse("t", &shared)
                .unwrap_err()
                .to_string()
                .contains("one parent")
        );
        let leaves = SMALL.replace("0.1 -0.2 0.3", "0.1 -0.2");
        assert!(
            Forest::parse("t", &leaves)
                .unwrap_err()
                .to_string()
                .starts_with("t:9:")
        );
        for mode in [
            "mode balanced",
            "mode balanced 1.5",
            "mode balanced beta 0",
            "mode x beta",
        ] {
            let bad = SMALL.replace("mode balanced 0.4", mode);
            assert!(
                Forest::parse("t", &bad)
                    .unwrap_err()
                    .to_string()
                    .starts_with("t:4:"),
                "{mode}"
            );
        }
    }
}
