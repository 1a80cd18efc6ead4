//! The `q`, `search` and `filter` query parameters of list endpoints.
//!
//! `search` and `filter` accept a subset of Okta's SCIM-like expressions:
//! `attr op "value"` with the operators `eq`, `ne` (search only), `sw`, `co` (search only),
//! `gt`, `ge`, `lt`, `le` and `pr` (`attr pr`), joined by `and` / `or` (`and` binds tighter)
//! and grouped with parentheses. Values are double-quoted strings, numbers, `true`, `false`
//! or `null`. String comparisons ignore case, except on `id`; timestamps compare as their
//! ISO 8601 text, which orders like time. An array attribute matches when any element does.

use std::borrow::Cow;

use serde_json::Value;

use crate::errors::ApiError;

/// How deeply parentheses may nest before the expression is refused.
const MAX_DEPTH: usize = 32;

/// Which parameter an expression came from; `filter` allows fewer operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dialect {
    /// The `filter` parameter.
    Filter,
    /// The `search` parameter.
    Search,
}

/// A resource that expressions and `q` can be evaluated against.
pub(crate) trait Searchable {
    /// Whether `path` names an attribute of this kind of resource (`id`, `profile.login`, ...).
    fn knows(path: &str) -> bool;
    /// The value of the attribute `path`, if present.
    fn attribute(&self, path: &str) -> Option<Cow<'_, Value>>;
    /// Whether the resource matches the `q` parameter, given in lowercase.
    fn matches_q(&self, q_lowercase: &str) -> bool;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Sw,
    Co,
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Clone, Debug, PartialEq)]
enum Literal {
    /// A string, with its lowercase form for case-insensitive comparisons.
    Str {
        text: String,
        lower: String,
    },
    Num(f64),
    Bool(bool),
    Null,
}

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Present(String),
    Compare {
        attr: String,
        op: Op,
        value: Literal,
    },
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Open,
    Close,
    Word(String),
    Str(String),
    Num(f64),
}

fn tokenize(input: &str) -> Result<Vec<Token>, ApiError> {
    let mut tokens = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                tokens.push(Token::Open);
            }
            ')' => {
                chars.next();
                tokens.push(Token::Close);
            }
            '"' => {
                chars.next();
                let mut text = String::new();
                let mut closed = false;
                while let Some((_, c)) = chars.next() {
                    match c {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' => match chars.next() {
                            Some((_, escaped)) => text.push(escaped),
                            None => break,
                        },
                        c => text.push(c),
                    }
                }
                if !closed {
                    return Err(ApiError::invalid_search("unterminated string"));
                }
                tokens.push(Token::Str(text));
            }
            c if c.is_ascii_digit() || c == '-' || c == '+' => {
                let mut end = start;
                while let Some(&(i, c)) = chars.peek() {
                    if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+') {
                        end = i + c.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                let text = &input[start..end];
                let number = text
                    .parse::<f64>()
                    .map_err(|_| ApiError::invalid_search(format!("invalid number {text}")))?;
                tokens.push(Token::Num(number));
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut end = start;
                while let Some(&(i, c)) = chars.peek() {
                    if c.is_alphanumeric() || matches!(c, '.' | '_' | '$') {
                        end = i + c.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Token::Word(input[start..end].to_owned()));
            }
            other => {
                return Err(ApiError::invalid_search(format!(
                    "unexpected character {other:?}"
                )))
            }
        }
    }
    Ok(tokens)
}

struct Parser<'a> {
    tokens: Vec<Token>,
    next: usize,
    dialect: Dialect,
    knows: &'a dyn Fn(&str) -> bool,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next)
    }

    fn bump(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.next).cloned();
        self.next += 1;
        token
    }

    fn peek_keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(word)) if word.eq_ignore_ascii_case(keyword))
    }

    fn or(&mut self, depth: usize) -> Result<Expr, ApiError> {
        let mut left = self.and(depth)?;
        while self.peek_keyword("or") {
            self.next += 1;
            let right = self.and(depth)?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self, depth: usize) -> Result<Expr, ApiError> {
        let mut left = self.primary(depth)?;
        while self.peek_keyword("and") {
            self.next += 1;
            let right = self.primary(depth)?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn primary(&mut self, depth: usize) -> Result<Expr, ApiError> {
        match self.bump() {
            Some(Token::Open) => {
                if depth >= MAX_DEPTH {
                    return Err(ApiError::invalid_search("expression nested too deeply"));
                }
                let inner = self.or(depth + 1)?;
                match self.bump() {
                    Some(Token::Close) => Ok(inner),
                    _ => Err(ApiError::invalid_search("missing closing parenthesis")),
                }
            }
            Some(Token::Word(attr)) => self.comparison(attr),
            _ => Err(ApiError::invalid_search("expected an attribute")),
        }
    }

    fn comparison(&mut self, attr: String) -> Result<Expr, ApiError> {
        if !(self.knows)(&attr) {
            return Err(ApiError::invalid_search(format!(
                "unknown attribute {attr}"
            )));
        }
        let Some(Token::Word(op)) = self.bump() else {
            return Err(ApiError::invalid_search(format!(
                "expected an operator after {attr}"
            )));
        };
        let op = match op.to_ascii_lowercase().as_str() {
            "pr" => return Ok(Expr::Present(attr)),
            "eq" => Op::Eq,
            "ne" if self.dialect == Dialect::Search => Op::Ne,
            "sw" => Op::Sw,
            "co" if self.dialect == Dialect::Search => Op::Co,
            "gt" => Op::Gt,
            "ge" => Op::Ge,
            "lt" => Op::Lt,
            "le" => Op::Le,
            _ => {
                return Err(ApiError::invalid_search(format!(
                    "unsupported operator {op}"
                )))
            }
        };
        let value = match self.bump() {
            Some(Token::Str(text)) => Literal::Str {
                lower: text.to_lowercase(),
                text,
            },
            Some(Token::Num(number)) => Literal::Num(number),
            Some(Token::Word(word)) if word.eq_ignore_ascii_case("true") => Literal::Bool(true),
            Some(Token::Word(word)) if word.eq_ignore_ascii_case("false") => Literal::Bool(false),
            Some(Token::Word(word)) if word.eq_ignore_ascii_case("null") => Literal::Null,
            _ => {
                return Err(ApiError::invalid_search(format!(
                    "expected a value after {attr}"
                )))
            }
        };
        Ok(Expr::Compare { attr, op, value })
    }
}

impl Expr {
    /// Parses `input` as an expression of `dialect` over the attributes of `R`.
    fn parse<R: Searchable>(input: &str, dialect: Dialect) -> Result<Expr, ApiError> {
        let knows = |path: &str| R::knows(path);
        let mut parser = Parser {
            tokens: tokenize(input)?,
            next: 0,
            dialect,
            knows: &knows,
        };
        let expr = parser.or(0)?;
        if parser.next < parser.tokens.len() {
            return Err(ApiError::invalid_search(
                "unexpected text after the expression",
            ));
        }
        Ok(expr)
    }

    /// Whether `resource` satisfies the expression.
    fn matches<R: Searchable>(&self, resource: &R) -> bool {
        match self {
            Expr::And(left, right) => left.matches(resource) && right.matches(resource),
            Expr::Or(left, right) => left.matches(resource) || right.matches(resource),
            Expr::Present(attr) => resource
                .attribute(attr)
                .is_some_and(|value| !value.is_null()),
            Expr::Compare { attr, op, value } => {
                let actual = resource.attribute(attr);
                let actual = actual.as_deref().unwrap_or(&Value::Null);
                compare(actual, *op, value, attr != "id")
            }
        }
    }
}

fn compare(actual: &Value, op: Op, expected: &Literal, ignore_case: bool) -> bool {
    if let Value::Array(items) = actual {
        return match op {
            // `ne` holds when no element equals the value.
            Op::Ne => !items
                .iter()
                .any(|item| compare(item, Op::Eq, expected, ignore_case)),
            _ => items
                .iter()
                .any(|item| compare(item, op, expected, ignore_case)),
        };
    }
    match (actual, expected) {
        (Value::String(actual), Literal::Str { text, lower }) => {
            let (actual, expected) = if ignore_case {
                (Cow::Owned(actual.to_lowercase()), lower.as_str())
            } else {
                (Cow::Borrowed(actual.as_str()), text.as_str())
            };
            let actual = actual.as_ref();
            match op {
                Op::Eq => actual == expected,
                Op::Ne => actual != expected,
                Op::Sw => actual.starts_with(expected),
                Op::Co => actual.contains(expected),
                Op::Gt => actual > expected,
                Op::Ge => actual >= expected,
                Op::Lt => actual < expected,
                Op::Le => actual <= expected,
            }
        }
        (Value::Number(actual), Literal::Num(expected)) => {
            let Some(actual) = actual.as_f64() else {
                return op == Op::Ne;
            };
            match op {
                Op::Eq => actual == *expected,
                Op::Ne => actual != *expected,
                Op::Sw | Op::Co => false,
                Op::Gt => actual > *expected,
                Op::Ge => actual >= *expected,
                Op::Lt => actual < *expected,
                Op::Le => actual <= *expected,
            }
        }
        (Value::Bool(actual), Literal::Bool(expected)) => match op {
            Op::Eq => actual == expected,
            Op::Ne => actual != expected,
            _ => false,
        },
        (Value::Null, Literal::Null) => op == Op::Eq,
        // Different types are never equal.
        _ => op == Op::Ne,
    }
}

/// The `q`, `search` and `filter` parameters of one list request, parsed.
#[derive(Clone, Debug, Default)]
pub(crate) struct Criteria {
    q: Option<String>,
    search: Option<Expr>,
    filter: Option<Expr>,
}

impl Criteria {
    /// Parses the parameters for resources of kind `R`; empty parameters are ignored.
    pub(crate) fn parse<R: Searchable>(
        q: Option<&str>,
        search: Option<&str>,
        filter: Option<&str>,
    ) -> Result<Self, ApiError> {
        fn present(value: Option<&str>) -> Option<&str> {
            value.filter(|v| !v.trim().is_empty())
        }
        Ok(Self {
            q: present(q).map(str::to_lowercase),
            search: present(search)
                .map(|s| Expr::parse::<R>(s, Dialect::Search))
                .transpose()?,
            filter: present(filter)
                .map(|f| Expr::parse::<R>(f, Dialect::Filter))
                .transpose()?,
        })
    }

    /// Whether a `search` or `filter` expression was given.
    pub(crate) fn has_expression(&self) -> bool {
        self.search.is_some() || self.filter.is_some()
    }

    /// Whether `resource` matches every parameter given.
    pub(crate) fn matches<R: Searchable>(&self, resource: &R) -> bool {
        self.q.as_deref().is_none_or(|q| resource.matches_q(q))
            && self.search.as_ref().is_none_or(|e| e.matches(resource))
            && self.filter.as_ref().is_none_or(|e| e.matches(resource))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct Thing(Value);

    impl Searchable for Thing {
        fn knows(path: &str) -> bool {
            path == "id" || path == "status" || path.starts_with("profile.")
        }

        fn attribute(&self, path: &str) -> Option<Cow<'_, Value>> {
            self.0
                .pointer(&format!("/{}", path.replace('.', "/")))
                .map(Cow::Borrowed)
        }

        fn matches_q(&self, q: &str) -> bool {
            self.0["profile"]["name"]
                .as_str()
                .is_some_and(|name| name.to_lowercase().starts_with(q))
        }
    }

    fn thing() -> Thing {
        Thing(json!({
            "id": "00uAbc",
            "status": "ACTIVE",
            "profile": {"name": "Ada", "age": 36, "admin": true, "tags": ["x", "y"], "none": null}
        }))
    }

    fn search(expr: &str) -> bool {
        match Expr::parse::<Thing>(expr, Dialect::Search) {
            Ok(parsed) => parsed.matches(&thing()),
            Err(error) => panic!("{expr}: {error:?}"),
        }
    }

    #[test]
    fn evaluates_operators() {
        assert!(search(r#"status eq "ACTIVE""#));
        assert!(search(r#"profile.name eq "ada""#));
        assert!(!search(r#"id eq "00uabc""#));
        assert!(search(r#"id eq "00uAbc""#));
        assert!(search(r#"profile.name sw "ad" and profile.name co "DA""#));
        assert!(search(r#"profile.name ne "bob""#));
        assert!(search("profile.age gt 30 and profile.age le 36"));
        assert!(!search("profile.age lt 36"));
        assert!(search("profile.admin eq true"));
        assert!(search(r#"profile.tags eq "y""#));
        assert!(search("profile.name pr"));
        assert!(!search("profile.none pr"));
        assert!(!search("profile.missing pr"));
        assert!(search(
            r#"(status eq "STAGED" or status eq "ACTIVE") and profile.name pr"#
        ));
        assert!(search(
            r#"status eq "STAGED" or status eq "ACTIVE" and profile.name pr"#
        ));
        assert!(!search(
            r#"(status eq "STAGED" or status eq "ACTIVE") and profile.nope pr"#
        ));
    }

    #[test]
    fn refuses_bad_syntax() {
        for bad in [
            "",
            "status",
            r#"status eq"#,
            r#"status eq "ACTIVE"#,
            r#"status xx "ACTIVE""#,
            r#"unknown eq "x""#,
            r#"(status eq "ACTIVE""#,
            r#"status eq "ACTIVE")"#,
            r#"status eq "ACTIVE" and"#,
            r#"status eq "ACTIVE" "x""#,
            "status eq 1..2",
            "status # 1",
        ] {
            let error = Expr::parse::<Thing>(bad, Dialect::Search).err();
            assert!(error.is_some(), "{bad:?} should be refused");
        }
        let deep = format!("{}status pr{}", "(".repeat(100), ")".repeat(100));
        assert!(Expr::parse::<Thing>(&deep, Dialect::Search).is_err());
    }

    #[test]
    fn filter_dialect_refuses_ne_and_co() {
        assert!(Expr::parse::<Thing>(r#"status ne "ACTIVE""#, Dialect::Filter).is_err());
        assert!(Expr::parse::<Thing>(r#"status co "ACT""#, Dialect::Filter).is_err());
        assert!(Expr::parse::<Thing>(r#"status eq "ACTIVE""#, Dialect::Filter).is_ok());
    }

    #[test]
    fn criteria_combine_q_and_expressions() {
        let criteria = Criteria::parse::<Thing>(Some("AD"), Some("profile.age ge 36"), None);
        assert!(criteria.is_ok_and(|c| c.matches(&thing())));
        let criteria = Criteria::parse::<Thing>(Some("bo"), None, None);
        assert!(criteria.is_ok_and(|c| !c.matches(&thing())));
    }
}
