//! The first layer: a config file or pack as written (serde, unknown keys rejected, kebab-case).
//!
//! Every string a user may get wrong is kept [`Spanned`] so that an error can point at it.
use std::collections::BTreeMap;
use toml::Spanned;

pub use crate::settings::SettingsOptions;

/// An `xxgk.toml` / `.xxgk.toml`, or a pack (`rules/*.toml`): the same keys, all optional.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileOptions {
    /// A pack's name (`guizhou`).
    pub name: Option<String>,
    /// A pack's version.
    pub version: Option<String>,
    /// A pack's one-line description.
    pub description: Option<String>,
    /// Configs or packs this one builds on, in order: a bundled pack's name (`national`) or a
    /// path relative to this file. Later ones override earlier ones; this file overrides all.
    pub extends: Option<Vec<Spanned<String>>>,
    /// Packs to apply after `extends`, by bundled name or path relative to this file.
    pub packs: Option<Vec<Spanned<String>>>,
    /// Rules to run instead of the inherited selection: codes, family prefixes (`XG3`), names, `ALL`.
    pub select: Option<Vec<Spanned<String>>>,
    /// Rules to run besides the inherited selection.
    pub extend_select: Option<Vec<Spanned<String>>>,
    /// Rules not to run.
    pub ignore: Option<Vec<Spanned<String>>>,
    /// Severity by selector (`XG404 = "error"`, `XG6 = "info"`).
    pub severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    /// Selectors turned off for files matching a glob, relative to this file's directory; a
    /// glob without `/` matches the file name at any depth below it.
    pub per_file_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    /// Message language, `zh` or `en`.
    pub lang: Option<Spanned<String>>,
    /// Rule options.
    pub settings: Option<SettingsOptions>,
    /// A pack's declarative rules (`[[rule]]`, see [`crate::packs`]).
    pub rule: Option<Vec<crate::packs::RuleDef>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key_with_spans() {
        let text = r#"
extends = ["base.toml"]
packs = ["national"]
select = ["XG0", "unused-suppression"]
extend-select = ["XG007"]
ignore = ["XG6"]
lang = "en"
[severity]
XG007 = "error"
[per-file-ignores]
"drafts/*.txt" = ["XG6"]
[settings]
extend-wording = [{ wrong = "公开公开", right = "公开" }]
jump-factor = 5.0
"#;
        let options: FileOptions = toml::from_str(text).expect("parses");
        let select = options.select.expect("select");
        assert_eq!(select[1].get_ref(), "unused-suppression");
        assert_eq!(&text[select[1].span()], "\"unused-suppression\"");
        let severity = options.severity.expect("severity");
        let (key, value) = severity.iter().next().expect("one entry");
        assert_eq!((key.get_ref().as_str(), value.get_ref().as_str()), ("XG007", "error"));
        assert_eq!(&text[key.span()], "XG007");
        let settings = options.settings.expect("settings");
        assert_eq!(settings.jump_factor, Some(5.0));
        assert_eq!(settings.extend_wording.as_ref().map(Vec::len), Some(1));
        assert_eq!(settings.wording, None);
    }

    #[test]
    fn rejects_unknown_keys_at_every_level() {
        let err = toml::from_str::<FileOptions>("selekt = []\n").unwrap_err();
        assert!(err.message().contains("unknown field `selekt`"), "{}", err.message());
        assert_eq!(err.span(), Some(0..6));
        let err = toml::from_str::<FileOptions>("[settings]\njump = 1.0\n").unwrap_err();
        assert!(err.message().contains("unknown field `jump`"), "{}", err.message());
        assert_eq!(err.span(), Some(11..15));
    }
}
