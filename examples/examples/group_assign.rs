//! Create a group, add users to it, list its members, then clean up, with the typed
//! Management API.
//!
//! Runs against the embedded fake org unless `OKTA_CLIENT_ORGURL` and `OKTA_CLIENT_TOKEN`
//! name a real org (the users and the group it makes there are deleted at the end).
//!
//! Run it with `cargo run -p examples --example group_assign`.

use std::time::{SystemTime, UNIX_EPOCH};

use futures_util::TryStreamExt;
use okta_mgmt::core::{Client, Config};
use okta_mgmt::{GroupProfile, Okta, User, UserProfile};
use okta_testkit::FakeOrg;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A real org when configured, otherwise the embedded fake org.
    let (_org, config) = match Config::from_env() {
        Ok(config) => (None, config),
        Err(_) => {
            let org = FakeOrg::start().await?;
            let config = Config::builder()
                .org_url(org.url())
                .api_token(org.api_token())
                .build()?;
            (Some(org), config)
        }
    };
    let okta = Okta::new(Client::new(config)?);
    let run = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis();

    let group = okta
        .groups()
        .create(GroupProfile::new(format!("Release crew {run}")).description("Ships releases"))
        .await?;
    println!("created group {} ({})", group.profile.name, group.id);

    let mut user_ids = Vec::new();
    for name in ["Ada", "Grace", "Linus"] {
        let login = format!("{}.{run}@example.com", name.to_lowercase());
        let profile = UserProfile::new(login.clone())
            .email(login)
            .first_name(name)
            .last_name("Crew");
        let user = okta.users().create(profile).send().await?;
        okta.groups().add_user(&group.id, &user.id).await?;
        println!("  added {} ({})", user.profile.login, user.id);
        user_ids.push(user.id);
    }

    let members: Vec<User> = okta.groups().users(&group.id).try_collect().await?;
    println!("{} has {} members:", group.profile.name, members.len());
    for member in &members {
        println!("  {} [{}]", member.profile.login, member.status);
    }

    // Clean up: remove the members, delete the group, then the users (deactivate, delete).
    for id in &user_ids {
        okta.groups().remove_user(&group.id, id).await?;
    }
    okta.groups().delete(&group.id).await?;
    for id in &user_ids {
        okta.users().deactivate(id).await?;
        okta.users().delete(id).await?;
    }
    println!("removed the group and its {} users", user_ids.len());
    Ok(())
}
