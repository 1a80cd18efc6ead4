//! Remembering IDs already seen: hook deduplication and SAML assertion replay.
//!
//! [`SeenIds`] is the trait a shared store implements (so several replicas agree);
//! [`MemorySeenIds`] is the in-process default. Its memory is bounded twice: every entry
//! expires (its own expiry, capped by a maximum TTL), and the number of live entries is capped.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use crate::clock::{Clock, SystemClock};
use crate::credentials::BoxFuture;

/// Why a seen-ID store could not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SeenStoreError {
    /// The store holds its maximum of live entries and is configured to refuse new ones.
    #[error("seen-ID store is full ({capacity} live entries)")]
    Full {
        /// The configured capacity.
        capacity: usize,
    },
    /// The ID is longer than the store accepts.
    #[error("ID of {len} bytes exceeds the {max}-byte limit")]
    IdTooLong {
        /// Length of the refused ID.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A backing service failed.
    #[error("seen-ID store backend failed: {0}")]
    Backend(String),
}

/// A set of IDs with expiry, shared by everything that must see an ID only once.
pub trait SeenIds: Send + Sync + fmt::Debug {
    /// Records `id` until `expires_at`. Returns `Ok(true)` if the ID was not already recorded
    /// (or its record had expired), `Ok(false)` if it was: a duplicate or a replay.
    fn insert_if_new<'a>(
        &'a self,
        id: &'a str,
        expires_at: SystemTime,
    ) -> BoxFuture<'a, Result<bool, SeenStoreError>>;
}

/// What [`MemorySeenIds`] does when it is full of live entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum WhenFull {
    /// Refuse the new ID with [`SeenStoreError::Full`]: nothing can be replayed (default; right
    /// for replay protection).
    #[default]
    Refuse,
    /// Forget the entry closest to expiry: the store always answers (right for deduplicating
    /// at-least-once deliveries, where a rare duplicate is harmless).
    EvictSoonestExpiring,
}

/// The most bytes an ID may have in [`MemorySeenIds`].
pub const MAX_ID_LEN: usize = 1024;

/// An in-memory [`SeenIds`] with a capacity and a maximum TTL.
///
/// ```
/// # tokio_test_block_on(async {
/// use okta_core::seen::{MemorySeenIds, SeenIds};
/// use std::time::{Duration, SystemTime};
///
/// let seen = MemorySeenIds::new(10_000, Duration::from_secs(3600));
/// let until = SystemTime::now() + Duration::from_secs(300);
/// assert!(seen.insert_if_new("evt-1", until).await.unwrap());
/// assert!(!seen.insert_if_new("evt-1", until).await.unwrap());
/// # });
/// # fn tokio_test_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
/// # }
/// ```
pub struct MemorySeenIds {
    state: Mutex<State>,
    capacity: usize,
    max_ttl: Duration,
    when_full: WhenFull,
    clock: Arc<dyn Clock>,
}

#[derive(Default)]
struct State {
    expiry: HashMap<Arc<str>, SystemTime>,
    by_expiry: BTreeSet<(SystemTime, Arc<str>)>,
}

impl fmt::Debug for MemorySeenIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemorySeenIds")
            .field("len", &self.len())
            .field("capacity", &self.capacity)
            .field("max_ttl", &self.max_ttl)
            .field("when_full", &self.when_full)
            .finish()
    }
}

impl MemorySeenIds {
    /// A store of at most `capacity` live IDs, each kept at most `max_ttl`.
    pub fn new(capacity: usize, max_ttl: Duration) -> Self {
        MemorySeenIds {
            state: Mutex::new(State::default()),
            capacity: capacity.max(1),
            max_ttl,
            when_full: WhenFull::default(),
            clock: Arc::new(SystemClock),
        }
    }

    /// Sets what happens when the store is full.
    pub fn when_full(mut self, when_full: WhenFull) -> Self {
        self.when_full = when_full;
        self
    }

    /// Uses `clock` to decide what has expired.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Entries currently held (expired ones included until the next insert purges them).
    pub fn len(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .expiry
            .len()
    }

    /// Whether the store holds no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn insert_now(&self, id: &str, expires_at: SystemTime) -> Result<bool, SeenStoreError> {
        if id.len() > MAX_ID_LEN {
            return Err(SeenStoreError::IdTooLong {
                len: id.len(),
                max: MAX_ID_LEN,
            });
        }
        let now = self.clock.now();
        let expires_at = now
            .checked_add(self.max_ttl)
            .map_or(expires_at, |cap| expires_at.min(cap));
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        // Purge everything expired; each entry is removed once, so this is amortised O(log n).
        while let Some((t, _)) = st.by_expiry.first() {
            if *t > now {
                break;
            }
            if let Some((_, key)) = st.by_expiry.pop_first() {
                st.expiry.remove(&key);
            }
        }
        if st.expiry.contains_key(id) {
            return Ok(false);
        }
        if expires_at <= now {
            // Already expired: nothing to remember, and not a replay.
            return Ok(true);
        }
        if st.expiry.len() >= self.capacity {
            match self.when_full {
                WhenFull::Refuse => {
                    return Err(SeenStoreError::Full {
                        capacity: self.capacity,
                    })
                }
                WhenFull::EvictSoonestExpiring => {
                    if let Some((_, key)) = st.by_expiry.pop_first() {
                        st.expiry.remove(&key);
                    }
                }
            }
        }
        let key: Arc<str> = Arc::from(id);
        st.expiry.insert(key.clone(), expires_at);
        st.by_expiry.insert((expires_at, key));
        Ok(true)
    }
}

impl SeenIds for MemorySeenIds {
    fn insert_if_new<'a>(
        &'a self,
        id: &'a str,
        expires_at: SystemTime,
    ) -> BoxFuture<'a, Result<bool, SeenStoreError>> {
        let result = self.insert_now(id, expires_at);
        Box::pin(async move { result })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use std::time::UNIX_EPOCH;

    fn store(capacity: usize) -> (MemorySeenIds, Arc<ManualClock>) {
        let clock = Arc::new(ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_000)));
        let s = MemorySeenIds::new(capacity, Duration::from_secs(60)).with_clock(clock.clone());
        (s, clock)
    }

    #[test]
    fn a_second_insert_is_reported_as_seen_until_expiry() {
        let (s, clock) = store(10);
        let exp = clock.now() + Duration::from_secs(30);
        assert!(s.insert_now("a", exp).unwrap());
        assert!(!s.insert_now("a", exp).unwrap());
        clock.advance(Duration::from_secs(31));
        assert!(s
            .insert_now("a", clock.now() + Duration::from_secs(30))
            .unwrap());
    }

    #[test]
    fn expiry_is_capped_by_max_ttl() {
        let (s, clock) = store(10);
        assert!(s
            .insert_now("a", clock.now() + Duration::from_secs(86_400))
            .unwrap());
        clock.advance(Duration::from_secs(61));
        assert!(s
            .insert_now("a", clock.now() + Duration::from_secs(10))
            .unwrap());
    }

    #[test]
    fn full_store_refuses_by_default_and_never_grows() {
        let (s, clock) = store(3);
        let exp = clock.now() + Duration::from_secs(30);
        for id in ["a", "b", "c"] {
            assert!(s.insert_now(id, exp).unwrap());
        }
        assert_eq!(
            s.insert_now("d", exp),
            Err(SeenStoreError::Full { capacity: 3 })
        );
        // Known IDs are still answered.
        assert_eq!(s.insert_now("a", exp), Ok(false));
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn full_store_can_evict_the_soonest_expiring() {
        let (s, clock) = store(2);
        let s = s.when_full(WhenFull::EvictSoonestExpiring);
        assert!(s
            .insert_now("soon", clock.now() + Duration::from_secs(5))
            .unwrap());
        assert!(s
            .insert_now("late", clock.now() + Duration::from_secs(50))
            .unwrap());
        assert!(s
            .insert_now("new", clock.now() + Duration::from_secs(30))
            .unwrap());
        assert_eq!(s.len(), 2);
        assert!(!s
            .insert_now("late", clock.now() + Duration::from_secs(50))
            .unwrap());
        assert!(s
            .insert_now("soon", clock.now() + Duration::from_secs(5))
            .unwrap());
    }

    #[test]
    fn expired_entries_free_capacity() {
        let (s, clock) = store(2);
        let exp = clock.now() + Duration::from_secs(10);
        assert!(s.insert_now("a", exp).unwrap());
        assert!(s.insert_now("b", exp).unwrap());
        clock.advance(Duration::from_secs(11));
        assert!(s
            .insert_now("c", clock.now() + Duration::from_secs(10))
            .unwrap());
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn oversized_ids_are_refused() {
        let (s, clock) = store(2);
        let long = "x".repeat(MAX_ID_LEN + 1);
        assert!(matches!(
            s.insert_now(&long, clock.now() + Duration::from_secs(1)),
            Err(SeenStoreError::IdTooLong { .. })
        ));
    }
}
