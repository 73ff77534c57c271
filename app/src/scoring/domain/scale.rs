//! The scale scores are shown on (kept on 0–1, shown 1–5 unless set), and a set of scores
//! summed up: the mean or median, and the spread.

use super::*;

/// The scale a form shows scores on (1–5 unless set). Scores are kept on 0–1; this only turns
/// them into what people read.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DisplayScale {
    pub min: f64,
    pub max: f64,
}

impl Default for DisplayScale {
    fn default() -> Self {
        DisplayScale { min: 1.0, max: 5.0 }
    }
}

impl DisplayScale {
    /// A 0–1 score on this scale: `min + score × (max − min)`.
    pub fn to_display(&self, score: f64) -> f64 {
        self.min + score * (self.max - self.min)
    }

    /// A 0–1 score on this scale with two decimals, such as "4.33".
    pub fn format(&self, score: f64) -> String {
        format!("{:.2}", self.to_display(score))
    }

    /// A displayed score back on 0–1 (for a coordinator's override typed on the form's scale),
    /// clamped to 0–1. `None` when the scale is flat or the value is not a number.
    pub fn from_display(&self, shown: f64) -> Option<f64> {
        let span = self.max - self.min;
        if !shown.is_finite() || !span.is_finite() || span == 0.0 {
            return None;
        }
        Some(((shown - self.min) / span).clamp(0.0, 1.0))
    }
}

// ---------------------------------------------------------------------------------------------
// Aggregation and spread
// ---------------------------------------------------------------------------------------------

/// How an applicant's sheet scores make their final score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Aggregate {
    /// The mean over the interviewers' scores.
    #[default]
    Mean,
    /// The middle score; with an even count, the mean of the two middle ones.
    Median,
}

/// The mean or median of some scores; `None` for none.
pub fn aggregate(values: &[f64], how: Aggregate) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Some(aggregate_sorted(&sorted, how))
}

/// [`aggregate`] over scores already sorted ascending and not empty. Summing in sorted order
/// makes the result independent of the order the rows came in.
pub(super) fn aggregate_sorted(sorted: &[f64], how: Aggregate) -> f64 {
    match how {
        Aggregate::Mean => mean_of(sorted),
        Aggregate::Median => {
            let mid = sorted.len() / 2;
            if sorted.len() % 2 == 1 {
                sorted[mid]
            } else {
                (sorted[mid - 1] + sorted[mid]) / 2.0
            }
        }
    }
}

fn mean_of(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// A set of scores summed up: how many, their mean and their population standard deviation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    pub count: usize,
    pub mean: f64,
    /// The population standard deviation, `√(Σ(x − mean)² / n)`: the scores are the whole
    /// season, not a sample of it, so it divides by n, not n − 1.
    pub sd: f64,
}

impl Spread {
    /// `None` for no scores.
    pub fn of(values: &[f64]) -> Option<Spread> {
        if values.is_empty() {
            return None;
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Some(Spread::of_sorted(&sorted))
    }

    /// Two passes (mean, then squared distances) over scores sorted ascending and not empty.
    pub(super) fn of_sorted(sorted: &[f64]) -> Spread {
        let mean = mean_of(sorted);
        let variance =
            sorted.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / sorted.len() as f64;
        Spread {
            count: sorted.len(),
            mean,
            sd: variance.max(0.0).sqrt(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::domain::fixtures::*;

    #[test]
    fn the_display_scale_converts_both_ways() {
        let default = DisplayScale::default();
        assert_eq!(default.to_display(0.0), 1.0);
        assert_eq!(default.to_display(1.0), 5.0);
        assert_eq!(default.format(0.5), "3.00");
        let ten = DisplayScale {
            min: 0.0,
            max: 10.0,
        };
        assert_eq!(ten.format(0.8333333), "8.33");
        assert_eq!(ten.from_display(7.5), Some(0.75));
        assert_eq!(ten.from_display(12.0), Some(1.0));
        assert_eq!(ten.from_display(f64::NAN), None);
        assert_eq!(DisplayScale { min: 3.0, max: 3.0 }.from_display(3.0), None);
    }

    // Rule 3: the final score.

    #[test]
    fn mean_and_median() {
        assert_eq!(aggregate(&[], Aggregate::Mean), None);
        assert_eq!(aggregate(&[], Aggregate::Median), None);
        assert!(close(
            aggregate(&[0.2, 0.9, 0.4], Aggregate::Mean).unwrap_or(-1.0),
            0.5
        ));
        assert_eq!(aggregate(&[0.2, 0.9, 0.4], Aggregate::Median), Some(0.4));
        // Even count: the mean of the two middle ones.
        let even = aggregate(&[0.9, 0.1, 0.6, 0.2], Aggregate::Median).unwrap_or(-1.0);
        assert!(close(even, 0.4));
    }
}
