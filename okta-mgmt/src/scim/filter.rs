//! SCIM filter expressions (RFC 7644 section 3.4.2.2) and PATCH paths (section 3.5.2).
//!
//! [`parse`] turns a filter such as `userName eq "bjensen"` or
//! `emails[type eq "work" and value co "@example.com"]` into a [`Filter`] tree, and
//! [`parse_path`] turns a PATCH `path` such as `members[value eq "2819c223"]` or
//! `emails[type eq "work"].value` into a [`PatchPath`]. [`Filter::matches`] evaluates a filter
//! against a resource held as JSON.
//!
//! # Grammar
//!
//! * Attribute paths: `attr`, `attr.subAttr`, optionally prefixed by a schema URI and a colon
//!   (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`). The URI may
//!   itself contain `:` and `.`; the attribute starts after the **last** colon. Names start with
//!   a letter and go on with letters, digits, `-` and `_`; `$ref` is also accepted.
//! * Comparison operators `eq ne co sw ew gt lt ge le` and the presence operator `pr`.
//! * Logical operators `and`, `or`, `not (...)`, and parentheses. `not` binds tighter than
//!   `and`, which binds tighter than `or`; `and` and `or` group to the left.
//! * Value paths `attr[filter]`. The bracketed filter may not itself contain a value path.
//! * Values: JSON strings (with JSON escapes), JSON numbers, `true`, `false`, `null`.
//!
//! Operators, `and`/`or`/`not`, `true`/`false`/`null` and attribute names are
//! case-insensitive. Tokens are separated by any ASCII whitespace (the RFC asks for exactly one
//! space; more is accepted). The tree keeps attribute names as written.
//!
//! Ordering comparisons (`gt ge lt le`) against `true`, `false` or `null` are rejected by the
//! parser with [`FilterErrorKind::InvalidComparison`], as RFC 7644 asks servers to answer them
//! with `invalidFilter`.
//!
//! # Limits
//!
//! Inputs longer than [`MAX_FILTER_LEN`] bytes and nesting (parentheses, `not`, brackets)
//! deeper than [`MAX_DEPTH`] are errors, so hostile input cannot exhaust the stack.
//!
//! # Printing
//!
//! `Display` on [`Filter`] prints a canonical form: lowercase operators, one space between
//! tokens, only the parentheses the precedence rules need, and JSON-escaped strings. For every
//! tree `f` that [`parse`] returns, `parse(&f.to_string()) == Ok(f)`. A tree built by hand
//! prints to a string that parses back to itself as long as it is one `parse` could return
//! (valid names, no value path inside a value path, no ordering comparison against a boolean
//! or null).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{Number, Value};

use crate::scim::patch::ScimType;

/// The longest filter or PATCH path accepted, in bytes.
pub const MAX_FILTER_LEN: usize = 8 * 1024;

/// The deepest nesting of parentheses, `not (...)` and value-path brackets accepted.
pub const MAX_DEPTH: usize = 64;

/// Prefix of the IETF core schema URNs (`...:core:2.0:User`, `...:core:2.0:Group`). An
/// attribute path prefixed by one of them names a top-level attribute.
const CORE_SCHEMA_PREFIX: &str = "urn:ietf:params:scim:schemas:core:";

// ---------------------------------------------------------------------------------------------
// AST
// ---------------------------------------------------------------------------------------------

/// A parsed SCIM filter.
///
/// Serializes to JSON for display and tooling: comparisons as
/// `{"op":"eq","path":"userName","value":"bjensen"}`, presence as `{"op":"pr","path":"title"}`,
/// logic as `{"and":[left,right]}`, `{"or":[left,right]}` and `{"not":inner}`, and value paths
/// as `{"path":"emails","filter":inner}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Filter {
    /// `path op value`, for example `userName eq "bjensen"`.
    Compare {
        /// The attribute compared.
        path: AttrPath,
        /// The comparison operator.
        op: CompareOp,
        /// The literal the attribute is compared with.
        value: CompValue,
    },
    /// `path pr`: the attribute has a non-empty value.
    Present(AttrPath),
    /// Both sides match.
    And(Box<Filter>, Box<Filter>),
    /// Either side matches.
    Or(Box<Filter>, Box<Filter>),
    /// The inner filter does not match.
    Not(Box<Filter>),
    /// `attr[filter]`: some value of the (usually multi-valued, complex) attribute matches the
    /// inner filter, whose paths are relative to that value.
    ValuePath {
        /// The attribute whose values are tested.
        attr: AttrPath,
        /// The filter each value is tested with.
        filter: Box<Filter>,
    },
}

/// An attribute path: an optional schema URI, an attribute name and an optional sub-attribute.
///
/// `Display` prints `urn:attr.subAttr` (the parts present); serialization uses the same string.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AttrPath {
    /// The schema URI prefix, without the colon that separates it from the attribute.
    pub urn: Option<String>,
    /// The attribute name, as written.
    pub attr: String,
    /// The sub-attribute name, as written.
    pub sub_attr: Option<String>,
}

/// A comparison operator. Serializes as its lowercase keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CompareOp {
    /// `eq`: equal.
    Eq,
    /// `ne`: not equal.
    Ne,
    /// `co`: contains (strings).
    Co,
    /// `sw`: starts with (strings).
    Sw,
    /// `ew`: ends with (strings).
    Ew,
    /// `gt`: greater than.
    Gt,
    /// `lt`: less than.
    Lt,
    /// `ge`: greater than or equal.
    Ge,
    /// `le`: less than or equal.
    Le,
}

/// The literal on the right of a comparison. Serializes as the JSON value it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompValue {
    /// A string (escapes already decoded).
    Str(String),
    /// A number.
    Num(Number),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
}

/// A parsed PATCH `path` (RFC 7644 section 3.5.2): an attribute path, optionally followed by a
/// value filter in brackets and a sub-attribute after the closing bracket.
///
/// | path | `attr` | `filter` | `sub_attr` |
/// |---|---|---|---|
/// | `name.familyName` | `name.familyName` | - | - |
/// | `members[value eq "2819c223"]` | `members` | `value eq "2819c223"` | - |
/// | `emails[type eq "work"].value` | `emails` | `type eq "work"` | `value` |
///
/// When `filter` is present, `attr.sub_attr` is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchPath {
    /// The attribute targeted (with its schema URI and, when there is no filter, its
    /// sub-attribute).
    pub attr: AttrPath,
    /// The value filter selecting elements of a multi-valued attribute.
    pub filter: Option<Filter>,
    /// The sub-attribute of the selected elements (the part after `]`).
    pub sub_attr: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// A filter or PATCH path that could not be parsed.
///
/// Displays as `<what went wrong> at position <byte offset>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} at position {position}")]
pub struct FilterError {
    /// Byte offset into the input where the problem was found.
    pub position: usize,
    /// What went wrong.
    pub kind: FilterErrorKind,
}

impl FilterError {
    /// The SCIM error type to answer with when this error comes from a filter: `invalidFilter`.
    /// (A server answering a PATCH with an unparsable `path` uses `invalidPath` instead.)
    pub fn scim_type(&self) -> ScimType {
        ScimType::InvalidFilter
    }
}

/// What went wrong while parsing a filter or a PATCH path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum FilterErrorKind {
    /// The input is empty or only whitespace.
    #[error("empty expression")]
    Empty,
    /// The input is longer than [`MAX_FILTER_LEN`].
    #[error("expression longer than {} bytes", MAX_FILTER_LEN)]
    TooLong,
    /// The input ends where more was expected (an operator, a value, an expression).
    #[error("unexpected end of input")]
    UnexpectedEnd,
    /// A token that does not fit the grammar where it stands.
    #[error("unexpected token")]
    UnexpectedToken,
    /// A word in operator position that is not a comparison operator.
    #[error("unknown operator")]
    UnknownOperator,
    /// A comparison value that is not a JSON string, number, `true`, `false` or `null`, or a
    /// string with an invalid escape or a raw control character.
    #[error("invalid comparison value")]
    BadValue,
    /// A string with no closing quote.
    #[error("unterminated string")]
    UnterminatedString,
    /// An attribute path with an invalid schema URI or attribute name.
    #[error("invalid attribute path")]
    BadAttributePath,
    /// A `(` with no matching `)`, or a `)` with no matching `(`.
    #[error("unbalanced parenthesis")]
    UnbalancedParen,
    /// A `[` with no matching `]`, or a `]` with no matching `[`.
    #[error("unbalanced bracket")]
    UnbalancedBracket,
    /// Nesting deeper than [`MAX_DEPTH`].
    #[error("nesting deeper than {}", MAX_DEPTH)]
    TooDeep,
    /// Input left over after a complete expression.
    #[error("unexpected input after the end of the expression")]
    TrailingInput,
    /// `gt`, `ge`, `lt` or `le` against `true`, `false` or `null`.
    #[error("ordering comparison with a boolean or null")]
    InvalidComparison,
}

// ---------------------------------------------------------------------------------------------
// Constructors and accessors
// ---------------------------------------------------------------------------------------------

impl AttrPath {
    /// A path naming a top-level attribute, with no schema URI and no sub-attribute.
    pub fn new(attr: impl Into<String>) -> Self {
        Self {
            urn: None,
            attr: attr.into(),
            sub_attr: None,
        }
    }

    /// This path with the given sub-attribute.
    pub fn with_sub_attr(mut self, sub_attr: impl Into<String>) -> Self {
        self.sub_attr = Some(sub_attr.into());
        self
    }

    /// This path with the given schema URI prefix.
    pub fn with_urn(mut self, urn: impl Into<String>) -> Self {
        self.urn = Some(urn.into());
        self
    }

    /// The same path without its sub-attribute.
    pub fn parent(&self) -> AttrPath {
        AttrPath {
            urn: self.urn.clone(),
            attr: self.attr.clone(),
            sub_attr: None,
        }
    }

    /// Whether the schema URI is absent or one of the IETF core schemas
    /// (`urn:ietf:params:scim:schemas:core:...`), that is, whether the path names a core
    /// attribute rather than an extension attribute.
    pub fn is_core(&self) -> bool {
        self.urn.as_deref().is_none_or(is_ietf_core_urn)
    }

    /// Whether this path names the core attribute `attr` (and sub-attribute `sub_attr`),
    /// ignoring ASCII case. See [`AttrPath::is_core`].
    pub fn is_core_attr(&self, attr: &str, sub_attr: Option<&str>) -> bool {
        self.is_core()
            && self.attr.eq_ignore_ascii_case(attr)
            && match (&self.sub_attr, sub_attr) {
                (None, None) => true,
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => false,
            }
    }
}

impl Filter {
    /// `path op value`.
    pub fn compare(path: AttrPath, op: CompareOp, value: CompValue) -> Self {
        Filter::Compare { path, op, value }
    }

    /// `path pr`.
    pub fn present(path: AttrPath) -> Self {
        Filter::Present(path)
    }

    /// `left and right`.
    pub fn and(left: Filter, right: Filter) -> Self {
        Filter::And(Box::new(left), Box::new(right))
    }

    /// `left or right`.
    pub fn or(left: Filter, right: Filter) -> Self {
        Filter::Or(Box::new(left), Box::new(right))
    }

    /// `not (inner)`.
    #[allow(clippy::should_implement_trait)]
    pub fn not(inner: Filter) -> Self {
        Filter::Not(Box::new(inner))
    }

    /// `attr[filter]`.
    pub fn value_path(attr: AttrPath, filter: Filter) -> Self {
        Filter::ValuePath {
            attr,
            filter: Box::new(filter),
        }
    }
}

impl CompareOp {
    /// The operator's lowercase keyword (`"eq"`, `"co"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "eq",
            CompareOp::Ne => "ne",
            CompareOp::Co => "co",
            CompareOp::Sw => "sw",
            CompareOp::Ew => "ew",
            CompareOp::Gt => "gt",
            CompareOp::Lt => "lt",
            CompareOp::Ge => "ge",
            CompareOp::Le => "le",
        }
    }

    /// The operator for a keyword, ignoring ASCII case; `None` for anything else (including
    /// `pr`, which is not a comparison).
    pub fn from_keyword(word: &str) -> Option<Self> {
        const ALL: [CompareOp; 9] = [
            CompareOp::Eq,
            CompareOp::Ne,
            CompareOp::Co,
            CompareOp::Sw,
            CompareOp::Ew,
            CompareOp::Gt,
            CompareOp::Lt,
            CompareOp::Ge,
            CompareOp::Le,
        ];
        ALL.into_iter()
            .find(|op| op.as_str().eq_ignore_ascii_case(word))
    }

    /// Whether this is one of the ordering operators `gt`, `ge`, `lt`, `le`.
    pub fn is_ordering(self) -> bool {
        matches!(
            self,
            CompareOp::Gt | CompareOp::Lt | CompareOp::Ge | CompareOp::Le
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Display and Serialize
// ---------------------------------------------------------------------------------------------

impl fmt::Display for AttrPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(urn) = &self.urn {
            f.write_str(urn)?;
            f.write_str(":")?;
        }
        f.write_str(&self.attr)?;
        if let Some(sub) = &self.sub_attr {
            f.write_str(".")?;
            f.write_str(sub)?;
        }
        Ok(())
    }
}

impl Serialize for AttrPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for CompareOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for CompValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompValue::Str(s) => write_json_string(f, s),
            CompValue::Num(n) => fmt::Display::fmt(n, f),
            CompValue::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            CompValue::Null => f.write_str("null"),
        }
    }
}

impl Serialize for CompValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CompValue::Str(s) => serializer.serialize_str(s),
            CompValue::Num(n) => n.serialize(serializer),
            CompValue::Bool(b) => serializer.serialize_bool(*b),
            CompValue::Null => serializer.serialize_unit(),
        }
    }
}

/// Writes `s` as a JSON string literal: quotes, backslashes and control characters escaped,
/// everything else as is.
fn write_json_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    let mut run_start = 0;
    for (i, c) in s.char_indices() {
        let escape: Option<&str> = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            c if (c as u32) < 0x20 => None,
            _ => continue,
        };
        f.write_str(&s[run_start..i])?;
        match escape {
            Some(e) => f.write_str(e)?,
            None => write!(f, "\\u{:04x}", c as u32)?,
        }
        run_start = i + c.len_utf8();
    }
    f.write_str(&s[run_start..])?;
    f.write_str("\"")
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Filter::Compare { path, op, value } => write!(f, "{path} {op} {value}"),
            Filter::Present(path) => write!(f, "{path} pr"),
            Filter::And(left, right) => {
                write_operand(f, left, matches!(**left, Filter::Or(..)))?;
                f.write_str(" and ")?;
                write_operand(
                    f,
                    right,
                    matches!(**right, Filter::Or(..) | Filter::And(..)),
                )
            }
            Filter::Or(left, right) => {
                write_operand(f, left, false)?;
                f.write_str(" or ")?;
                write_operand(f, right, matches!(**right, Filter::Or(..)))
            }
            Filter::Not(inner) => write!(f, "not ({inner})"),
            Filter::ValuePath { attr, filter } => write!(f, "{attr}[{filter}]"),
        }
    }
}

fn write_operand(f: &mut fmt::Formatter<'_>, operand: &Filter, parens: bool) -> fmt::Result {
    if parens {
        write!(f, "({operand})")
    } else {
        write!(f, "{operand}")
    }
}

impl Serialize for Filter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Filter::Compare { path, op, value } => {
                let mut map = serializer.serialize_map(Some(3))?;
                map.serialize_entry("op", op)?;
                map.serialize_entry("path", path)?;
                map.serialize_entry("value", value)?;
                map.end()
            }
            Filter::Present(path) => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("op", "pr")?;
                map.serialize_entry("path", path)?;
                map.end()
            }
            Filter::And(left, right) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("and", &[&**left, &**right])?;
                map.end()
            }
            Filter::Or(left, right) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("or", &[&**left, &**right])?;
                map.end()
            }
            Filter::Not(inner) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("not", &**inner)?;
                map.end()
            }
            Filter::ValuePath { attr, filter } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("path", attr)?;
                map.serialize_entry("filter", &**filter)?;
                map.end()
            }
        }
    }
}

impl fmt::Display for PatchPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.attr)?;
        if let Some(filter) = &self.filter {
            write!(f, "[{filter}]")?;
        }
        if let Some(sub) = &self.sub_attr {
            write!(f, ".{sub}")?;
        }
        Ok(())
    }
}

impl FromStr for Filter {
    type Err = FilterError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

impl FromStr for PatchPath {
    type Err = FilterError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_path(s)
    }
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

/// Parses a SCIM filter. See the [module documentation](self) for the grammar and limits.
///
/// ```
/// use okta_mgmt::scim::filter::{parse, CompareOp, Filter};
/// let f = parse(r#"userName Eq "bjensen""#).unwrap();
/// assert!(matches!(f, Filter::Compare { op: CompareOp::Eq, .. }));
/// assert_eq!(f.to_string(), r#"userName eq "bjensen""#);
/// ```
pub fn parse(input: &str) -> Result<Filter, FilterError> {
    let mut p = Parser::new(input)?;
    let filter = p.parse_or(0, false)?;
    p.skip_ws();
    match p.peek() {
        None => Ok(filter),
        Some(b')') => Err(p.err(p.pos, FilterErrorKind::UnbalancedParen)),
        Some(b']') => Err(p.err(p.pos, FilterErrorKind::UnbalancedBracket)),
        Some(_) => Err(p.err(p.pos, FilterErrorKind::TrailingInput)),
    }
}

/// Parses a PATCH `path`: `attrPath`, or `attrPath[valFilter]` optionally followed by
/// `.subAttr`. Leading and trailing whitespace is ignored.
///
/// ```
/// use okta_mgmt::scim::filter::parse_path;
/// let p = parse_path(r#"emails[type eq "work"].value"#).unwrap();
/// assert_eq!(p.attr.attr, "emails");
/// assert_eq!(p.sub_attr.as_deref(), Some("value"));
/// assert!(p.filter.is_some());
/// ```
pub fn parse_path(input: &str) -> Result<PatchPath, FilterError> {
    let mut p = Parser::new(input)?;
    p.skip_ws();
    let start = p.pos;
    match p.peek() {
        None => return Err(p.err(start, FilterErrorKind::Empty)),
        Some(b) if is_delim(b) => return Err(p.err(start, FilterErrorKind::UnexpectedToken)),
        Some(_) => {}
    }
    let (word_start, word) = p.take_word();
    let attr = parse_attr_path(word, word_start)?;
    let mut filter = None;
    let mut sub_attr = None;
    if p.peek() == Some(b'[') {
        let open = p.pos;
        if attr.sub_attr.is_some() {
            return Err(p.err(open, FilterErrorKind::UnexpectedToken));
        }
        p.pos += 1;
        let inner = p.parse_or(1, true)?;
        p.skip_ws();
        match p.peek() {
            None => return Err(p.err(open, FilterErrorKind::UnbalancedBracket)),
            Some(b']') => p.pos += 1,
            Some(_) => return Err(p.err(p.pos, FilterErrorKind::UnexpectedToken)),
        }
        filter = Some(inner);
        if p.peek() == Some(b'.') {
            let (sub_start, sub_word) = p.take_word();
            let name = sub_word.get(1..).unwrap_or("");
            validate_name(name, sub_start + 1)?;
            sub_attr = Some(name.to_owned());
        }
    }
    p.skip_ws();
    match p.peek() {
        None => Ok(PatchPath {
            attr,
            filter,
            sub_attr,
        }),
        Some(b']') => Err(p.err(p.pos, FilterErrorKind::UnbalancedBracket)),
        Some(_) => Err(p.err(p.pos, FilterErrorKind::TrailingInput)),
    }
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

/// Bytes that end a word: whitespace and the punctuation of the grammar.
fn is_delim(b: u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'(' | b')' | b'[' | b']' | b'"')
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Result<Self, FilterError> {
        if src.len() > MAX_FILTER_LEN {
            return Err(FilterError {
                position: MAX_FILTER_LEN,
                kind: FilterErrorKind::TooLong,
            });
        }
        if src.bytes().all(|b| b.is_ascii_whitespace()) {
            return Err(FilterError {
                position: src.len(),
                kind: FilterErrorKind::Empty,
            });
        }
        Ok(Self {
            src,
            bytes: src.as_bytes(),
            pos: 0,
        })
    }

    fn err(&self, position: usize, kind: FilterErrorKind) -> FilterError {
        FilterError { position, kind }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    /// Consumes the word at the current position (possibly empty) and returns its start.
    fn take_word(&mut self) -> (usize, &'a str) {
        let start = self.pos;
        while self.peek().is_some_and(|b| !is_delim(b)) {
            self.pos += 1;
        }
        (start, self.src.get(start..self.pos).unwrap_or(""))
    }

    /// If the next word (after whitespace) is `keyword`, consumes it.
    fn eat_keyword(&mut self, keyword: &str) -> bool {
        let save = self.pos;
        self.skip_ws();
        let (_, word) = self.take_word();
        if !word.is_empty() && word.eq_ignore_ascii_case(keyword) {
            true
        } else {
            self.pos = save;
            false
        }
    }

    fn parse_or(&mut self, depth: usize, in_brackets: bool) -> Result<Filter, FilterError> {
        let mut left = self.parse_and(depth, in_brackets)?;
        while self.eat_keyword("or") {
            let right = self.parse_and(depth, in_brackets)?;
            left = Filter::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn parse_and(&mut self, depth: usize, in_brackets: bool) -> Result<Filter, FilterError> {
        let mut left = self.parse_unary(depth, in_brackets)?;
        while self.eat_keyword("and") {
            let right = self.parse_unary(depth, in_brackets)?;
            left = Filter::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    /// `( filter )`, the current byte being `(`.
    fn parse_group(&mut self, depth: usize, in_brackets: bool) -> Result<Filter, FilterError> {
        let open = self.pos;
        if depth >= MAX_DEPTH {
            return Err(self.err(open, FilterErrorKind::TooDeep));
        }
        self.pos += 1;
        let inner = self.parse_or(depth + 1, in_brackets)?;
        self.skip_ws();
        match self.peek() {
            None => Err(self.err(open, FilterErrorKind::UnbalancedParen)),
            Some(b')') => {
                self.pos += 1;
                Ok(inner)
            }
            Some(_) => Err(self.err(self.pos, FilterErrorKind::UnexpectedToken)),
        }
    }

    fn parse_unary(&mut self, depth: usize, in_brackets: bool) -> Result<Filter, FilterError> {
        self.skip_ws();
        let start = self.pos;
        match self.peek() {
            None => return Err(self.err(start, FilterErrorKind::UnexpectedEnd)),
            Some(b'(') => return self.parse_group(depth, in_brackets),
            Some(b) if is_delim(b) => {
                return Err(self.err(start, FilterErrorKind::UnexpectedToken));
            }
            Some(_) => {}
        }
        let (word_start, word) = self.take_word();
        if word.eq_ignore_ascii_case("not") {
            let save = self.pos;
            self.skip_ws();
            if self.peek() == Some(b'(') {
                let inner = self.parse_group(depth, in_brackets)?;
                return Ok(Filter::Not(Box::new(inner)));
            }
            // `not` used as an attribute name.
            self.pos = save;
        }
        let path = parse_attr_path(word, word_start)?;
        self.skip_ws();
        match self.peek() {
            None => return Err(self.err(self.pos, FilterErrorKind::UnexpectedEnd)),
            Some(b'[') => {
                let open = self.pos;
                if in_brackets {
                    return Err(self.err(open, FilterErrorKind::UnexpectedToken));
                }
                if depth >= MAX_DEPTH {
                    return Err(self.err(open, FilterErrorKind::TooDeep));
                }
                self.pos += 1;
                let inner = self.parse_or(depth + 1, true)?;
                self.skip_ws();
                return match self.peek() {
                    None => Err(self.err(open, FilterErrorKind::UnbalancedBracket)),
                    Some(b']') => {
                        self.pos += 1;
                        Ok(Filter::ValuePath {
                            attr: path,
                            filter: Box::new(inner),
                        })
                    }
                    Some(_) => Err(self.err(self.pos, FilterErrorKind::UnexpectedToken)),
                };
            }
            Some(b) if is_delim(b) => {
                return Err(self.err(self.pos, FilterErrorKind::UnexpectedToken));
            }
            Some(_) => {}
        }
        let (op_start, op_word) = self.take_word();
        if op_word.eq_ignore_ascii_case("pr") {
            return Ok(Filter::Present(path));
        }
        let op = CompareOp::from_keyword(op_word)
            .ok_or_else(|| self.err(op_start, FilterErrorKind::UnknownOperator))?;
        self.skip_ws();
        let value_start = self.pos;
        let value = self.parse_value()?;
        if op.is_ordering() && matches!(value, CompValue::Bool(_) | CompValue::Null) {
            return Err(self.err(value_start, FilterErrorKind::InvalidComparison));
        }
        Ok(Filter::Compare { path, op, value })
    }

    fn parse_value(&mut self) -> Result<CompValue, FilterError> {
        let start = self.pos;
        match self.peek() {
            None => return Err(self.err(start, FilterErrorKind::UnexpectedEnd)),
            Some(b'"') => return self.parse_string().map(CompValue::Str),
            Some(b) if is_delim(b) => {
                return Err(self.err(start, FilterErrorKind::UnexpectedToken));
            }
            Some(_) => {}
        }
        let (_, word) = self.take_word();
        if word.eq_ignore_ascii_case("true") {
            Ok(CompValue::Bool(true))
        } else if word.eq_ignore_ascii_case("false") {
            Ok(CompValue::Bool(false))
        } else if word.eq_ignore_ascii_case("null") {
            Ok(CompValue::Null)
        } else {
            parse_number(word)
                .map(CompValue::Num)
                .ok_or_else(|| self.err(start, FilterErrorKind::BadValue))
        }
    }

    /// A JSON string, the current byte being the opening quote.
    fn parse_string(&mut self) -> Result<String, FilterError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self
                .src
                .get(self.pos..)
                .and_then(|rest| rest.chars().next())
            else {
                return Err(self.err(open, FilterErrorKind::UnterminatedString));
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                '\\' => {
                    let escape = self.pos;
                    self.pos += 1;
                    let Some(e) = self.peek() else {
                        return Err(self.err(open, FilterErrorKind::UnterminatedString));
                    };
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape(escape)?),
                        _ => return Err(self.err(escape, FilterErrorKind::BadValue)),
                    }
                }
                c if (c as u32) < 0x20 => return Err(self.err(self.pos, FilterErrorKind::BadValue)),
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// The rest of a `\uXXXX` escape (and of a following low surrogate escape, if the first
    /// is a high surrogate); `escape` is the position of the backslash.
    fn unicode_escape(&mut self, escape: usize) -> Result<char, FilterError> {
        let bad = self.err(escape, FilterErrorKind::BadValue);
        let high = self.hex4().ok_or(bad.clone())?;
        let code = match high {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u".as_slice()) {
                    return Err(bad);
                }
                self.pos += 2;
                let low = self.hex4().ok_or(bad.clone())?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(bad);
                }
                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(bad),
            c => c,
        };
        char::from_u32(code).ok_or(bad)
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.pos..self.pos + 4)?;
        let mut code = 0u32;
        for &d in digits {
            code = code * 16 + char::from(d).to_digit(16)?;
        }
        self.pos += 4;
        Some(code)
    }
}

/// A JSON number, or `None` if `word` is not one (or is out of range).
///
/// Integers become integer numbers when they fit 64 bits; everything else is a correctly
/// rounded `f64`, so printing and parsing again gives the same number.
fn parse_number(word: &str) -> Option<Number> {
    let b = word.as_bytes();
    let mut i = 0;
    let negative = b.first() == Some(&b'-');
    if negative {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let int_start = i;
    let int_len = digits(&mut i);
    if int_len == 0 || (int_len > 1 && b.get(int_start) == Some(&b'0')) {
        return None;
    }
    let mut integer = true;
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return None;
        }
        integer = false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
        integer = false;
    }
    if i != b.len() {
        return None;
    }
    if integer {
        if negative {
            if let Ok(n) = word.parse::<i64>() {
                return Some(Number::from(n));
            }
        } else if let Ok(n) = word.parse::<u64>() {
            return Some(Number::from(n));
        }
    }
    word.parse::<f64>().ok().and_then(Number::from_f64)
}

/// Splits an attribute path word into URI, attribute and sub-attribute and checks each part.
fn parse_attr_path(word: &str, start: usize) -> Result<AttrPath, FilterError> {
    let (urn, rest, rest_start) = match word.rfind(':') {
        Some(colon) => {
            let urn = &word[..colon];
            validate_urn(urn, start)?;
            (Some(urn.to_owned()), &word[colon + 1..], start + colon + 1)
        }
        None => (None, word, start),
    };
    let (attr, sub_attr) = match rest.find('.') {
        Some(dot) => {
            let sub = &rest[dot + 1..];
            validate_name(sub, rest_start + dot + 1)?;
            (&rest[..dot], Some(sub.to_owned()))
        }
        None => (rest, None),
    };
    validate_name(attr, rest_start)?;
    Ok(AttrPath {
        urn,
        attr: attr.to_owned(),
        sub_attr,
    })
}

/// An attribute name: a letter then letters, digits, `-` and `_`; or `$ref`.
fn validate_name(name: &str, start: usize) -> Result<(), FilterError> {
    if name.eq_ignore_ascii_case("$ref") {
        return Ok(());
    }
    let bad = |offset: usize| FilterError {
        position: start + offset,
        kind: FilterErrorKind::BadAttributePath,
    };
    let mut bytes = name.bytes().enumerate();
    match bytes.next() {
        Some((_, b)) if b.is_ascii_alphabetic() => {}
        _ => return Err(bad(0)),
    }
    for (i, b) in bytes {
        if !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return Err(bad(i));
        }
    }
    Ok(())
}

/// A schema URI: `scheme:rest`, the scheme being a letter followed by letters, digits, `+`, `-`
/// and `.`, and the whole made of URI characters.
fn validate_urn(urn: &str, start: usize) -> Result<(), FilterError> {
    let bad = |offset: usize| FilterError {
        position: start + offset,
        kind: FilterErrorKind::BadAttributePath,
    };
    let b = urn.as_bytes();
    let Some(scheme_end) = urn.find(':') else {
        return Err(bad(0));
    };
    if scheme_end == 0 || scheme_end + 1 == b.len() {
        return Err(bad(scheme_end));
    }
    for (i, &c) in b.iter().enumerate() {
        let ok = if i == 0 {
            c.is_ascii_alphabetic()
        } else if i < scheme_end {
            c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.')
        } else {
            c.is_ascii_alphanumeric() || b"-._~:/?#@!$&'*+,;=%".contains(&c)
        };
        if !ok {
            return Err(bad(i));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

/// The caseExact default used by [`Filter::matches_default`]: `true` for the core attributes
/// `id` and `externalId` and for any `$ref` sub-attribute, `false` for everything else
/// (RFC 7643 leaves most strings, `userName` included, case-insensitive).
pub fn default_case_exact(path: &AttrPath) -> bool {
    path.is_core_attr("id", None)
        || path.is_core_attr("externalId", None)
        || path
            .sub_attr
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("$ref"))
}

impl Filter {
    /// Whether `resource` (a SCIM resource as JSON) matches this filter.
    ///
    /// `case_exact` says which string attributes compare case-sensitively; it receives the
    /// attribute's path (for attributes inside a value filter, the outer attribute with the
    /// inner name as sub-attribute, e.g. `emails.type` for `emails[type eq "work"]`).
    ///
    /// Semantics:
    /// * Attribute names match JSON keys ignoring ASCII case.
    /// * A path with a schema URI looks inside the object stored under that URI (an extension).
    ///   The IETF core schemas, and the resource's first `schemas` entry when no key of that
    ///   name exists, stand for the top level.
    /// * A multi-valued attribute matches if any of its values matches. `emails.value` looks at
    ///   the `value` of each element; `emails` alone, compared with a literal, uses each
    ///   element's `value` sub-attribute.
    /// * An absent attribute, `null` and `[]` are "unassigned": `eq null` matches them,
    ///   `ne null` does not, `ne <literal>` does, every other comparison does not.
    /// * `pr` matches a value that is not null, not `""`, not `[]`, and (for complex values)
    ///   has some sub-attribute present.
    /// * Strings compare ignoring case unless `case_exact` says otherwise. When both sides
    ///   are RFC 3339 date-times (`2011-05-13T04:42:34Z`, with or without fraction and
    ///   offset; no offset is read as UTC), `eq ne gt ge lt le` compare instants instead.
    ///   Other strings order lexicographically (by Unicode scalar value).
    /// * Numbers compare numerically, booleans only with `eq`/`ne`. `co sw ew` apply to
    ///   strings only. Comparing values of different JSON types, comparing a complex
    ///   attribute directly, and ordering booleans or nulls never match (`ne` aside).
    pub fn matches(&self, resource: &Value, case_exact: &dyn Fn(&AttrPath) -> bool) -> bool {
        eval(self, resource, None, case_exact)
    }

    /// [`matches`](Self::matches) with [`default_case_exact`].
    pub fn matches_default(&self, resource: &Value) -> bool {
        self.matches(resource, &default_case_exact)
    }

    /// Evaluates this filter against one element of the multi-valued attribute `parent`, as
    /// the bracketed part of a value path is (used by PATCH).
    pub(crate) fn matches_element(
        &self,
        element: &Value,
        parent: &AttrPath,
        case_exact: &dyn Fn(&AttrPath) -> bool,
    ) -> bool {
        eval(self, element, Some(parent), case_exact)
    }
}

fn eval(
    filter: &Filter,
    obj: &Value,
    parent: Option<&AttrPath>,
    case_exact: &dyn Fn(&AttrPath) -> bool,
) -> bool {
    match filter {
        Filter::And(a, b) => eval(a, obj, parent, case_exact) && eval(b, obj, parent, case_exact),
        Filter::Or(a, b) => eval(a, obj, parent, case_exact) || eval(b, obj, parent, case_exact),
        Filter::Not(inner) => !eval(inner, obj, parent, case_exact),
        Filter::Present(path) => match &path.sub_attr {
            None => attribute(obj, path).is_some_and(is_present),
            Some(_) => leaves(obj, path).into_iter().any(is_present),
        },
        Filter::Compare { path, op, value } => {
            let exact = case_exact(&qualified(parent, path));
            compare_leaves(&leaves(obj, path), *op, value, exact)
        }
        Filter::ValuePath { attr, filter } => {
            let full = qualified(parent, attr);
            let Some(v) = attribute(obj, attr) else {
                return false;
            };
            let candidates: Vec<&Value> = match &attr.sub_attr {
                None => flatten(v),
                Some(sub) => flatten(v)
                    .into_iter()
                    .filter_map(|e| get_ci(e, sub))
                    .flat_map(flatten)
                    .collect(),
            };
            candidates
                .into_iter()
                .any(|e| e.is_object() && eval(filter, e, Some(&full), case_exact))
        }
    }
}

/// The path as seen from the resource: inside a value filter on `emails`, `type` is
/// `emails.type`.
fn qualified(parent: Option<&AttrPath>, path: &AttrPath) -> AttrPath {
    match parent {
        None => path.clone(),
        Some(p) => AttrPath {
            urn: p.urn.clone(),
            attr: p.attr.clone(),
            sub_attr: Some(path.attr.clone()),
        },
    }
}

fn flatten(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

/// The value of `key` in `obj`, the key compared ignoring ASCII case (an exact match wins).
pub(crate) fn get_ci<'v>(obj: &'v Value, key: &str) -> Option<&'v Value> {
    let map = obj.as_object()?;
    map.get(key).or_else(|| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

pub(crate) fn is_ietf_core_urn(urn: &str) -> bool {
    urn.get(..CORE_SCHEMA_PREFIX.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(CORE_SCHEMA_PREFIX))
}

/// Whether `urn` names the resource's own (top-level) schema rather than an extension: an
/// IETF core schema, or the first entry of `schemas`.
pub(crate) fn is_core_schema(resource: &Value, urn: &str) -> bool {
    is_ietf_core_urn(urn)
        || get_ci(resource, "schemas")
            .and_then(Value::as_array)
            .and_then(|s| s.first())
            .and_then(Value::as_str)
            .is_some_and(|first| first.eq_ignore_ascii_case(urn))
}

/// The object holding the attributes of schema `urn`.
fn schema_base<'v>(resource: &'v Value, urn: &str) -> Option<&'v Value> {
    match get_ci(resource, urn) {
        Some(ext) => ext.is_object().then_some(ext),
        None => is_core_schema(resource, urn).then_some(resource),
    }
}

/// The attribute named by `path`, sub-attribute ignored.
fn attribute<'v>(obj: &'v Value, path: &AttrPath) -> Option<&'v Value> {
    let base = match &path.urn {
        Some(urn) => schema_base(obj, urn)?,
        None => obj,
    };
    get_ci(base, &path.attr)
}

/// The simple values a comparison on `path` looks at.
fn leaves<'v>(obj: &'v Value, path: &AttrPath) -> Vec<&'v Value> {
    let Some(v) = attribute(obj, path) else {
        return Vec::new();
    };
    match &path.sub_attr {
        Some(sub) => flatten(v)
            .into_iter()
            .filter_map(|e| get_ci(e, sub))
            .flat_map(flatten)
            .collect(),
        None => match v {
            Value::Array(items) => items
                .iter()
                .map(|e| {
                    if e.is_object() {
                        get_ci(e, "value").unwrap_or(e)
                    } else {
                        e
                    }
                })
                .collect(),
            other => vec![other],
        },
    }
}

fn is_present(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => items.iter().any(is_present),
        Value::Object(map) => map.values().any(is_present),
        Value::Bool(_) | Value::Number(_) => true,
    }
}

fn compare_leaves(leaves: &[&Value], op: CompareOp, literal: &CompValue, exact: bool) -> bool {
    let assigned: Vec<&Value> = leaves
        .iter()
        .copied()
        .filter(|v| !v.is_null() && !matches!(v, Value::Array(a) if a.is_empty()))
        .collect();
    if matches!(literal, CompValue::Null) {
        return match op {
            CompareOp::Eq => assigned.is_empty(),
            CompareOp::Ne => !assigned.is_empty(),
            _ => false,
        };
    }
    if assigned.is_empty() {
        return op == CompareOp::Ne;
    }
    assigned
        .into_iter()
        .any(|v| compare_one(v, op, literal, exact))
}

fn compare_one(v: &Value, op: CompareOp, literal: &CompValue, exact: bool) -> bool {
    match (v, literal) {
        (Value::String(s), CompValue::Str(lit)) => compare_strings(s, op, lit, exact),
        (Value::Number(n), CompValue::Num(lit)) => {
            compare_numbers(n, lit).is_some_and(|ord| ordering_matches(op, ord))
        }
        (Value::Bool(b), CompValue::Bool(lit)) => match op {
            CompareOp::Eq => b == lit,
            CompareOp::Ne => b != lit,
            _ => false,
        },
        // Different types (or a complex value): only `ne` holds.
        _ => op == CompareOp::Ne,
    }
}

fn ordering_matches(op: CompareOp, ord: Ordering) -> bool {
    match op {
        CompareOp::Eq => ord == Ordering::Equal,
        CompareOp::Ne => ord != Ordering::Equal,
        CompareOp::Gt => ord == Ordering::Greater,
        CompareOp::Ge => ord != Ordering::Less,
        CompareOp::Lt => ord == Ordering::Less,
        CompareOp::Le => ord != Ordering::Greater,
        CompareOp::Co | CompareOp::Sw | CompareOp::Ew => false,
    }
}

fn compare_strings(value: &str, op: CompareOp, literal: &str, exact: bool) -> bool {
    if !matches!(op, CompareOp::Co | CompareOp::Sw | CompareOp::Ew) {
        if let (Some(a), Some(b)) = (DateTime::parse(value), DateTime::parse(literal)) {
            return ordering_matches(op, a.cmp(&b));
        }
    }
    let (value, literal) = if exact {
        (
            std::borrow::Cow::Borrowed(value),
            std::borrow::Cow::Borrowed(literal),
        )
    } else {
        (value.to_lowercase().into(), literal.to_lowercase().into())
    };
    match op {
        CompareOp::Co => value.contains(&*literal),
        CompareOp::Sw => value.starts_with(&*literal),
        CompareOp::Ew => value.ends_with(&*literal),
        _ => ordering_matches(op, value.cmp(&literal)),
    }
}

fn compare_numbers(a: &Number, b: &Number) -> Option<Ordering> {
    let as_int = |n: &Number| {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    };
    match (as_int(a), as_int(b)) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

/// An RFC 3339 / xsd:dateTime instant: seconds since the Unix epoch (UTC) and the fraction's
/// digits without trailing zeros (which order correctly as strings).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct DateTime<'a> {
    seconds: i64,
    fraction: &'a str,
}

impl<'a> DateTime<'a> {
    /// `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]`; `T`/`Z` in either case, a space also
    /// accepted as separator; a missing offset reads as UTC.
    fn parse(s: &'a str) -> Option<Self> {
        let b = s.as_bytes();
        let num = |range: std::ops::Range<usize>| -> Option<i64> {
            let digits = b.get(range)?;
            let mut n = 0i64;
            for &d in digits {
                if !d.is_ascii_digit() {
                    return None;
                }
                n = n * 10 + i64::from(d - b'0');
            }
            Some(n)
        };
        let punct = |i: usize, allowed: &[u8]| b.get(i).is_some_and(|c| allowed.contains(c));
        if !(punct(4, b"-")
            && punct(7, b"-")
            && punct(10, b"Tt ")
            && punct(13, b":")
            && punct(16, b":"))
        {
            return None;
        }
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut i = 19;
        let mut fraction = "";
        if b.get(i) == Some(&b'.') {
            let start = i + 1;
            i = start;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
            fraction = s.get(start..i)?.trim_end_matches('0');
        }
        let offset = match b.get(i) {
            None => 0,
            Some(b'Z' | b'z') if i + 1 == b.len() => 0,
            Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && b.get(i + 3) == Some(&b':') => {
                let (oh, om) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
                if oh > 23 || om > 59 {
                    return None;
                }
                let off = oh * 3600 + om * 60;
                if *sign == b'-' {
                    -off
                } else {
                    off
                }
            }
            _ => return None,
        };
        let days = days_from_civil(year, month, day);
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
        Some(DateTime { seconds, fraction })
    }
}

fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }

    #[test]
    fn date_times_normalise_offsets() {
        let a = DateTime::parse("2011-05-13T04:42:34Z");
        let b = DateTime::parse("2011-05-13T06:42:34+02:00");
        assert!(a.is_some());
        assert_eq!(a, b);
        let c = DateTime::parse("2011-05-13T04:42:34.5000Z");
        assert!(a < c);
        assert_eq!(DateTime::parse("2011-02-29T00:00:00Z"), None);
        assert_eq!(DateTime::parse("2011-05-13"), None);
    }
}
