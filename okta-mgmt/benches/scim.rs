//! SCIM filters: parsing and evaluation; and `userName eq` lookups in the SQLite store at
//! 10,000 and 100,000 users (an index lookup: the larger store must cost at most 1.5x).
//!
//! Run: `cargo bench -p okta-mgmt --features sqlite --bench scim`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use okta_mgmt::scim::filter::{self, default_case_exact};
use okta_mgmt::scim::server::{ListQuery, ResourceKind, ScimStore, SqliteStore};
use serde_json::json;

const SIMPLE: &str = r#"userName eq "bjensen@example.com""#;
const COMPLEX: &str = r#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"] and not (title pr and meta.lastModified lt "2011-05-13T04:42:34Z")"#;

fn user(i: usize) -> serde_json::Value {
    json!({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":format!("id-{i}"),
        "userName":format!("user{i}@example.com"),"userType":"Employee","active":true,
        "name":{"givenName":"Babs","familyName":format!("Jensen{i}")},
        "emails":[{"value":format!("user{i}@example.com"),"type":"work","primary":true},
                  {"value":format!("home{i}@example.org"),"type":"home"}],
        "meta":{"lastModified":"2024-01-01T00:00:00Z"}})
}

fn fill(rt: &tokio::runtime::Runtime, n: usize) -> (SqliteStore, tempdir::Dir) {
    let dir = tempdir::Dir::new();
    let store = SqliteStore::open(dir.path().join("scim.db")).expect("open");
    rt.block_on(async {
        for i in 0..n {
            store
                .create(ResourceKind::User, user(i))
                .await
                .expect("create");
        }
    });
    (store, dir)
}

/// Mean time of `lookups` `userName eq` list calls for random existing users.
fn lookup_time(
    rt: &tokio::runtime::Runtime,
    store: &SqliteStore,
    n: usize,
    lookups: usize,
) -> Duration {
    let case_exact = |p: &filter::AttrPath| default_case_exact(p);
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let started = Instant::now();
    rt.block_on(async {
        for _ in 0..lookups {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let i = (rng % n as u64) as usize;
            let query = ListQuery::new(1, 100).with_filter(
                filter::parse(&format!("userName eq \"user{i}@example.com\"")).expect("filter"),
            );
            let page = store
                .list(ResourceKind::User, &query, &case_exact)
                .await
                .expect("list");
            assert_eq!(page.total, 1);
        }
    });
    started.elapsed() / lookups as u32
}

mod tempdir {
    /// A directory removed on drop.
    pub(crate) struct Dir(std::path::PathBuf);
    impl Dir {
        pub(crate) fn new() -> Self {
            let mut p = std::env::temp_dir();
            let mut b = [0u8; 8];
            aws_lc_rs::rand::fill(&mut b).expect("random");
            p.push(format!("okta-scim-bench-{}", u64::from_le_bytes(b)));
            std::fs::create_dir_all(&p).expect("mkdir");
            Dir(p)
        }
        pub(crate) fn path(&self) -> &std::path::Path {
            &self.0
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn main() {
    let mut c = Criterion::default()
        .sample_size(50)
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let sample = user(7);
    let complex = filter::parse(COMPLEX).expect("complex filter");
    let mut g = c.benchmark_group("scim_filter");
    g.bench_function("parse_userName_eq", |b| {
        b.iter(|| filter::parse(black_box(SIMPLE)))
    });
    g.bench_function("parse_complex_value_path", |b| {
        b.iter(|| filter::parse(black_box(COMPLEX)))
    });
    g.bench_function("evaluate_complex_value_path", |b| {
        b.iter(|| complex.matches_default(black_box(&sample)))
    });
    g.finish();
    c.final_summary();

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    let (small, _d1) = fill(&rt, 10_000);
    let (large, _d2) = fill(&rt, 100_000);
    // Warm both, then alternate measurements so machine noise hits both alike.
    lookup_time(&rt, &small, 10_000, 500);
    lookup_time(&rt, &large, 100_000, 500);
    let (mut t_small, mut t_large) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..5 {
        t_small += lookup_time(&rt, &small, 10_000, 1_000);
        t_large += lookup_time(&rt, &large, 100_000, 1_000);
    }
    println!(
        "sqlite userName eq lookup: {:.1} µs at 10,000 users, {:.1} µs at 100,000 users, ratio {:.2} (target <= 1.50)",
        t_small.as_secs_f64() * 1e6 / 5.0,
        t_large.as_secs_f64() * 1e6 / 5.0,
        t_large.as_secs_f64() / t_small.as_secs_f64()
    );
}
