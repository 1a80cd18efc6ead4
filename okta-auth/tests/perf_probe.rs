use std::time::Instant;
#[test]
fn probe() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/saml/valid/both-signed.xml"
    ))
    .unwrap();
    let n = 2000;
    let t = Instant::now();
    for _ in 0..n {
        let d = roxmltree::Document::parse(&text).unwrap();
        std::hint::black_box(d.root_element());
    }
    println!(
        "roxmltree parse {} bytes: {:?}",
        text.len(),
        t.elapsed() / n
    );
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(text.contains("<!DOCTYPE"));
    }
    println!("contains: {:?}", t.elapsed() / n);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(aws_lc_rs::digest::digest(
            &aws_lc_rs::digest::SHA256,
            text.as_bytes(),
        ));
    }
    println!("sha256: {:?}", t.elapsed() / n);
}
