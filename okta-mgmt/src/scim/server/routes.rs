//! The HTTP side of the SCIM server: routing, authentication, errors and each operation.
// Helpers return the finished error answer as their `Err`; it is built once per failed request.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::header::{CONTENT_TYPE, ETAG, IF_MATCH, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Map, Value};

use super::store::{ListQuery, ResourceKind, StoreError, Stored};
use super::Settings;
use crate::scim::filter::{self, AttrPath};
use crate::scim::patch::{self, PatchOp};
use crate::scim::resource::{ScimError, LIST_RESPONSE};
use crate::scim::schema;

/// `application/scim+json`.
const SCIM_JSON: &str = "application/scim+json";
/// Attempts at a compare-and-swap write before giving up.
const WRITE_ATTEMPTS: usize = 64;

type Shared = Arc<Settings>;

pub(crate) fn router(settings: Shared) -> Router {
    Router::new()
        .route("/Users", get(list_users).post(create_user))
        .route("/Users/.search", post(search_users))
        .route(
            "/Users/{id}",
            get(get_user)
                .put(replace_user)
                .patch(patch_user)
                .delete(delete_user),
        )
        .route("/Groups", get(list_groups).post(create_group))
        .route("/Groups/.search", post(search_groups))
        .route(
            "/Groups/{id}",
            get(get_group)
                .put(replace_group)
                .patch(patch_group)
                .delete(delete_group),
        )
        .route("/.search", post(search_all))
        .route("/ServiceProviderConfig", get(service_provider_config))
        .route("/ResourceTypes", get(resource_types))
        .route("/ResourceTypes/{name}", get(resource_type))
        .route("/Schemas", get(schemas))
        .route("/Schemas/{id}", get(schema_by_id))
        .fallback(|| async { error(StatusCode::NOT_FOUND, None, "no such endpoint") })
        .layer(middleware::from_fn_with_state(
            settings.clone(),
            authenticate,
        ))
        .with_state(settings)
}

/// A SCIM error answer (RFC 7644 section 3.12).
fn error(status: StatusCode, scim_type: Option<&str>, detail: &str) -> Response {
    // Details may quote the request: never more than a few hundred characters of it.
    const MAX_DETAIL: usize = 300;
    let detail = match detail.char_indices().nth(MAX_DETAIL) {
        Some((cut, _)) => format!("{}...", &detail[..cut]),
        None => detail.to_owned(),
    };
    let body = ScimError::new(status.as_u16(), scim_type, &detail);
    scim_json(status, &body)
}

/// The first attribute name of `value` (at any depth) that another name of the same object
/// repeats ignoring case. SCIM attribute names are case-insensitive, so `userName` and
/// `USERNAME` in one object would be read as one attribute by some checks and as two by
/// others.
fn case_collision(root: &Map<String, Value>) -> Option<String> {
    let mut maps = vec![root];
    let mut values: Vec<&Value> = Vec::new();
    loop {
        while let Some(value) = values.pop() {
            match value {
                Value::Object(map) => maps.push(map),
                Value::Array(items) => values.extend(items),
                _ => {}
            }
        }
        let map = maps.pop()?;
        let mut seen = std::collections::HashSet::with_capacity(map.len());
        for (key, child) in map {
            if !seen.insert(key.to_ascii_lowercase()) {
                return Some(key.clone());
            }
            values.push(child);
        }
    }
}

fn scim_json<T: serde::Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => {
            let mut r = (status, bytes).into_response();
            r.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(SCIM_JSON));
            r
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn store_error(e: StoreError) -> Response {
    match e {
        StoreError::Uniqueness { attribute, value } => error(
            StatusCode::CONFLICT,
            Some("uniqueness"),
            &format!("{attribute} {value:?} is already in use"),
        ),
        StoreError::NotFound => error(StatusCode::NOT_FOUND, None, "resource not found"),
        StoreError::VersionMismatch => error(
            StatusCode::CONFLICT,
            None,
            "the resource kept changing; retry the request",
        ),
        StoreError::Backend(_) => {
            tracing::error!(error = %e, "SCIM store failure");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                None,
                "internal store failure",
            )
        }
    }
}

async fn authenticate(State(s): State<Shared>, request: Request, next: Next) -> Response {
    if !s.auth.authorize(request.headers()) {
        return error(StatusCode::UNAUTHORIZED, None, "authorization failed");
    }
    next.run(request).await
}

/// Reads a JSON object body within the size limit.
async fn json_body(s: &Settings, body: Body) -> Result<Map<String, Value>, Response> {
    let bytes: Bytes = axum::body::to_bytes(body, s.max_body_bytes)
        .await
        .map_err(|_| {
            error(
                StatusCode::PAYLOAD_TOO_LARGE,
                None,
                &format!("the request body exceeds {} bytes", s.max_body_bytes),
            )
        })?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(error(
            StatusCode::BAD_REQUEST,
            Some("invalidSyntax"),
            "the body must be a JSON object",
        )),
        Err(e) => Err(error(
            StatusCode::BAD_REQUEST,
            Some("invalidSyntax"),
            &format!("the body is not valid JSON: {e}"),
        )),
    }
}

fn now_rfc3339() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since the epoch (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        now.subsec_millis()
    )
}

fn new_id() -> Result<String, Response> {
    let mut b = [0u8; 16];
    aws_lc_rs::rand::fill(&mut b)
        .map_err(|_| error(StatusCode::INTERNAL_SERVER_ERROR, None, "no randomness"))?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    ))
}

fn location(s: &Settings, kind: ResourceKind, id: &str) -> String {
    format!("{}/{}/{}", s.base_url, kind.endpoint(), id)
}

fn etag(version: u64) -> String {
    format!("W/\"{version}\"")
}

/// Removes a key ignoring ASCII case.
fn remove_ci(m: &mut Map<String, Value>, key: &str) -> Option<Value> {
    let found = m.keys().find(|k| k.eq_ignore_ascii_case(key)).cloned()?;
    m.remove(&found)
}

fn get_ci<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    m.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

/// Checks what every stored resource must have, and fills `schemas` and `meta`.
fn prepare(
    s: &Settings,
    kind: ResourceKind,
    mut body: Map<String, Value>,
    id: &str,
    created: Option<Value>,
    version: u64,
) -> Result<Value, Response> {
    if let Some(name) = case_collision(&body) {
        return Err(error(
            StatusCode::BAD_REQUEST,
            Some("invalidSyntax"),
            &format!("attribute {name:?} appears twice (attribute names ignore case)"),
        ));
    }
    // Never stored, never returned.
    remove_ci(&mut body, "password");
    remove_ci(&mut body, "meta");
    remove_ci(&mut body, "id");
    if kind == ResourceKind::User {
        // Derived from group membership; clients cannot write it.
        remove_ci(&mut body, "groups");
    }
    let required = match kind {
        ResourceKind::User => "userName",
        ResourceKind::Group => "displayName",
    };
    match get_ci(&body, required) {
        Some(Value::String(v)) if !v.trim().is_empty() => {}
        _ => {
            return Err(error(
                StatusCode::BAD_REQUEST,
                Some("invalidValue"),
                &format!("{required} is required and must be a non-empty string"),
            ))
        }
    }
    if let Some(active) = get_ci(&body, "active") {
        if !active.is_boolean() && !active.is_null() {
            return Err(error(
                StatusCode::BAD_REQUEST,
                Some("invalidValue"),
                "active must be a boolean",
            ));
        }
    }
    let mut schemas: Vec<Value> = match remove_ci(&mut body, "schemas") {
        Some(Value::Array(a)) => a,
        _ => Vec::new(),
    };
    if !schemas.iter().any(|v| v.as_str() == Some(kind.schema())) {
        schemas.insert(0, json!(kind.schema()));
    }
    let now = now_rfc3339();
    let mut out = Map::new();
    out.insert("schemas".into(), Value::Array(schemas));
    out.extend(body);
    // After the body: nothing in it can stand in for the server's id.
    out.insert("id".into(), json!(id));
    out.insert(
        "meta".into(),
        json!({
            "resourceType": kind.name(),
            "created": created.unwrap_or_else(|| json!(now)),
            "lastModified": now,
            "location": location(s, kind, id),
            "version": etag(version),
        }),
    );
    Ok(Value::Object(out))
}

/// `attributes` and `excludedAttributes` of a query string or search request.
#[derive(Debug, Default, Clone)]
struct Projection {
    attributes: Vec<String>,
    excluded: Vec<String>,
}

impl Projection {
    fn from_query(q: &HashMap<String, String>) -> Self {
        let split = |v: Option<&String>| {
            v.map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
        };
        Projection {
            attributes: split(q.get("attributes")),
            excluded: split(q.get("excludedAttributes")),
        }
    }

    fn apply(&self, s: &Settings, kind: ResourceKind, resource: &Value) -> Value {
        schema::project(
            resource,
            kind.schema(),
            &self.attributes,
            &self.excluded,
            &s.registry,
        )
    }
}

fn with_resource_headers(
    mut r: Response,
    s: &Settings,
    kind: ResourceKind,
    stored: &Stored,
) -> Response {
    if let Ok(v) = HeaderValue::from_str(&etag(stored.version)) {
        r.headers_mut().insert(ETAG, v);
    }
    if let Some(id) = stored.resource.get("id").and_then(Value::as_str) {
        if let Ok(v) = HeaderValue::from_str(&location(s, kind, id)) {
            r.headers_mut().insert(LOCATION, v);
        }
    }
    r
}

fn resource_response(
    s: &Settings,
    kind: ResourceKind,
    status: StatusCode,
    stored: &Stored,
    projection: &Projection,
) -> Response {
    let mut body = projection.apply(s, kind, &stored.resource);
    // The ETag header is required (RFC 7644 3.14) and `meta.version` mirrors it; keep the
    // version even when `attributes` leaves `meta` out, so clients that fill `meta` from the
    // header find it consistent.
    if let Value::Object(m) = &mut body {
        if !m.contains_key("meta") {
            m.insert("meta".into(), json!({"version": etag(stored.version)}));
        }
    }
    with_resource_headers(scim_json(status, &body), s, kind, stored)
}

fn case_exact_for<'a>(
    s: &'a Settings,
    kind: ResourceKind,
) -> impl Fn(&AttrPath) -> bool + Send + Sync + 'a {
    move |p: &AttrPath| {
        s.registry.case_exact(
            kind.schema(),
            p.urn.as_deref(),
            &p.attr,
            p.sub_attr.as_deref(),
        )
    }
}

/// A list or search request, parsed.
struct ListRequest {
    query: ListQuery,
    projection: Projection,
}

fn parse_list(
    s: &Settings,
    filter: Option<&str>,
    start_index: Option<&str>,
    count: Option<&str>,
    sort_by: Option<&str>,
    sort_order: Option<&str>,
    projection: Projection,
) -> Result<ListRequest, Response> {
    let filter = match filter.map(str::trim).filter(|f| !f.is_empty()) {
        None => None,
        Some(f) => Some(filter::parse(f).map_err(|e| {
            error(
                StatusCode::BAD_REQUEST,
                Some("invalidFilter"),
                &e.to_string(),
            )
        })?),
    };
    let number = |v: Option<&str>, name: &str| -> Result<Option<i64>, Response> {
        v.map(|v| {
            v.trim().parse::<i64>().map_err(|_| {
                error(
                    StatusCode::BAD_REQUEST,
                    Some("invalidValue"),
                    &format!("{name} must be an integer"),
                )
            })
        })
        .transpose()
    };
    // RFC 7644 3.4.2.4: startIndex below 1 means 1; a negative count means 0.
    let start_index = number(start_index, "startIndex")?.unwrap_or(1).max(1) as u64;
    let count = number(count, "count")?
        .map(|c| c.max(0) as u64)
        .unwrap_or(s.max_results)
        .min(s.max_results);
    let descending = match sort_order.map(str::to_ascii_lowercase).as_deref() {
        None | Some("ascending") => false,
        Some("descending") => true,
        Some(_) => {
            return Err(error(
                StatusCode::BAD_REQUEST,
                Some("invalidValue"),
                "sortOrder must be ascending or descending",
            ))
        }
    };
    let query = ListQuery {
        filter,
        start_index,
        count,
        sort_by: sort_by.map(str::to_owned),
        descending,
    };
    Ok(ListRequest { query, projection })
}

async fn run_list(s: &Settings, kinds: &[ResourceKind], req: ListRequest) -> Response {
    let mut total = 0u64;
    let mut resources = Vec::new();
    for kind in kinds {
        let case_exact = case_exact_for(s, *kind);
        let mut q = req.query.clone();
        // Across resource types the window applies to the concatenation.
        if kinds.len() > 1 {
            q.start_index = 1;
            q.count = u64::MAX;
        }
        match s.store.list(*kind, &q, &case_exact).await {
            Ok(page) => {
                total += page.total;
                resources.extend(
                    page.resources
                        .iter()
                        .map(|r| req.projection.apply(s, *kind, &r.resource)),
                );
            }
            Err(e) => return store_error(e),
        }
    }
    if kinds.len() > 1 {
        let skip = req.query.start_index.saturating_sub(1) as usize;
        resources = resources
            .into_iter()
            .skip(skip)
            .take(req.query.count as usize)
            .collect();
    }
    scim_json(
        StatusCode::OK,
        &json!({
            "schemas": [LIST_RESPONSE],
            "totalResults": total,
            "startIndex": req.query.start_index,
            "itemsPerPage": resources.len(),
            "Resources": resources,
        }),
    )
}

async fn list(s: Shared, kind: ResourceKind, q: HashMap<String, String>) -> Response {
    let get = |k: &str| q.get(k).map(String::as_str);
    match parse_list(
        &s,
        get("filter"),
        get("startIndex"),
        get("count"),
        get("sortBy"),
        get("sortOrder"),
        Projection::from_query(&q),
    ) {
        Ok(req) => run_list(&s, &[kind], req).await,
        Err(r) => r,
    }
}

async fn search(s: Shared, kinds: &[ResourceKind], body: Body) -> Response {
    let body = match json_body(&s, body).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let text = |k: &str| get_ci(&body, k).and_then(Value::as_str).map(str::to_owned);
    let number = |k: &str| get_ci(&body, k).map(|v| v.to_string());
    let list_of = |k: &str| -> Vec<String> {
        match get_ci(&body, k) {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            Some(Value::String(s)) => s.split(',').map(|x| x.trim().to_owned()).collect(),
            _ => Vec::new(),
        }
    };
    let projection = Projection {
        attributes: list_of("attributes"),
        excluded: list_of("excludedAttributes"),
    };
    match parse_list(
        &s,
        text("filter").as_deref(),
        number("startIndex").as_deref(),
        number("count").as_deref(),
        text("sortBy").as_deref(),
        text("sortOrder").as_deref(),
        projection,
    ) {
        Ok(req) => run_list(&s, kinds, req).await,
        Err(r) => r,
    }
}

async fn create(s: Shared, kind: ResourceKind, q: HashMap<String, String>, body: Body) -> Response {
    let body = match json_body(&s, body).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let id = match new_id() {
        Ok(id) => id,
        Err(r) => return r,
    };
    let resource = match prepare(&s, kind, body, &id, None, 1) {
        Ok(r) => r,
        Err(r) => return r,
    };
    match s.store.create(kind, resource).await {
        Ok(stored) => resource_response(
            &s,
            kind,
            StatusCode::CREATED,
            &stored,
            &Projection::from_query(&q),
        ),
        Err(e) => store_error(e),
    }
}

async fn read(s: Shared, kind: ResourceKind, id: String, q: HashMap<String, String>) -> Response {
    match s.store.get(kind, &id).await {
        Ok(Some(stored)) => resource_response(
            &s,
            kind,
            StatusCode::OK,
            &stored,
            &Projection::from_query(&q),
        ),
        Ok(None) => error(
            StatusCode::NOT_FOUND,
            None,
            &format!("{} {id:?} not found", kind.name()),
        ),
        Err(e) => store_error(e),
    }
}

/// The `If-Match` precondition, if any: `Err` with 412 when it names another version.
fn check_if_match(headers: &HeaderMap, current: &Stored) -> Result<(), Response> {
    let Some(value) = headers.get(IF_MATCH).and_then(|v| v.to_str().ok()) else {
        return Ok(());
    };
    let current = etag(current.version);
    let strong = current.trim_start_matches("W/");
    let matches = value
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag == current || tag.trim_start_matches("W/") == strong);
    if matches {
        Ok(())
    } else {
        Err(error(
            StatusCode::PRECONDITION_FAILED,
            None,
            "the resource changed since the version in If-Match",
        ))
    }
}

/// Reads, transforms and writes back with compare-and-swap, retrying on concurrent writes.
async fn update<F>(
    s: &Settings,
    kind: ResourceKind,
    id: &str,
    headers: &HeaderMap,
    mut transform: F,
) -> Result<Stored, Response>
where
    F: FnMut(&Stored) -> Result<Map<String, Value>, Response>,
{
    for attempt in 0..WRITE_ATTEMPTS {
        let current = match s.store.get(kind, id).await {
            Ok(Some(c)) => c,
            Ok(None) => {
                return Err(error(
                    StatusCode::NOT_FOUND,
                    None,
                    &format!("{} {id:?} not found", kind.name()),
                ))
            }
            Err(e) => return Err(store_error(e)),
        };
        if attempt == 0 {
            check_if_match(headers, &current)?;
        }
        let body = transform(&current)?;
        let created = current
            .resource
            .get("meta")
            .and_then(|m| m.get("created"))
            .cloned();
        let resource = prepare(s, kind, body, id, created, current.version + 1)?;
        match s.store.replace(kind, id, resource, current.version).await {
            Ok(stored) => return Ok(stored),
            Err(StoreError::VersionMismatch) => {
                if headers.contains_key(IF_MATCH) {
                    return Err(error(
                        StatusCode::PRECONDITION_FAILED,
                        None,
                        "the resource changed since the version in If-Match",
                    ));
                }
                // Another write won the race: let the other tasks run a random number of
                // turns (so contenders spread out), then re-read and re-apply. No timer is
                // needed, so this works on any tokio runtime.
                let mut jitter = [0u8; 1];
                let _ = aws_lc_rs::rand::fill(&mut jitter);
                for _ in 0..=(jitter[0] % 8) {
                    tokio::task::yield_now().await;
                }
            }
            Err(e) => return Err(store_error(e)),
        }
    }
    Err(store_error(StoreError::VersionMismatch))
}

async fn replace(
    s: Shared,
    kind: ResourceKind,
    id: String,
    headers: HeaderMap,
    q: HashMap<String, String>,
    body: Body,
) -> Response {
    let body = match json_body(&s, body).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Some(Value::String(given)) = get_ci(&body, "id") {
        if *given != id {
            return error(
                StatusCode::BAD_REQUEST,
                Some("mutability"),
                "id cannot be changed",
            );
        }
    }
    let result = update(&s, kind, &id, &headers, |_| Ok(body.clone())).await;
    match result {
        Ok(stored) => resource_response(
            &s,
            kind,
            StatusCode::OK,
            &stored,
            &Projection::from_query(&q),
        ),
        Err(r) => r,
    }
}

async fn patch_resource(
    s: Shared,
    kind: ResourceKind,
    id: String,
    headers: HeaderMap,
    q: HashMap<String, String>,
    body: Body,
) -> Response {
    let body = match json_body(&s, body).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let op: PatchOp = match serde_json::from_value(Value::Object(body)) {
        Ok(op) => op,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                Some("invalidSyntax"),
                &format!("not a PatchOp: {e}"),
            )
        }
    };
    let rules = s.registry.patch_rules(kind.schema());
    let result = update(&s, kind, &id, &headers, |current| {
        let mut resource = current.resource.clone();
        patch::apply(&mut resource, &op, &rules).map_err(|e| {
            error(
                StatusCode::BAD_REQUEST,
                Some(e.scim_type.as_str()),
                &e.detail,
            )
        })?;
        match resource {
            Value::Object(m) => Ok(m),
            _ => Err(error(
                StatusCode::BAD_REQUEST,
                Some("invalidValue"),
                "not an object",
            )),
        }
    })
    .await;
    match result {
        Ok(stored) => resource_response(
            &s,
            kind,
            StatusCode::OK,
            &stored,
            &Projection::from_query(&q),
        ),
        Err(r) => r,
    }
}

async fn remove(s: Shared, kind: ResourceKind, id: String) -> Response {
    match s.store.delete(kind, &id).await {
        Ok(true) if kind == ResourceKind::User => match remove_from_groups(&s, &id).await {
            Ok(()) => StatusCode::NO_CONTENT.into_response(),
            Err(r) => r,
        },
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        Ok(false) => error(
            StatusCode::NOT_FOUND,
            None,
            &format!("{} {id:?} not found", kind.name()),
        ),
        Err(e) => store_error(e),
    }
}

/// Takes a deleted user out of the `members` of every group that lists it, so that no group
/// names a user that no longer exists.
async fn remove_from_groups(s: &Settings, user_id: &str) -> Result<(), Response> {
    let quoted = serde_json::to_string(user_id).unwrap_or_default();
    let Ok(filter) = crate::scim::filter::parse(&format!("members[value eq {quoted}]")) else {
        return Ok(());
    };
    let case_exact = case_exact_for(s, ResourceKind::Group);
    let query = ListQuery::new(1, u64::MAX).with_filter(filter);
    let groups = s
        .store
        .list(ResourceKind::Group, &query, &case_exact)
        .await
        .map_err(store_error)?;
    for group in groups.resources {
        let Some(group_id) = group.resource.get("id").and_then(Value::as_str) else {
            continue;
        };
        let result = update(
            s,
            ResourceKind::Group,
            group_id,
            &HeaderMap::new(),
            |current| {
                let mut body = match &current.resource {
                    Value::Object(m) => m.clone(),
                    _ => Map::new(),
                };
                if let Some(key) = body
                    .keys()
                    .find(|k| k.eq_ignore_ascii_case("members"))
                    .cloned()
                {
                    if let Some(Value::Array(members)) = body.get_mut(&key) {
                        members.retain(|m| {
                            crate::scim::filter::get_ci(m, "value").and_then(Value::as_str)
                                != Some(user_id)
                        });
                    }
                }
                Ok(body)
            },
        )
        .await;
        match result {
            Ok(_) => {}
            // Deleted meanwhile: nothing left to clean.
            Err(r) if r.status() == StatusCode::NOT_FOUND => {}
            Err(r) => return Err(r),
        }
    }
    Ok(())
}

type Q = Query<HashMap<String, String>>;

async fn list_users(State(s): State<Shared>, Query(q): Q) -> Response {
    list(s, ResourceKind::User, q).await
}
async fn list_groups(State(s): State<Shared>, Query(q): Q) -> Response {
    list(s, ResourceKind::Group, q).await
}
async fn search_users(State(s): State<Shared>, body: Body) -> Response {
    search(s, &[ResourceKind::User], body).await
}
async fn search_groups(State(s): State<Shared>, body: Body) -> Response {
    search(s, &[ResourceKind::Group], body).await
}
async fn search_all(State(s): State<Shared>, body: Body) -> Response {
    search(s, &[ResourceKind::User, ResourceKind::Group], body).await
}
async fn create_user(State(s): State<Shared>, Query(q): Q, body: Body) -> Response {
    create(s, ResourceKind::User, q, body).await
}
async fn create_group(State(s): State<Shared>, Query(q): Q, body: Body) -> Response {
    create(s, ResourceKind::Group, q, body).await
}
async fn get_user(State(s): State<Shared>, Path(id): Path<String>, Query(q): Q) -> Response {
    read(s, ResourceKind::User, id, q).await
}
async fn get_group(State(s): State<Shared>, Path(id): Path<String>, Query(q): Q) -> Response {
    read(s, ResourceKind::Group, id, q).await
}
async fn replace_user(
    State(s): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(q): Q,
    body: Body,
) -> Response {
    replace(s, ResourceKind::User, id, headers, q, body).await
}
async fn replace_group(
    State(s): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(q): Q,
    body: Body,
) -> Response {
    replace(s, ResourceKind::Group, id, headers, q, body).await
}
async fn patch_user(
    State(s): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(q): Q,
    body: Body,
) -> Response {
    patch_resource(s, ResourceKind::User, id, headers, q, body).await
}
async fn patch_group(
    State(s): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(q): Q,
    body: Body,
) -> Response {
    patch_resource(s, ResourceKind::Group, id, headers, q, body).await
}
async fn delete_user(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    remove(s, ResourceKind::User, id).await
}
async fn delete_group(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    remove(s, ResourceKind::Group, id).await
}

async fn service_provider_config(State(s): State<Shared>) -> Response {
    scim_json(
        StatusCode::OK,
        &schema::service_provider_config(&s.base_url, s.max_results, true),
    )
}

async fn resource_types(State(s): State<Shared>) -> Response {
    let types = schema::resource_types(&s.base_url);
    scim_json(
        StatusCode::OK,
        &json!({
            "schemas": [LIST_RESPONSE],
            "totalResults": types.len(),
            "startIndex": 1,
            "itemsPerPage": types.len(),
            "Resources": types,
        }),
    )
}

async fn resource_type(State(s): State<Shared>, Path(name): Path<String>) -> Response {
    let types = schema::resource_types(&s.base_url);
    match types.iter().find(|t| t.id == name) {
        Some(t) => scim_json(StatusCode::OK, t),
        None => error(StatusCode::NOT_FOUND, None, "no such resource type"),
    }
}

fn all_schemas(s: &Settings) -> Vec<Value> {
    s.registry
        .schemas()
        .iter()
        .filter_map(|d| serde_json::to_value(d.with_location(&s.base_url)).ok())
        .collect()
}

async fn schemas(State(s): State<Shared>) -> Response {
    let all = all_schemas(&s);
    scim_json(
        StatusCode::OK,
        &json!({
            "schemas": [LIST_RESPONSE],
            "totalResults": all.len(),
            "startIndex": 1,
            "itemsPerPage": all.len(),
            "Resources": all,
        }),
    )
}

async fn schema_by_id(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    match s.registry.schema(&id) {
        Some(def) => scim_json(StatusCode::OK, &def.with_location(&s.base_url)),
        None => error(StatusCode::NOT_FOUND, None, "no such schema"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc_3339_utc() {
        let t = now_rfc3339();
        assert_eq!(t.len(), 24, "{t}");
        assert!(t.ends_with('Z') && t.as_bytes()[10] == b'T');
    }

    #[test]
    fn ids_are_uuid_v4() {
        let id = new_id().unwrap();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
    }
}
