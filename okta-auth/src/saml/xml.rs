//! Parsing once, with limits, and reading the parsed tree by exact position.

use std::borrow::Cow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use roxmltree::{Document, Node, ParsingOptions};

use super::error::{bounded, SamlError};

pub(crate) const SAMLP: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
pub(crate) const SAML: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
pub(crate) const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
pub(crate) const XENC: &str = "http://www.w3.org/2001/04/xmlenc#";
pub(crate) const XENC11: &str = "http://www.w3.org/2009/xmlenc11#";
pub(crate) const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
pub(crate) const EXC_C14N_COMMENTS: &str = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
pub(crate) const MD: &str = "urn:oasis:names:tc:SAML:2.0:metadata";

/// Size, node and depth caps applied before and while parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The most bytes of XML (after base64 decoding). Default 256 KiB.
    pub max_bytes: usize,
    /// The most XML nodes (elements, attributes, text...). Default 20,000.
    pub max_nodes: u32,
    /// The deepest element nesting. Default 64.
    pub max_depth: usize,
    /// The most attributes (namespace declarations included) on one element. Default 64.
    pub max_attributes: usize,
    /// The most distinct namespace prefixes declared in the document (the default namespace
    /// counts as one). Default 32.
    pub max_namespace_prefixes: usize,
    /// The most namespace declarations in the document. Default 4,096.
    pub max_namespace_declarations: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 256 * 1024,
            max_nodes: 20_000,
            max_depth: 64,
            max_attributes: 64,
            max_namespace_prefixes: 32,
            max_namespace_declarations: 4096,
        }
    }
}

impl Limits {
    /// Sets the most bytes of XML accepted.
    pub fn max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Sets the most XML nodes accepted.
    pub fn max_nodes(mut self, max_nodes: u32) -> Self {
        self.max_nodes = max_nodes;
        self
    }

    /// Sets the deepest element nesting accepted.
    pub fn max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Sets the most attributes (namespace declarations included) accepted on one element.
    pub fn max_attributes(mut self, max_attributes: usize) -> Self {
        self.max_attributes = max_attributes;
        self
    }

    /// Sets the most distinct namespace prefixes a document may declare.
    pub fn max_namespace_prefixes(mut self, max_namespace_prefixes: usize) -> Self {
        self.max_namespace_prefixes = max_namespace_prefixes;
        self
    }

    /// Sets the most namespace declarations a document may hold.
    pub fn max_namespace_declarations(mut self, max_namespace_declarations: usize) -> Self {
        self.max_namespace_declarations = max_namespace_declarations;
        self
    }
}

/// Turns the POSTed `SAMLResponse` (base64, possibly with line breaks) or raw XML into XML
/// text, refusing oversized input before decoding it.
pub(crate) fn decode_input<'a>(
    input: &'a [u8],
    limits: &Limits,
) -> Result<Cow<'a, str>, SamlError> {
    let not_utf8 = || SamlError::Malformed("XML is not UTF-8".into());
    let first = input.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'<') {
        if input.len() > limits.max_bytes {
            return Err(too_big(input.len(), limits));
        }
        return std::str::from_utf8(input)
            .map(Cow::Borrowed)
            .map_err(|_| not_utf8());
    }
    // Base64 grows the data by 4/3; allow for line breaks too.
    if input.len() / 4 * 3 > limits.max_bytes + limits.max_bytes / 8 + 16 {
        return Err(too_big(input.len() / 4 * 3, limits));
    }
    let compact: Vec<u8> = input
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let decoded = STANDARD
        .decode(&compact)
        .map_err(|_| SamlError::Malformed("SAMLResponse is neither XML nor base64".into()))?;
    if decoded.len() > limits.max_bytes {
        return Err(too_big(decoded.len(), limits));
    }
    String::from_utf8(decoded)
        .map(Cow::Owned)
        .map_err(|_| not_utf8())
}

fn too_big(len: usize, limits: &Limits) -> SamlError {
    SamlError::Limits(format!(
        "{len} bytes is more than the {}-byte limit",
        limits.max_bytes
    ))
}

/// Parses XML text once: DOCTYPE refused (by a byte scan and by the parser), node count and
/// depth capped.
pub(crate) fn parse<'input>(
    text: &'input str,
    limits: &Limits,
) -> Result<Document<'input>, SamlError> {
    if text.len() > limits.max_bytes {
        return Err(too_big(text.len(), limits));
    }
    if text.contains("<!DOCTYPE") || text.contains("<!ENTITY") {
        return Err(SamlError::Doctype);
    }
    check_markup(text, limits)?;
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: limits.max_nodes,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, options).map_err(|error| match error {
        roxmltree::Error::DtdDetected => SamlError::Doctype,
        roxmltree::Error::NodesLimitReached => {
            SamlError::Limits(format!("more than {} XML nodes", limits.max_nodes))
        }
        other => SamlError::Malformed(bounded(&other.to_string())),
    })?;
    check_depth(&document, limits.max_depth)?;
    Ok(document)
}

/// Counts, before parsing, what makes the parser's work grow faster than the input:
/// attributes on one element (each is checked against the others) and namespace declarations
/// (an element declaring one copies every binding in scope, each checked against the copied
/// ones). The scan only refuses: a document it misreads is still parsed, and refused, by the
/// parser.
fn check_markup(text: &str, limits: &Limits) -> Result<(), SamlError> {
    let bytes = text.as_bytes();
    let mut prefixes: Vec<&[u8]> = Vec::new();
    let mut declarations = 0usize;
    let mut at = 0;
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let tag = open + 1;
        let rest = &bytes[tag..];
        // Markup that holds no attributes: skip to its end.
        let skip: Option<(&[u8], usize)> = if rest.starts_with(b"!--") {
            Some((b"-->", tag + 3))
        } else if rest.starts_with(b"![CDATA[") {
            Some((b"]]>", tag + 8))
        } else if rest.starts_with(b"?") {
            Some((b"?>", tag + 1))
        } else if rest.starts_with(b"!") || rest.starts_with(b"/") {
            Some((b">", tag))
        } else {
            None
        };
        if let Some((end, from)) = skip {
            match memchr::memmem::find(&bytes[from..], end) {
                Some(found) => {
                    at = from + found + end.len();
                    continue;
                }
                None => return Ok(()),
            }
        }
        // A start tag: attribute names end at `=`, values are quoted; `>` ends the tag.
        let mut attributes = 0usize;
        let mut index = tag;
        loop {
            let Some(found) = memchr::memchr2(b'=', b'>', &bytes[index..]) else {
                return Ok(());
            };
            let equals = index + found;
            if bytes[equals] == b'>' {
                at = equals + 1;
                break;
            }
            attributes += 1;
            if attributes > limits.max_attributes {
                return Err(SamlError::Limits(format!(
                    "more than {} attributes on an element",
                    limits.max_attributes
                )));
            }
            let name = attribute_name(&bytes[tag..equals]);
            let prefix = if name == b"xmlns" {
                Some(&name[..0])
            } else {
                name.strip_prefix(b"xmlns:")
            };
            if let Some(prefix) = prefix {
                declarations += 1;
                if declarations > limits.max_namespace_declarations {
                    return Err(SamlError::Limits(format!(
                        "more than {} namespace declarations",
                        limits.max_namespace_declarations
                    )));
                }
                if !prefixes.contains(&prefix) {
                    if prefixes.len() == limits.max_namespace_prefixes {
                        return Err(SamlError::Limits(format!(
                            "more than {} namespace prefixes",
                            limits.max_namespace_prefixes
                        )));
                    }
                    prefixes.push(prefix);
                }
            }
            // Skip the quoted value.
            let Some(quote_at) = bytes[equals + 1..]
                .iter()
                .position(|byte| !byte.is_ascii_whitespace())
                .map(|i| equals + 1 + i)
            else {
                return Ok(());
            };
            let quote = bytes[quote_at];
            if quote != b'"' && quote != b'\'' {
                return Ok(());
            }
            match memchr::memchr(quote, &bytes[quote_at + 1..]) {
                Some(close) => index = quote_at + 1 + close + 1,
                None => return Ok(()),
            }
        }
    }
    Ok(())
}

/// The name before an `=` in a start tag: the last run of non-space bytes of `before`.
fn attribute_name(before: &[u8]) -> &[u8] {
    let end = before
        .iter()
        .rposition(|byte| !byte.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    let start = before[..end]
        .iter()
        .rposition(|byte| byte.is_ascii_whitespace() || matches!(byte, b'"' | b'\''))
        .map_or(0, |i| i + 1);
    &before[start..end]
}

fn check_depth(document: &Document<'_>, max_depth: usize) -> Result<(), SamlError> {
    // Node ids follow document order, so a parent's depth is known before its children's.
    let mut depths: Vec<u16> = Vec::with_capacity(256);
    let cap = u16::try_from(max_depth).unwrap_or(u16::MAX);
    for node in document.descendants() {
        let depth = match node.parent() {
            Some(parent) => depths
                .get(parent.id().get_usize())
                .copied()
                .unwrap_or(0)
                .saturating_add(u16::from(node.is_element())),
            None => 0,
        };
        if depth > cap {
            return Err(SamlError::Limits(format!(
                "elements nested deeper than {max_depth}"
            )));
        }
        let index = node.id().get_usize();
        if depths.len() <= index {
            depths.resize(index + 1, 0);
        }
        depths[index] = depth;
    }
    Ok(())
}

/// Whether `node` is the element `{namespace}local`.
pub(crate) fn is(node: Node<'_, '_>, namespace: &str, local: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == local
        && node.tag_name().namespace() == Some(namespace)
}

/// The element children of `node`, refusing text other than whitespace between them.
pub(crate) fn element_children<'a, 'input>(
    node: Node<'a, 'input>,
) -> Result<Vec<Node<'a, 'input>>, SamlError> {
    let mut children = Vec::new();
    for child in node.children() {
        if child.is_element() {
            children.push(child);
        } else if child.is_text() && !child.text().unwrap_or("").trim().is_empty() {
            return Err(SamlError::Structure(format!(
                "text inside <{}> where only elements belong",
                node.tag_name().name()
            )));
        }
    }
    Ok(children)
}

/// The whole text content of a text-only element (every text node, comments left out),
/// refusing child elements.
pub(crate) fn text_only(node: Node<'_, '_>) -> Result<String, SamlError> {
    let mut text = String::new();
    for child in node.children() {
        if child.is_element() {
            return Err(SamlError::Structure(format!(
                "element inside <{}>, which holds only text",
                node.tag_name().name()
            )));
        }
        if child.is_text() {
            text.push_str(&character_data(child)?);
        }
    }
    Ok(text)
}

/// The character data of a text node as canonicalization digests it (see
/// [`c14n::character_data`](super::c14n::character_data)).
pub(crate) fn character_data<'a>(node: Node<'a, '_>) -> Result<Cow<'a, str>, SamlError> {
    super::c14n::character_data(node)
        .ok_or_else(|| SamlError::Malformed("character data cannot be decoded".into()))
}

/// The single child element `{namespace}local` of `node`; `Ok(None)` when absent, an error
/// when there are several.
pub(crate) fn single_child<'a, 'input>(
    node: Node<'a, 'input>,
    namespace: &str,
    local: &str,
) -> Result<Option<Node<'a, 'input>>, SamlError> {
    let mut found = None;
    for child in node.children().filter(|c| is(*c, namespace, local)) {
        if found.is_some() {
            return Err(SamlError::Structure(format!(
                "more than one <{local}> in <{}>",
                node.tag_name().name()
            )));
        }
        found = Some(child);
    }
    Ok(found)
}

/// Like [`single_child`], but the element is required.
pub(crate) fn required_child<'a, 'input>(
    node: Node<'a, 'input>,
    namespace: &str,
    local: &str,
) -> Result<Node<'a, 'input>, SamlError> {
    single_child(node, namespace, local)?.ok_or_else(|| {
        SamlError::Structure(format!("<{}> has no <{local}>", node.tag_name().name()))
    })
}

/// Decodes base64 text that may contain whitespace (XML-DSig values wrap lines).
pub(crate) fn base64_text(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.iter().any(u8::is_ascii_whitespace) {
        return STANDARD.decode(bytes).ok();
    }
    let compact: Vec<u8> = bytes
        .iter()
        .copied()
        .filter(|byte| !byte.is_ascii_whitespace())
        .collect();
    STANDARD.decode(compact).ok()
}

/// The body of the first PEM block with `label`, decoded.
pub(crate) fn pem_body(pem: &str, label: &str) -> Option<Vec<u8>> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = pem.find(&begin)? + begin.len();
    let stop = start + pem[start..].find(&end)?;
    base64_text(&pem[start..stop])
}

/// Parses an `xs:dateTime` as SAML uses it (`YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`).
pub(crate) fn parse_instant(text: &str) -> Option<SystemTime> {
    let s = text.trim();
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> {
        let part = s.get(from..to)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &s[19..];
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let mut value = 0u32;
        for (i, digit) in fraction.bytes().take(9).take(digits).enumerate() {
            value += u32::from(digit - b'0') * 10u32.pow(8 - i as u32);
        }
        nanos = value;
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" => 0,
        _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hours: i64 = rest[1..3].parse().ok()?;
            let minutes: i64 = rest[4..6].parse().ok()?;
            sign * (hours * 3600 + minutes * 60)
        }
        _ => return None,
    };
    // Days from the civil date (proleptic Gregorian calendar).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
    let seconds = u64::try_from(seconds).ok()?;
    UNIX_EPOCH.checked_add(Duration::new(seconds, nanos))
}

/// Formats an instant as `YYYY-MM-DDTHH:MM:SSZ` (UTC).
pub(crate) fn format_instant(at: SystemTime) -> String {
    let secs = at
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Escapes text for an XML attribute value or text node.
pub(crate) fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#xD;"),
            '\n' => out.push_str("&#xA;"),
            '\t' => out.push_str("&#x9;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_parse_and_format_round_trip() {
        let at = parse_instant("2026-03-01T10:00:00Z").unwrap();
        assert_eq!(
            at.duration_since(UNIX_EPOCH).unwrap().as_secs(),
            1_772_359_200
        );
        assert_eq!(format_instant(at), "2026-03-01T10:00:00Z");
        let frac = parse_instant("2026-03-01T10:00:00.250Z").unwrap();
        assert_eq!(frac.duration_since(at).unwrap(), Duration::from_millis(250));
        let offset = parse_instant("2026-03-01T11:00:00+01:00").unwrap();
        assert_eq!(offset, at);
        for bad in [
            "",
            "2026-03-01",
            "2026-13-01T10:00:00Z",
            "2026-03-01T10:00:00",
            "x026-03-01T10:00:00Z",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
    }

    #[test]
    fn doctype_is_refused_before_parsing() {
        let xml = "<!DOCTYPE r [<!ENTITY e \"x\">]><r>&e;</r>";
        assert_eq!(
            parse(xml, &Limits::default()).unwrap_err(),
            SamlError::Doctype
        );
    }

    #[test]
    fn depth_and_node_limits_hold() {
        let deep = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
        assert_eq!(
            parse(&deep, &Limits::default()).unwrap_err().kind(),
            "limits"
        );
        let wide = format!("<r>{}</r>", "<a/>".repeat(30_000));
        assert_eq!(
            parse(&wide, &Limits::default()).unwrap_err().kind(),
            "limits"
        );
    }

    /// Many prefixes declared on the root, then many elements each declaring one more: the
    /// parser would copy every binding for each of them (minutes for 100 KB). Refused before
    /// parsing.
    #[test]
    fn namespace_declaration_flood_is_refused_before_parsing() {
        let root: String = (0..2000).map(|i| format!(" xmlns:n{i}=\"u:a\"")).collect();
        let xml = format!("<r{root}>{}</r>", "<x xmlns:q=\"u:b\"/>".repeat(2000));
        let error = parse(&xml, &Limits::default()).unwrap_err();
        assert_eq!(error.kind(), "limits");
        assert!(error.to_string().contains("namespace prefixes"), "{error}");

        // The same flood spread over elements of few attributes each.
        let spread: String = (0..40)
            .map(|i| format!("<e xmlns:p{i}=\"u:a\"/>"))
            .collect();
        let error = parse(&format!("<r>{spread}</r>"), &Limits::default()).unwrap_err();
        assert!(error.to_string().contains("namespace prefixes"), "{error}");

        let many = "<x xmlns:q=\"u:b\"/>".repeat(5000);
        let error = parse(&format!("<r>{many}</r>"), &Limits::default()).unwrap_err();
        assert!(
            error.to_string().contains("namespace declarations"),
            "{error}"
        );
    }

    #[test]
    fn attribute_flood_on_one_element_is_refused_before_parsing() {
        let attributes: String = (0..25_000).map(|i| format!(" a{i}=\"\"")).collect();
        let error = parse(&format!("<r{attributes}/>"), &Limits::default()).unwrap_err();
        assert_eq!(error.kind(), "limits");
        assert!(
            error.to_string().contains("more than 64 attributes"),
            "{error}"
        );
    }

    /// Okta declares xs and xsi on every AttributeValue: a user in a thousand groups is 2,000
    /// declarations of two prefixes, within the limits.
    #[test]
    fn okta_attribute_values_each_declaring_xs_and_xsi_pass_the_markup_limits() {
        let values = "<saml2:AttributeValue xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"xs:string\">g</saml2:AttributeValue>"
            .repeat(1000);
        let xml = format!(
            "<saml2:Attribute xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\" Name=\"groups\">{values}</saml2:Attribute>"
        );
        let document = parse(&xml, &Limits::default()).unwrap();
        assert_eq!(document.root_element().children().count(), 1000);
    }

    /// `=` in values, comments, CDATA sections and processing instructions is not an
    /// attribute.
    #[test]
    fn markup_limits_count_only_attributes_of_start_tags() {
        let xml = "<?pi a=\"1\" b=\"2\"?><r a=\"x=y '>' b=c\"><!-- c=\"1\" d=\"2\" --><![CDATA[ e=\"1\" f=\"2\" ]]>t=u</r>";
        let limits = Limits::default().max_attributes(1);
        assert!(parse(xml, &limits).is_ok());
        assert_eq!(
            parse("<r a=\"1\" b=\"2\"/>", &limits).unwrap_err().kind(),
            "limits"
        );
    }

    /// roxmltree mis-decodes a raw carriage return next to a reference; canonicalization
    /// decodes such text again from the source. Values read from a digested element must be
    /// the digested ones, not the parser's.
    #[test]
    fn text_values_are_read_exactly_as_canonicalization_digests_them() {
        for (source, expected) in [
            ("x\r&#13;y", "x\n\ry"),
            ("a&amp;\rb", "a&\nb"),
            ("p\r\nq", "p\nq"),
            ("plain", "plain"),
        ] {
            let xml = format!("<r>{source}</r>");
            let document = parse(&xml, &Limits::default()).unwrap();
            let root = document.root_element();
            assert_eq!(text_only(root).unwrap(), expected, "{source:?}");
            let mut canonical = Vec::new();
            super::super::c14n::canonicalize(root, &Default::default(), &mut canonical).unwrap();
            let escaped = expected.replace('&', "&amp;").replace('\r', "&#xD;");
            assert_eq!(
                String::from_utf8(canonical).unwrap(),
                format!("<r>{escaped}</r>"),
                "{source:?}"
            );
        }
    }

    #[test]
    fn base64_input_is_capped_before_decoding() {
        let limits = Limits::default().max_bytes(100);
        let big = STANDARD.encode(vec![b'<'; 1000]);
        assert_eq!(
            decode_input(big.as_bytes(), &limits).unwrap_err().kind(),
            "limits"
        );
        assert_eq!(
            decode_input(b"!!!", &limits).unwrap_err().kind(),
            "malformed"
        );
        let ok = STANDARD.encode("<r/>");
        assert_eq!(decode_input(ok.as_bytes(), &limits).unwrap(), "<r/>");
    }
}
