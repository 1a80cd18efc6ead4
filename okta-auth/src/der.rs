//! The little DER the crate writes: a `SEQUENCE` of unsigned `INTEGER`s, which is what RSA
//! keys from JWK components need (`RSAPublicKey`, `RSAPrivateKey`).

/// DER `SEQUENCE { INTEGER, ... }` of unsigned big-endian integers, each encoded minimally
/// (leading zeros dropped, a zero byte added when the high bit is set).
pub(crate) fn sequence_of_unsigned_integers(ints: &[&[u8]]) -> Vec<u8> {
    let mut body = Vec::with_capacity(ints.iter().map(|i| i.len() + 5).sum());
    for int in ints {
        let start = int.iter().position(|b| *b != 0).unwrap_or(int.len());
        let int = &int[start..];
        let pad = int.first().is_none_or(|b| b & 0x80 != 0);
        body.push(0x02);
        length(&mut body, int.len() + usize::from(pad));
        if pad {
            body.push(0);
        }
        body.extend_from_slice(int);
    }
    let mut out = Vec::with_capacity(body.len() + 8);
    out.push(0x30);
    length(&mut out, body.len());
    out.extend(body);
    out
}

fn length(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes
            .iter()
            .position(|b| *b != 0)
            .unwrap_or(bytes.len() - 1);
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_minimal_and_positive() {
        let der = sequence_of_unsigned_integers(&[&[0x00, 0x80, 0x01], &[0x01, 0x00, 0x01], &[0]]);
        assert_eq!(
            der,
            [
                0x30, 0x0d, 0x02, 0x03, 0x00, 0x80, 0x01, 0x02, 0x03, 0x01, 0x00, 0x01, 0x02, 0x01,
                0x00
            ]
        );
    }

    #[test]
    fn long_lengths_use_the_long_form() {
        let big = vec![0x7f; 300];
        let der = sequence_of_unsigned_integers(&[&big]);
        assert_eq!(&der[..8], &[0x30, 0x82, 0x01, 0x30, 0x02, 0x82, 0x01, 0x2c]);
    }
}
