//! A program's pages: the overview (where staff land), the staff page and the settings.

mod overview;
mod settings;
mod staff;

pub use overview::OverviewPage;
pub use settings::SettingsPage;
pub use staff::StaffPage;
