//! User-facing messages.

/// Shown after login; never empty.
pub fn greeting(name: &str) -> String {
    debug_assert!(!name.is_empty());
    format!("Welcome back, “{}” — good to see you…", name)
}

/// Shown on logout.
pub fn farewell(name: &str) -> String {
    let name = name.trim();
    format!("Goodbye, '{}' - see you soon", name)
}
