//! `xxgk init [--pack NAME] [DIR]`: write a commented `xxgk.toml` for a bundled pack.
//!
//! The file names the pack (`packs = ["guizhou"]`; the national pack always comes first) and
//! shows every other key commented out, each with a line in Chinese and in English, so that a
//! user edits rather than writes it. An existing `xxgk.toml` or `.xxgk.toml` in the directory
//! is never overwritten: the run fails (exit 2) and says so. The text is compiled before it is
//! written, so what `init` writes always loads (`xxgk config --show`).
use crate::args::InitArgs;
use crate::check::config_error;
use crate::{Outcome, RunError};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use xxgk_engine::config::{options::FileOptions, Config, Overrides, BUNDLED_PACKS, CONFIG_NAMES};
use xxgk_engine::Lang;

/// The bundled pack a reference names (`guizhou`, `guizhou@0.1`): its name, version and description.
fn pack_info(reference: &str) -> Option<(&'static str, String, String)> {
    let name = reference.split_once('@').map_or(reference, |(n, _)| n);
    let (name, text) = BUNDLED_PACKS.iter().find(|(n, _)| *n == name).copied()?;
    let options: FileOptions = toml::from_str(text).ok()?;
    Some((name, options.version.unwrap_or_default(), options.description.unwrap_or_default()))
}

/// The text of the config file for `reference` (a bundled pack, optionally pinned).
pub fn template(reference: &str, description: &str) -> String {
    let mut out = String::new();
    out.push_str(
        "# xxgk 的配置 / xxgk configuration\n\
         #\n\
         # 本文件对所在目录及其下各级目录中的报告生效；命令行参数（--select、--ignore、--severity、\n\
         # --lang）优先于这里的设置。`xxgk config --show` 显示合并后的全部设置。\n\
         # Applies to the reports in this directory and below; command-line flags (--select,\n\
         # --ignore, --severity, --lang) win over it. `xxgk config --show` prints the merged settings.\n\
         \n\
         # 规则包：全国规则包总是最先加载，这里列出的包依次叠加在其上。\n\
         # Packs: the national pack always applies first; the packs listed here are applied on top, in order.\n",
    );
    if !description.is_empty() {
        let _ = writeln!(out, "# {reference}: {description}");
    }
    let _ = writeln!(out, "packs = [{}]", toml::Value::String(reference.to_string()));
    out.push_str(
        "\n\
         # 要运行的规则：代码（XG301）、族前缀（XG3）、规则名（fee-statement-missing）或 ALL。\n\
         # select 替换继承的选择，extend-select 增加，ignore 去掉。`xxgk rules` 列出全部规则。\n\
         # Rules to run: codes (XG301), family prefixes (XG3), names (fee-statement-missing) or ALL.\n\
         # select replaces the inherited selection, extend-select adds to it, ignore removes from it.\n\
         # select = [\"ALL\"]\n\
         # extend-select = [\"XG7\"]\n\
         # ignore = [\"XG6\"]\n\
         \n\
         # 消息语言：zh（默认）或 en。 / Message language: zh (the default) or en.\n\
         # lang = \"en\"\n\
         \n\
         # 级别：error（退出码 1）、warning、info。 / Severities: error (exit 1), warning, info.\n\
         # [severity]\n\
         # XG404 = \"warning\"\n\
         \n\
         # 对部分文件关闭规则；路径相对于本文件所在目录，不含 / 的模式匹配任意层级的文件名。\n\
         # Rules turned off for some files; globs are relative to this file's directory, and a glob\n\
         # without / matches the file name at any depth.\n\
         # [per-file-ignores]\n\
         # \"drafts/*.txt\" = [\"XG6\"]\n\
         \n\
         # 规则选项（公布期限、用字表等）：普通键替换继承的值，extend-* 键在继承的列表上增加。\n\
         # Rule options (deadlines, wording lists): plain keys replace the inherited value, extend-* keys\n\
         # add to the inherited list; `xxgk config --show` prints every option in force.\n\
         # [settings]\n\
         # extend-wording = [{ wrong = \"公开公开\", right = \"公开\" }]\n",
    );
    out
}

/// `xxgk init`.
pub(crate) fn init(args: &InitArgs, lang: Lang) -> Result<Outcome, RunError> {
    let reference = args.pack.as_deref().unwrap_or("national").trim();
    let Some((name, version, description)) = pack_info(reference) else {
        let known: Vec<&str> = BUNDLED_PACKS.iter().map(|(n, _)| *n).collect();
        return Err(miette::miette!(
            help = format!("内置规则包 / bundled packs: {}", known.join(", ")),
            "--pack {reference}: 没有这个内置规则包 / no bundled pack named `{reference}`"
        )
        .into());
    };
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if !dir.is_dir() {
        return Err(miette::miette!("{}: 目录不存在 / no such directory", dir.display()).into());
    }
    if let Some(existing) = CONFIG_NAMES.iter().map(|n| dir.join(n)).find(|p| p.exists()) {
        return Err(miette::miette!(
            help = "编辑现有文件，或先删除它 / edit the existing file, or remove it first",
            "{}: 已存在，未覆盖 / already exists, not overwritten",
            shown(&existing)
        )
        .into());
    }
    let path = dir.join(CONFIG_NAMES[0]);
    let text = template(reference, &description);
    // A pin the bundled pack does not match (`guizhou@9`) fails here, before anything is written.
    Config::from_text(&path, &text).and_then(|c| c.compile(&Overrides::default())).map_err(config_error)?;
    // `create_new`: a file appearing since the check above is still not overwritten.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    if let Err(err) = written {
        return Err(miette::miette!("{}: 无法写入 / cannot write: {err}", shown(&path)).into());
    }
    let message = match lang {
        Lang::Zh => format!("已写入 {}（规则包 {name} {version}）\n", shown(&path)),
        Lang::En => format!("wrote {} (pack {name} {version})\n", shown(&path)),
    };
    crate::write_stdout(message.as_bytes())?;
    Ok(Outcome::default())
}

/// A path as shown: without a leading `./`.
fn shown(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_pack_has_a_template_that_compiles() {
        for (name, _) in BUNDLED_PACKS {
            let (_, _, description) = pack_info(name).expect("bundled pack parses");
            let text = template(name, &description);
            let config = Config::from_text(Path::new("xxgk.toml"), &text).expect("template loads");
            assert_eq!(config.sources().last().map(String::as_str), Some("xxgk.toml"));
            let settings = config.compile(&Overrides::default()).expect("template compiles");
            assert!(settings.sources.iter().any(|s| s == name), "{name}: {:?}", settings.sources);
        }
    }

    #[test]
    fn pack_info_reads_name_and_pin() {
        assert_eq!(pack_info("guizhou@0.1").map(|(n, v, _)| (n, v)), Some(("guizhou", "0.1.0".to_string())));
        assert!(pack_info("nowhere").is_none());
    }
}
