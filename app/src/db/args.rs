//! Values of a query built from a filter: each condition added pushes its value and names its
//! placeholder (`$n`), and the values are bound in that order. The applicant list and the
//! Communications page build their `WHERE` this way (every value bound, none written into the
//! text).

use sqlx::any::{Any, AnyArguments};
use sqlx::query::QueryAs;

/// A value bound to a built query's next placeholder.
pub enum Arg {
    Int(i64),
    Text(String),
}

/// The values of a built query, numbered from `$1`.
#[derive(Default)]
pub struct Args(Vec<Arg>);

impl Args {
    /// Adds a value; its placeholder's number.
    pub fn push(&mut self, a: Arg) -> usize {
        self.0.push(a);
        self.0.len()
    }

    /// `query` with every value bound, in order.
    pub fn bind<'q, O>(
        &'q self,
        mut query: QueryAs<'q, Any, O, AnyArguments<'q>>,
    ) -> QueryAs<'q, Any, O, AnyArguments<'q>> {
        for a in &self.0 {
            query = match a {
                Arg::Int(i) => query.bind(*i),
                Arg::Text(t) => query.bind(t.as_str()),
            };
        }
        query
    }
}
