//! Decoding of resources whose shape depends on a discriminator field (such as an
//! application's `signOnMode` or a network zone's `type`).
//!
//! A typed variant is tried first; a record it cannot hold (an unknown discriminator value, or
//! a known one with an odd field) decodes into a generic fallback instead, which takes the
//! common fields it can read and keeps everything else as it came. Decoding never fails
//! because of the discriminator, and the fallback writes back exactly what was read.

use serde::de::DeserializeOwned;
use serde::ser::{Error as _, Serialize, Serializer};
use serde_json::{Map, Value};

/// Removes `key` from `map` and returns it decoded, when it is present, not `null` and of the
/// expected shape; otherwise leaves the entry where it is (so it is written back unchanged).
pub(crate) fn take<T: DeserializeOwned>(map: &mut Map<String, Value>, key: &str) -> Option<T> {
    let decoded = match map.get(key) {
        None | Some(Value::Null) => return None,
        Some(value) => T::deserialize(value).ok()?,
    };
    map.remove(key);
    Some(decoded)
}

/// Decodes `map` (without its discriminator) as `T`, or gives the map back when it does not
/// fit.
pub(crate) fn try_typed<T: DeserializeOwned>(
    map: Map<String, Value>,
) -> Result<T, Map<String, Value>> {
    let value = Value::Object(map);
    match T::deserialize(&value) {
        Ok(typed) => Ok(typed),
        Err(_) => match value {
            Value::Object(map) => Err(map),
            // `value` was built from a map just above.
            _ => Err(Map::new()),
        },
    }
}

/// Serializes a typed variant with its discriminator `key: value` added.
pub(crate) fn serialize_tagged<T: Serialize, S: Serializer>(
    inner: &T,
    key: &str,
    value: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut json = serde_json::to_value(inner).map_err(S::Error::custom)?;
    match &mut json {
        Value::Object(map) => {
            map.insert(key.to_owned(), Value::String(value.to_owned()));
        }
        _ => {
            return Err(S::Error::custom(
                "a resource must serialize to a JSON object",
            ))
        }
    }
    json.serialize(serializer)
}
