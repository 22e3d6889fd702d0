//! The bundled packs, compiled in: `rules/*.toml` and `rules/provinces/*.toml`.

/// Every bundled pack, `(name, TOML text)`; a config names them in `extends` or `packs`.
pub static BUNDLED_PACKS: &[(&str, &str)] = &[
    ("national", crate::settings::NATIONAL_PACK),
    ("guizhou", include_str!("../../../../rules/provinces/guizhou.toml")),
    ("hunan", include_str!("../../../../rules/provinces/hunan.toml")),
    ("liaoning", include_str!("../../../../rules/provinces/liaoning.toml")),
];

/// A bundled pack's text by name.
pub fn bundled_pack(name: &str) -> Option<&'static str> {
    BUNDLED_PACKS.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}
