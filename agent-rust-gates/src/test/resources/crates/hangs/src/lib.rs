pub fn wait_for_ready(ready: &std::sync::atomic::AtomicBool) {
    while !ready.load(std::sync::atomic::Ordering::Acquire) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    #[test]
    fn returns_when_ready() {
        super::wait_for_ready(&AtomicBool::new(true));
    }

    #[test]
    fn never_ready() {
        // Nobody sets the flag: this test never ends.
        super::wait_for_ready(&AtomicBool::new(false));
    }
}
