//! The optional `concord.toml`: aliases and exclusions for named bodies, check settings.
//!
//! concord works with no config at all. Unknown keys are rejected so that a typo is
//! an error rather than a silently ignored setting.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The default config file name, looked up in the current directory and its parents.
pub const CONFIG_FILE: &str = "concord.toml";

/// Looks for `name` in `start` and then in each parent, as ruff, Vale and typos look for
/// their configuration, stopping after the repository root (the first directory holding
/// `.git`) so that a file outside the project is never picked up.
pub fn find_upwards(start: &Path, name: &str) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let candidate = dir.join(name);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// The repository root above `start` (the first directory holding `.git`), if any.
pub fn repository_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|d| d.join(".git").exists()).map(Path::to_path_buf)
}

/// The whole configuration.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Named-body settings.
    #[serde(default)]
    pub bodies: BodiesConfig,
    /// `concord check` settings.
    #[serde(default)]
    pub check: CheckConfig,
    /// HTML output settings (`timeline --format html`).
    #[serde(default)]
    pub html: HtmlConfig,
    /// Date-extraction settings.
    #[serde(default)]
    pub dates: DatesConfig,
}

/// Settings for the HTML pages.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HtmlConfig {
    /// Base URL of the corpus folder in a repository browser
    /// (`https://host/org/repo/blob/main/corpus`): sheet labels link to `URL/sheet#Lline`.
    #[serde(default)]
    pub repository_url: Option<String>,
    /// The report page (`report.html`) whose finding anchors the chronology links to;
    /// unset, the chronology lists the findings itself.
    #[serde(default)]
    pub report: Option<String>,
}

/// How dates are read.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DatesConfig {
    /// Corpus-relative path glob → register (`news` or `narrative`), overriding the register
    /// decided from the text: `register = { "press/**" = "news" }`.
    #[serde(default)]
    pub register: BTreeMap<String, crate::extract::Register>,
}

/// Aliases and exclusions the rules cannot see.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BodiesConfig {
    /// Canonical name → other names that mean the same body.
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Names that are never bodies (case-insensitive).
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// Settings for `concord check`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Baseline file, relative to the config file's directory.
    #[serde(default)]
    pub baseline: Option<PathBuf>,
    /// Lowest severity that fails the gate: `conflict` (default) or `review`.
    #[serde(default)]
    pub fail_on: Option<String>,
}

impl Config {
    /// Loads `path`, or `concord.toml` in the current directory when `path` is `None`
    /// (a missing default file is an empty config; a missing named file is an error).
    ///
    /// # Errors
    /// The file cannot be read or is not valid configuration.
    pub fn load(path: Option<&Path>) -> Result<Config> {
        let (path, required) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => (PathBuf::from(CONFIG_FILE), false),
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => return Err(Error::Read { path, source }),
        };
        Config::parse(&text).map_err(|message| Error::Parse { path, message, source: None })
    }

    /// Parses configuration text.
    ///
    /// # Errors
    /// The message says what is wrong and where.
    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
        if let Some(f) = &config.check.fail_on
            && f != "conflict"
            && f != "review"
        {
            return Err(format!("check.fail_on must be \"conflict\" or \"review\", not {f:?}"));
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery_walks_up_to_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let outer = dir.path();
        let repo = outer.join("repo");
        let deep = repo.join("sheets").join("2024");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::write(outer.join(CONFIG_FILE), "").unwrap();
        // Above the repository root: never picked up.
        assert_eq!(find_upwards(&deep, CONFIG_FILE), None);
        std::fs::write(repo.join(CONFIG_FILE), "").unwrap();
        assert_eq!(find_upwards(&deep, CONFIG_FILE), Some(repo.join(CONFIG_FILE)));
        std::fs::write(deep.join(CONFIG_FILE), "").unwrap();
        assert_eq!(find_upwards(&deep, CONFIG_FILE), Some(deep.join(CONFIG_FILE)), "the nearest wins");
        assert_eq!(repository_root(&deep), Some(repo));
    }

    #[test]
    fn empty_config_is_default() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn aliases_and_exclusions_parse() {
        let c = Config::parse(
            r#"
            [bodies]
            aliases = { "Permanent Joint Council" = ["PJC"] }
            exclude = ["Cold War"]
            [check]
            baseline = "b.json"
            fail_on = "review"
            "#,
        )
        .unwrap();
        assert_eq!(c.bodies.aliases["Permanent Joint Council"], ["PJC"]);
        assert_eq!(c.bodies.exclude, ["Cold War"]);
        assert_eq!(c.check.fail_on.as_deref(), Some("review"));
    }

    #[test]
    fn html_settings_parse() {
        let c = Config::parse("[html]\nrepository_url = \"https://h/r/blob/main/corpus\"\nreport = \"report.html\"")
            .unwrap();
        assert_eq!(c.html.repository_url.as_deref(), Some("https://h/r/blob/main/corpus"));
        assert_eq!(c.html.report.as_deref(), Some("report.html"));
        assert!(Config::parse("[html]\nrepo = \"x\"").is_err());
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors() {
        assert!(Config::parse("[bodies]\naliasez = {}").unwrap_err().contains("aliasez"));
        assert!(Config::parse("[check]\nfail_on = \"warning\"").is_err());
        assert!(Config::parse("not toml =").is_err());
        assert!(Config::parse("[dates]\nregister = { \"a/*\" = \"novel\" }").unwrap_err().contains("novel"));
    }

    #[test]
    fn register_overrides_parse() {
        let c =
            Config::parse("[dates]\nregister = { \"press/**\" = \"news\", \"history/*.md\" = \"narrative\" }").unwrap();
        assert_eq!(c.dates.register["press/**"], crate::extract::Register::News);
        assert_eq!(c.dates.register["history/*.md"], crate::extract::Register::Narrative);
        let m = crate::corpus::Manifest::default().with_registers(&c.dates.register).unwrap();
        assert_eq!(
            m.register_for(&crate::corpus::DocId("press/2004/a.txt".into())),
            Some(crate::extract::Register::News)
        );
        assert_eq!(m.register_for(&crate::corpus::DocId("other.txt".into())), None);
    }
}
