//! The Templates page's query, shared by both sides: the kind open in the editor and, while the
//! coordinator edits, the subject and body as typed (the preview is written from them).

use serde::{Deserialize, Serialize};

/// `/templates?kind=invitation&subject=…&body=…`: every field text as a form sends it; an
/// empty subject or body means "the template as saved".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplatesQuery {
    pub kind: String,
    pub subject: String,
    pub body: String,
}
