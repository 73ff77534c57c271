//! A program's pages: the overview (where staff land), the staff page and the settings.

mod overview;
mod settings;

pub use crate::programs::staff::components::{StaffImportPage, StaffPage};
pub use overview::OverviewPage;
pub use settings::SettingsPage;
