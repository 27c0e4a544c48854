//! Builds the C library in `csrc/` into a static library linked into the crate.

fn main() {
    println!("cargo:rerun-if-changed=csrc/tagset.c");
    println!("cargo:rerun-if-changed=csrc/tagset.h");
    cc::Build::new()
        .file("csrc/tagset.c")
        .include("csrc")
        .std("c11")
        .warnings(true)
        .extra_warnings(true)
        .compile("tagset");
}
