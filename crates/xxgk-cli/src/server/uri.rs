//! Document URIs → the path a report is named by: `file:` URIs percent-decoded (RFC 8089),
//! anything else (`untitled:Untitled-1`) by its last path segment, so that the extension
//! still picks the format.
use std::path::PathBuf;

/// The path a document is checked as, and whether it is a file on disk.
pub fn to_path(uri: &str) -> (PathBuf, bool) {
    if let Some(rest) = strip_prefix_ignore_case(uri, "file://") {
        // `file:///C:/x` (Windows) and `file:///home/x`; an authority (`file://host/x`) is dropped.
        let path = match rest.find('/') {
            Some(at) => &rest[at..],
            None => "/",
        };
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let decoded = percent_decode(path);
        let decoded = if cfg!(windows) && decoded.len() > 2 && decoded.as_bytes()[2] == b':' {
            decoded[1..].to_string()
        } else {
            decoded
        };
        return (PathBuf::from(decoded), true);
    }
    let tail = uri.rsplit(['/', ':']).next().unwrap_or(uri);
    (PathBuf::from(percent_decode(tail)), false)
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// `%XX` sequences as bytes, then UTF-8 (lossy); a malformed `%` stays as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_are_decoded() {
        let (path, on_disk) = to_path("file:///home/u/%E5%B9%B4%E6%8A%A5/2024%20report.txt");
        assert_eq!(path, PathBuf::from("/home/u/年报/2024 report.txt"));
        assert!(on_disk);
        assert_eq!(to_path("FILE://host/srv/a.md").0, PathBuf::from("/srv/a.md"));
        assert_eq!(to_path("file:///a%2").0, PathBuf::from("/a%2"));
        assert_eq!(to_path("file:///a%zz.txt").0, PathBuf::from("/a%zz.txt"));
    }

    #[test]
    fn other_uris_keep_their_name() {
        assert_eq!(to_path("untitled:Untitled-1"), (PathBuf::from("Untitled-1"), false));
        assert_eq!(to_path("untitled:/tmp/new.md"), (PathBuf::from("new.md"), false));
    }
}
