pub fn is_blank(s: &str) -> bool {
    return s.trim().len() == 0;
}
