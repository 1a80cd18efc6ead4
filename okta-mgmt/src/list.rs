//! The query of a collection listing, shared by every list operation.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use okta_core::{Client, Page, PageStream, RequestBuilder, Result};
use serde::de::DeserializeOwned;

/// The query of a list operation (`q`, `search`, `filter`, `limit`, `after`, sorting), ending
/// in a lazy [`stream`](List::stream) of every item or one [`page`](List::page).
#[must_use = "a list does nothing until streamed or paged"]
pub struct List<'a, T> {
    client: &'a Client,
    path: Cow<'static, str>,
    query: Vec<(&'static str, String)>,
    /// Records may carry secrets: no excerpt of a response goes into decode errors.
    sensitive: bool,
    item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for List<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("List")
            .field("path", &self.path)
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

impl<T> Clone for List<'_, T> {
    fn clone(&self) -> Self {
        List {
            client: self.client,
            path: self.path.clone(),
            query: self.query.clone(),
            sensitive: self.sensitive,
            item: PhantomData,
        }
    }
}

impl<'a, T: DeserializeOwned + Send + 'static> List<'a, T> {
    pub(crate) fn new(client: &'a Client, path: impl Into<Cow<'static, str>>) -> Self {
        List {
            client,
            path: path.into(),
            query: Vec::new(),
            sensitive: false,
            item: PhantomData,
        }
    }

    /// Marks the records as secret-bearing (app and IdP credentials): decode errors then
    /// carry no excerpt of the response.
    pub(crate) fn sensitive_response(mut self) -> Self {
        self.sensitive = true;
        self
    }

    /// Sets a query parameter of the operation beyond the common ones (such as `expand`),
    /// replacing an earlier value of the same name.
    pub(crate) fn param(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.retain(|(key, _)| *key != name);
        self.query.push((name, value.into()));
        self
    }

    /// `q`: matches the start of names (for pickers; Okta does not page these results).
    pub fn q(self, q: impl Into<String>) -> Self {
        self.param("q", q)
    }

    /// `search`: an expression over properties, such as `profile.department eq "Sales"`.
    pub fn search(self, expression: impl Into<String>) -> Self {
        self.param("search", expression)
    }

    /// `filter`: an expression over the few properties Okta allows, such as
    /// `status eq "ACTIVE"`.
    pub fn filter(self, expression: impl Into<String>) -> Self {
        self.param("filter", expression)
    }

    /// `limit`: items per page.
    pub fn limit(self, limit: u32) -> Self {
        self.param("limit", limit.to_string())
    }

    /// `after`: the cursor to start after (from a `next` link). Streams follow `next` links
    /// themselves.
    pub fn after(self, cursor: impl Into<String>) -> Self {
        self.param("after", cursor)
    }

    /// `sortBy`: the property to sort a `search` by, such as `profile.lastName`.
    pub fn sort_by(self, property: impl Into<String>) -> Self {
        self.param("sortBy", property)
    }

    /// `sortOrder`: `asc` or `desc`, with [`sort_by`](Self::sort_by).
    pub fn sort_order(self, order: impl Into<String>) -> Self {
        self.param("sortOrder", order)
    }

    /// The raw request, to add a parameter this builder does not have (such as `expand`).
    pub fn into_request(self) -> RequestBuilder {
        let mut request = self.client.get(&self.path);
        for (name, value) in &self.query {
            request = request.query(name, value);
        }
        if self.sensitive {
            request = request.sensitive_response();
        }
        request
    }

    /// Streams every matching item, fetching pages lazily by following `next` links.
    pub fn stream(self) -> PageStream<T> {
        self.into_request().stream()
    }

    /// Fetches one page.
    pub async fn page(self) -> Result<Page<T>> {
        self.into_request().page().await
    }
}
