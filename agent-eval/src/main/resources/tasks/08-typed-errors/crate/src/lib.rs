//! Loads a service configuration: one `key = value` per line, `#` starts a comment line.
//!
//! Known keys: `name` (text), `port` (a `u16`), `workers` (a `usize`). All three are required.

use std::path::Path;

/// A loaded configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The service name.
    pub name: String,
    /// The port to listen on.
    pub port: u16,
    /// How many worker threads to run.
    pub workers: usize,
}

/// Parses configuration text.
pub fn parse_config(text: &str) -> Result<Config, String> {
    let mut name = None;
    let mut port = None;
    let mut workers = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim();
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let Some((key, value)) = raw.split_once('=') else {
            return Err(format!("line {line}: expected `key = value`"));
        };
        let (key, value) = (key.trim(), value.trim());
        match key {
            "name" => name = Some(value.to_string()),
            "port" => {
                port = Some(
                    value
                        .parse::<u16>()
                        .map_err(|e| format!("line {line}: invalid value for `port`: {e}"))?,
                )
            }
            "workers" => {
                workers = Some(
                    value
                        .parse::<usize>()
                        .map_err(|e| format!("line {line}: invalid value for `workers`: {e}"))?,
                )
            }
            other => return Err(format!("line {line}: unknown key `{other}`")),
        }
    }
    Ok(Config {
        name: name.ok_or("missing key `name`")?,
        port: port.ok_or("missing key `port`")?,
        workers: workers.ok_or("missing key `workers`")?,
    })
}

/// Reads and parses the configuration file at `path`.
pub fn load_config(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse_config(&text).map_err(|e| format!("invalid config in {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let c = parse_config("# svc\nname = api\nport = 8080\nworkers = 4\n").unwrap();
        assert_eq!(
            c,
            Config {
                name: "api".into(),
                port: 8080,
                workers: 4
            }
        );
    }

    #[test]
    fn rejects_a_bad_port() {
        assert!(parse_config("name = a\nport = 99999\nworkers = 1")
            .unwrap_err()
            .starts_with("line 2: invalid value for `port`"));
    }
}
