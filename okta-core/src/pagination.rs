//! Pagination: RFC 8288 `Link` headers, [`Page`] and the lazy item stream.
//!
//! Okta pages collections with `Link: <...?after=...>; rel="next"`. The `next` URL is followed
//! exactly as given (the cursor is opaque) and only when it points at the org itself.
//! [`PageStream`] fetches a page only when the previous one has been consumed, so memory stays
//! bounded by one page whatever the size of the collection. A record that does not decode is
//! yielded as an error on its own; the rest of the page still arrives.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use http::header::LINK;
use http::HeaderMap;
use serde::de::DeserializeOwned;
use url::Url;

use crate::client::{Client, PreparedRequest};
use crate::error::Result;
use crate::rate_limit::RateLimit;

/// One link of a `Link` header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Link {
    /// The target URI-reference, as written between `<` and `>`.
    pub target: String,
    /// The relation types of `rel`, lowercased (`rel="next last"` gives two).
    pub rel: Vec<String>,
    /// The other parameters, names lowercased, values unquoted.
    pub params: Vec<(String, String)>,
}

impl Link {
    /// Whether `rel` contains `relation` (compared case-insensitively).
    pub fn has_rel(&self, relation: &str) -> bool {
        self.rel.iter().any(|r| r.eq_ignore_ascii_case(relation))
    }
}

/// Parses one `Link` header value (RFC 8288 section 3): several comma-separated links,
/// quoted and unquoted parameters, `rel` with several space-separated types. A malformed
/// link is skipped; the others are kept.
///
/// ```
/// use okta_core::pagination::parse_link_header;
///
/// let links = parse_link_header(
///     r#"<https://dev-1.okta.com/api/v1/users?limit=2>; rel="self", </api/v1/users?after=00u2&limit=2>; rel=next"#,
/// );
/// assert_eq!(links.len(), 2);
/// assert!(links[1].has_rel("next"));
/// assert_eq!(links[1].target, "/api/v1/users?after=00u2&limit=2");
/// ```
pub fn parse_link_header(value: &str) -> Vec<Link> {
    let mut links = Vec::new();
    let mut p = Parser {
        s: value.as_bytes(),
        i: 0,
    };
    loop {
        p.skip(|b| b == b',' || is_ows(b));
        if p.done() {
            break;
        }
        match p.link() {
            Some(link) => links.push(link),
            None => p.skip_to_next_link(),
        }
    }
    links
}

/// The `next` link of a response (all its `Link` headers), resolved against `base`.
pub fn next_link(headers: &HeaderMap, base: &Url) -> Option<Url> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(parse_link_header)
        .find(|l| l.has_rel("next"))
        .and_then(|l| base.join(&l.target).ok())
}

fn is_ows(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn done(&self) -> bool {
        self.i >= self.s.len()
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn skip(&mut self, f: impl Fn(u8) -> bool) {
        while self.peek().is_some_and(&f) {
            self.i += 1;
        }
    }
    fn take(&mut self, f: impl Fn(u8) -> bool) -> &str {
        let start = self.i;
        self.skip(f);
        std::str::from_utf8(&self.s[start..self.i]).unwrap_or_default()
    }

    fn link(&mut self) -> Option<Link> {
        if self.peek()? != b'<' {
            return None;
        }
        self.i += 1;
        let target = self.take(|b| b != b'>').trim().to_owned();
        if self.peek()? != b'>' {
            return None;
        }
        self.i += 1;
        let mut rel = Vec::new();
        let mut params = Vec::new();
        loop {
            self.skip(is_ows);
            match self.peek() {
                None | Some(b',') => break,
                Some(b';') => self.i += 1,
                Some(_) => return None,
            }
            self.skip(is_ows);
            let name = self.take(is_tchar).to_ascii_lowercase();
            if name.is_empty() {
                // `;` followed by nothing usable, e.g. a trailing semicolon.
                continue;
            }
            self.skip(is_ows);
            let value = if self.peek() == Some(b'=') {
                self.i += 1;
                self.skip(is_ows);
                if self.peek() == Some(b'"') {
                    self.quoted()?
                } else {
                    self.take(is_tchar).to_owned()
                }
            } else {
                String::new()
            };
            if name == "rel" {
                // Only the first `rel` counts (RFC 8288 section 3.3).
                if rel.is_empty() {
                    rel = value
                        .split_ascii_whitespace()
                        .map(str::to_ascii_lowercase)
                        .collect();
                }
            } else {
                params.push((name, value));
            }
        }
        Some(Link {
            target,
            rel,
            params,
        })
    }

    fn quoted(&mut self) -> Option<String> {
        self.i += 1; // opening quote
        let mut out = Vec::new();
        loop {
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some(String::from_utf8_lossy(&out).into_owned());
                }
                b'\\' => {
                    self.i += 1;
                    out.push(self.peek()?);
                    self.i += 1;
                }
                b => {
                    out.push(b);
                    self.i += 1;
                }
            }
        }
    }

    fn skip_to_next_link(&mut self) {
        let mut in_quotes = false;
        let mut in_angle = false;
        while let Some(b) = self.peek() {
            match b {
                b'"' if !in_angle => in_quotes = !in_quotes,
                b'\\' if in_quotes => self.i += 1,
                b'<' if !in_quotes => in_angle = true,
                b'>' if !in_quotes => in_angle = false,
                b',' if !in_quotes && !in_angle => return,
                _ => {}
            }
            self.i += 1;
        }
    }
}

/// One page of a collection.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Page<T> {
    /// The page's items.
    pub items: Vec<T>,
    /// The `next` link, when Okta sent one.
    pub next: Option<Url>,
    /// The rate-limit headers of the page's response.
    pub rate_limit: Option<RateLimit>,
    /// The `X-Okta-Request-Id` of the page's response.
    pub request_id: Option<String>,
}

/// When a [`PageStream`] stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum FollowMode {
    /// Follow `next` links until a response has none (every bounded Okta collection).
    #[default]
    UntilNoNext,
    /// Also stop at the first empty page. For feeds that always send `next`, such as System
    /// Log polling, read up to now and end.
    UntilEmptyPage,
    /// Never end on an empty page: wait `interval`, then fetch the same `next` link again.
    /// This tails an endless feed (System Log polling); the stream ends only on an error or
    /// when a response has no `next` link.
    Poll {
        /// Wait between polls of an empty page.
        interval: Duration,
    },
}

type ItemFuture<T> = Pin<Box<dyn std::future::Future<Output = Result<Page<Result<T>>>> + Send>>;

/// A lazy stream of the items of a paginated collection. Created by
/// [`RequestBuilder::stream`](crate::RequestBuilder::stream).
///
/// ```no_run
/// # async fn run(client: okta_core::Client) -> Result<(), okta_core::Error> {
/// use futures_util::TryStreamExt;
///
/// let mut users = client.get("/api/v1/users").query("limit", "200").stream::<serde_json::Value>();
/// while let Some(user) = users.try_next().await? {
///     println!("{}", user["profile"]["login"]);
/// }
/// # Ok(()) }
/// ```
#[must_use = "streams do nothing unless polled"]
pub struct PageStream<T> {
    client: Client,
    first: Option<PreparedRequest>,
    next: Option<Url>,
    template: Option<PreparedRequest>,
    buffer: std::vec::IntoIter<Result<T>>,
    pending: Option<ItemFuture<T>>,
    mode: FollowMode,
    wait_before_next: bool,
    pages: u64,
    /// The last pages requested (outside polling), to notice a `next` link that loops.
    recent: VecDeque<Url>,
    /// An error to yield once the buffered items are out.
    error_after_buffer: Option<crate::Error>,
}

/// How many of the last page URLs a stream remembers to notice a loop.
const LOOP_MEMORY: usize = 64;

impl<T> fmt::Debug for PageStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PageStream")
            .field("next", &self.next.as_ref().map(Url::as_str))
            .field("mode", &self.mode)
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned + Send + 'static> PageStream<T> {
    pub(crate) fn new(client: Client, first: PreparedRequest) -> Self {
        let mut stream = PageStream::empty(client);
        stream.template = Some(first.clone());
        stream.first = Some(first);
        stream
    }

    pub(crate) fn from_error(client: Client, error: crate::Error) -> Self {
        let mut stream = PageStream::empty(client);
        stream.pending = Some(Box::pin(async move { Err(error) }));
        stream
    }

    fn empty(client: Client) -> Self {
        PageStream {
            client,
            template: None,
            first: None,
            next: None,
            buffer: Vec::new().into_iter(),
            pending: None,
            mode: FollowMode::default(),
            wait_before_next: false,
            pages: 0,
            recent: VecDeque::new(),
            error_after_buffer: None,
        }
    }

    /// Sets when the stream stops (default [`FollowMode::UntilNoNext`]).
    pub fn follow(mut self, mode: FollowMode) -> Self {
        self.mode = mode;
        self
    }

    /// Pages fetched so far.
    pub fn pages_fetched(&self) -> u64 {
        self.pages
    }

    /// The `next` link of the last page fetched: where the stream goes on once that page's
    /// items are all read (when [`buffered_items`](Self::buffered_items) is 0). `None` before the first
    /// page, after the last one, and after an error.
    ///
    /// Saved at a page boundary, it is the exact point to resume a feed from later, such as a
    /// System Log poll: `client.get(link.as_str()).stream()` starts there.
    pub fn next_link(&self) -> Option<&Url> {
        self.next.as_ref()
    }

    /// Items of the last page fetched that the stream has not yielded yet.
    pub fn buffered_items(&self) -> usize {
        self.buffer.len()
    }

    fn start_fetch(&mut self) -> Option<ItemFuture<T>> {
        let request = match self.first.take() {
            Some(first) => first,
            None => {
                let url = self.next.take()?;
                self.template.as_ref()?.follow(url)
            }
        };
        if !matches!(self.mode, FollowMode::Poll { .. }) {
            if self.recent.len() == LOOP_MEMORY {
                self.recent.pop_front();
            }
            self.recent.push_back(request.url().clone());
        }
        let client = self.client.clone();
        let wait = if self.wait_before_next {
            match self.mode {
                FollowMode::Poll { interval } => Some(interval),
                _ => None,
            }
        } else {
            None
        };
        Some(Box::pin(async move {
            if let Some(d) = wait {
                tokio::time::sleep(d).await;
            }
            client.fetch_page::<T>(&request).await
        }))
    }
}

impl<T: DeserializeOwned + Send + 'static> Stream for PageStream<T> {
    type Item = Result<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        // PageStream holds no self-references: every field is Unpin.
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(item));
            }
            if let Some(error) = this.error_after_buffer.take() {
                return Poll::Ready(Some(Err(error)));
            }
            if this.pending.is_none() {
                this.pending = this.start_fetch();
                if this.pending.is_none() {
                    return Poll::Ready(None);
                }
            }
            let Some(fut) = this.pending.as_mut() else {
                return Poll::Ready(None);
            };
            let page = match fut.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(page) => page,
            };
            this.pending = None;
            match page {
                Err(e) => {
                    // Stop after a failed page: its `next` link is unknown.
                    this.next = None;
                    this.template = None;
                    return Poll::Ready(Some(Err(e)));
                }
                Ok(page) => {
                    this.pages += 1;
                    let empty = page.items.is_empty();
                    this.next = page.next;
                    this.wait_before_next = empty;
                    if empty && this.mode == FollowMode::UntilEmptyPage {
                        this.next = None;
                    }
                    if let Some(next) = this.next.as_ref() {
                        if this.recent.contains(next) {
                            this.error_after_buffer = Some(crate::Error::PaginationLoop {
                                path: next.path().to_owned(),
                            });
                            this.next = None;
                            this.template = None;
                        }
                    }
                    this.buffer = page.items.into_iter();
                }
            }
        }
    }
}

impl<T> Unpin for PageStream<T> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn rels(v: &str) -> Vec<(String, Vec<String>)> {
        parse_link_header(v)
            .into_iter()
            .map(|l| (l.target, l.rel))
            .collect()
    }

    #[test]
    fn okta_style_next_and_self() {
        let v = r#"<https://dev-1.okta.com/api/v1/users?limit=200>; rel="self""#;
        assert_eq!(
            rels(v),
            [(
                "https://dev-1.okta.com/api/v1/users?limit=200".into(),
                vec!["self".into()]
            )]
        );
    }

    #[test]
    fn several_links_in_one_header_with_commas_inside_urls_and_quotes() {
        let v = r#"<https://x.test/a?f=a,b>; rel="next"; title="one, two", <https://x.test/b>; rel=prev"#;
        let links = parse_link_header(v);
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].target, "https://x.test/a?f=a,b");
        assert!(links[0].has_rel("next"));
        assert_eq!(
            links[0].params,
            [("title".to_string(), "one, two".to_string())]
        );
        assert_eq!(links[1].target, "https://x.test/b");
        assert!(links[1].has_rel("prev"));
    }

    #[test]
    fn rel_is_case_insensitive_and_may_hold_several_types() {
        let links = parse_link_header(r#"</p2>; REL="Next Last""#);
        assert!(links[0].has_rel("next"));
        assert!(links[0].has_rel("last"));
    }

    #[test]
    fn whitespace_escapes_and_extra_semicolons_are_tolerated() {
        let links = parse_link_header("  < /p2 >  ;  rel = \"ne\\xt\" ; ; anchor=\"#x\"  ");
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].target, "/p2");
        assert_eq!(links[0].rel, ["next"]);
        assert_eq!(links[0].params, [("anchor".to_string(), "#x".to_string())]);
    }

    #[test]
    fn malformed_links_are_skipped_and_the_rest_kept() {
        let v = r#"garbage; rel="next", <https://x.test/ok>; rel="next", <unterminated; rel=next"#;
        let links = parse_link_header(v);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].target, "https://x.test/ok");
        assert!(parse_link_header("").is_empty());
        assert!(parse_link_header(",,,").is_empty());
        assert!(parse_link_header("<a>; rel=\"unterminated").is_empty());
    }

    #[test]
    fn only_the_first_rel_parameter_counts() {
        let links = parse_link_header(r#"</a>; rel="self"; rel="next""#);
        assert!(!links[0].has_rel("next"));
    }

    #[test]
    fn next_link_searches_every_header_and_resolves_relative_urls() {
        let mut h = HeaderMap::new();
        h.append(
            LINK,
            r#"<https://dev-1.okta.com/api/v1/users?limit=2>; rel="self""#
                .parse()
                .unwrap(),
        );
        h.append(
            LINK,
            r#"</api/v1/users?after=00u2&limit=2>; rel="next""#.parse().unwrap(),
        );
        let base = Url::parse("https://dev-1.okta.com/api/v1/users?limit=2").unwrap();
        assert_eq!(
            next_link(&h, &base).unwrap().as_str(),
            "https://dev-1.okta.com/api/v1/users?after=00u2&limit=2"
        );
        let mut h = HeaderMap::new();
        h.append(LINK, r#"<?after=abc>; rel=next"#.parse().unwrap());
        assert_eq!(
            next_link(&h, &base).unwrap().as_str(),
            "https://dev-1.okta.com/api/v1/users?after=abc"
        );
        assert!(next_link(&HeaderMap::new(), &base).is_none());
    }

    #[test]
    fn non_ascii_input_does_not_panic() {
        let _ = parse_link_header("<é>; rel=\"ñ\", <\u{0}>; rel=next, \u{7f}");
        let _ = parse_link_header("<>;rel=");
        let _ = parse_link_header("\"<a>\"; rel=next");
    }
}
