//! Exclusive XML Canonicalization 1.0 (W3C Recommendation of 18 July 2002), with and without
//! comments and with the `InclusiveNamespaces` PrefixList, written over a parsed roxmltree tree.
//!
//! The document subset is always a whole subtree (an element with its attributes, namespace
//! nodes and descendants, or the whole document), optionally minus one excluded subtree: that
//! is what the enveloped-signature transform followed by exclusive canonicalization produces.
//!
//! roxmltree resolves names to (namespace URI, local name) and forgets the prefix a name was
//! written with, which canonical XML must reproduce. The qualified name is read back from the
//! source text (an element's range starts at `<qname`, an attribute has its own qname range),
//! and the prefix read there is checked to resolve to the namespace the parser recorded: a
//! mismatch is an error, never a guess.
//!
//! The walk is iterative (no recursion at any depth) and allocates a handful of buffers per
//! call, reused for every element.

use std::borrow::Cow;
use std::fmt;

use roxmltree::{Node, NodeType};

/// The namespace bound to the `xml` prefix by definition.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// The PrefixList token that stands for the default namespace.
const DEFAULT_TOKEN: &str = "#default";

/// Options of an exclusive canonicalization.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options<'a> {
    /// Keep comments (`#WithComments`).
    pub(crate) with_comments: bool,
    /// The InclusiveNamespaces PrefixList: prefixes treated as in inclusive c14n
    /// ("#default" stands for the default namespace).
    pub(crate) inclusive_prefixes: &'a [&'a str],
    /// A subtree left out of the output (the enveloped ds:Signature).
    pub(crate) exclude: Option<roxmltree::NodeId>,
}

/// Why a node cannot be canonicalized.
///
/// Offsets are byte offsets of the element in the parsed text; nothing from the document
/// itself is carried, so the error can be logged as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum C14nError {
    /// The qualified name of an element or attribute could not be read back from the source
    /// text, or the prefix read there does not resolve to the namespace the parser recorded.
    Name {
        /// Where the element starts.
        offset: usize,
    },
    /// A prefix in scope is bound to the empty namespace name (`xmlns:p=""`), which Namespaces
    /// in XML 1.0 forbids and canonical XML cannot render.
    EmptyPrefixBinding {
        /// Where the element in whose scope the binding is starts.
        offset: usize,
    },
    /// A namespace name in scope is not an absolute URI (RFC 3986). Canonical XML requires an
    /// operation failure on relative namespace URIs.
    RelativeNamespace {
        /// Where the element in whose scope the namespace is starts.
        offset: usize,
    },
    /// The document has a document type declaration. Its attribute defaults and entities would
    /// change the canonical form, and they are not applied here.
    Doctype,
    /// Character data holding a carriage return could not be decoded again from the source.
    Text {
        /// Where the text starts.
        offset: usize,
    },
}

impl fmt::Display for C14nError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            C14nError::Name { offset } => write!(
                f,
                "the qualified name of the element at byte {offset} cannot be read back from the source"
            ),
            C14nError::EmptyPrefixBinding { offset } => write!(
                f,
                "a prefix in scope of the element at byte {offset} is bound to the empty namespace name"
            ),
            C14nError::RelativeNamespace { offset } => write!(
                f,
                "a namespace name in scope of the element at byte {offset} is not an absolute URI"
            ),
            C14nError::Doctype => write!(f, "documents with a DOCTYPE are not canonicalized"),
            C14nError::Text { offset } => write!(
                f,
                "the character data at byte {offset} cannot be decoded from the source"
            ),
        }
    }
}

impl std::error::Error for C14nError {}

/// Appends the exclusive canonical form (W3C "Exclusive XML Canonicalization 1.0") of the
/// subtree rooted at `node` (an element: the document subset is the element, its attributes,
/// namespace nodes and descendants; or the Document root: the whole document) to `out`.
///
/// A text, comment or processing-instruction node is canonicalized as the one-node subset it
/// is. On error, `out` may hold part of the output.
pub(crate) fn canonicalize(
    node: Node<'_, '_>,
    options: &Options<'_>,
    out: &mut Vec<u8>,
) -> Result<(), C14nError> {
    reject_doctype(node)?;
    let mut walker = Walker::new(options);
    if node.node_type() != NodeType::Root {
        return walker.subtree(node, out);
    }
    if options.exclude == Some(node.id()) {
        return Ok(());
    }
    // Outside the document element only comments and processing instructions are output;
    // each is separated from the document element by a line feed.
    let mut after_element = false;
    for child in node.children() {
        match child.node_type() {
            NodeType::Element => {
                walker.subtree(child, out)?;
                after_element = true;
            }
            NodeType::Comment | NodeType::PI => {
                if options.exclude == Some(child.id())
                    || (child.is_comment() && !options.with_comments)
                {
                    continue;
                }
                if after_element {
                    out.push(b'\n');
                }
                walker.subtree(child, out)?;
                if !after_element {
                    out.push(b'\n');
                }
            }
            // Only white space can sit outside the document element, and it is not output.
            NodeType::Text | NodeType::Root => {}
        }
    }
    Ok(())
}

/// Refuses documents with a DOCTYPE, found in the prolog between the nodes roxmltree keeps.
fn reject_doctype(node: Node<'_, '_>) -> Result<(), C14nError> {
    let document = node.document();
    let text = document.input_text();
    let prolog_end = document.root_element().range().start;
    let mut gap_start = 0;
    for child in document.root().children() {
        let range = child.range();
        if range.start >= prolog_end {
            break;
        }
        if gap_has_doctype(text, gap_start, range.start) {
            return Err(C14nError::Doctype);
        }
        gap_start = range.end;
    }
    if gap_has_doctype(text, gap_start, prolog_end) {
        return Err(C14nError::Doctype);
    }
    Ok(())
}

fn gap_has_doctype(text: &str, start: usize, end: usize) -> bool {
    text.get(start..end)
        .is_some_and(|gap| gap.contains("<!DOCTYPE"))
}

/// An element whose start tag has been written.
struct Frame<'a> {
    /// The qualified name, for the end tag.
    qname: &'a str,
    /// How many rendered namespaces were in force before this element.
    rendered_len: usize,
}

/// An attribute to write, with its sort key.
struct Attr<'a> {
    namespace: &'a str,
    local: &'a str,
    qname: &'a str,
    value: &'a str,
}

/// The state of one canonicalization: the output ancestors and the buffers reused per element.
struct Walker<'o, 'a> {
    options: &'o Options<'o>,
    /// (prefix, namespace) rendered by the output ancestors, innermost last; "" is the default
    /// namespace, and an empty namespace stands for `xmlns=""`.
    rendered: Vec<(&'a str, &'a str)>,
    frames: Vec<Frame<'a>>,
    /// Namespace nodes considered for the current element: (prefix, namespace).
    candidates: Vec<(&'a str, &'a str)>,
    /// Namespace nodes rendered on the current element.
    chosen: Vec<(&'a str, &'a str)>,
    attrs: Vec<Attr<'a>>,
    /// Namespace names already found renderable, by identity: roxmltree hands out the same
    /// string for a binding on every element it is in scope of.
    checked: Vec<&'a str>,
}

impl<'o, 'a> Walker<'o, 'a> {
    fn new(options: &'o Options<'o>) -> Self {
        Walker {
            options,
            rendered: Vec::with_capacity(16),
            frames: Vec::with_capacity(16),
            candidates: Vec::with_capacity(8),
            chosen: Vec::with_capacity(8),
            attrs: Vec::with_capacity(8),
            checked: Vec::with_capacity(8),
        }
    }

    /// Writes the subtree rooted at `start` (any node but the Document root), leaving out the
    /// excluded subtree, without recursion.
    fn subtree<'input>(
        &mut self,
        start: Node<'a, 'input>,
        out: &mut Vec<u8>,
    ) -> Result<(), C14nError> {
        let mut node = start;
        loop {
            if self.options.exclude != Some(node.id()) {
                match node.node_type() {
                    NodeType::Element => {
                        self.open(node, out)?;
                        if let Some(child) = node.first_child() {
                            node = child;
                            continue;
                        }
                        self.close(out);
                    }
                    NodeType::Text => self.text(node, out)?,
                    NodeType::Comment => {
                        if self.options.with_comments {
                            out.extend_from_slice(b"<!--");
                            write_normalized(node.text().unwrap_or_default(), out);
                            out.extend_from_slice(b"-->");
                        }
                    }
                    NodeType::PI => {
                        if let Some(pi) = node.pi() {
                            out.extend_from_slice(b"<?");
                            out.extend_from_slice(pi.target.as_bytes());
                            if let Some(value) = pi.value.filter(|value| !value.is_empty()) {
                                out.push(b' ');
                                write_normalized(value, out);
                            }
                            out.extend_from_slice(b"?>");
                        }
                    }
                    NodeType::Root => {}
                }
            }
            // Move on: to the next sibling, or up, closing each element left.
            loop {
                if node.id() == start.id() {
                    return Ok(());
                }
                if let Some(next) = node.next_sibling() {
                    node = next;
                    break;
                }
                match node.parent() {
                    Some(parent) => {
                        node = parent;
                        self.close(out);
                    }
                    None => return Ok(()),
                }
            }
        }
    }

    /// Writes the start tag of `element`: its name, the namespace declarations exclusive
    /// canonicalization renders there, and its attributes, both in canonical order.
    fn open<'input>(
        &mut self,
        element: Node<'a, 'input>,
        out: &mut Vec<u8>,
    ) -> Result<(), C14nError> {
        let offset = element.range().start;
        self.check_namespaces(element, offset)?;
        let (prefix, qname) = element_qname(element).ok_or(C14nError::Name { offset })?;

        self.candidates.clear();
        // The PrefixList: those namespace nodes are handled as in inclusive canonicalization,
        // rendered when in scope unless the output ancestors already have them. In a subset
        // made of whole subtrees that is the same test as for the exclusive ones.
        for &listed in self.options.inclusive_prefixes {
            if listed == DEFAULT_TOKEN {
                self.candidates
                    .push(("", element.default_namespace().unwrap_or_default()));
            } else if let Some(binding) = element
                .namespaces()
                .find(|namespace| namespace.name() == Some(listed))
            {
                // The xml namespace is never among them: it is never declared.
                self.candidates
                    .push((binding.name().unwrap_or_default(), binding.uri()));
            }
        }
        // Visibly utilized: the element's own prefix (or the default namespace, possibly
        // empty, when it has none) and its attributes' prefixes, except `xml`.
        let element_namespace = element.tag_name().namespace().unwrap_or_default();
        self.candidates.push((prefix, element_namespace));

        self.attrs.clear();
        let text = element.document().input_text();
        for attribute in element.attributes() {
            let qname = text
                .get(attribute.range_qname())
                .ok_or(C14nError::Name { offset })?;
            let (attr_prefix, local) = split_qname(qname);
            let namespace = attribute.namespace();
            if local != attribute.name() {
                return Err(C14nError::Name { offset });
            }
            match (attr_prefix, namespace) {
                ("", None) => {}
                ("xml", Some(XML_NS)) => {}
                ("", Some(_)) | ("xml", _) | (_, None) => return Err(C14nError::Name { offset }),
                (attr_prefix, Some(namespace)) => {
                    if lookup(element, attr_prefix) != Some(namespace) {
                        return Err(C14nError::Name { offset });
                    }
                    self.candidates.push((attr_prefix, namespace));
                }
            }
            self.attrs.push(Attr {
                namespace: namespace.unwrap_or_default(),
                local,
                qname,
                value: attribute.value(),
            });
        }

        // Render each candidate prefix once, unless the nearest output ancestor rendering it
        // did so with the same namespace. Nothing rendered counts as `xmlns=""`.
        let rendered_len = self.rendered.len();
        self.chosen.clear();
        for index in 0..self.candidates.len() {
            let (candidate_prefix, namespace) = self.candidates[index];
            if self.candidates[..index]
                .iter()
                .any(|(earlier, _)| *earlier == candidate_prefix)
            {
                continue;
            }
            let in_force = self
                .rendered
                .iter()
                .rev()
                .find(|(rendered_prefix, _)| *rendered_prefix == candidate_prefix)
                .map(|(_, namespace)| *namespace);
            let in_force = match (candidate_prefix, in_force) {
                ("", None) => Some(""),
                (_, in_force) => in_force,
            };
            if in_force != Some(namespace) {
                self.chosen.push((candidate_prefix, namespace));
            }
        }
        // Both lists are short and usually already in order.
        if !self.chosen.is_sorted_by(|a, b| a.0 <= b.0) {
            self.chosen.sort_unstable_by(|a, b| a.0.cmp(b.0));
        }
        self.rendered.extend_from_slice(&self.chosen);
        if !self
            .attrs
            .is_sorted_by(|a, b| (a.namespace, a.local) <= (b.namespace, b.local))
        {
            self.attrs
                .sort_unstable_by(|a, b| (a.namespace, a.local).cmp(&(b.namespace, b.local)));
        }

        out.push(b'<');
        out.extend_from_slice(qname.as_bytes());
        for (ns_prefix, namespace) in &self.chosen {
            if ns_prefix.is_empty() {
                out.extend_from_slice(b" xmlns=\"");
            } else {
                out.extend_from_slice(b" xmlns:");
                out.extend_from_slice(ns_prefix.as_bytes());
                out.extend_from_slice(b"=\"");
            }
            write_attribute_value(namespace, out);
            out.push(b'"');
        }
        for attr in &self.attrs {
            out.push(b' ');
            out.extend_from_slice(attr.qname.as_bytes());
            out.extend_from_slice(b"=\"");
            write_attribute_value(attr.value, out);
            out.push(b'"');
        }
        out.push(b'>');
        self.frames.push(Frame {
            qname,
            rendered_len,
        });
        Ok(())
    }

    /// Writes a text node. roxmltree normalizes line ends wrongly when a raw carriage return
    /// and a reference share a text token (`\r&#13;` gives "\r\r", `&amp;\r` keeps the
    /// "\r"), and every such case leaves a carriage return in the parsed text. Text holding
    /// one, rare in practice, is therefore decoded again from the source.
    fn text(&mut self, node: Node<'_, '_>, out: &mut Vec<u8>) -> Result<(), C14nError> {
        let text = character_data(node).ok_or(C14nError::Text {
            offset: node.range().start,
        })?;
        write_text(&text, out);
        Ok(())
    }

    /// Every namespace node of `element` must be renderable: no prefix bound to the empty
    /// name, no relative (or otherwise non-URI) namespace name.
    fn check_namespaces(&mut self, element: Node<'a, '_>, offset: usize) -> Result<(), C14nError> {
        for namespace in element.namespaces() {
            let uri = namespace.uri();
            if uri.is_empty() {
                if namespace.name().is_some() {
                    return Err(C14nError::EmptyPrefixBinding { offset });
                }
            } else if !self
                .checked
                .iter()
                .any(|checked| std::ptr::eq(*checked, uri))
            {
                if !is_absolute_uri(uri) {
                    return Err(C14nError::RelativeNamespace { offset });
                }
                self.checked.push(uri);
            }
        }
        Ok(())
    }

    /// Writes the end tag of the innermost open element and forgets what it rendered.
    fn close(&mut self, out: &mut Vec<u8>) {
        if let Some(frame) = self.frames.pop() {
            out.extend_from_slice(b"</");
            out.extend_from_slice(frame.qname.as_bytes());
            out.push(b'>');
            self.rendered.truncate(frame.rendered_len);
        }
    }
}

/// The character data of a text node exactly as canonicalization writes it (before escaping):
/// the parsed text, or, when that holds a carriage return, the text decoded again from the
/// source (see [`Walker::text`]). Whoever reads values from a digested element must read them
/// through this, so that what is read is what was digested. None when the source cannot be
/// decoded again.
pub(crate) fn character_data<'a>(node: Node<'a, '_>) -> Option<Cow<'a, str>> {
    let text = node.text().unwrap_or_default();
    if !text.contains('\r') {
        return Some(Cow::Borrowed(text));
    }
    let mut decoded = String::new();
    decode_character_data(text_source(node)?, &mut decoded)?;
    Some(Cow::Owned(decoded))
}

/// The namespace bound to `prefix` (not empty) in scope of `element`.
fn lookup<'a>(element: Node<'a, '_>, prefix: &str) -> Option<&'a str> {
    if prefix == "xml" {
        return Some(XML_NS);
    }
    element
        .namespaces()
        .find(|namespace| namespace.name() == Some(prefix))
        .map(|namespace| namespace.uri())
}

/// Reads the element's qualified name from the source (its range starts at `<qname`) and
/// checks it against the parsed name. Returns (prefix, qname); the prefix is "" when none.
fn element_qname<'a>(element: Node<'a, '_>) -> Option<(&'a str, &'a str)> {
    let text = element.document().input_text();
    let start = element.range().start;
    let rest = text.get(start..)?.strip_prefix('<')?;
    let end = rest
        .bytes()
        .position(|byte| matches!(byte, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
        .unwrap_or(rest.len());
    let qname = &rest[..end];
    let (prefix, local) = split_qname(qname);
    let tag = element.tag_name();
    if local != tag.name() || local.is_empty() {
        return None;
    }
    let namespace = tag.namespace().unwrap_or_default();
    let resolved = if prefix.is_empty() {
        element.default_namespace().unwrap_or_default()
    } else {
        lookup(element, prefix)?
    };
    (resolved == namespace).then_some((prefix, qname))
}

/// The source of a text node: from its start to the next sibling's, or to its parent's end
/// tag. A text node spans several tokens when CDATA sections are merged into it.
fn text_source<'input>(node: Node<'_, 'input>) -> Option<&'input str> {
    let text = node.document().input_text();
    let start = node.range().start;
    let end = match (node.next_sibling(), node.parent()) {
        (Some(next), _) => next.range().start,
        (None, Some(parent)) if parent.is_element() => {
            // The end tag is the last markup of the element, and has no other `<`.
            let parent_end = parent.range().end;
            text.get(..parent_end)?.rfind('<')?
        }
        _ => text.len(),
    };
    text.get(start..end)
}

/// Decodes character data as an XML processor does: CDATA sections taken as written,
/// references replaced, and line ends (CR LF or a lone CR) turned into line feeds in both.
/// None when the source is not plain character data.
fn decode_character_data(source: &str, decoded: &mut String) -> Option<()> {
    let mut rest = source;
    while !rest.is_empty() {
        if let Some(section) = rest.strip_prefix("<![CDATA[") {
            let end = section.find("]]>")?;
            push_line_ends_normalized(&section[..end], decoded);
            rest = &section[end + 3..];
        } else if let Some(reference) = rest.strip_prefix('&') {
            let end = reference.find(';')?;
            decoded.push(resolve_reference(&reference[..end])?);
            rest = &reference[end + 1..];
        } else {
            let end = rest.find(['&', '<']).unwrap_or(rest.len());
            if end == 0 {
                return None;
            }
            push_line_ends_normalized(&rest[..end], decoded);
            rest = &rest[end..];
        }
    }
    Some(())
}

/// The character a predefined entity or character reference (without `&` and `;`) stands for.
fn resolve_reference(name: &str) -> Option<char> {
    let code = match name {
        "amp" => return Some('&'),
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "quot" => return Some('"'),
        "apos" => return Some('\''),
        _ => match name.strip_prefix("#x") {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()?
            }
            Some(_) => return None,
            None => {
                let decimal = name.strip_prefix('#')?;
                if decimal.is_empty() || !decimal.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                decimal.parse().ok()?
            }
        },
    };
    char::from_u32(code)
}

fn push_line_ends_normalized(text: &str, decoded: &mut String) {
    let mut rest = text;
    while let Some(position) = rest.find('\r') {
        decoded.push_str(&rest[..position]);
        decoded.push('\n');
        rest = &rest[position + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    decoded.push_str(rest);
}

/// Splits `prefix:local`; the prefix is "" for an unprefixed name.
fn split_qname(qname: &str) -> (&str, &str) {
    match qname.bytes().position(|byte| byte == b':') {
        Some(colon) => (&qname[..colon], &qname[colon + 1..]),
        None => ("", qname),
    }
}

/// Bytes that text content escapes: `&`, `<`, `>` and carriage return.
const TEXT_ESCAPES: [bool; 256] = escape_table(b"&<>\r");
/// Bytes that attribute values escape: `&`, `<`, `"`, tab, line feed and carriage return.
const ATTRIBUTE_ESCAPES: [bool; 256] = escape_table(b"&<\"\t\n\r");

const fn escape_table(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut index = 0;
    while index < bytes.len() {
        table[bytes[index] as usize] = true;
        index += 1;
    }
    table
}

fn replacement(byte: u8) -> &'static [u8] {
    match byte {
        b'&' => b"&amp;",
        b'<' => b"&lt;",
        b'>' => b"&gt;",
        b'"' => b"&quot;",
        b'\t' => b"&#x9;",
        b'\n' => b"&#xA;",
        _ => b"&#xD;",
    }
}

/// Writes text content: `&`, `<`, `>` and carriage return escaped.
fn write_text(text: &str, out: &mut Vec<u8>) {
    write_escaped(text, out, &TEXT_ESCAPES);
}

/// Writes an attribute value: `&`, `<`, `"`, tab, line feed and carriage return escaped.
fn write_attribute_value(value: &str, out: &mut Vec<u8>) {
    write_escaped(value, out, &ATTRIBUTE_ESCAPES);
}

/// Writes comment or processing-instruction text with its line ends normalized to line feeds,
/// as the parser would have done (roxmltree hands these over as written).
fn write_normalized(text: &str, out: &mut Vec<u8>) {
    let mut bytes = text.as_bytes();
    while let Some(position) = bytes.iter().position(|&byte| byte == b'\r') {
        out.extend_from_slice(&bytes[..position]);
        out.push(b'\n');
        let skip = if bytes.get(position + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
        bytes = &bytes[position + skip..];
    }
    out.extend_from_slice(bytes);
}

/// Copies `text`, replacing the bytes marked in `table`. Only ASCII bytes are marked, so
/// multi-byte characters pass through whole.
fn write_escaped(text: &str, out: &mut Vec<u8>, table: &[bool; 256]) {
    let mut bytes = text.as_bytes();
    out.reserve(bytes.len());
    while let Some(index) = bytes.iter().position(|&byte| table[usize::from(byte)]) {
        out.extend_from_slice(&bytes[..index]);
        out.extend_from_slice(replacement(bytes[index]));
        bytes = &bytes[index + 1..];
    }
    out.extend_from_slice(bytes);
}

/// Whether `uri` is an absolute URI per RFC 3986 (`scheme ":" hier-part ["?" query]
/// ["#" fragment]`), ASCII only.
fn is_absolute_uri(uri: &str) -> bool {
    let Some((scheme, rest)) = uri.split_once(':') else {
        return false;
    };
    let mut scheme_bytes = scheme.bytes();
    if !scheme_bytes
        .next()
        .is_some_and(|byte| byte.is_ascii_alphabetic())
    {
        return false;
    }
    if !scheme_bytes.all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.'))
    {
        return false;
    }
    let (rest, fragment) = match rest.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (rest, None),
    };
    let (hier, query) = match rest.split_once('?') {
        Some((hier, query)) => (hier, Some(query)),
        None => (rest, None),
    };
    if let Some(fragment) = fragment {
        if !all_uri_chars(fragment, |byte| {
            is_pchar(byte) || matches!(byte, b'/' | b'?')
        }) {
            return false;
        }
    }
    if let Some(query) = query {
        if !all_uri_chars(query, |byte| is_pchar(byte) || matches!(byte, b'/' | b'?')) {
            return false;
        }
    }
    let path = match hier.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            if !is_authority(&after[..end]) {
                return false;
            }
            &after[end..]
        }
        None => hier,
    };
    all_uri_chars(path, |byte| is_pchar(byte) || byte == b'/')
}

/// `[ userinfo "@" ] host [ ":" port ]`.
fn is_authority(authority: &str) -> bool {
    let host_port = match authority.split_once('@') {
        Some((userinfo, host_port)) => {
            if !all_uri_chars(userinfo, |byte| {
                is_unreserved(byte) || is_sub_delim(byte) || byte == b':'
            }) {
                return false;
            }
            host_port
        }
        None => authority,
    };
    let port = if let Some(literal) = host_port.strip_prefix('[') {
        let Some((address, after)) = literal.split_once(']') else {
            return false;
        };
        if !is_ip_literal(address) {
            return false;
        }
        match after.strip_prefix(':') {
            Some(port) => port,
            None if after.is_empty() => "",
            None => return false,
        }
    } else {
        let (host, port) = match host_port.split_once(':') {
            Some((host, port)) => (host, port),
            None => (host_port, ""),
        };
        if !all_uri_chars(host, |byte| is_unreserved(byte) || is_sub_delim(byte)) {
            return false;
        }
        port
    };
    port.bytes().all(|byte| byte.is_ascii_digit())
}

/// The inside of `[...]`: an IPv6 address (hex digits, colons, dots for a trailing IPv4
/// part) or `v` HEXDIG+ "." followed by unreserved, sub-delims or colons.
fn is_ip_literal(address: &str) -> bool {
    if let Some(future) = address
        .strip_prefix('v')
        .or_else(|| address.strip_prefix('V'))
    {
        let Some((version, rest)) = future.split_once('.') else {
            return false;
        };
        return !version.is_empty()
            && version.bytes().all(|byte| byte.is_ascii_hexdigit())
            && !rest.is_empty()
            && rest
                .bytes()
                .all(|byte| is_unreserved(byte) || is_sub_delim(byte) || byte == b':');
    }
    address.contains(':')
        && address
            .bytes()
            .all(|byte| byte.is_ascii_hexdigit() || matches!(byte, b':' | b'.'))
}

/// Every byte of `text` satisfies `allowed`, or is part of a `%` HEXDIG HEXDIG escape.
fn all_uri_chars(text: &str, allowed: impl Fn(u8) -> bool) -> bool {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == b'%' {
            let hex = |offset: usize| bytes.get(index + offset).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(1) && hex(2)) {
                return false;
            }
            index += 3;
        } else if allowed(byte) {
            index += 1;
        } else {
            return false;
        }
    }
    true
}

fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

fn is_sub_delim(byte: u8) -> bool {
    matches!(
        byte,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

fn is_pchar(byte: u8) -> bool {
    is_unreserved(byte) || is_sub_delim(byte) || matches!(byte, b':' | b'@')
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod differential;
