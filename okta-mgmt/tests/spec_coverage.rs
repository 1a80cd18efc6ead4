//! Coverage of Okta's Management API by the typed SDK: every operation of the tags in
//! `spec_support::TAGS` must have a method carrying `#[doc(alias = "operationId")]` in
//! `okta-mgmt/src`. Prints covered/total per tag, for those tags together and for the whole
//! spec, and fails naming every operation that has no method yet.

mod spec_support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use spec_support::{operations, spec, TAGS};

/// The `#[doc(alias = "...")]` and `#[doc(alias("...", ...))]` names in Rust source text.
fn doc_aliases(source: &str) -> BTreeSet<String> {
    let mut aliases = BTreeSet::new();
    let mut rest = source;
    while let Some(start) = rest.find("#[doc(") {
        rest = &rest[start + "#[doc(".len()..];
        let Some(end) = rest.find(")]") else {
            break;
        };
        let attribute = rest[..end].trim_start();
        if let Some(arguments) = attribute.strip_prefix("alias") {
            // Every string literal of the attribute is an alias.
            let mut literals = arguments.split('"');
            literals.next();
            for (index, literal) in literals.enumerate() {
                if index % 2 == 0 && !literal.is_empty() {
                    aliases.insert(literal.to_owned());
                }
            }
        }
        rest = &rest[end..];
    }
    aliases
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
            .path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// The aliases declared anywhere in `okta-mgmt/src`.
fn sdk_aliases() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files
        .iter()
        .flat_map(|file| {
            let text = std::fs::read_to_string(file)
                .unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()));
            doc_aliases(&text)
        })
        .collect()
}

#[test]
fn the_scanner_reads_both_alias_forms_and_nothing_else() {
    let source = r#"
        /// Lists users (`GET /api/v1/users`).
        #[doc(alias = "listUsers")]
        pub fn list() {}
        #[doc(alias("getUser", "getUserByLogin"))]
        pub fn get() {}
        #[doc(hidden)]
        #[doc = "alias = \"notAnAlias\""]
        pub fn other() {}
    "#;
    let expected: BTreeSet<String> = ["listUsers", "getUser", "getUserByLogin"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(doc_aliases(source), expected);
}

/// The users and groups operations the SDK has had from the start: each must be declared in
/// `okta-mgmt/src` and be a real operationId of the spec (a misspelt alias counts for
/// nothing in the coverage report).
#[test]
fn users_and_groups_operations_are_declared_with_spec_operation_ids() {
    const EXISTING: &[&str] = &[
        "listUsers",
        "getUser",
        "createUser",
        "updateUser",
        "replaceUser",
        "deleteUser",
        "activateUser",
        "deactivateUser",
        "suspendUser",
        "unsuspendUser",
        "listUserGroups",
        "listGroups",
        "getGroup",
        "addGroup",
        "replaceGroup",
        "deleteGroup",
        "listGroupUsers",
        "assignUserToGroup",
        "unassignUserFromGroup",
    ];
    let aliases = sdk_aliases();
    let undeclared: Vec<&str> = EXISTING
        .iter()
        .copied()
        .filter(|id| !aliases.contains(*id))
        .collect();
    assert!(
        undeclared.is_empty(),
        "no #[doc(alias)] in okta-mgmt/src for {undeclared:?}"
    );
    let Some(spec) = spec() else {
        return;
    };
    let ids: BTreeSet<&str> = operations(spec).iter().map(|op| op.id).collect();
    let unknown: Vec<&str> = EXISTING
        .iter()
        .copied()
        .filter(|id| !ids.contains(id))
        .collect();
    assert!(
        unknown.is_empty(),
        "not operationIds of the spec: {unknown:?}"
    );
}

#[test]
fn every_operation_of_the_covered_tags_has_a_typed_method() {
    let Some(spec) = spec() else {
        return;
    };
    let aliases = sdk_aliases();
    let all = operations(spec);
    // Tag -> (covered, missing), in the order of TAGS.
    let mut per_tag: BTreeMap<usize, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    let mut in_tags = BTreeSet::new();
    for operation in &all {
        for tag in &operation.tags {
            let Some(index) = TAGS.iter().position(|t| t == tag) else {
                continue;
            };
            in_tags.insert(operation.id);
            let entry = per_tag.entry(index).or_default();
            if aliases.contains(operation.id) {
                entry.0.push(operation.id);
            } else {
                entry.1.push(operation.id);
            }
        }
    }

    println!("Management API coverage (operationIds with a #[doc(alias)] in okta-mgmt/src):");
    let mut missing = Vec::new();
    for (index, tag) in TAGS.iter().enumerate() {
        let (covered, absent) = per_tag.get(&index).cloned().unwrap_or_default();
        let total = covered.len() + absent.len();
        println!("  {tag:<28} {:>3}/{total:<3}", covered.len());
        if total == 0 {
            missing.push(format!("{tag}: the spec has no operation with this tag"));
        }
        for id in absent {
            missing.push(format!("{tag}: {id}"));
        }
    }
    let covered_in_tags = in_tags.iter().filter(|id| aliases.contains(**id)).count();
    println!(
        "  {:<28} {covered_in_tags:>3}/{}",
        "these tags together",
        in_tags.len()
    );
    let covered_all = all.iter().filter(|op| aliases.contains(op.id)).count();
    println!("  {:<28} {covered_all:>3}/{}", "the whole spec", all.len());

    assert!(
        missing.is_empty(),
        "{} operations of the covered tags have no typed method:\n  {}",
        missing.len(),
        missing.join("\n  ")
    );
}
