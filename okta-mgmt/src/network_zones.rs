//! Network zones: the polymorphic [`NetworkZone`] model (one variant per zone `type`) and the
//! [`NetworkZones`] endpoints (`/api/v1/zones`).
//!
//! A zone of a type this SDK does not know (or one whose fields do not fit its typed model)
//! decodes into [`NetworkZone::Other`], which keeps every field and writes it back exactly as
//! it came.

use okta_core::{Client, Result};
use serde::de::{DeserializeOwned, Deserializer};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::list::List;
use crate::model::{okta_enum, segment, Field, Links};
use crate::poly::{serialize_tagged, take, try_typed};

okta_enum! {
    /// The type of a network zone, which decides its shape.
    pub enum NetworkZoneType {
        /// IP addresses (gateways and proxies).
        Ip => "IP",
        /// Locations, ASNs and proxy types.
        Dynamic => "DYNAMIC",
        /// Enhanced dynamic zone: included and excluded locations, ASNs and IP services.
        DynamicV2 => "DYNAMIC_V2",
    }
}

okta_enum! {
    /// The status of a network zone.
    pub enum NetworkZoneStatus {
        /// Active.
        Active => "ACTIVE",
        /// Inactive.
        Inactive => "INACTIVE",
    }
}

okta_enum! {
    /// What a network zone is used for.
    pub enum NetworkZoneUsage {
        /// Requests from the zone are blocked.
        Blocklist => "BLOCKLIST",
        /// The zone is used in policies.
        Policy => "POLICY",
    }
}

okta_enum! {
    /// How a [`NetworkZoneAddress`] is written.
    pub enum NetworkZoneAddressType {
        /// CIDR, such as `1.2.3.0/24`.
        Cidr => "CIDR",
        /// A range, such as `1.2.3.4-1.2.3.9`.
        Range => "RANGE",
    }
}

/// An IP address block of an IP zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NetworkZoneAddress {
    /// How the value is written.
    #[serde(rename = "type")]
    pub type_: NetworkZoneAddressType,
    /// The CIDR block or range.
    pub value: String,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl NetworkZoneAddress {
    /// A CIDR block, such as `1.2.3.0/24`.
    pub fn cidr(value: impl Into<String>) -> Self {
        NetworkZoneAddress {
            type_: NetworkZoneAddressType::Cidr,
            value: value.into(),
            extra: Map::new(),
        }
    }

    /// A range, such as `1.2.3.4-1.2.3.9`.
    pub fn range(value: impl Into<String>) -> Self {
        NetworkZoneAddress {
            type_: NetworkZoneAddressType::Range,
            value: value.into(),
            extra: Map::new(),
        }
    }
}

/// A geolocation of a dynamic zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NetworkZoneLocation {
    /// The ISO 3166-1 country code, such as `US`.
    pub country: String,
    /// The ISO 3166-2 region, such as `US-CA` (`null` for the whole country).
    #[serde(default, skip_serializing_if = "Field::is_unchanged")]
    pub region: Field<String>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl NetworkZoneLocation {
    /// A whole country.
    pub fn country(country: impl Into<String>) -> Self {
        NetworkZoneLocation {
            country: country.into(),
            region: Field::Unchanged,
            extra: Map::new(),
        }
    }

    /// A region of a country, such as `("US", "US-CA")`.
    pub fn region(country: impl Into<String>, region: impl Into<String>) -> Self {
        NetworkZoneLocation {
            country: country.into(),
            region: Field::Value(region.into()),
            extra: Map::new(),
        }
    }
}

/// Included and excluded values of an enhanced dynamic zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IncludeExclude<T> {
    /// The values the zone matches.
    #[serde(
        default = "Field::default",
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub include: Field<Vec<T>>,
    /// The values the zone leaves out.
    #[serde(
        default = "Field::default",
        skip_serializing_if = "Field::is_unchanged"
    )]
    pub exclude: Field<Vec<T>>,
    /// Other fields, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<T> Default for IncludeExclude<T> {
    fn default() -> Self {
        IncludeExclude {
            include: Field::Unchanged,
            exclude: Field::Unchanged,
            extra: Map::new(),
        }
    }
}

impl<T> IncludeExclude<T> {
    /// These values included, none excluded.
    pub fn include(values: impl IntoIterator<Item = T>) -> Self {
        IncludeExclude {
            include: Field::Value(values.into_iter().collect()),
            ..Default::default()
        }
    }

    /// Sets the excluded values.
    pub fn exclude(mut self, values: impl IntoIterator<Item = T>) -> Self {
        self.exclude = Field::Value(values.into_iter().collect());
        self
    }
}

/// Defines a network zone model of one type: the fields every zone has, then the given ones.
macro_rules! zone_struct {
    (
        $(#[$meta:meta])*
        $name:ident {
            $(
                $(#[$field_meta:meta])*
                pub $field:ident: $ty:ty,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[non_exhaustive]
        pub struct $name {
            /// The zone's id (absent before creation).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub id: Option<String>,
            /// The zone's unique name. (A record without one decodes as
            /// [`NetworkZone::Other`].)
            pub name: String,
            /// The status.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub status: Option<NetworkZoneStatus>,
            /// What the zone is used for (Okta's default `POLICY`).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub usage: Option<NetworkZoneUsage>,
            /// Whether Okta made the zone (system zones cannot be deleted).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub system: Option<bool>,
            /// When the zone was created (ISO 8601).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub created: Option<String>,
            /// When the zone last changed (ISO 8601).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub last_updated: Option<String>,
            $(
                $(#[$field_meta])*
                #[serde(default, skip_serializing_if = "Field::is_unchanged")]
                pub $field: Field<$ty>,
            )*
            /// `_links`: the zone and its lifecycle operations.
            #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
            pub links: Option<Links>,
            /// Fields this SDK does not model, kept and written back as they came.
            #[serde(flatten)]
            pub extra: Map<String, Value>,
        }

        impl $name {
            /// A new zone with this name, nothing else set.
            pub fn new(name: impl Into<String>) -> Self {
                $name {
                    id: None,
                    name: name.into(),
                    status: None,
                    usage: None,
                    system: None,
                    created: None,
                    last_updated: None,
                    $( $field: Field::Unchanged, )*
                    links: None,
                    extra: Map::new(),
                }
            }

            /// Sets what the zone is used for.
            pub fn usage(mut self, usage: NetworkZoneUsage) -> Self {
                self.usage = Some(usage);
                self
            }
        }
    };
}

zone_struct! {
    /// A zone of IP addresses (`type: IP`). The address lists may be `null`; [`Field`] keeps
    /// `null` and absent apart so a zone is written back as it came.
    IpNetworkZone {
        /// The IP addresses of the zone (gateways).
        pub gateways: Vec<NetworkZoneAddress>,
        /// The proxies allowed to forward requests from the gateways.
        pub proxies: Vec<NetworkZoneAddress>,
        /// Whether the zone is the exempt list of the default blocklist (replace only).
        pub use_as_exempt_list: bool,
    }
}

impl IpNetworkZone {
    /// Sets the gateways.
    pub fn gateways(mut self, gateways: impl IntoIterator<Item = NetworkZoneAddress>) -> Self {
        self.gateways = Field::Value(gateways.into_iter().collect());
        self
    }

    /// Sets the proxies.
    pub fn proxies(mut self, proxies: impl IntoIterator<Item = NetworkZoneAddress>) -> Self {
        self.proxies = Field::Value(proxies.into_iter().collect());
        self
    }
}

zone_struct! {
    /// A dynamic zone (`type: DYNAMIC`): locations, ASNs and proxy types.
    DynamicNetworkZone {
        /// The autonomous system numbers.
        pub asns: Vec<String>,
        /// The geolocations.
        pub locations: Vec<NetworkZoneLocation>,
        /// The proxy type (`Any`, `Tor`, `NotTorAnonymizer`, or `null` for none).
        pub proxy_type: String,
    }
}

impl DynamicNetworkZone {
    /// Sets the ASNs.
    pub fn asns<I, S>(mut self, asns: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.asns = Field::Value(asns.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the locations.
    pub fn locations(mut self, locations: impl IntoIterator<Item = NetworkZoneLocation>) -> Self {
        self.locations = Field::Value(locations.into_iter().collect());
        self
    }

    /// Sets the proxy type.
    pub fn proxy_type(mut self, proxy_type: impl Into<String>) -> Self {
        self.proxy_type = Field::Value(proxy_type.into());
        self
    }
}

zone_struct! {
    /// An enhanced dynamic zone (`type: DYNAMIC_V2`): included and excluded locations, ASNs
    /// and IP service categories.
    EnhancedDynamicNetworkZone {
        /// The ASNs.
        pub asns: IncludeExclude<String>,
        /// The geolocations.
        pub locations: IncludeExclude<NetworkZoneLocation>,
        /// The IP service categories, such as `ALL_ANONYMIZERS`.
        pub ip_service_categories: IncludeExclude<String>,
    }
}

impl EnhancedDynamicNetworkZone {
    /// Sets the ASNs.
    pub fn asns(mut self, asns: IncludeExclude<String>) -> Self {
        self.asns = Field::Value(asns);
        self
    }

    /// Sets the locations.
    pub fn locations(mut self, locations: IncludeExclude<NetworkZoneLocation>) -> Self {
        self.locations = Field::Value(locations);
        self
    }

    /// Sets the IP service categories.
    pub fn ip_service_categories(mut self, categories: IncludeExclude<String>) -> Self {
        self.ip_service_categories = Field::Value(categories);
        self
    }
}

/// A network zone of a type this SDK has no typed model for (or whose fields did not fit its
/// typed model). The common fields it could read are typed; everything else stays in
/// [`extra`](GenericNetworkZone::extra), so the zone is written back exactly as it came.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GenericNetworkZone {
    /// The type, when it is a string.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<NetworkZoneType>,
    /// The zone's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The zone's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<NetworkZoneStatus>,
    /// What the zone is used for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<NetworkZoneUsage>,
    /// `_links`.
    #[serde(rename = "_links", skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Every other field, kept as it came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl GenericNetworkZone {
    /// Reads the common fields out of `map`, keeping the rest.
    pub fn from_map(mut map: Map<String, Value>) -> Self {
        GenericNetworkZone {
            type_: take(&mut map, "type"),
            id: take(&mut map, "id"),
            name: take(&mut map, "name"),
            status: take(&mut map, "status"),
            usage: take(&mut map, "usage"),
            links: take(&mut map, "_links"),
            extra: map,
        }
    }
}

impl<'de> Deserialize<'de> for GenericNetworkZone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        Ok(Self::from_map(Map::deserialize(deserializer)?))
    }
}

/// A network zone, typed by its `type`.
///
/// ```
/// use okta_mgmt::network_zones::{IpNetworkZone, NetworkZone, NetworkZoneAddress, NetworkZoneType};
///
/// let zone: NetworkZone = IpNetworkZone::new("Office")
///     .gateways([NetworkZoneAddress::cidr("203.0.113.0/24")])
///     .into();
/// assert_eq!(zone.type_(), NetworkZoneType::Ip);
/// let json = serde_json::to_value(&zone).unwrap();
/// assert_eq!(json["type"], "IP");
/// assert_eq!(json["gateways"][0]["value"], "203.0.113.0/24");
/// assert!(json.get("proxies").is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum NetworkZone {
    /// `IP`.
    Ip(IpNetworkZone),
    /// `DYNAMIC`.
    Dynamic(DynamicNetworkZone),
    /// `DYNAMIC_V2`.
    EnhancedDynamic(EnhancedDynamicNetworkZone),
    /// Any other type, or a record that does not fit its typed model.
    Other(GenericNetworkZone),
}

impl NetworkZone {
    /// The zone's type. For [`NetworkZone::Other`] without a string `type` this is
    /// `Unknown("")`.
    pub fn type_(&self) -> NetworkZoneType {
        match self {
            NetworkZone::Ip(_) => NetworkZoneType::Ip,
            NetworkZone::Dynamic(_) => NetworkZoneType::Dynamic,
            NetworkZone::EnhancedDynamic(_) => NetworkZoneType::DynamicV2,
            NetworkZone::Other(zone) => zone
                .type_
                .clone()
                .unwrap_or_else(|| NetworkZoneType::Unknown(String::new())),
        }
    }

    /// The zone's id.
    pub fn id(&self) -> Option<&str> {
        match self {
            NetworkZone::Ip(zone) => zone.id.as_deref(),
            NetworkZone::Dynamic(zone) => zone.id.as_deref(),
            NetworkZone::EnhancedDynamic(zone) => zone.id.as_deref(),
            NetworkZone::Other(zone) => zone.id.as_deref(),
        }
    }

    /// The zone's name.
    pub fn name(&self) -> Option<&str> {
        match self {
            NetworkZone::Ip(zone) => Some(&zone.name),
            NetworkZone::Dynamic(zone) => Some(&zone.name),
            NetworkZone::EnhancedDynamic(zone) => Some(&zone.name),
            NetworkZone::Other(zone) => zone.name.as_deref(),
        }
    }

    /// The zone's status.
    pub fn status(&self) -> Option<&NetworkZoneStatus> {
        match self {
            NetworkZone::Ip(zone) => zone.status.as_ref(),
            NetworkZone::Dynamic(zone) => zone.status.as_ref(),
            NetworkZone::EnhancedDynamic(zone) => zone.status.as_ref(),
            NetworkZone::Other(zone) => zone.status.as_ref(),
        }
    }
}

fn decode_variant<T: DeserializeOwned>(
    mut map: Map<String, Value>,
    wrap: fn(T) -> NetworkZone,
) -> NetworkZone {
    let type_ = map.remove("type");
    match try_typed::<T>(map) {
        Ok(zone) => wrap(zone),
        Err(mut map) => {
            if let Some(type_) = type_ {
                map.insert("type".into(), type_);
            }
            NetworkZone::Other(GenericNetworkZone::from_map(map))
        }
    }
}

impl<'de> Deserialize<'de> for NetworkZone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let map = Map::deserialize(deserializer)?;
        let type_ = map
            .get("type")
            .and_then(Value::as_str)
            .map(NetworkZoneType::from);
        Ok(match type_ {
            Some(NetworkZoneType::Ip) => decode_variant(map, NetworkZone::Ip),
            Some(NetworkZoneType::Dynamic) => decode_variant(map, NetworkZone::Dynamic),
            Some(NetworkZoneType::DynamicV2) => decode_variant(map, NetworkZone::EnhancedDynamic),
            _ => NetworkZone::Other(GenericNetworkZone::from_map(map)),
        })
    }
}

impl Serialize for NetworkZone {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            NetworkZone::Ip(zone) => serialize_tagged(zone, "type", "IP", serializer),
            NetworkZone::Dynamic(zone) => serialize_tagged(zone, "type", "DYNAMIC", serializer),
            NetworkZone::EnhancedDynamic(zone) => {
                serialize_tagged(zone, "type", "DYNAMIC_V2", serializer)
            }
            NetworkZone::Other(zone) => zone.serialize(serializer),
        }
    }
}

impl From<IpNetworkZone> for NetworkZone {
    fn from(zone: IpNetworkZone) -> Self {
        NetworkZone::Ip(zone)
    }
}

impl From<DynamicNetworkZone> for NetworkZone {
    fn from(zone: DynamicNetworkZone) -> Self {
        NetworkZone::Dynamic(zone)
    }
}

impl From<EnhancedDynamicNetworkZone> for NetworkZone {
    fn from(zone: EnhancedDynamicNetworkZone) -> Self {
        NetworkZone::EnhancedDynamic(zone)
    }
}

impl From<GenericNetworkZone> for NetworkZone {
    fn from(zone: GenericNetworkZone) -> Self {
        NetworkZone::Other(zone)
    }
}

fn zone_path(zone_id: &str) -> String {
    format!("/api/v1/zones/{}", segment(zone_id))
}

/// The network zone endpoints, from [`Okta::network_zones`](crate::Okta::network_zones).
#[derive(Debug, Clone, Copy)]
pub struct NetworkZones<'a> {
    client: &'a Client,
}

impl<'a> NetworkZones<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        NetworkZones { client }
    }

    /// Lists network zones (`GET /api/v1/zones`): set `filter` (such as
    /// `usage eq "BLOCKLIST"`), `limit` and `after` on the builder, then
    /// [`stream`](List::stream) or [`page`](List::page).
    #[doc(alias = "listNetworkZones")]
    pub fn list(&self) -> ListNetworkZones<'a> {
        List::new(self.client, "/api/v1/zones")
    }

    /// Fetches a network zone (`GET /api/v1/zones/{zoneId}`).
    #[doc(alias = "getNetworkZone")]
    pub async fn get(&self, zone_id: &str) -> Result<NetworkZone> {
        self.client.get(&zone_path(zone_id)).send().await?.json()
    }

    /// Creates a network zone (`POST /api/v1/zones`).
    #[doc(alias = "createNetworkZone")]
    pub async fn create(&self, zone: impl Into<NetworkZone>) -> Result<NetworkZone> {
        self.client
            .post("/api/v1/zones")
            .json(&zone.into())
            .send()
            .await?
            .json()
    }

    /// Replaces a network zone (`PUT /api/v1/zones/{zoneId}`) with `zone`, read from Okta and
    /// changed.
    #[doc(alias = "replaceNetworkZone")]
    pub async fn replace(&self, zone_id: &str, zone: &NetworkZone) -> Result<NetworkZone> {
        self.client
            .put(&zone_path(zone_id))
            .json(zone)
            .send()
            .await?
            .json()
    }

    /// Deletes a network zone (`DELETE /api/v1/zones/{zoneId}`); Okta deletes only inactive
    /// zones.
    #[doc(alias = "deleteNetworkZone")]
    pub async fn delete(&self, zone_id: &str) -> Result<()> {
        self.client.delete(&zone_path(zone_id)).send().await?;
        Ok(())
    }

    /// Activates a network zone (`POST /api/v1/zones/{zoneId}/lifecycle/activate`).
    #[doc(alias = "activateNetworkZone")]
    pub async fn activate(&self, zone_id: &str) -> Result<NetworkZone> {
        self.client
            .post(&format!("{}/lifecycle/activate", zone_path(zone_id)))
            .send()
            .await?
            .json()
    }

    /// Deactivates a network zone (`POST /api/v1/zones/{zoneId}/lifecycle/deactivate`).
    #[doc(alias = "deactivateNetworkZone")]
    pub async fn deactivate(&self, zone_id: &str) -> Result<NetworkZone> {
        self.client
            .post(&format!("{}/lifecycle/deactivate", zone_path(zone_id)))
            .send()
            .await?
            .json()
    }
}

/// The query of [`NetworkZones::list`].
pub type ListNetworkZones<'a> = List<'a, NetworkZone>;
