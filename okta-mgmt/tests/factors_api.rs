//! Request shapes of the factor endpoints against a mock server: method, path, query, headers
//! and body sent, and the typed (polymorphic) answer.

use futures_util::TryStreamExt;
use okta_mgmt::core::secrecy::SecretString;
use okta_mgmt::core::{Client, Config};
use okta_mgmt::{
    FactorActivation, FactorEnrollment, FactorProvider, FactorResult, FactorStatus, FactorType,
    Okta, UserFactor, YubikeyTokenSeed, YubikeyTokenStatus,
};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn okta(server: &MockServer) -> Okta {
    let config = Config::builder()
        .org_url(server.uri())
        .api_token("test-token")
        .build()
        .unwrap();
    Okta::new(Client::new(config).unwrap())
}

async fn mounted(mock: Mock) -> (MockServer, Okta) {
    let server = MockServer::start().await;
    mock.expect(1).mount(&server).await;
    let okta = okta(&server);
    (server, okta)
}

fn sms_factor(status: &str) -> Value {
    json!({
        "id": "mbl1", "factorType": "sms", "provider": "OKTA", "vendorName": "OKTA",
        "status": status, "created": "2026-01-01T00:00:00.000Z",
        "lastUpdated": "2026-01-01T00:00:00.000Z",
        "profile": {"phoneNumber": "+15551234567"},
        "_links": {"self": {"href": "https://example.okta.com/api/v1/users/00u1/factors/mbl1"}}
    })
}

async fn body_of(server: &MockServer) -> Vec<u8> {
    server.received_requests().await.unwrap()[0].body.clone()
}

#[tokio::test]
async fn list_decodes_each_factor_type_and_keeps_unknown_ones() {
    let page = json!([
        sms_factor("ACTIVE"),
        {"id": "ost1", "factorType": "token:software:totp", "provider": "OKTA", "status": "ACTIVE", "profile": {"credentialId": "ada@example.com"}},
        {"id": "new1", "factorType": "palm:vein", "provider": "ACME", "status": "ACTIVE", "profile": {"hand": "left"}}
    ]);
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/users/ada%40example.com/factors"))
            .respond_with(ResponseTemplate::new(200).set_body_json(page.clone())),
    )
    .await;
    let factors: Vec<UserFactor> = okta
        .factors()
        .list("ada@example.com")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert!(matches!(factors[0], UserFactor::Sms(_)));
    assert!(matches!(factors[1], UserFactor::TokenSoftwareTotp(_)));
    assert!(matches!(factors[2], UserFactor::Other(_)));
    assert_eq!(serde_json::to_value(&factors).unwrap(), page);
    server.verify().await;
}

#[tokio::test]
async fn enroll_sends_the_factor_and_every_option() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/factors"))
            .and(query_param("updatePhone", "true"))
            .and(query_param("templateId", "cstk2flOtuCMDJK4b0g3"))
            .and(query_param("tokenLifetimeSeconds", "600"))
            .and(query_param("activate", "false"))
            .and(header("Accept-Language", "fr"))
            .and(body_json(json!({
                "factorType": "sms", "provider": "OKTA",
                "profile": {"phoneNumber": "+15551234567"}
            })))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(sms_factor("PENDING_ACTIVATION")),
            ),
    )
    .await;
    let factor = okta
        .factors()
        .enroll("00u1", UserFactor::sms("+15551234567"))
        .update_phone(true)
        .template_id("cstk2flOtuCMDJK4b0g3")
        .token_lifetime_seconds(600)
        .activate(false)
        .accept_language("fr")
        .send()
        .await
        .unwrap();
    assert_eq!(factor.status(), Some(&FactorStatus::PendingActivation));
    assert_eq!(factor.id(), Some("mbl1"));
    server.verify().await;
}

#[tokio::test]
async fn enroll_without_options_sends_no_query_and_a_question_answer_in_the_body() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/factors"))
            .and(query_param_is_missing("activate"))
            .and(query_param_is_missing("updatePhone"))
            .and(body_json(json!({
                "factorType": "question", "provider": "OKTA",
                "profile": {"question": "disliked_food", "answer": "mayonnaise"}
            })))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "id": "ufs1", "factorType": "question", "provider": "OKTA", "status": "ACTIVE",
                "profile": {"question": "disliked_food", "questionText": "What is the food you least liked as a child?"}
            }))),
    )
    .await;
    let factor = okta
        .factors()
        .enroll(
            "00u1",
            UserFactor::question("disliked_food", SecretString::from("mayonnaise")),
        )
        .send()
        .await
        .unwrap();
    let UserFactor::Question(question) = factor else {
        panic!("a question factor")
    };
    assert!(question.profile.unwrap().question_text.is_some());
    server.verify().await;
}

#[tokio::test]
async fn list_supported_decodes_the_catalog() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/users/00u1/factors/catalog"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([
                {"factorType": "question", "provider": "OKTA", "vendorName": "OKTA", "status": "NOT_SETUP", "enrollment": "OPTIONAL",
                 "_links": {"enroll": {"href": "https://example.okta.com/api/v1/users/00u1/factors", "hints": {"allow": ["POST"]}}}},
                {"factorType": "sms", "provider": "OKTA", "status": "NOT_SETUP", "enrollment": "CONDITIONAL"}
            ]))),
    )
    .await;
    let supported: Vec<_> = okta
        .factors()
        .list_supported("00u1")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(supported[0].enrollment, Some(FactorEnrollment::Optional));
    assert_eq!(
        supported[1].enrollment,
        Some(FactorEnrollment::Unknown("CONDITIONAL".into()))
    );
    server.verify().await;
}

#[tokio::test]
async fn list_security_questions_decodes_questions() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/users/00u1/factors/questions"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([
                {"question": "disliked_food", "questionText": "What is the food you least liked as a child?"},
                {"question": "name_of_first_plush_toy", "questionText": "What is the name of your first stuffed animal?"}
            ]))),
    )
    .await;
    let questions: Vec<_> = okta
        .factors()
        .list_security_questions("00u1")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(questions.len(), 2);
    assert_eq!(questions[0].question, "disliked_food");
    server.verify().await;
}

#[tokio::test]
async fn get_encodes_both_ids_and_decodes_the_variant() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/users/00u%201/factors/mbl%2F1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(sms_factor("ACTIVE"))),
    )
    .await;
    let factor = okta.factors().get("00u 1", "mbl/1").await.unwrap();
    assert_eq!(factor.factor_type(), &FactorType::Sms);
    assert_eq!(factor.provider(), Some(&FactorProvider::Okta));
    server.verify().await;
}

#[tokio::test]
async fn unenroll_sends_remove_recovery_enrollment() {
    let (server, okta) = mounted(
        Mock::given(method("DELETE"))
            .and(path("/api/v1/users/00u1/factors/mbl1"))
            .and(query_param("removeRecoveryEnrollment", "true"))
            .respond_with(ResponseTemplate::new(204)),
    )
    .await;
    okta.factors().unenroll("00u1", "mbl1", true).await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn activate_sends_only_the_pass_code() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/factors/mbl1/lifecycle/activate"))
            .and(body_json(json!({"passCode": "123456"})))
            .respond_with(ResponseTemplate::new(200).set_body_json(sms_factor("ACTIVE"))),
    )
    .await;
    let factor = okta
        .factors()
        .activate("00u1", "mbl1", &FactorActivation::pass_code("123456"))
        .await
        .unwrap();
    assert_eq!(factor.status(), Some(&FactorStatus::Active));
    server.verify().await;
}

#[tokio::test]
async fn resend_enroll_sends_the_factor_and_template() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/factors/mbl1/resend"))
            .and(query_param("templateId", "cstk1"))
            .and(body_json(json!({
                "factorType": "sms", "provider": "OKTA",
                "profile": {"phoneNumber": "+15551234567"}
            })))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(sms_factor("PENDING_ACTIVATION")),
            ),
    )
    .await;
    let factor = okta
        .factors()
        .resend_enroll(
            "00u1",
            "mbl1",
            &UserFactor::sms("+15551234567"),
            Some("cstk1"),
        )
        .await
        .unwrap();
    assert!(matches!(factor, UserFactor::Sms(_)));
    server.verify().await;
}

#[tokio::test]
async fn transaction_status_decodes_a_rejected_push() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/users/00u1/factors/opf1/transactions/v2mst.Gld%2Bx"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "factorResult": "REJECTED",
                "profile": {"credentialId": "ada@example.com"},
                "_links": {"verify": {"href": "https://example.okta.com/api/v1/users/00u1/factors/opf1/verify", "hints": {"allow": ["POST"]}}}
            }))),
    )
    .await;
    let status = okta
        .factors()
        .transaction_status("00u1", "opf1", "v2mst.Gld+x")
        .await
        .unwrap();
    assert_eq!(status.factor_result, FactorResult::Rejected);
    server.verify().await;
}

#[tokio::test]
async fn verify_a_push_sends_headers_and_number_matching_and_reads_waiting() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/factors/opf1/verify"))
            .and(header("X-Forwarded-For", "203.0.113.7"))
            .and(header("User-Agent", "Mozilla/5.0"))
            .and(query_param("tokenLifetimeSeconds", "120"))
            .and(body_json(json!({"useNumberMatchingChallenge": true})))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({
                "factorResult": "WAITING",
                "expiresAt": "2026-01-01T00:05:00.000Z",
                "_embedded": {"challenge": {"correctAnswer": 72}},
                "_links": {"poll": {"href": "https://example.okta.com/api/v1/users/00u1/factors/opf1/transactions/v2mst.GldKV5VxTrifyeZmWSQguA"}}
            }))),
    )
    .await;
    let result = okta
        .factors()
        .verify("00u1", "opf1")
        .use_number_matching_challenge(true)
        .forwarded_for("203.0.113.7")
        .end_user_agent("Mozilla/5.0")
        .token_lifetime_seconds(120)
        .send()
        .await
        .unwrap();
    assert_eq!(result.factor_result, FactorResult::Waiting);
    assert_eq!(
        result.transaction_id(),
        Some("v2mst.GldKV5VxTrifyeZmWSQguA")
    );
    assert_eq!(result.correct_answer(), Some(72));
    server.verify().await;
}

#[tokio::test]
async fn verify_a_question_sends_the_answer_which_debug_hides() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/factors/ufs1/verify"))
            .and(body_json(json!({"answer": "mayonnaise"})))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"factorResult": "SUCCESS"})),
            ),
    )
    .await;
    let request = okta
        .factors()
        .verify("00u1", "ufs1")
        .answer(SecretString::from("mayonnaise"));
    assert!(!format!("{request:?}").contains("mayonnaise"));
    let result = request.send().await.unwrap();
    assert_eq!(result.factor_result, FactorResult::Success);
    server.verify().await;
}

#[tokio::test]
async fn verify_with_nothing_to_prove_sends_no_body() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/users/00u1/factors/mbl1/verify"))
            .and(query_param("templateId", "cstk1"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"factorResult": "CHALLENGE"})),
            ),
    )
    .await;
    let result = okta
        .factors()
        .verify("00u1", "mbl1")
        .template_id("cstk1")
        .send()
        .await
        .unwrap();
    assert_eq!(result.factor_result, FactorResult::Challenge);
    assert!(body_of(&server).await.is_empty());
    server.verify().await;
}

fn yubikey_token() -> Value {
    json!({
        "id": "ykkwcx13nrDq8g4oy0g3", "status": "UNASSIGNED",
        "created": "2026-01-01T00:00:00.000Z", "lastUpdated": "2026-01-01T00:00:00.000Z",
        "profile": {"serial": "000009508427"},
        "_links": {"self": {"href": "https://example.okta.com/api/v1/org/factors/yubikey_token/tokens/ykkwcx13nrDq8g4oy0g3"}}
    })
}

#[tokio::test]
async fn list_yubikey_tokens_sends_filter_sort_expand_and_limit() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path("/api/v1/org/factors/yubikey_token/tokens"))
            .and(query_param("filter", "status eq \"UNASSIGNED\""))
            .and(query_param("sortBy", "created"))
            .and(query_param("sortOrder", "DESC"))
            .and(query_param("expand", "user"))
            .and(query_param("limit", "50"))
            .and(query_param_is_missing("forDownload"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([yubikey_token()]))),
    )
    .await;
    let tokens: Vec<_> = okta
        .factors()
        .list_yubikey_tokens()
        .filter("status eq \"UNASSIGNED\"")
        .sort_by("created")
        .sort_order("DESC")
        .expand("user")
        .limit(50)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(tokens[0].status, Some(YubikeyTokenStatus::Unassigned));
    server.verify().await;
}

#[tokio::test]
async fn upload_yubikey_seed_sends_the_seed() {
    let (server, okta) = mounted(
        Mock::given(method("POST"))
            .and(path("/api/v1/org/factors/yubikey_token/tokens"))
            .and(body_json(json!({
                "serialNumber": "7886622", "publicId": "ccccccijgibu",
                "privateId": "b74be6169486", "aesKey": "1fcc6d8ce39bf1604e0b17f3e0a11067"
            })))
            .respond_with(ResponseTemplate::new(200).set_body_json(yubikey_token())),
    )
    .await;
    let seed = YubikeyTokenSeed::new(
        "7886622",
        "ccccccijgibu",
        SecretString::from("b74be6169486"),
        SecretString::from("1fcc6d8ce39bf1604e0b17f3e0a11067"),
    );
    let token = okta
        .factors()
        .upload_yubikey_token_seed(&seed)
        .await
        .unwrap();
    assert_eq!(token.id.as_deref(), Some("ykkwcx13nrDq8g4oy0g3"));
    server.verify().await;
}

#[tokio::test]
async fn get_yubikey_token_decodes_the_token() {
    let (server, okta) = mounted(
        Mock::given(method("GET"))
            .and(path(
                "/api/v1/org/factors/yubikey_token/tokens/ykkwcx13nrDq8g4oy0g3",
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(yubikey_token())),
    )
    .await;
    let token = okta
        .factors()
        .get_yubikey_token("ykkwcx13nrDq8g4oy0g3")
        .await
        .unwrap();
    assert_eq!(token.profile.unwrap()["serial"], json!("000009508427"));
    server.verify().await;
}
