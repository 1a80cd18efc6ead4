//! Building blocks of the Management API models that keep working when Okta changes.
//!
//! - Enums made with the crate's `okta_enum!` macro (such as [`UserStatus`](crate::UserStatus))
//!   decode a value this SDK does not know yet into an `Unknown(String)` variant and write it
//!   back unchanged, instead of failing the whole response.
//! - [`Field`] tells "leave unchanged", "set to null" and "set to value" apart in partial
//!   updates.
//! - [`Links`] holds `_links` and `_embedded` as they come.

use std::fmt;

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Error as _, Serialize, Serializer};

/// The `_links` or `_embedded` object of a resource, kept as Okta sent it.
pub type Links = serde_json::Map<String, serde_json::Value>;

/// Defines a `#[non_exhaustive]` enum of Okta wire strings with an `Unknown(String)` variant.
///
/// The enum gets `as_str`, `Display`, `From<&str>`, `FromStr` (infallible), `Serialize`
/// (the wire string; `Unknown(s)` writes `s`) and `Deserialize` (a string it does not know
/// becomes `Unknown`).
macro_rules! okta_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident => $wire:literal,
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                $variant,
            )+
            /// A value this version of the SDK does not know, kept exactly as Okta sent it.
            Unknown(String),
        }

        impl $name {
            /// The value as Okta writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Unknown(value) => value,
                }
            }

            /// Whether this is a value the SDK does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown(_))
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )+
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    $( $wire => Self::$variant, )+
                    _ => Self::Unknown(value),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::from(value.into_owned()))
            }
        }
    };
}
pub(crate) use okta_enum;

/// One attribute of a partial update: leave it as it is, set it to `null`, or set it to a
/// value.
///
/// Okta's partial updates (`POST /api/v1/users/{id}`) treat an absent attribute and an
/// attribute set to `null` differently: absent leaves the stored value alone, `null` clears
/// it. A plain `Option<T>` cannot say both, which is why partial updates in Okta's official
/// SDKs either wipe attributes nobody meant to touch or cannot clear one. `Field` has the three
/// states:
///
/// | state | JSON sent | effect |
/// |---|---|---|
/// | [`Field::Unchanged`] (the default) | the key is left out | the stored value stays |
/// | [`Field::Null`] | `"key": null` | the stored value is cleared |
/// | [`Field::Value(v)`](Field::Value) | `"key": v` | the stored value becomes `v` |
///
/// A struct holding a `Field` must skip `Unchanged` with
/// `#[serde(default, skip_serializing_if = "Field::is_unchanged")]`; serializing an
/// `Unchanged` field on its own is an error rather than a silent `null`. Decoding gives
/// `Unchanged` for an absent key (with `#[serde(default)]`), `Null` for `null` and `Value`
/// otherwise.
///
/// ```
/// use okta_mgmt::{Field, UserProfileUpdate};
///
/// let mut update = UserProfileUpdate::default();
/// update.title = Field::Value("Engineer".into());
/// update.mobile_phone = Field::Null;
/// let json = serde_json::to_value(&update).unwrap();
/// assert_eq!(json, serde_json::json!({"title": "Engineer", "mobilePhone": null}));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Field<T> {
    /// Leave the attribute as it is: nothing is sent.
    #[default]
    Unchanged,
    /// Clear the attribute: `null` is sent.
    Null,
    /// Set the attribute to this value.
    Value(T),
}

impl<T> Field<T> {
    /// Whether the field is [`Field::Unchanged`] (for `skip_serializing_if`).
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Field::Unchanged)
    }

    /// Whether the field is [`Field::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }

    /// The value, when the field is [`Field::Value`].
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Value(value)
    }
}

impl<T> From<Option<T>> for Field<T> {
    /// `Some(v)` sets the value, `None` sets `null`.
    fn from(value: Option<T>) -> Self {
        match value {
            Some(value) => Field::Value(value),
            None => Field::Null,
        }
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Value(value) => value.serialize(serializer),
            Field::Null => serializer.serialize_none(),
            Field::Unchanged => Err(S::Error::custom(
                "Field::Unchanged must be skipped by the containing struct \
                 (skip_serializing_if = \"Field::is_unchanged\")",
            )),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}

/// Percent-encodes one path segment: everything but RFC 3986 unreserved characters.
pub(crate) fn segment(value: &str) -> String {
    use fmt::Write as _;
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_encodes_reserved_characters() {
        assert_eq!(segment("a@b.com"), "a%40b.com");
        assert_eq!(segment("x/y z"), "x%2Fy%20z");
        assert_eq!(segment("00u1-_.~"), "00u1-_.~");
        assert_eq!(segment("é"), "%C3%A9");
    }
}
