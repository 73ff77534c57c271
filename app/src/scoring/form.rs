//! A scoring form as a coordinator writes it, read into what is stored: its name, the scale its
//! final scores are shown on, whether it asks for an overall comment, and its criteria (name,
//! description, scale, weight, required or optional, and what a score looks like per value).

use crate::ids::ScoringFormId;
use serde::{Deserialize, Serialize};

/// One criterion as typed in the form editor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The scale, "1" to "5" unless changed.
    #[serde(default)]
    pub min: String,
    #[serde(default)]
    pub max: String,
    /// "1" unless changed; decimals allowed ("1.5").
    #[serde(default)]
    pub weight: String,
    #[serde(default)]
    pub optional: bool,
    /// One line per value: "5: Clear and concise, checks understanding".
    #[serde(default)]
    pub anchors: String,
}

/// The form editor's fields (`form[name]`, `form[criteria][0][name]`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormInput {
    /// The form being edited (`None`: a new one).
    #[serde(default)]
    pub id: Option<ScoringFormId>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub display_min: String,
    #[serde(default)]
    pub display_max: String,
    #[serde(default)]
    pub no_comment: bool,
    #[serde(default)]
    pub criteria: Vec<CriterionInput>,
}

/// A criterion ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionSpec {
    pub name: String,
    pub description: String,
    pub min: i32,
    pub max: i32,
    /// Thousandths: 1000 is a weight of 1.
    pub weight_milli: i64,
    pub required: bool,
    /// (value, what it looks like), by value.
    pub anchors: Vec<(i32, String)>,
}

/// A form ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSpec {
    pub name: String,
    pub display_min: i32,
    pub display_max: i32,
    pub overall_comment: bool,
    pub criteria: Vec<CriterionSpec>,
}

/// The most criteria a form holds, and the longest texts.
pub const MAX_CRITERIA: usize = 30;
const MAX_NAME: usize = 120;
const MAX_TEXT: usize = 2000;

/// A mistake in the form: the field it is about (`name`, `display`, `criteria`) and what to do.
pub type Mistake = (&'static str, String);

fn int_or(text: &str, default: i32) -> Option<i32> {
    let t = text.trim();
    if t.is_empty() {
        Some(default)
    } else {
        t.parse().ok()
    }
}

/// A weight typed as "1", "1.5" or "0.25", in thousandths.
fn weight_milli(text: &str) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() {
        return Some(1000);
    }
    let w: f64 = t.parse().ok()?;
    (w.is_finite() && w > 0.0 && w <= 100.0).then(|| (w * 1000.0).round() as i64)
}

/// "5: text" lines into (value, text), each value on the scale and given once.
fn anchors(text: &str, min: i32, max: i32, label: &str) -> Result<Vec<(i32, String)>, String> {
    let mut out: Vec<(i32, String)> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (value, what) = line
            .split_once([':', '='])
            .ok_or_else(|| format!("{label}: write each anchor as “5: what a 5 looks like”."))?;
        let value: i32 = value
            .trim()
            .parse()
            .map_err(|_| format!("{label}: an anchor starts with a score, as in “5: …”."))?;
        if value < min || value > max {
            return Err(format!(
                "{label}: the anchor for {value} is off the scale ({min} to {max})."
            ));
        }
        if out.iter().any(|(v, _)| *v == value) {
            return Err(format!("{label}: {value} has two anchors."));
        }
        out.push((value, what.trim().chars().take(MAX_TEXT).collect()));
    }
    out.sort_by_key(|(v, _)| *v);
    Ok(out)
}

/// Reads the editor's fields, or says the first mistake and where it is.
pub fn validate(input: &FormInput) -> Result<FormSpec, Mistake> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(("name", "Name the form.".into()));
    }
    if name.chars().count() > MAX_NAME {
        return Err((
            "name",
            format!("Keep the name under {MAX_NAME} characters."),
        ));
    }
    if let Some(why) = crate::text::refusal_of_lines(name) {
        return Err(("name", why.to_string()));
    }
    let (display_min, display_max) =
        match (int_or(&input.display_min, 1), int_or(&input.display_max, 5)) {
            (Some(a), Some(b)) if a < b => (a, b),
            _ => {
                return Err((
                    "display_max",
                    "Show scores on a scale whose lowest number is below its highest, as 1 to 5."
                        .into(),
                ))
            }
        };
    let typed: Vec<&CriterionInput> = input
        .criteria
        .iter()
        .filter(|c| !(c.name.trim().is_empty() && c.description.trim().is_empty()))
        .collect();
    if typed.is_empty() {
        return Err(("criteria", "Add at least one criterion.".into()));
    }
    if typed.len() > MAX_CRITERIA {
        return Err((
            "criteria",
            format!("A form holds up to {MAX_CRITERIA} criteria."),
        ));
    }
    let mut criteria = Vec::with_capacity(typed.len());
    for (i, c) in typed.iter().enumerate() {
        let label = format!("Criterion {}", i + 1);
        let cname = c.name.trim();
        if cname.is_empty() {
            return Err(("criteria", format!("{label}: give it a name.")));
        }
        if cname.chars().count() > MAX_NAME {
            return Err(("criteria", format!("{label}: keep the name short.")));
        }
        if let Some(why) = [c.name.as_str(), &c.description, &c.anchors]
            .into_iter()
            .find_map(crate::text::refusal_of_lines)
        {
            return Err(("criteria", format!("{label}: {why}")));
        }
        let (min, max) = match (int_or(&c.min, 1), int_or(&c.max, 5)) {
            (Some(a), Some(b)) if a < b && b - a <= 100 => (a, b),
            _ => {
                return Err((
                    "criteria",
                    format!("{cname}: the lowest score must be a whole number below the highest (at most 100 apart)."),
                ))
            }
        };
        let weight = weight_milli(&c.weight).ok_or((
            "criteria",
            format!("{cname}: the weight is a number above 0, such as 1 or 1.5."),
        ))?;
        let anchors = anchors(&c.anchors, min, max, cname).map_err(|m| ("criteria", m))?;
        criteria.push(CriterionSpec {
            name: cname.to_string(),
            description: c.description.trim().chars().take(MAX_TEXT).collect(),
            min,
            max,
            weight_milli: weight,
            required: !c.optional,
            anchors,
        });
    }
    Ok(FormSpec {
        name: name.to_string(),
        display_min,
        display_max,
        overall_comment: !input.no_comment,
        criteria,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criterion(name: &str, min: &str, max: &str, weight: &str, anchors: &str) -> CriterionInput {
        CriterionInput {
            name: name.into(),
            description: format!("How well {name}"),
            min: min.into(),
            max: max.into(),
            weight: weight.into(),
            optional: false,
            anchors: anchors.into(),
        }
    }

    #[test]
    fn a_form_reads_with_defaults_anchors_and_weights() {
        let input = FormInput {
            name: " Residency interview ".into(),
            criteria: vec![
                criterion(
                    "Communication",
                    "",
                    "",
                    "2",
                    "5: Clear, checks understanding\n1 = Hard to follow\n\n3: Adequate",
                ),
                criterion("Teamwork", "0", "10", "0.5", ""),
                CriterionInput::default(),
            ],
            ..FormInput::default()
        };
        let spec = validate(&input).unwrap();
        assert_eq!(spec.name, "Residency interview");
        assert_eq!((spec.display_min, spec.display_max), (1, 5));
        assert!(spec.overall_comment);
        assert_eq!(spec.criteria.len(), 2, "an empty row is left out");
        let c = &spec.criteria[0];
        assert_eq!(
            (c.min, c.max, c.weight_milli, c.required),
            (1, 5, 2000, true)
        );
        assert_eq!(
            c.anchors,
            vec![
                (1, "Hard to follow".to_string()),
                (3, "Adequate".to_string()),
                (5, "Clear, checks understanding".to_string())
            ]
        );
        assert_eq!(spec.criteria[1].weight_milli, 500);
        assert_eq!((spec.criteria[1].min, spec.criteria[1].max), (0, 10));
    }

    #[test]
    fn mistakes_are_said_with_their_place() {
        let base = FormInput {
            name: "Form".into(),
            criteria: vec![criterion("Communication", "1", "5", "1", "")],
            ..FormInput::default()
        };
        let with = |f: &dyn Fn(&mut FormInput)| {
            let mut i = base.clone();
            f(&mut i);
            validate(&i).unwrap_err()
        };
        assert_eq!(with(&|i| i.name = "  ".into()).0, "name");
        assert_eq!(with(&|i| i.criteria.clear()).0, "criteria");
        assert_eq!(
            with(&|i| i.criteria[0].max = "1".into()).1,
            "Communication: the lowest score must be a whole number below the highest (at most 100 apart)."
        );
        assert_eq!(
            with(&|i| i.criteria[0].weight = "-1".into()).1,
            "Communication: the weight is a number above 0, such as 1 or 1.5."
        );
        assert_eq!(
            with(&|i| i.criteria[0].anchors = "7: Superb".into()).1,
            "Communication: the anchor for 7 is off the scale (1 to 5)."
        );
        assert_eq!(
            with(&|i| i.criteria[0].anchors = "Superb".into()).1,
            "Communication: write each anchor as “5: what a 5 looks like”."
        );
        assert_eq!(
            with(&|i| {
                i.display_min = "5".into();
                i.display_max = "1".into();
            })
            .0,
            "display_max"
        );
        assert_eq!(
            with(&|i| i.criteria[0].name = String::new()).1,
            "Criterion 1: give it a name."
        );
    }
}
