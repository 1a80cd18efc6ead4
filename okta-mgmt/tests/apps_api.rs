//! Applications: the polymorphic model (every sign-on mode decodes, re-serializes to what was
//! read, unknown modes kept) and the requests of every application, app user and app group
//! operation.

use futures_util::TryStreamExt;
use okta_mgmt::apps::{
    AppUser, AppUserCredentials, AppUserScope, AppUserStatus, AppUserUpdate, Application,
    ApplicationGroupAssignment, ApplicationStatus, BasicAuthApplication, BookmarkApplication,
    BrowserPluginApplication, GrantType, JsonPatchOperation, OidcApplication, OidcApplicationType,
    OidcClientSettings, SamlApplication, SamlSignOn, SecurePasswordStoreApplication, SignOnMode,
    TokenEndpointAuthMethod, WsFederationAppSettings, WsFederationApplication,
};
use okta_mgmt::core::{Client, Config};
use okta_mgmt::Okta;
use serde_json::{json, Value};
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn server() -> (MockServer, Okta) {
    let server = MockServer::start().await;
    let config = Config::builder()
        .org_url(server.uri())
        .api_token("test-token")
        .build()
        .unwrap();
    let okta = Okta::new(Client::new(config).unwrap());
    (server, okta)
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.remove(0)
}

fn query_of(request: &Request) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = request.url.query_pairs().into_owned().collect();
    pairs.sort();
    pairs
}

fn links() -> Value {
    json!({
        "self": {"href": "https://example.okta.com/api/v1/apps/0oa1"},
        "deactivate": {"href": "https://example.okta.com/api/v1/apps/0oa1/lifecycle/deactivate"}
    })
}

fn oidc_app() -> Value {
    json!({
        "id": "0oa1oidc", "name": "oidc_client", "label": "Portal", "status": "ACTIVE",
        "created": "2026-01-05T10:00:00.000Z", "lastUpdated": "2026-01-06T10:00:00.000Z",
        "signOnMode": "OPENID_CONNECT",
        "accessibility": {"selfService": false},
        "visibility": {"autoSubmitToolbar": false, "autoLaunch": false,
                        "hide": {"iOS": true, "web": true}, "appLinks": {"oidc_client_link": true}},
        "features": [],
        "credentials": {
            "userNameTemplate": {"template": "${source.login}", "type": "BUILT_IN"},
            "signing": {"kid": "k1"},
            "oauthClient": {"autoKeyRotation": true, "client_id": "0oa1oidc",
                             "client_secret": "very-secret", "token_endpoint_auth_method": "client_secret_basic",
                             "pkce_required": false}
        },
        "settings": {
            "app": {}, "notifications": {"vpn": {"network": {"connection": "DISABLED"}}},
            "manualProvisioning": false, "implicitAssignment": false,
            "notes": {"admin": "Owned by the web team"},
            "oauthClient": {
                "client_uri": "https://portal.example.com",
                "redirect_uris": ["https://portal.example.com/callback"],
                "post_logout_redirect_uris": ["https://portal.example.com"],
                "response_types": ["code"],
                "grant_types": ["authorization_code", "refresh_token", "urn:example:future-grant"],
                "application_type": "web", "consent_method": "REQUIRED", "issuer_mode": "DYNAMIC",
                "idp_initiated_login": {"mode": "DISABLED", "default_scope": []},
                "wildcard_redirect": "DISABLED"
            }
        },
        "universalLogout": {"status": "UNSUPPORTED"},
        "orn": "orn:okta:idp:00o1:apps:oidc_client:0oa1oidc",
        "_links": links()
    })
}

fn saml_app() -> Value {
    json!({
        "id": "0oa1saml", "name": "example_saml_1", "label": "Payroll", "status": "ACTIVE",
        "signOnMode": "SAML_2_0",
        "features": ["PUSH_NEW_USERS"],
        "credentials": {"signing": {"kid": "k2", "rotationMode": "AUTO"},
                         "userNameTemplate": {"template": "${source.email}", "type": "BUILT_IN"}},
        "settings": {
            "implicitAssignment": false,
            "signOn": {
                "defaultRelayState": "", "ssoAcsUrl": "https://payroll.example.com/acs",
                "idpIssuer": "http://www.okta.com/${org.externalKey}",
                "audience": "https://payroll.example.com", "recipient": "https://payroll.example.com/acs",
                "destination": "https://payroll.example.com/acs",
                "subjectNameIdTemplate": "${user.userName}",
                "subjectNameIdFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
                "responseSigned": true, "assertionSigned": true, "signatureAlgorithm": "RSA_SHA256",
                "digestAlgorithm": "SHA256", "honorForceAuthn": true,
                "authnContextClassRef": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
                "requestCompressed": false, "allowMultipleAcsEndpoints": false, "acsEndpoints": [],
                "attributeStatements": [{"type": "EXPRESSION", "name": "email", "values": ["user.email"]}],
                "slo": {"enabled": false}
            }
        },
        "_links": links()
    })
}

fn simple_app(mode: &str, name: &str, settings: Value, credentials: Value) -> Value {
    json!({
        "id": format!("0oa1{}", name), "name": name, "label": format!("{mode} app"),
        "status": "INACTIVE", "signOnMode": mode,
        "accessibility": {"selfService": true},
        "visibility": {"autoLaunch": false, "hide": {"iOS": false, "web": false}},
        "credentials": credentials,
        "settings": settings,
        "licensing": {"seatCount": 0},
        "profile": {"tier": "gold"},
        "_links": links(),
        "_embedded": {"user": {"id": "00u1", "scope": "USER"}}
    })
}

fn scheme_credentials() -> Value {
    json!({"scheme": "EDIT_USERNAME_AND_PASSWORD", "revealPassword": false,
           "userNameTemplate": {"template": "${source.login}", "type": "BUILT_IN", "pushStatus": "DONT_PUSH"},
           "signing": {}})
}

fn every_mode() -> Vec<(Value, SignOnMode)> {
    vec![
        (oidc_app(), SignOnMode::OpenIdConnect),
        (saml_app(), SignOnMode::Saml2),
        (
            simple_app(
                "BOOKMARK",
                "bookmark",
                json!({"app": {"requestIntegration": false, "url": "https://wiki.example.com"}}),
                json!({"userNameTemplate": {"template": "${source.login}", "type": "BUILT_IN"}}),
            ),
            SignOnMode::Bookmark,
        ),
        (
            simple_app(
                "BASIC_AUTH",
                "template_basic_auth",
                json!({"app": {"url": "https://basic.example.com/login", "authURL": "https://basic.example.com/auth"}}),
                scheme_credentials(),
            ),
            SignOnMode::BasicAuth,
        ),
        (
            simple_app(
                "AUTO_LOGIN",
                "example_swa_1",
                json!({"signOn": {"loginUrl": "https://swa.example.com/login", "redirectUrl": "https://swa.example.com/home"}}),
                scheme_credentials(),
            ),
            SignOnMode::AutoLogin,
        ),
        (
            simple_app(
                "BROWSER_PLUGIN",
                "template_swa3field",
                json!({"app": {"targetURL": "https://swa3.example.com", "usernameSelector": "#u",
                               "passwordSelector": "#p", "buttonSelector": "#go",
                               "extraFieldSelector": "#org", "extraFieldValue": "acme"}}),
                scheme_credentials(),
            ),
            SignOnMode::BrowserPlugin,
        ),
        (
            simple_app(
                "SECURE_PASSWORD_STORE",
                "template_sps",
                json!({"app": {"url": "https://sps.example.com/login", "usernameField": "user",
                               "passwordField": "pass", "optionalField1": "org", "optionalField1Value": "acme"}}),
                json!({"scheme": "SHARED_USERNAME_AND_PASSWORD", "userName": "shared", "password": {}}),
            ),
            SignOnMode::SecurePasswordStore,
        ),
        (
            simple_app(
                "WS_FEDERATION",
                "template_wsfed",
                json!({"app": {"siteURL": "https://fed.example.com", "wReplyURL": "https://fed.example.com/sso",
                               "wReplyOverride": false, "audienceRestriction": "urn:fed:example",
                               "realm": "urn:fed:example", "groupFilter": "app1.*",
                               "nameIDFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
                               "authnContextClassRef": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
                               "groupValueFormat": "dn", "usernameAttribute": "upn",
                               "attributeStatements": "givenName|${user.firstName}|"}}),
                json!({"userNameTemplate": {"template": "${source.login}", "type": "BUILT_IN"}}),
            ),
            SignOnMode::WsFederation,
        ),
    ]
}

#[test]
fn every_sign_on_mode_decodes_to_its_typed_variant_and_reserializes_unchanged() {
    for (input, mode) in every_mode() {
        let app: Application = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(app.sign_on_mode(), mode);
        assert!(
            !matches!(app, Application::Other(_)),
            "{mode} fell back to the generic variant: {app:?}"
        );
        assert_eq!(serde_json::to_value(&app).unwrap(), input, "{mode}");
    }
}

#[test]
fn typed_fields_of_the_oidc_and_saml_variants_are_read() {
    let Application::OpenIdConnect(oidc) = serde_json::from_value(oidc_app()).unwrap() else {
        panic!("not OIDC")
    };
    assert_eq!(oidc.label, "Portal");
    assert_eq!(oidc.status, Some(ApplicationStatus::Active));
    let client = oidc
        .settings
        .as_ref()
        .unwrap()
        .oauth_client
        .as_ref()
        .unwrap();
    assert_eq!(client.application_type, Some(OidcApplicationType::Web));
    assert_eq!(client.grant_types[0], GrantType::AuthorizationCode);
    assert_eq!(
        client.grant_types[2],
        GrantType::Unknown("urn:example:future-grant".into())
    );
    let credentials = oidc
        .credentials
        .as_ref()
        .unwrap()
        .oauth_client
        .as_ref()
        .unwrap();
    assert_eq!(
        credentials.token_endpoint_auth_method,
        Some(TokenEndpointAuthMethod::ClientSecretBasic)
    );
    assert!(!format!("{oidc:?}").contains("very-secret"));
    assert!(oidc.extra.contains_key("orn"));
    assert!(oidc.extra.contains_key("universalLogout"));

    let Application::Saml2(saml) = serde_json::from_value(saml_app()).unwrap() else {
        panic!("not SAML")
    };
    let sign_on = saml.settings.as_ref().unwrap().sign_on.as_ref().unwrap();
    assert_eq!(
        sign_on.sso_acs_url.as_deref(),
        Some("https://payroll.example.com/acs")
    );
    assert_eq!(sign_on.assertion_signed, Some(true));
    assert!(sign_on.extra.contains_key("slo"));
}

#[test]
fn an_unknown_sign_on_mode_round_trips_exactly_in_the_generic_variant() {
    let input = json!({
        "id": "0oa1new", "name": "future_app", "label": "Future", "status": "SOMETHING_NEW",
        "signOnMode": "QUANTUM_LOGIN", "settings": {"quantum": {"qubits": 3}},
        "credentials": null, "_links": links()
    });
    let app: Application = serde_json::from_value(input.clone()).unwrap();
    let Application::Other(generic) = &app else {
        panic!("expected the generic variant")
    };
    assert_eq!(
        app.sign_on_mode(),
        SignOnMode::Unknown("QUANTUM_LOGIN".into())
    );
    assert_eq!(
        generic.status,
        Some(ApplicationStatus::Unknown("SOMETHING_NEW".into()))
    );
    assert_eq!(app.id(), Some("0oa1new"));
    assert_eq!(app.label(), Some("Future"));
    assert_eq!(generic.extra["settings"]["quantum"]["qubits"], 3);
    assert_eq!(serde_json::to_value(&app).unwrap(), input);
}

#[test]
fn a_null_in_a_typed_field_reads_as_none_and_is_left_out_while_the_generic_variant_keeps_it() {
    let mut input = oidc_app();
    input["accessibility"]["errorRedirectUrl"] = Value::Null;
    let app: Application = serde_json::from_value(input.clone()).unwrap();
    let Application::OpenIdConnect(oidc) = &app else {
        panic!("not OIDC")
    };
    assert_eq!(
        oidc.accessibility.as_ref().unwrap().error_redirect_url,
        None
    );
    assert_eq!(serde_json::to_value(&app).unwrap(), oidc_app());

    input["signOnMode"] = json!("FUTURE_MODE");
    let generic: Application = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(serde_json::to_value(&generic).unwrap(), input);
}

#[test]
fn saml_1_1_apps_are_kept_in_the_generic_variant() {
    let input = json!({"id": "0oa11", "name": "legacy_saml11", "label": "Legacy", "signOnMode": "SAML_1_1",
                       "settings": {"app": {"baseUrl": "https://legacy.example.com"}}});
    let app: Application = serde_json::from_value(input.clone()).unwrap();
    assert!(matches!(app, Application::Other(_)));
    assert_eq!(app.sign_on_mode(), SignOnMode::Saml11);
    assert_eq!(serde_json::to_value(&app).unwrap(), input);
}

#[test]
fn unknown_fields_inside_typed_settings_survive_a_read_modify_write() {
    let mut input = oidc_app();
    input["settings"]["oauthClient"]["future_setting"] = json!({"on": true});
    input["brandNewTopLevel"] = json!([1, 2]);
    let mut app: Application = serde_json::from_value(input.clone()).unwrap();
    if let Application::OpenIdConnect(oidc) = &mut app {
        oidc.label = "Portal 2".into();
    }
    let written = serde_json::to_value(&app).unwrap();
    assert_eq!(written["label"], "Portal 2");
    assert_eq!(
        written["settings"]["oauthClient"]["future_setting"]["on"],
        true
    );
    assert_eq!(written["brandNewTopLevel"], json!([1, 2]));
}

#[test]
fn constructors_write_the_fields_okta_requires_and_nothing_unset() {
    let oidc: Application = OidcApplication::new(
        "Portal",
        OidcClientSettings::new(OidcApplicationType::Browser, [GrantType::AuthorizationCode])
            .redirect_uris(["https://spa.example.com/cb"])
            .response_types(["code"]),
    )
    .token_endpoint_auth_method(TokenEndpointAuthMethod::None)
    .into();
    assert_eq!(
        serde_json::to_value(&oidc).unwrap(),
        json!({
            "name": "oidc_client", "label": "Portal", "signOnMode": "OPENID_CONNECT",
            "credentials": {"oauthClient": {"token_endpoint_auth_method": "none"}},
            "settings": {"oauthClient": {
                "application_type": "browser", "grant_types": ["authorization_code"],
                "response_types": ["code"], "redirect_uris": ["https://spa.example.com/cb"]
            }}
        })
    );

    let basic: Application = BasicAuthApplication::new(
        "Basic",
        "https://b.example.com",
        "https://b.example.com/auth",
    )
    .into();
    assert_eq!(
        serde_json::to_value(&basic).unwrap(),
        json!({"name": "template_basic_auth", "label": "Basic", "signOnMode": "BASIC_AUTH",
               "settings": {"app": {"url": "https://b.example.com", "authURL": "https://b.example.com/auth"}}})
    );

    let swa: Application =
        BrowserPluginApplication::new("SWA", "https://s.example.com", "#u", "#p", "#b").into();
    let swa = serde_json::to_value(&swa).unwrap();
    assert_eq!(swa["name"], "template_swa");
    assert_eq!(swa["settings"]["app"]["buttonField"], "#b");

    let sps: Application =
        SecurePasswordStoreApplication::new("SPS", "https://p.example.com", "u", "p").into();
    assert_eq!(serde_json::to_value(&sps).unwrap()["name"], "template_sps");

    let saml: Application = SamlApplication::new(
        "Payroll",
        SamlSignOn::new(
            "https://payroll.example.com/acs",
            "https://payroll.example.com",
        ),
    )
    .into();
    let saml = serde_json::to_value(&saml).unwrap();
    assert!(saml.get("name").is_none(), "Okta names custom SAML apps");
    assert_eq!(
        saml["settings"]["signOn"]["destination"],
        "https://payroll.example.com/acs"
    );
    assert_eq!(saml["settings"]["signOn"]["honorForceAuthn"], true);

    let wsfed: Application = WsFederationApplication::new(
        "Fed",
        WsFederationAppSettings::new(
            "https://fed.example.com",
            "https://fed.example.com/sso",
            "urn:fed",
        ),
    )
    .into();
    let wsfed = serde_json::to_value(&wsfed).unwrap();
    assert_eq!(
        wsfed["settings"]["app"]["wReplyURL"],
        "https://fed.example.com/sso"
    );
    assert_eq!(wsfed["settings"]["app"]["usernameAttribute"], "none");
}

#[tokio::test]
async fn list_applications_sends_every_query_parameter_and_a_bad_record_does_not_fail_the_page() {
    let (server, okta) = server().await;
    let odd = json!({"id": "0oa1odd", "signOnMode": "BOOKMARK", "label": "Odd", "settings": "not-an-object"});
    Mock::given(method("GET"))
        .and(path("/api/v1/apps"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            oidc_app(),
            odd,
            saml_app()
        ])))
        .mount(&server)
        .await;
    let apps: Vec<Application> = okta
        .apps()
        .list()
        .q("Pay")
        .filter(r#"status eq "ACTIVE""#)
        .expand("user/00u1")
        .include_non_deleted(true)
        .use_optimization(true)
        .always_include_vpn_settings(false)
        .limit(50)
        .after("cursor1")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(apps.len(), 3);
    assert!(matches!(apps[0], Application::OpenIdConnect(_)));
    assert!(matches!(apps[1], Application::Other(_)));
    assert_eq!(apps[1].sign_on_mode(), SignOnMode::Bookmark);
    assert!(matches!(apps[2], Application::Saml2(_)));
    let request = only_request(&server).await;
    assert_eq!(
        query_of(&request),
        [
            ("after", "cursor1"),
            ("alwaysIncludeVpnSettings", "false"),
            ("expand", "user/00u1"),
            ("filter", r#"status eq "ACTIVE""#),
            ("includeNonDeleted", "true"),
            ("limit", "50"),
            ("q", "Pay"),
            ("useOptimization", "true"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
}

#[tokio::test]
async fn get_application_encodes_the_id_and_decodes_the_variant() {
    let (server, okta) = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/apps/0oa%2F1%20x"))
        .respond_with(ResponseTemplate::new(200).set_body_json(saml_app()))
        .expect(1)
        .mount(&server)
        .await;
    let app = okta.apps().get("0oa/1 x").await.unwrap();
    assert!(matches!(app, Application::Saml2(_)));
    assert_eq!(app.id(), Some("0oa1saml"));
}

#[tokio::test]
async fn create_application_sends_the_typed_body_and_the_activate_flag() {
    let (server, okta) = server().await;
    let created = simple_app(
        "BOOKMARK",
        "bookmark",
        json!({"app": {"url": "https://wiki.example.com"}}),
        json!({}),
    );
    Mock::given(method("POST"))
        .and(path("/api/v1/apps"))
        .and(query_param("activate", "false"))
        .and(body_json(json!({
            "name": "bookmark", "label": "Wiki", "signOnMode": "BOOKMARK",
            "settings": {"app": {"url": "https://wiki.example.com"}}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(created))
        .expect(1)
        .mount(&server)
        .await;
    let app = okta
        .apps()
        .create(BookmarkApplication::new("Wiki", "https://wiki.example.com"))
        .activate(false)
        .send()
        .await
        .unwrap();
    let Application::Bookmark(bookmark) = app else {
        panic!("not a bookmark")
    };
    assert_eq!(bookmark.status, Some(ApplicationStatus::Inactive));
}

#[tokio::test]
async fn create_application_without_activate_sends_no_query() {
    let (server, okta) = server().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/apps"))
        .respond_with(ResponseTemplate::new(200).set_body_json(oidc_app()))
        .mount(&server)
        .await;
    okta.apps()
        .create(BookmarkApplication::new("Wiki", "https://wiki.example.com"))
        .send()
        .await
        .unwrap();
    assert_eq!(only_request(&server).await.url.query(), None);
}

#[tokio::test]
async fn replace_application_writes_back_unknown_fields() {
    let (server, okta) = server().await;
    let mut input = oidc_app();
    input["futureField"] = json!({"kept": true});
    let app: Application = serde_json::from_value(input.clone()).unwrap();
    Mock::given(method("PUT"))
        .and(path("/api/v1/apps/0oa1oidc"))
        .and(body_json(input.clone()))
        .respond_with(ResponseTemplate::new(200).set_body_json(input))
        .expect(1)
        .mount(&server)
        .await;
    let replaced = okta.apps().replace("0oa1oidc", &app).await.unwrap();
    assert_eq!(replaced, app);
}

#[tokio::test]
async fn delete_activate_and_deactivate_application_use_their_paths() {
    let (server, okta) = server().await;
    Mock::given(method("DELETE"))
        .and(path("/api/v1/apps/0oa%3F1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/apps/0oa1/lifecycle/activate"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/apps/0oa1/lifecycle/deactivate"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    okta.apps().delete("0oa?1").await.unwrap();
    okta.apps().activate("0oa1").await.unwrap();
    okta.apps().deactivate("0oa1").await.unwrap();
    for request in server.received_requests().await.unwrap() {
        assert!(request.body.is_empty(), "{request:?}");
    }
}

#[tokio::test]
async fn list_for_group_lists_the_apps_of_a_group() {
    let (server, okta) = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/groups/00g%2F1/apps"))
        .and(query_param("limit", "20"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([saml_app()])))
        .expect(1)
        .mount(&server)
        .await;
    let page = okta
        .apps()
        .list_for_group("00g/1")
        .limit(20)
        .page()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].sign_on_mode(), SignOnMode::Saml2);
}

fn app_user() -> Value {
    json!({
        "id": "00u1", "externalId": "ext-77", "created": "2026-02-01T00:00:00.000Z",
        "lastUpdated": "2026-02-02T00:00:00.000Z", "scope": "USER", "status": "PROVISIONED",
        "statusChanged": "2026-02-02T00:00:00.000Z",
        "syncState": "SYNCHRONIZED", "lastSync": "2026-02-02T00:00:00.000Z",
        "credentials": {"userName": "ada@example.com", "password": {}},
        "profile": {"role": "Engineer", "costCenter": null},
        "_links": {"app": {"href": "https://example.okta.com/api/v1/apps/0oa1"}},
        "futureAppUserField": 1
    })
}

#[tokio::test]
async fn list_application_users_sends_q_expand_limit_and_decodes_app_users() {
    let (server, okta) = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/apps/0oa%201/users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([app_user()])))
        .mount(&server)
        .await;
    let users: Vec<AppUser> = okta
        .apps()
        .list_users("0oa 1")
        .q("ada")
        .expand("user")
        .limit(10)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(users[0].status, Some(AppUserStatus::Provisioned));
    assert_eq!(users[0].scope, Some(AppUserScope::User));
    assert_eq!(users[0].extra["futureAppUserField"], 1);
    let request = only_request(&server).await;
    assert_eq!(
        query_of(&request),
        [("expand", "user"), ("limit", "10"), ("q", "ada")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
}

#[tokio::test]
async fn assign_user_sends_only_what_is_set() {
    let (server, okta) = server().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/apps/0oa1/users"))
        .and(body_json(json!({
            "id": "00u1",
            "credentials": {"userName": "ada@example.com", "password": {"value": "app-pass-1"}},
            "profile": {"role": "Engineer"}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(app_user()))
        .expect(1)
        .mount(&server)
        .await;
    let assignment = AppUser::new("00u1")
        .credentials(AppUserCredentials::user_name("ada@example.com").password("app-pass-1"))
        .profile_attribute("role", "Engineer");
    assert!(!format!("{assignment:?}").contains("app-pass-1"));
    let user = okta.apps().assign_user("0oa1", &assignment).await.unwrap();
    assert_eq!(user.id.as_deref(), Some("00u1"));
}

#[tokio::test]
async fn get_application_user_encodes_both_ids() {
    let (server, okta) = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/apps/0oa1/users/ada%40example.com"))
        .respond_with(ResponseTemplate::new(200).set_body_json(app_user()))
        .expect(1)
        .mount(&server)
        .await;
    let user = okta
        .apps()
        .get_user("0oa1", "ada@example.com")
        .await
        .unwrap();
    assert_eq!(serde_json::to_value(&user).unwrap(), app_user());
}

#[tokio::test]
async fn update_application_user_posts_the_profile_only() {
    let (server, okta) = server().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/apps/0oa1/users/00u1"))
        .and(body_json(json!({"profile": {"role": "Manager"}})))
        .respond_with(ResponseTemplate::new(200).set_body_json(app_user()))
        .expect(1)
        .mount(&server)
        .await;
    let mut profile = serde_json::Map::new();
    profile.insert("role".into(), "Manager".into());
    okta.apps()
        .update_user("0oa1", "00u1", &AppUserUpdate::profile(profile))
        .await
        .unwrap();
}

#[tokio::test]
async fn unassign_user_sends_the_send_email_flag() {
    let (server, okta) = server().await;
    Mock::given(method("DELETE"))
        .and(path("/api/v1/apps/0oa1/users/00u1"))
        .and(query_param("sendEmail", "true"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    okta.apps()
        .unassign_user("0oa1", "00u1", true)
        .await
        .unwrap();
}

fn group_assignment() -> Value {
    json!({
        "id": "00g1", "lastUpdated": "2026-03-01T00:00:00.000Z", "priority": 0,
        "profile": {"role": "Viewer"},
        "_links": {"app": {"href": "https://example.okta.com/api/v1/apps/0oa1"},
                   "group": {"href": "https://example.okta.com/api/v1/groups/00g1"}},
        "_embedded": {"group": {"id": "00g1", "profile": {"name": "Eng"}}}
    })
}

#[tokio::test]
async fn list_application_group_assignments_sends_its_query() {
    let (server, okta) = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/apps/0oa1/groups"))
        .and(query_param("q", "Eng"))
        .and(query_param("expand", "group"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([group_assignment()])))
        .expect(1)
        .mount(&server)
        .await;
    let page = okta
        .apps()
        .list_groups("0oa1")
        .q("Eng")
        .expand("group")
        .page()
        .await
        .unwrap();
    assert_eq!(page.items[0].priority, Some(0));
    assert_eq!(
        serde_json::to_value(&page.items[0]).unwrap(),
        group_assignment()
    );
}

#[tokio::test]
async fn get_application_group_assignment_encodes_the_group_id() {
    let (server, okta) = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/apps/0oa1/groups/00g%231"))
        .respond_with(ResponseTemplate::new(200).set_body_json(group_assignment()))
        .expect(1)
        .mount(&server)
        .await;
    let assignment = okta.apps().get_group("0oa1", "00g#1").await.unwrap();
    assert_eq!(assignment.id.as_deref(), Some("00g1"));
}

#[tokio::test]
async fn assign_group_puts_the_priority_and_profile_or_an_empty_object() {
    let (server, okta) = server().await;
    Mock::given(method("PUT"))
        .and(path("/api/v1/apps/0oa1/groups/00g1"))
        .and(body_json(
            json!({"priority": 2, "profile": {"role": "Viewer"}}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(group_assignment()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/api/v1/apps/0oa1/groups/00g2"))
        .and(body_json(json!({})))
        .respond_with(ResponseTemplate::new(200).set_body_json(group_assignment()))
        .expect(1)
        .mount(&server)
        .await;
    let assignment = ApplicationGroupAssignment::default()
        .priority(2)
        .profile_attribute("role", "Viewer");
    okta.apps()
        .assign_group("0oa1", "00g1", &assignment)
        .await
        .unwrap();
    okta.apps()
        .assign_group("0oa1", "00g2", &ApplicationGroupAssignment::default())
        .await
        .unwrap();
}

#[tokio::test]
async fn update_group_assignment_sends_a_json_patch() {
    let (server, okta) = server().await;
    Mock::given(method("PATCH"))
        .and(path("/api/v1/apps/0oa1/groups/00g1"))
        .and(body_json(json!([
            {"op": "replace", "path": "/profile/role", "value": "Admin"},
            {"op": "remove", "path": "/profile/costCenter"}
        ])))
        .respond_with(ResponseTemplate::new(200).set_body_json(group_assignment()))
        .expect(1)
        .mount(&server)
        .await;
    okta.apps()
        .update_group(
            "0oa1",
            "00g1",
            &[
                JsonPatchOperation::replace("/profile/role", "Admin"),
                JsonPatchOperation::remove("/profile/costCenter"),
            ],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn unassign_group_deletes_the_assignment() {
    let (server, okta) = server().await;
    Mock::given(method("DELETE"))
        .and(path("/api/v1/apps/0oa1/groups/00g1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    okta.apps().unassign_group("0oa1", "00g1").await.unwrap();
}

#[tokio::test]
async fn an_api_error_is_returned_not_decoded_as_an_app() {
    let (server, okta) = server().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/apps/missing"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "errorCode": "E0000007", "errorSummary": "Not found: Resource not found: missing (AppInstance)",
            "errorLink": "E0000007", "errorId": "oae1", "errorCauses": []
        })))
        .mount(&server)
        .await;
    let error = okta.apps().get("missing").await.unwrap_err();
    assert!(error.is_not_found(), "{error:?}");
}
