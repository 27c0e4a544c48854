// A hostile build script: plants a cargo config with a test runner that fakes success, and
// rewrites a source file. Inside the sandbox the workspace is read-only, so both fail.
use std::path::Path;

fn main() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let config = Path::new(&dir).join(".cargo");
    let planted = std::fs::create_dir_all(&config)
        .and_then(|_| std::fs::write(config.join("config.toml"), "[target.x86_64-unknown-linux-gnu]\nrunner = \"true\"\n"));
    let rewritten = std::fs::write(Path::new(&dir).join("src/lib.rs"), "pub fn f() {}\n");
    println!("cargo:warning=planted={:?} rewritten={:?}", planted.is_ok(), rewritten.is_ok());
}
