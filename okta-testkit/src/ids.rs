//! Okta-like identifiers: resource ids, request ids and error ids.

/// Base62 digits in ASCII order, so that fixed-width base62 strings sort like numbers.
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Width of the creation counter inside a resource id (62^8 ids are plenty).
const COUNTER_DIGITS: usize = 8;

/// Length of every resource id, like Okta's.
const ID_LEN: usize = 20;

/// Appends `n` random base62 characters to `out`.
fn push_random(out: &mut String, n: usize) {
    for _ in 0..n {
        out.push(char::from(BASE62[fastrand::usize(..BASE62.len())]));
    }
}

/// Makes resource ids that sort in creation order.
///
/// An id is a three-character prefix (`00u` for users, `00g` for groups), a zero-padded
/// base62 creation counter and random characters, 20 characters in all, so the ids of one
/// kind sort in the order they were made and a `BTreeMap` keyed by id can serve `after` cursors.
#[derive(Debug, Default)]
pub(crate) struct IdGenerator {
    counter: u64,
}

impl IdGenerator {
    /// The next id with the given three-character prefix.
    pub(crate) fn next(&mut self, prefix: &str) -> String {
        self.counter += 1;
        let mut digits = [b'0'; COUNTER_DIGITS];
        let mut value = self.counter;
        for slot in digits.iter_mut().rev() {
            // `value % 62` is below 62, so the index is in bounds.
            *slot = BASE62[(value % 62) as usize];
            value /= 62;
        }
        let mut id = String::with_capacity(ID_LEN);
        id.push_str(prefix);
        id.extend(digits.iter().map(|&b| char::from(b)));
        let random = ID_LEN.saturating_sub(id.len());
        push_random(&mut id, random);
        id
    }
}

/// A fresh `X-Okta-Request-Id` value.
pub(crate) fn request_id() -> String {
    let mut id = String::with_capacity(27);
    push_random(&mut id, 27);
    id
}

/// A fresh `errorId` for an error body (`oae` followed by random characters).
pub(crate) fn error_id() -> String {
    let mut id = String::from("oae");
    push_random(&mut id, 22);
    id
}

/// A random token of `len` base62 characters.
pub(crate) fn token(len: usize) -> String {
    let mut id = String::with_capacity(len);
    push_random(&mut id, len);
    id
}

/// A random version 4 UUID in its usual text form, for System Log events.
pub(crate) fn uuid() -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(36);
    for i in 0..32 {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        let digit = match i {
            12 => 4,
            16 => 8 + fastrand::usize(..4),
            _ => fastrand::usize(..16),
        };
        out.push(char::from(HEX[digit]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_okta_length_and_sort_in_creation_order() {
        let mut ids = IdGenerator::default();
        let made: Vec<String> = (0..5000).map(|_| ids.next("00u")).collect();
        assert!(made
            .iter()
            .all(|id| id.len() == 20 && id.starts_with("00u")));
        let mut sorted = made.clone();
        sorted.sort();
        assert_eq!(made, sorted);
    }

    #[test]
    fn uuids_are_version_4() {
        let id = uuid();
        assert_eq!(id.len(), 36);
        assert_eq!(id.as_bytes()[14], b'4');
        assert!(matches!(id.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
    }
}
