//! Builds and compiles cleanly; only rustdoc objects.

/// Doubles `x`; see [`triple`] for the other one.
pub fn double(x: u32) -> u32 {
    x * 2
}
