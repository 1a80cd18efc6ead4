//! Network zones (polymorphic by `type`, unknown types kept) and trusted origins: the models
//! round-trip and every operation sends the request Okta documents.

use futures_util::TryStreamExt;
use okta_mgmt::core::{Client, Config};
use okta_mgmt::network_zones::{
    DynamicNetworkZone, EnhancedDynamicNetworkZone, IncludeExclude, IpNetworkZone, NetworkZone,
    NetworkZoneAddress, NetworkZoneLocation, NetworkZoneStatus, NetworkZoneType, NetworkZoneUsage,
};
use okta_mgmt::trusted_origins::{TrustedOrigin, TrustedOriginScope, TrustedOriginScopeType};
use okta_mgmt::{Field, Okta};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server() -> (MockServer, Okta) {
    let server = MockServer::start().await;
    let config = Config::builder()
        .org_url(server.uri())
        .api_token("test-token")
        .build()
        .unwrap();
    (server, Okta::new(Client::new(config).unwrap()))
}

fn zone_links(id: &str) -> Value {
    json!({
        "self": {"href": format!("https://example.okta.com/api/v1/zones/{id}")},
        "deactivate": {"href": format!("https://example.okta.com/api/v1/zones/{id}/lifecycle/deactivate"),
                       "hints": {"allow": ["POST"]}}
    })
}

fn ip_zone() -> Value {
    json!({
        "type": "IP", "id": "nzo1ip", "name": "Office", "status": "ACTIVE", "usage": "POLICY",
        "created": "2026-01-01T00:00:00.000Z", "lastUpdated": "2026-01-02T00:00:00.000Z",
        "system": false,
        "gateways": [{"type": "CIDR", "value": "203.0.113.0/24"},
                     {"type": "RANGE", "value": "198.51.100.1-198.51.100.9"}],
        "proxies": null,
        "_links": zone_links("nzo1ip")
    })
}

fn dynamic_zone() -> Value {
    json!({
        "type": "DYNAMIC", "id": "nzo1dyn", "name": "Allowed countries", "status": "ACTIVE",
        "usage": "BLOCKLIST", "system": false,
        "locations": [{"country": "US", "region": "US-CA"}, {"country": "DE", "region": null}],
        "proxyType": "Tor", "asns": ["23457"],
        "_links": zone_links("nzo1dyn")
    })
}

fn enhanced_zone() -> Value {
    json!({
        "type": "DYNAMIC_V2", "id": "nzo1v2", "name": "No anonymizers", "status": "INACTIVE",
        "usage": "BLOCKLIST", "system": false,
        "locations": {"include": [], "exclude": [{"country": "FR"}]},
        "asns": {"include": ["64496"], "exclude": []},
        "ipServiceCategories": {"include": ["ALL_ANONYMIZERS", "SOME_FUTURE_VPN"], "exclude": null},
        "_links": zone_links("nzo1v2")
    })
}

#[test]
fn every_zone_type_decodes_to_its_variant_and_reserializes_unchanged() {
    for (input, type_) in [
        (ip_zone(), NetworkZoneType::Ip),
        (dynamic_zone(), NetworkZoneType::Dynamic),
        (enhanced_zone(), NetworkZoneType::DynamicV2),
    ] {
        let zone: NetworkZone = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(zone.type_(), type_);
        assert!(!matches!(zone, NetworkZone::Other(_)), "{zone:?}");
        assert_eq!(serde_json::to_value(&zone).unwrap(), input, "{type_}");
    }
}

#[test]
fn typed_zone_fields_are_read_and_null_is_kept_apart_from_absent() {
    let NetworkZone::Ip(ip) = serde_json::from_value(ip_zone()).unwrap() else {
        panic!("not IP")
    };
    assert_eq!(ip.proxies, Field::Null);
    assert_eq!(ip.use_as_exempt_list, Field::Unchanged);
    assert_eq!(
        ip.gateways.value().unwrap()[1].value,
        "198.51.100.1-198.51.100.9"
    );

    let NetworkZone::Dynamic(dynamic) = serde_json::from_value(dynamic_zone()).unwrap() else {
        panic!("not DYNAMIC")
    };
    let locations = dynamic.locations.value().unwrap();
    assert_eq!(locations[0].region, Field::Value("US-CA".into()));
    assert_eq!(locations[1].region, Field::Null);
    assert_eq!(dynamic.usage, Some(NetworkZoneUsage::Blocklist));

    let NetworkZone::EnhancedDynamic(v2) = serde_json::from_value(enhanced_zone()).unwrap() else {
        panic!("not DYNAMIC_V2")
    };
    let categories = v2.ip_service_categories.value().unwrap();
    assert_eq!(categories.include.value().unwrap()[1], "SOME_FUTURE_VPN");
    assert_eq!(categories.exclude, Field::Null);
    assert_eq!(v2.status, Some(NetworkZoneStatus::Inactive));
}

#[test]
fn an_unknown_zone_type_round_trips_exactly() {
    let input = json!({
        "type": "SATELLITE", "id": "nzo1sat", "name": "Orbit", "status": "ACTIVE",
        "usage": "FUTURE_USAGE", "orbits": [{"altitude": 550}], "system": null
    });
    let zone: NetworkZone = serde_json::from_value(input.clone()).unwrap();
    let NetworkZone::Other(generic) = &zone else {
        panic!("expected the generic variant")
    };
    assert_eq!(zone.type_(), NetworkZoneType::Unknown("SATELLITE".into()));
    assert_eq!(
        generic.usage,
        Some(NetworkZoneUsage::Unknown("FUTURE_USAGE".into()))
    );
    assert_eq!(zone.name(), Some("Orbit"));
    assert_eq!(serde_json::to_value(&zone).unwrap(), input);
}

#[test]
fn a_known_zone_type_with_odd_fields_falls_back_without_losing_them() {
    let input = json!({"type": "IP", "id": "nzo1odd", "name": "Odd", "gateways": "not-a-list"});
    let zone: NetworkZone = serde_json::from_value(input.clone()).unwrap();
    assert!(matches!(zone, NetworkZone::Other(_)));
    assert_eq!(zone.type_(), NetworkZoneType::Ip);
    assert_eq!(serde_json::to_value(&zone).unwrap(), input);
}

#[tokio::test]
async fn list_network_zones_sends_filter_and_limit_and_decodes_every_type() {
    let (server, okta) = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/zones"))
        .and(query_param("filter", r#"usage eq "BLOCKLIST""#))
        .and(query_param("limit", "3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            ip_zone(), dynamic_zone(), enhanced_zone(), {"type": "NEW", "name": "n"}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let zones: Vec<NetworkZone> = okta
        .network_zones()
        .list()
        .filter(r#"usage eq "BLOCKLIST""#)
        .limit(3)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let types: Vec<_> = zones.iter().map(NetworkZone::type_).collect();
    assert_eq!(
        types,
        [
            NetworkZoneType::Ip,
            NetworkZoneType::Dynamic,
            NetworkZoneType::DynamicV2,
            NetworkZoneType::Unknown("NEW".into())
        ]
    );
}

#[tokio::test]
async fn create_network_zone_sends_the_typed_body_without_unset_fields() {
    let (server, okta) = server().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/zones"))
        .and(body_json(json!({
            "type": "IP", "name": "Office",
            "gateways": [{"type": "CIDR", "value": "203.0.113.0/24"}]
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(ip_zone()))
        .expect(1)
        .mount(&server)
        .await;
    let zone = okta
        .network_zones()
        .create(IpNetworkZone::new("Office").gateways([NetworkZoneAddress::cidr("203.0.113.0/24")]))
        .await
        .unwrap();
    assert_eq!(zone.id(), Some("nzo1ip"));
}

#[test]
fn dynamic_zone_builders_write_what_okta_expects() {
    let dynamic: NetworkZone = DynamicNetworkZone::new("Countries")
        .usage(NetworkZoneUsage::Blocklist)
        .locations([
            NetworkZoneLocation::country("KP"),
            NetworkZoneLocation::region("US", "US-NY"),
        ])
        .into();
    assert_eq!(
        serde_json::to_value(&dynamic).unwrap(),
        json!({"type": "DYNAMIC", "name": "Countries", "usage": "BLOCKLIST",
               "locations": [{"country": "KP"}, {"country": "US", "region": "US-NY"}]})
    );
    let v2: NetworkZone = EnhancedDynamicNetworkZone::new("No Tor")
        .ip_service_categories(IncludeExclude::include(["ANONYMIZER_TOR".to_owned()]))
        .into();
    assert_eq!(
        serde_json::to_value(&v2).unwrap(),
        json!({"type": "DYNAMIC_V2", "name": "No Tor",
               "ipServiceCategories": {"include": ["ANONYMIZER_TOR"]}})
    );
}

#[tokio::test]
async fn get_replace_and_delete_network_zone_use_encoded_ids() {
    let (server, okta) = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/zones/nzo%2F1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(dynamic_zone()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/api/v1/zones/nzo%2F1"))
        .and(body_json(dynamic_zone()))
        .respond_with(ResponseTemplate::new(200).set_body_json(dynamic_zone()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v1/zones/nzo%2F1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let zone = okta.network_zones().get("nzo/1").await.unwrap();
    let replaced = okta.network_zones().replace("nzo/1", &zone).await.unwrap();
    assert_eq!(replaced, zone);
    okta.network_zones().delete("nzo/1").await.unwrap();
}

#[tokio::test]
async fn activate_and_deactivate_network_zone_return_the_zone() {
    let (server, okta) = server().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/zones/nzo1v2/lifecycle/activate"))
        .respond_with(ResponseTemplate::new(200).set_body_json(enhanced_zone()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/zones/nzo1v2/lifecycle/deactivate"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ip_zone()))
        .expect(1)
        .mount(&server)
        .await;
    let activated = okta.network_zones().activate("nzo1v2").await.unwrap();
    assert_eq!(activated.type_(), NetworkZoneType::DynamicV2);
    let deactivated = okta.network_zones().deactivate("nzo1v2").await.unwrap();
    assert_eq!(deactivated.type_(), NetworkZoneType::Ip);
}

fn trusted_origin() -> Value {
    json!({
        "id": "tos1", "name": "Portal", "origin": "https://portal.example.com",
        "scopes": [{"type": "CORS"}, {"type": "REDIRECT"},
                   {"type": "IFRAME_EMBED", "allowedOktaApps": ["OKTA_ENDUSER"]}],
        "status": "ACTIVE",
        "created": "2026-01-01T00:00:00.000Z", "createdBy": "00u1",
        "lastUpdated": "2026-01-02T00:00:00.000Z", "lastUpdatedBy": "00u2",
        "_links": {"self": {"href": "https://example.okta.com/api/v1/trustedOrigins/tos1"}}
    })
}

#[test]
fn a_trusted_origin_round_trips_and_keeps_unknown_scopes() {
    let mut input = trusted_origin();
    input["scopes"][1] = json!({"type": "FUTURE_SCOPE", "extra": 1});
    input["newField"] = json!(true);
    let origin: TrustedOrigin = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(origin.scopes[0].type_, TrustedOriginScopeType::Cors);
    assert_eq!(
        origin.scopes[1].type_,
        TrustedOriginScopeType::Unknown("FUTURE_SCOPE".into())
    );
    assert_eq!(serde_json::to_value(&origin).unwrap(), input);
}

#[tokio::test]
async fn list_trusted_origins_sends_q_filter_and_limit() {
    let (server, okta) = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/trustedOrigins"))
        .and(query_param("q", "https://portal"))
        .and(query_param("filter", r#"name eq "Portal""#))
        .and(query_param("limit", "10"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([trusted_origin()])))
        .expect(1)
        .mount(&server)
        .await;
    let page = okta
        .trusted_origins()
        .list()
        .q("https://portal")
        .filter(r#"name eq "Portal""#)
        .limit(10)
        .page()
        .await
        .unwrap();
    assert_eq!(page.items[0].origin, "https://portal.example.com");
}

#[tokio::test]
async fn create_trusted_origin_sends_only_name_origin_and_scopes() {
    let (server, okta) = server().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/trustedOrigins"))
        .and(body_json(json!({
            "name": "Portal", "origin": "https://portal.example.com",
            "scopes": [{"type": "CORS"}, {"type": "IFRAME_EMBED", "allowedOktaApps": []}]
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(trusted_origin()))
        .expect(1)
        .mount(&server)
        .await;
    let mut origin = TrustedOrigin::new(
        "Portal",
        "https://portal.example.com",
        [
            TrustedOriginScope::cors(),
            TrustedOriginScope::iframe_embed(Vec::<String>::new()),
        ],
    );
    origin.status = Some(okta_mgmt::idps::LifecycleStatus::Active);
    let created = okta.trusted_origins().create(&origin).await.unwrap();
    assert_eq!(created.id.as_deref(), Some("tos1"));
}

#[tokio::test]
async fn get_replace_delete_activate_and_deactivate_trusted_origin() {
    let (server, okta) = server().await;
    let base = "/api/v1/trustedOrigins/tos%201";
    Mock::given(method("GET"))
        .and(path(base))
        .respond_with(ResponseTemplate::new(200).set_body_json(trusted_origin()))
        .expect(1)
        .mount(&server)
        .await;
    let mut renamed = trusted_origin();
    renamed["name"] = json!("Portal 2");
    Mock::given(method("PUT"))
        .and(path(base))
        .and(body_json(renamed.clone()))
        .respond_with(ResponseTemplate::new(200).set_body_json(renamed))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(base))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    for operation in ["activate", "deactivate"] {
        Mock::given(method("POST"))
            .and(path(format!("{base}/lifecycle/{operation}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(trusted_origin()))
            .expect(1)
            .mount(&server)
            .await;
    }
    let origins = okta.trusted_origins();
    let mut origin = origins.get("tos 1").await.unwrap();
    origin.name = "Portal 2".into();
    let replaced = origins.replace("tos 1", &origin).await.unwrap();
    assert_eq!(replaced.name, "Portal 2");
    origins.delete("tos 1").await.unwrap();
    assert_eq!(
        origins.activate("tos 1").await.unwrap().id.as_deref(),
        Some("tos1")
    );
    origins.deactivate("tos 1").await.unwrap();
}
