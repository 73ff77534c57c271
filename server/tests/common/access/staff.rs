//! Rows of the authorization matrix: a program's staff managed (a role changed, a member
//! deactivated and reactivated, a new set-password link) and the staff import (its screen, the
//! upload, the import of the program's previewed file and its discard), and what the world holds
//! for them: a deactivated interviewer of Alpha (`dee`) and a staff file waiting in Alpha under
//! [`TOKEN`]. The rows naming a member name Alpha's, so only Alpha's coordinators succeed.

use super::*;
use crate::common::world::World;
use app::auth::domain::Role;
use app::ids::UserId;

/// The token of the staff file waiting in Alpha.
pub const TOKEN: &str = "alpha-staff-import-token";
const UPLOAD: &str = "/api/import-staff-upload";

pub(super) const ROWS: &[Access] = &[
    row(
        "/api/change-staff-role",
        "POST",
        "Change the role of a member of this program (up to one's own rank; the last active director keeps theirs)",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/deactivate-staff",
        "POST",
        "Deactivate a member of this program: login sessions and push streams ended, taken off the coming days' rooms",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/reactivate-staff",
        "POST",
        "Reactivate a deactivated member of this program",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/send-password-link",
        "POST",
        "E-mail a member of this program a new set-password link",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/import-staff-page",
        "POST",
        "The staff import screen: the upload form, the program's file in preview, or what the last import did",
        false,
        COORDINATORS,
    ),
    row(
        UPLOAD,
        "POST",
        "Read a CSV file of staff (name, e-mail, role) into the program's preview (multipart; size limited)",
        true,
        COORDINATORS,
    ),
    row(
        "/api/import-staff-confirm",
        "POST",
        "Import the program's previewed staff file: every row to add in one transaction, or none",
        true,
        COORDINATORS_HERE,
    ),
    row(
        "/api/import-staff-discard",
        "POST",
        "Discard the program's previewed staff file",
        true,
        COORDINATORS_HERE,
    ),
];

/// A small staff file.
pub const CSV: &str = "Name,Email,Role\r\nIra Import,ira.import@alpha.test,Interviewer\r\n";

/// The upload as a multipart body (`None` for every other row).
pub fn multipart(path: &str) -> Option<(String, Vec<u8>)> {
    (path == UPLOAD)
        .then(|| super::files::multipart_body(&[], &[("file", "staff.csv", CSV.as_bytes())]))
}

/// The valid arguments of the rows (the upload's file is added by [`multipart`]).
pub fn args(w: &World, path: &str) -> Option<Vec<(&'static str, String)>> {
    let ivan = w.ivan.to_string();
    Some(match path {
        "/api/change-staff-role" => vec![("user_id", ivan), ("role", "coordinator".into())],
        "/api/deactivate-staff" | "/api/send-password-link" => vec![("user_id", ivan)],
        "/api/reactivate-staff" => vec![("user_id", w.dee.to_string())],
        "/api/import-staff-page" | UPLOAD => vec![],
        "/api/import-staff-confirm" | "/api/import-staff-discard" => {
            vec![("token", TOKEN.to_string())]
        }
        _ => return None,
    })
}

/// A deactivated interviewer of Alpha (returned) and a staff file waiting in Alpha, uploaded
/// by its coordinator.
pub async fn prepare(w: &World) -> UserId {
    use app::upload::kept::{KeptFile as StoredStaffImport, Shelf};
    let repo = &w.app.state.repo;
    let cora = repo
        .user_by_email(repo.pool(), "cora@alpha.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    let waiting = StoredStaffImport {
        token: TOKEN.into(),
        file_name: "staff.csv".into(),
        encoding: "utf-8".into(),
        content: CSV.into(),
        created_at: app::db::now_ms(),
        outcome: None,
    };
    repo.keep_file(Shelf::Staff, w.alpha, cora, &waiting, 0)
        .await
        .unwrap();
    let mut tx = repo.begin_write().await.unwrap();
    let dee = repo
        .ensure_user(&mut tx, "dee@alpha.test", "Dee Deactivated")
        .await
        .unwrap();
    repo.add_membership(&mut tx, w.alpha, dee, Role::Interviewer)
        .await
        .unwrap();
    repo.set_member_deactivated(&mut tx, w.alpha, dee, true)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    dee
}
