//! A fast hasher for the word lists and per-article word sets of `ingest`.
//!
//! The standard `HashMap` hashes with SipHash, which resists collision attacks but costs
//! several times more than the short words looked up here, millions of times per import.
//! Nothing here iterates these maps in an order that reaches the output, and their keys
//! come from embedded lists and the article itself, so a plain FNV-1a is enough.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a over the bytes written, 64 bits.
#[derive(Debug, Clone, Copy)]
pub struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> Self {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for FnvHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FnvBuild = BuildHasherDefault<FnvHasher>;
pub type FnvHashMap<K, V> = HashMap<K, V, FnvBuild>;
pub type FnvHashSet<T> = HashSet<T, FnvBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_like_reference_fnv1a() {
        // Reference values of 64-bit FNV-1a.
        let of = |s: &str| {
            let mut h = FnvHasher::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(of(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(of("a"), 0xaf63_dc4c_8601_ec8c);
        let set: FnvHashSet<&str> = ["london", "paris"].into_iter().collect();
        assert!(set.contains("london") && !set.contains("rome"));
    }
}
