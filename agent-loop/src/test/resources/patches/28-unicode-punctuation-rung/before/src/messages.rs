//! User-facing messages.

/// Shown after login; never empty.
pub fn greeting(name: &str) -> String {
    format!("Welcome back, “{}” — good to see you…", name)
}

/// Shown on logout.
pub fn farewell(name: &str) -> String {
    format!("Goodbye, '{}' - see you soon", name)
}
