//! The rank list's export: a cell a spreadsheet opens safely.

/// A cell of an exported file as a spreadsheet may open it safely: text that starts like a
/// formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so it is
/// shown, never run.
pub fn csv_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_cells_that_look_like_formulas_are_escaped() {
        for risky in ["=SUM(A1:A9)", "+1", "-2", "@cmd", "\tx", "\rx"] {
            assert_eq!(csv_cell(risky), format!("'{risky}"));
        }
        assert_eq!(csv_cell("Ana Ruiz"), "Ana Ruiz");
        assert_eq!(csv_cell("4.33"), "4.33");
        assert_eq!(csv_cell(""), "");
    }
}
