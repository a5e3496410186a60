//! Work spread over the machine's cores with scoped threads: one chunk of a list per core,
//! results in the list's order. For pure, independent work over many items (the home screen's
//! verdicts); no pool, nothing shared but what the caller lends.

use std::num::NonZeroUsize;

/// `f` of every item, in order; on one thread when the machine has one core or the list is short.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get).min(8);
    if cores < 2 || items.len() < 2 * cores {
        return items.iter().map(f).collect();
    }
    let size = items.len().div_ceil(cores);
    let f = &f;
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(size)
            .map(|chunk| s.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u32> = (0..1000).collect();
        assert_eq!(super::map(&items, |i| i * 2), items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(super::map(&[7u32], |i| i + 1), vec![8]);
        assert!(super::map(&Vec::<u32>::new(), |i| *i).is_empty());
    }
}
