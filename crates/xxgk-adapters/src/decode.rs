//! Bytes to text: BOM sniffing, UTF-8, UTF-16 and GB18030/GBK detection (ripgrep's
//! grep-searcher sniffs BOMs the same way), or an encoding the user forces.
use crate::ReadError;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Decode `bytes` to a `String`, detecting the encoding unless `forced` names one.
pub fn decode(bytes: &[u8], forced: Option<&str>) -> Result<String, ReadError> {
    if let Some(label) = forced {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| ReadError::UnknownEncoding(label.to_string()))?;
        let (text, _, had_errors) = enc.decode(bytes);
        if had_errors {
            return Err(ReadError::Decode {
                zh: format!("不是有效的 {}", enc.name()),
                en: format!("not valid {}", enc.name()),
            });
        }
        return finish(text.into_owned());
    }
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(ReadError::Decode {
                zh: format!("有 BOM 但不是有效的 {}", enc.name()),
                en: format!("BOM says {} but the bytes are not", enc.name()),
            });
        }
        return finish(text.into_owned());
    }
    if let Some(enc) = sniff_utf16(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return finish(text.into_owned());
        }
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ReadError::Binary { offset });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_string());
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), true);
    // Chinese government pages that are not UTF-8 are GB2312/GBK; GB18030 decodes both.
    let enc = if guess == UTF_8 || guess.name().starts_with("GB") || guess.name() == "gbk" {
        GB18030
    } else {
        guess
    };
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors {
        return Err(ReadError::Decode {
            zh: "既不是 UTF-8，也不是 GB18030/GBK 或 UTF-16".into(),
            en: "neither UTF-8, GB18030/GBK nor UTF-16".into(),
        });
    }
    finish(text.into_owned())
}

/// UTF-16 without a BOM: many NUL bytes on one parity.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = sample.len() / 2;
    if odd * 3 > half && even * 10 < half {
        Some(UTF_16LE)
    } else if even * 3 > half && odd * 10 < half {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn finish(text: String) -> Result<String, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    if let Some(offset) = text.find('\0') {
        return Err(ReadError::Binary { offset });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("一、总体情况".as_bytes(), None).unwrap(), "一、总体情况");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("总计".as_bytes());
        assert_eq!(decode(&b, None).unwrap(), "总计");
    }

    #[test]
    fn gb18030_detected() {
        let (bytes, _, _) = GB18030.encode("二、主动公开政府信息情况，本年度未收取信息处理费。");
        assert_eq!(decode(&bytes, None).unwrap(), "二、主动公开政府信息情况，本年度未收取信息处理费。");
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let s = "三、收到和处理政府信息公开申请情况";
        let mut le = vec![0xFF, 0xFE];
        le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le, None).unwrap(), s);
        let ascii = "report 2023 xxgk";
        let be: Vec<u8> = ascii.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be, None).unwrap(), ascii);
    }

    #[test]
    fn binary_and_empty_are_errors() {
        assert!(matches!(decode(b"PK\x03\x04\x00\x00", None), Err(ReadError::Binary { .. })));
        assert!(matches!(decode(b"", None), Err(ReadError::Empty)));
        assert!(matches!(decode(b"  \n", None), Err(ReadError::Empty)));
        assert!(matches!(decode(b"abc", Some("klingon")), Err(ReadError::UnknownEncoding(_))));
    }
}
