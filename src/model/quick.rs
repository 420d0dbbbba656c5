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

/// Rows scored together by [`Layout::sum_block`]. More rows share each
/// node's fixed work (loading it, comparing its threshold with the
/// block's extremes, the branches that end a feature's scan) but widen
/// the extremes, so that more nodes need a test per row. Sixteen took
/// 3% fewer instructions than eight; thirty-two take 1% more than
/// sixteen but 1 to 2% less time, their scans' mispredicted ends shared
/// by twice the rows (`benches/PROFILE.md`).
pub(super) const LANES: usize = 32;

/// The most trees [`Layout::sum_block`] evaluates: its masks live in an
/// array of this many trees, so that indexing it needs no bounds test.
const BLOCK_TREES: usize = 256;

/// Leaves of a tree [`Layout::sum_block`] can evaluate: its masks are 32
/// bits wide.
const BLOCK_LEAVES: usize = 32;

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
    /// Every tree has at most [`BLOCK_LEAVES`] leaves, so masks fit in 32
    /// bits, and there are at most [`BLOCK_TREES`] trees, which
    /// [`Layout::sum_block`] needs.
    narrow: bool,
    /// When `narrow`, each tree's leaves padded to [`BLOCK_LEAVES`]: the
    /// leaf a mask names is then found with no bounds test.
    padded_leaves: Vec<[f32; BLOCK_LEAVES]>,
    /// The features some node tests, in order, with their nodes: a forest
    /// rarely tests every column of its rows, and [`Layout::sum_block`]
    /// reads only these.
    tested: Vec<Visit>,
}

/// A feature [`Layout::sum_block`] reads, and where its nodes are.
#[derive(Clone, Copy, Debug)]
pub(super) struct Visit {
    /// The feature's column in a row.
    pub(super) feature: u32,
    from: u32,
    to: u32,
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
        layout.narrow =
            trees.len() <= BLOCK_TREES && trees.iter().all(|t| t.leaves.len() <= BLOCK_LEAVES);
        if layout.narrow {
            for (t, &start) in layout.leaf_start.iter().enumerate() {
                let mut padded = [0f32; BLOCK_LEAVES];
                let values = &layout.leaves[start as usize..][..trees[t].leaves.len()];
                padded[..values.len()].copy_from_slice(values);
                layout.padded_leaves.push(padded);
            }
        }
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
        layout.tested = (0..features)
            .filter(|&f| layout.offsets[f] < layout.offsets[f + 1])
            .map(|f| Visit {
                feature: f as u32,
                from: layout.offsets[f],
                to: layout.offsets[f + 1],
            })
            .collect();
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

    /// The features [`Layout::sum_block`] is to read when those marked in
    /// `shared` are tested apart ([`Layout::shared_masks`]): the features
    /// some node tests, but not those.
    pub(super) fn visits(&self, shared: &[bool]) -> Vec<Visit> {
        self.tested
            .iter()
            .filter(|v| !shared.get(v.feature as usize).copied().unwrap_or(false))
            .copied()
            .collect()
    }

    /// [`Layout::sum`] for [`LANES`] rows at once: `xs` holds the values
    /// of the features in `visits` ([`Layout::visits`]), feature by
    /// feature (`xs[j * LANES + r]` is the `j`th feature of `visits` in
    /// row `r`), with NaN already replaced by +inf (a walk sends NaN
    /// right at every node, as it does +inf).
    /// The scan of a feature goes on while any row's value is above the
    /// threshold, and each node clears its leaves only in the rows whose
    /// value is: the same nodes per row as [`Layout::sum`], so the same
    /// sums, with the per-row work in short loops the compiler turns into
    /// vector instructions. The features left out of `visits` are those
    /// no node tests and the shared ones, whose nodes' work is in `start`,
    /// from [`Layout::shared_masks`] (all ones when nothing is shared).
    /// Needs [`Layout::can_block`].
    pub(super) fn sum_block(
        &self,
        xs: &[f32],
        visits: &[Visit],
        start: &[u32],
        alive: &mut Vec<[u32; LANES]>,
    ) -> [f32; LANES] {
        debug_assert!(self.narrow);
        let trees = self.padded_leaves.len();
        // A tree's leaves alive in every row of the block (`common`, one
        // mask) and in each row (`alive`, one mask per row): a node below
        // every row's value clears its leaves in `common` alone, one
        // operation instead of one per row; a row's exit leaf is read
        // from both.
        let mut common = [u32::MAX; BLOCK_TREES];
        common[..start.len()].copy_from_slice(start);
        alive.resize(BLOCK_TREES, [u32::MAX; LANES]);
        // A fixed-size array, indexed by a tree number below its size:
        // no bounds test per node. Only the forest's own trees are read
        // and written: only they are reset.
        let alive: &mut [[u32; LANES]; BLOCK_TREES] = (&mut alive[..BLOCK_TREES])
            .try_into()
            .expect("resized to BLOCK_TREES");
        alive[..trees].fill([u32::MAX; LANES]);
        for (visit, values) in visits.iter().zip(xs.chunks_exact(LANES)) {
            let values: [f32; LANES] = values.try_into().expect("chunks of LANES");
            // There is no NaN, so plain comparisons give the extremes
            // (`f32::max` would also test for NaN at every step), and
            // they can be taken in halves: a tree of five steps of
            // vector operations for 32 rows, instead of a chain of 31
            // compares, each waiting on the one before.
            let (mut high, mut low) = (values, values);
            let mut width = LANES / 2;
            while width > 0 {
                for i in 0..width {
                    let (h, l) = (high[i + width], low[i + width]);
                    high[i] = if h > high[i] { h } else { high[i] };
                    low[i] = if l < low[i] { l } else { low[i] };
                }
                width /= 2;
            }
            let (highest, lowest) = (high[0], low[0]);
            let nodes = &self.nodes[visit.from as usize..visit.to as usize];
            // The nodes below every row's value clear their leaves in all
            // rows at once (the rows of a block often share a value: the
            // document's own features, a neighbour's).
            let mut k = 0;
            while k < nodes.len() && lowest > nodes[k].threshold {
                common[nodes[k].tree as usize % BLOCK_TREES] &= nodes[k].mask as u32;
                k += 1;
            }
            for node in &nodes[k..] {
                if highest <= node.threshold {
                    break;
                }
                let mask = node.mask as u32;
                let lanes = &mut alive[node.tree as usize % BLOCK_TREES];
                for (bits, &v) in lanes.iter_mut().zip(&values) {
                    *bits &= if v > node.threshold { mask } else { u32::MAX };
                }
            }
        }
        let mut sums = [0f32; LANES];
        for ((lanes, &shared), leaves) in
            alive[..trees].iter().zip(&common).zip(&self.padded_leaves)
        {
            for (sum, &bits) in sums.iter_mut().zip(lanes) {
                // A tree's rightmost leaf is in no node's left subtree, so
                // `bits & shared` is never 0 and names a leaf below 32.
                *sum += leaves[(bits & shared).trailing_zeros() as usize % BLOCK_LEAVES];
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
