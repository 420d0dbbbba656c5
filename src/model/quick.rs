//! Fast evaluation of a forest, after the QuickScorer idea (Lucchese et al.,
//! SIGIR 2015): instead of walking each tree from its root, which costs a
//! hard-to-predict branch per node, every node of the forest is visited in
//! order of feature and threshold, and each node whose test fails clears
//! the leaves of its left subtree from a per-tree bit mask. The leaf a tree
//! exits by is then the leftmost leaf still set.
//!
//! Per feature the nodes are sorted by threshold, so the scan of a feature
//! stops at the first node whose test holds: only failing nodes cost work,
//! and the branches are those of a few short, predictable loops.

use super::forest::Tree;

/// Trees with more leaves than this are evaluated by walking them.
pub(super) const MAX_LEAVES: usize = 64;

/// Rows scored together by [`Layout::sum_block`].
pub(super) const LANES: usize = 8;

/// A node as the scan needs it, in one 16-byte record.
#[derive(Clone, Copy, Debug)]
struct FlatNode {
    /// All ones except the leaves of the node's left subtree.
    mask: u64,
    threshold: f32,
    tree: u32,
}

/// The forest rearranged for [`Layout::sum`].
#[derive(Clone, Debug, Default)]
pub(super) struct Layout {
    /// Per feature `f`, its nodes are `offsets[f]..offsets[f + 1]`.
    offsets: Vec<u32>,
    /// The nodes, sorted by threshold within a feature.
    nodes: Vec<FlatNode>,
    /// Leaf values of every tree, in left-to-right order.
    leaves: Vec<f32>,
    /// Per tree, where its leaves start in `leaves`.
    leaf_start: Vec<u32>,
    /// Every tree has at most 32 leaves, so masks fit in 32 bits, which
    /// [`Layout::sum_block`] needs.
    narrow: bool,
}

impl Layout {
    /// Rearranges `trees`, or `None` when a tree is too large (more than
    /// [`MAX_LEAVES`] leaves, or more trees than a node can name).
    pub(super) fn build(trees: &[Tree], features: usize) -> Option<Layout> {
        if trees.len() > usize::from(u16::MAX) {
            return None;
        }
        let mut per_feature: Vec<Vec<(f32, u16, u64)>> = vec![Vec::new(); features];
        let mut layout = Layout::default();
        for (t, tree) in trees.iter().enumerate() {
            if tree.leaves.len() > MAX_LEAVES {
                return None;
            }
            // Number the leaves left to right: position of each leaf, and
            // the span of positions under each node.
            let mut order = vec![0usize; tree.leaves.len()];
            let mut spans = vec![(0usize, 0usize); tree.nodes.len()];
            let mut next = 0usize;
            if !tree.nodes.is_empty() {
                number(tree, 0, &mut order, &mut spans, &mut next);
            }
            layout.leaf_start.push(layout.leaves.len() as u32);
            let mut values = vec![0f32; tree.leaves.len()];
            for (leaf, &pos) in order.iter().enumerate() {
                values[pos] = tree.leaves[leaf];
            }
            layout.leaves.extend_from_slice(&values);
            for node in &tree.nodes {
                let (lo, hi) = span_of(node.left, &spans, &order);
                let cleared = if hi - lo == 64 {
                    u64::MAX
                } else {
                    ((1u64 << (hi - lo)) - 1) << lo
                };
                per_feature[usize::from(node.feature)].push((node.threshold, t as u16, !cleared));
            }
        }
        layout.narrow = trees.iter().all(|t| t.leaves.len() <= 32);
        layout.offsets.push(0);
        for mut nodes in per_feature {
            nodes.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (threshold, tree, mask) in nodes {
                let tree = u32::from(tree);
                layout.nodes.push(FlatNode {
                    mask,
                    threshold,
                    tree,
                });
            }
            layout.offsets.push(layout.nodes.len() as u32);
        }
        Some(layout)
    }

    /// The nodes of feature `f` whose test `value` fails (the walk would
    /// go right: `value > threshold`), in the order of their thresholds.
    fn failing(&self, f: usize, value: f32) -> impl Iterator<Item = &FlatNode> {
        // A walk sends NaN right at every node, as it does +inf.
        let value = if value.is_nan() { f32::INFINITY } else { value };
        self.nodes[self.offsets[f] as usize..self.offsets[f + 1] as usize]
            .iter()
            .take_while(move |node| value > node.threshold)
    }

    /// The sum of the trees' leaves for row `x` (a value per feature).
    pub(super) fn sum(&self, x: &[f32]) -> f32 {
        let trees = self.leaf_start.len();
        let mut on_stack = [u64::MAX; 256];
        let mut on_heap = Vec::new();
        let alive: &mut [u64] = if trees <= on_stack.len() {
            &mut on_stack[..trees]
        } else {
            on_heap.resize(trees, u64::MAX);
            &mut on_heap
        };
        for (f, &value) in x.iter().enumerate().take(self.offsets.len() - 1) {
            for node in self.failing(f, value) {
                alive[node.tree as usize] &= node.mask;
            }
        }
        let mut sum = 0f32;
        for (&bits, &start) in alive.iter().zip(&self.leaf_start) {
            sum += self.leaves[start as usize + bits.trailing_zeros() as usize];
        }
        sum
    }
}

impl Layout {
    /// True when [`Layout::sum_block`] can be used.
    pub(super) fn can_block(&self) -> bool {
        self.narrow
    }

    /// The leaves the nodes of the features marked in `shared` leave
    /// alive in each tree (one mask per tree) for the values of row `x`:
    /// when every row of a batch holds the same value of those features
    /// (a document's own features), their nodes are tested once for the
    /// batch and [`Layout::sum_block`] starts from these masks. Needs
    /// [`Layout::can_block`].
    pub(super) fn shared_masks(&self, x: &[f32], shared: &[bool], masks: &mut Vec<u32>) {
        debug_assert!(self.narrow);
        masks.clear();
        masks.resize(self.leaf_start.len(), u32::MAX);
        for (f, &value) in x.iter().enumerate().take(self.offsets.len() - 1) {
            if shared[f] {
                for node in self.failing(f, value) {
                    masks[node.tree as usize] &= node.mask as u32;
                }
            }
        }
    }

    /// [`Layout::sum`] for [`LANES`] rows at once: `xs` holds the rows
    /// feature by feature (`xs[f * LANES + r]` is feature `f` of row `r`).
    /// The scan of a feature goes on while any row's value is above the
    /// threshold, and each node clears its leaves only in the rows whose
    /// value is: the same nodes per row as [`Layout::sum`], so the same
    /// sums, with the per-row work in short loops the compiler turns into
    /// vector instructions. The features marked in `shared` are skipped:
    /// their nodes' work is in `start`, from [`Layout::shared_masks`] (all
    /// ones when nothing is shared). Needs [`Layout::can_block`].
    pub(super) fn sum_block(
        &self,
        xs: &[f32],
        shared: &[bool],
        start: &[u32],
        alive: &mut Vec<[u32; LANES]>,
    ) -> [f32; LANES] {
        debug_assert!(self.narrow);
        let features = self.offsets.len() - 1;
        alive.clear();
        alive.extend(start.iter().map(|&m| [m; LANES]));
        for f in (0..features).filter(|&f| !shared[f]) {
            let mut values = [0f32; LANES];
            for (v, &x) in values.iter_mut().zip(&xs[f * LANES..(f + 1) * LANES]) {
                // A walk sends NaN right at every node, as it does +inf.
                *v = if x.is_nan() { f32::INFINITY } else { x };
            }
            let highest = values.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
            let lowest = values.iter().fold(f32::INFINITY, |a, &b| a.min(b));
            let nodes = &self.nodes[self.offsets[f] as usize..self.offsets[f + 1] as usize];
            // The nodes below every row's value clear their leaves in all
            // rows, with no test per row (the rows of a block often share
            // a value: the document's own features).
            let mut k = 0;
            while k < nodes.len() && lowest > nodes[k].threshold {
                let mask = nodes[k].mask as u32;
                for bits in alive[nodes[k].tree as usize].iter_mut() {
                    *bits &= mask;
                }
                k += 1;
            }
            for node in &nodes[k..] {
                if highest <= node.threshold {
                    break;
                }
                let mask = node.mask as u32;
                let lanes = &mut alive[node.tree as usize];
                for (bits, &v) in lanes.iter_mut().zip(&values) {
                    *bits &= if v > node.threshold { mask } else { u32::MAX };
                }
            }
        }
        let mut sums = [0f32; LANES];
        for (lanes, &start) in alive.iter().zip(&self.leaf_start) {
            for (sum, &bits) in sums.iter_mut().zip(lanes) {
                *sum += self.leaves[start as usize + bits.trailing_zeros() as usize];
            }
        }
        sums
    }
}

/// Assigns left-to-right positions to the leaves under node `n`.
fn number(
    tree: &Tree,
    n: usize,
    order: &mut [usize],
    spans: &mut [(usize, usize)],
    next: &mut usize,
) {
    let start = *next;
    for child in [tree.nodes[n].left, tree.nodes[n].right] {
        if child < 0 {
            order[(-1 - child) as usize] = *next;
            *next += 1;
        } else {
            number(tree, child as usize, order, spans, next);
        }
    }
    spans[n] = (start, *next);
}

/// The positions of the leaves under `child` (a node, or a leaf when < 0).
fn span_of(child: i32, spans: &[(usize, usize)], order: &[usize]) -> (usize, usize) {
    if child < 0 {
        let pos = order[(-1 - child) as usize];
        (pos, pos + 1)
    } else {
        spans[child as usize]
    }
}
